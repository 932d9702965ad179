"""The route sheet (抄表单) a reader takes on the round: A4 portrait, one row per stop in route order.

Each row names the account, the address, the holder (names are on a route sheet; phones are
not), the meter and its previous reading, with an empty box for the new reading (room for nine
handwritten digits) and an empty notes cell (no access, an abnormal meter). The title block says
whose route it is, when it is read and how many stops it has; the last page has the lines for
the reader's signature and the date.

One sheet is one route for one reading day (the planned day, else the day it is printed): its
first print is the original, a second print of the same day's sheet a copy (副本, logged as a
reprint), as services.printing.jobs decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from gasdesk.models import ReadingKind
from gasdesk.services.core import audit, business_day, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.permissions import require
from gasdesk.services.printing import jobs
from gasdesk.services.printing.document import INVARIANT_STAMP, Col, Sheet, Table, sheet_pdf
from gasdesk.services.printing.fonts import configured_font
from gasdesk.services.readings.stops import RouteStops, Stop, route_stops

TITLE = "抄表单"
DOCUMENT_KIND = "route_sheet"  # print jobs: one route's sheet for one reading day
# 186 mm: A4 portrait less its 12 mm margins. 本次读数 holds nine digits written by hand.
COLUMNS = (
    Col("序号", 9, "count"), Col("户号", 18), Col("地址", 35), Col("户名", 16), Col("表号", 22),
    Col("上次读数", 17, "count"), Col("上次日期", 19), Col("本次读数", 30), Col("备注", 20),
)
GAP = "\u00a0" * 6  # between a title line's parts: no-break spaces (a paragraph folds others into one)
ROW_HEIGHT_MM = 9.5  # a line to write in, or an address on two lines
NOTES = (
    "本次读数：按表盘读数填写；未入户、估抄或表有异常（停走、损坏、漏气）请在备注栏写明，异常情况当场告知用户并报告主管。",
)
FOOTER_LINES = (
    f"抄表员（签字）：________________{GAP}抄表日期：________年____月____日",
    f"复核人（签字）：________________{GAP}录入日期：________年____月____日",
)


def _volume(value: Decimal | None) -> str:
    """A reading as the dials show it: no trailing zeros (1234.5, 300)."""
    return "" if value is None else f"{value.normalize():f}"


def _previous(stop: Stop) -> str:
    text = _volume(stop.previous_value)
    return f"{text}估" if text and stop.previous_kind == ReadingKind.ESTIMATED else text


def _row(stop: Stop) -> tuple[object, ...]:
    serial = stop.meter_serial if stop.meter_id is not None else "（未装表）"
    return (stop.position, stop.account_number, stop.address, stop.holder_name, serial, _previous(stop),
            stop.previous_on, "", "")


def _sheet(office: str, printed_by: str, rows: RouteStops, read_on: date | None, copy: bool) -> Sheet:
    r = rows.route
    reader = f"{r.reader_name}（{r.reader_login}）" if r.reader_login else "未指定"
    planned = f"{GAP}计划抄表日期：{read_on:%Y年%m月%d日}" if read_on else ""
    subtitles = (
        f"抄表册：{r.code} {r.name}{GAP}抄表员：{reader}",
        f"抄表周期：{r.schedule_text('zh')}{planned}{GAP}共 {rows.total} 户",
    )
    table = Table(TITLE, [_row(s) for s in rows.stops], COLUMNS, numbered=False, row_height_mm=ROW_HEIGHT_MM)
    return Sheet(TITLE, [table], subtitle_lines=subtitles, office=office, printed_by=printed_by, page="A4",
                 notes=NOTES, footer_lines=FOOTER_LINES, copy_mark=copy)


def route_sheet_pdf(
    session: Session, actor: Actor, route_id: int, *, read_on: date | None = None, copy: bool = False,
    invariant: bool = False, printed_at: datetime | None = None,
) -> bytes:
    """The route's sheet as PDF bytes (A4 portrait), every stop in route order.

    ``read_on`` is the planned reading day the title names. ``copy=True`` is a reprint: the
    副本 mark and a ``print.reprint`` audit row, so call it inside a write transaction."""
    require(session, actor, "route.view")
    rows = route_stops(session, actor, route_id, readable_only=True)
    sheet = _sheet(settings.get(session, "office_name"), actor.name or actor.login, rows, read_on, copy)
    pdf = sheet_pdf(sheet, font=configured_font(session), invariant=invariant,
                    printed_at=printed_at or (INVARIANT_STAMP if invariant else None))
    if copy:
        audit.record(session, actor, "print.reprint", "route", route_id,
                     after={"document": DOCUMENT_KIND, "on": read_on, "accounts": rows.total})
    return pdf


@dataclass(frozen=True)
class PrintedRouteSheet(Changed):
    pdf: bytes
    copy: bool  # a second print of the same day's sheet: 副本 on every page (and a print.reprint row)
    document: jobs.Document  # what the print job of this PDF records (jobs.record_document)


def document_id(route_id: int, day: date) -> str:
    return f"{route_id}@{day.isoformat()}"


def print_route_sheet(
    session: Session, actor: Actor, route_id: int, *, read_on: date | None = None
) -> PrintedRouteSheet:
    """The sheet to preview and print: the day's original until one was printed or saved, then a
    copy. Run it as a write (a copy logs its reprint); the program records the job after the spool."""
    require(session, actor, "route.view")
    day = read_on or business_day.today(session)
    document = jobs.prepare(session, DOCUMENT_KIND, document_id(route_id, day))
    pdf = route_sheet_pdf(session, actor, route_id, read_on=read_on, copy=document.copy)
    return PrintedRouteSheet(pdf, document.copy, document, changes=frozenset({Change.PRINT}))
