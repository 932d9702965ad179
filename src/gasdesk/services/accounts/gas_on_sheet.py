"""The gas-on sign-off sheet (点火通气签收单) the installers take to a compound on its gas-on day.

One row per household on the event's list, tall enough for the customer's signature. A
household still pending has an empty result cell: the installer writes the result by hand
and the clerk marks it in gasdesk afterwards. Phones are masked (gas_on_days.sign_off_rows does
it): the sheet leaves the office. A reprint says so on every page and is in the audit log.

Original or copy is the print jobs' call (services.printing.jobs): the first sheet printed or
saved without the mark is the original; the program records each job after it is spooled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from gasdesk.services.accounts import gas_on_days
from gasdesk.services.core import audit, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.permissions import allowed, require
from gasdesk.services.printing import jobs
from gasdesk.services.printing.document import SheetSpec, table_sheet
from gasdesk.services.printing.fonts import configured_font

TITLE = "点火通气签收单"
DOCUMENT_KIND = "gas_on_sheet"  # print jobs: the sheet of one gas-on event
COLUMNS = ("序号", "户号", "户主", "地址", "电话", "表号", "结果", "用户签字")
WIDTHS_MM = (9, 21, 17, 42, 23, 24, 20, 30)  # 186 mm: A4 portrait less 12 mm margins
ROW_HEIGHT_MM = 12  # room for a signature by hand
INVARIANT_STAMP = datetime(2000, 1, 1)  # reproducible test output: no clock on the page

FOOTER_LINES = (
    "安装队负责人（签字）：________________        物业管理处（签字/盖章）：________________",
    "燃气公司经办人（签字）：________________        日期：________年____月____日",
)


def _result(outcome: str, outcome_zh: str, note: str) -> str:
    if outcome == "pending":
        return ""  # filled in by hand on the day
    return f"{outcome_zh}（{note}）" if note else outcome_zh


def gas_on_sheet_pdf(
    session: Session, actor: Actor, event_id: int, *, copy: bool = False, invariant: bool = False,
    printed_at: datetime | None = None,
) -> bytes:
    """The sign-off sheet of one gas-on event as PDF bytes (A4 portrait).

    ``copy=True`` is a reprint: it carries the 副本 mark and writes a ``print.reprint`` audit
    row, so call it inside a write transaction. Allowed to gas_on.manage or account.view.
    """
    if not allowed(actor, "gas_on.manage"):
        require(session, actor, "account.view")
    sheet = gas_on_days.sign_off_rows(session, actor, event_id)
    ev = sheet.event
    rows = [
        (r.seq, r.number, r.holder_name, r.address, r.phone, r.meter_serial,
         _result(r.outcome, r.outcome_zh, r.note), "")
        for r in sheet.rows
    ]
    team = ev.installer_team or "________"
    spec = SheetSpec(
        title=TITLE,
        columns=COLUMNS,
        rows=rows,
        widths_mm=WIDTHS_MM,
        subtitle_lines=(
            f"小区：{ev.compound_name}（{ev.area_name}）    计划通气日期：{ev.planned_on:%Y年%m月%d日}"
            f"    安装队：{team}    计划编号：{ev.id}",
            f"共 {ev.households} 户：已通气 {ev.done}，不在家 {ev.absent}，拒绝 {ev.refused}，待通气 {ev.pending}"
            "    结果栏填写：已通气 / 不在家 / 拒绝（注明原因）",
        ),
        footer_lines=FOOTER_LINES,
        page="A4",
        office=settings.get(session, "office_name"),
        printed_by=actor.name or actor.login,
        printed_at=printed_at or (INVARIANT_STAMP if invariant else None),
        copy_mark=copy,
        row_height_mm=ROW_HEIGHT_MM,
    )
    pdf = table_sheet(spec, font=configured_font(session), invariant=invariant)
    if copy:
        audit.record(session, actor, "print.reprint", "gas_on_event", ev.id,
                     after={"document": DOCUMENT_KIND, "households": ev.households})
    return pdf


@dataclass(frozen=True)
class PrintedSheet(Changed):
    pdf: bytes
    copy: bool  # a reprint: marked 副本 on every page (and logged as print.reprint)
    document: jobs.Document  # what the print job of this PDF records (jobs.record_document)


def print_sign_off_sheet(session: Session, actor: Actor, event_id: int) -> PrintedSheet:
    """The day's sign-off sheet to preview and print: the original until one was printed or saved
    (a print job), then a copy. A copy writes its ``print.reprint`` audit row, so run it as a write;
    the program records the job itself after the spool (jobs.record_document)."""
    if not allowed(actor, "gas_on.manage"):  # as the sheet itself: the team or anyone who may view accounts
        require(session, actor, "account.view")
    gas_on_days.sign_off_rows(session, actor, event_id)  # the day exists and may be read
    document = jobs.prepare(session, DOCUMENT_KIND, event_id)
    pdf = gas_on_sheet_pdf(session, actor, event_id, copy=document.copy)  # checks the permission; logs a reprint
    return PrintedSheet(pdf, document.copy, document, changes=frozenset({Change.PRINT}))
