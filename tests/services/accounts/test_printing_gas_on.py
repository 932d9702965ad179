"""The gas-on sign-off sheet: what it says, what it hides, reprints and who may print it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from accounts_support import FEES, STEP, Office, key
from printing_support import pdf_pages, pdf_text
from sqlalchemy import func, select

from gasdesk.models import AuditEntry
from gasdesk.models.users import Role
from gasdesk.services.accounts import gas_on_days, gas_on_sheet, opening, records
from gasdesk.services.accounts.gas_on_sheet import gas_on_sheet_pdf
from gasdesk.services.core import settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import PermissionDenied
from gasdesk.services.printing import jobs

NAMES = ["刘一", "陈二", "张三", "李四"]


@pytest.fixture
def event(office: Office) -> int:
    """Four installed households on a planned day: one done, one absent, one refused, one pending."""
    ids = [office.account_at("installed", name=n) for n in NAMES]
    with office.db.write() as s:
        settings.set_value(s, office.admin, "office_name", "城东燃气营业厅")
        ev = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 2, 1),
                               installer_team="安装一队")
        gas_on_days.mark(s, office.clerk, ev.id, ids[0], "done", serial="GM900001", initial_reading=Decimal("0.000"))
        gas_on_days.mark(s, office.clerk, ev.id, ids[1], "absent", note="家中无人")
        gas_on_days.mark(s, office.clerk, ev.id, ids[2], "refused", note="装修未完")
    return ev.id


def sheet(office: Office, actor: Actor, event_id: int, **kw: object) -> bytes:
    with office.db.write() as s:
        return gas_on_sheet_pdf(s, actor, event_id, **kw)


def reprints(office: Office) -> int:
    with office.db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "print.reprint"))


def test_sheet_names_the_day_and_lists_every_household(office: Office, event: int) -> None:
    text = pdf_text(sheet(office, office.clerk, event, invariant=True))
    assert "城东燃气营业厅" in text
    assert "点火通气签收单" in text
    assert "小区：阳光花园（城东片区）" in text
    assert "计划通气日期：2026年02月01日" in text
    assert "安装队：安装一队" in text
    assert "共 4 户：已通气 1，不在家 1，拒绝 1，待通气 1" in text
    for header in ("序号", "户号", "户主", "地址", "电话", "表号", "结果", "用户签字"):
        assert header in text
    for name in NAMES:
        assert text.count(name) == 1
    assert "阳光花园 3栋2单元101" in text
    assert "GM900001" in text
    joined = text.replace("\r\n", "")  # a long result wraps inside its cell
    assert "已通气" in text and "不在家（家中无人）" in joined and "拒绝（装修未完）" in joined
    # A pending household's result is left blank for the installer: "待通气" only in the summary.
    assert text.count("待通气") == 1
    assert "安装队负责人（签字）" in text and "物业管理处（签字/盖章）" in text
    assert "燃气公司经办人（签字）" in text and "日期：" in text
    assert "第 1 页" in text
    assert "副本" not in text


def test_phones_are_masked_on_the_sheet(office: Office, event: int) -> None:
    text = pdf_text(sheet(office, office.clerk, event))
    assert text.count("138****5678") == 4
    assert "13812345678" not in text


def test_signature_rows_are_tall_so_a_long_list_runs_over_pages_with_numbers(office: Office) -> None:
    for i in range(24):
        office.account_at("installed", name=f"用户{i}")
    with office.db.write() as s:
        ev = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 3, 1))
    pages = pdf_pages(sheet(office, office.clerk, ev.id))
    # 12 mm a row: about 20 rows a page on A4, so 24 households take two pages.
    assert len(pages) == 2
    assert "第 2 页" in pages[1]
    assert "序号" in pages[1]  # the header repeats
    assert "安装队负责人（签字）" in pages[1]
    assert "安装队：________" in pages[0]  # no team yet: a blank to fill in


def test_same_sheet_twice_is_byte_identical_in_invariant_mode(office: Office, event: int) -> None:
    assert sheet(office, office.clerk, event, invariant=True) == sheet(office, office.clerk, event, invariant=True)


def test_reprint_is_marked_as_copy_and_audited(office: Office, event: int) -> None:
    first = sheet(office, office.clerk, event)
    assert reprints(office) == 0
    copy = sheet(office, office.supervisor, event, copy=True)
    assert "副本" not in pdf_text(first)
    assert all("副本 COPY" in page for page in pdf_pages(copy))
    assert reprints(office) == 1
    with office.db.read() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.action == "print.reprint")).one()
    assert (row.login, row.entity, row.entity_id) == ("supervisor", "gas_on_event", str(event))
    assert '"document": "gas_on_sheet"' in (row.after or "")


def test_reader_may_print_the_sheet(office: Office, event: int) -> None:
    assert pdf_text(sheet(office, office.reader, event)).count("阳光花园 3栋2单元") == 4


@pytest.mark.parametrize("role", [Role.DEPOT, Role.ADMIN])
def test_roles_without_the_right_are_refused(office: Office, event: int, actors: dict[Role, Actor],
                                              role: Role) -> None:
    with pytest.raises(PermissionDenied) as info, office.db.write() as s:
        gas_on_sheet_pdf(s, actors[role], event, copy=True)
    assert "查看用户档案" in info.value.zh
    assert reprints(office) == 0


def test_the_first_print_is_the_original_and_every_later_one_a_logged_copy(office: Office, event: int) -> None:
    """Original or copy is the print jobs' call: a sheet only previewed, or failed at the printer, is
    no original; once one was printed (or saved), every later sheet is a copy with its audit row."""
    from gasdesk.models import PrintJob

    def prepare() -> gas_on_sheet.PrintedSheet:
        with office.db.write() as s:
            return gas_on_sheet.print_sign_off_sheet(s, office.clerk, event)

    def job(printed: gas_on_sheet.PrintedSheet, outcome: str) -> None:
        with office.db.write() as s:
            jobs.record_document(s, office.clerk, printed.document, target="HP LaserJet", outcome=outcome)

    previewed = prepare()
    first = prepare()  # the first was only previewed: still the original
    job(first, "failed")
    assert prepare().copy is False  # a failed print does not use the original up
    job(first, "printed")
    second = prepare()
    job(second, "printed")
    third = prepare()
    assert (previewed.copy, first.copy, second.copy, third.copy) == (False, False, True, True)
    assert first.document == jobs.Document("gas_on_sheet", str(event), False)
    assert second.document == jobs.Document("gas_on_sheet", str(event), True)
    assert "副本" not in pdf_text(first.pdf)
    assert all("副本 COPY" in page for page in pdf_pages(second.pdf))
    with office.db.read() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "gas_on_event",
                                                                 AuditEntry.action.like("print.%"))))
        outcomes = list(s.execute(select(PrintJob.outcome, PrintJob.copy).order_by(PrintJob.id)))
    assert actions == ["print.reprint", "print.reprint"]  # one per copy made
    assert [tuple(o) for o in outcomes] == [("failed", False), ("printed", False), ("printed", True)]


def test_households_are_listed_in_natural_address_order(office: Office) -> None:
    """Room 101 before 1003, building 2 before 10: numbers read as numbers, on screen and on paper."""
    c = office.clerk
    rooms = [("10", "1", "101"), ("2", "1", "1003"), ("2", "1", "101"), ("2", "1", "99"), ("2", "10", "1"),
             ("2", "2", "5")]
    for building, unit, room in rooms:
        with office.db.write() as s:
            a = opening.apply(s, c, account_type="residential", holder=office.holder(f"户{building}-{unit}-{room}"),
                               premises=records.PremisesInput(compound_id=office.compound_id, building=building,
                                                               unit=unit, room=room), applied_on=date(2026, 1, 5))
            opening.sign_contract(s, c, a.id, fees=FEES, paid=FEES.total, method="cash", idempotency_key=key(),
                                   signed_on=date(2026, 1, 6))
            for step in ("install_planned", "installed"):
                STEP[step](s, c, a.id)
    with office.db.write() as s:
        ev = gas_on_days.plan_event(s, c, office.compound_id, planned_on=date(2026, 3, 1))
        rows = gas_on_days.sign_off_rows(s, c, ev.id).rows
        marked = gas_on_days.mark(s, c, ev.id, rows[3].account_id, "absent")
    assert [r.holder_name for r in rows] == ["户2-1-99", "户2-1-101", "户2-1-1003", "户2-2-5", "户2-10-1", "户10-1-101"]
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5, 6]
    assert (marked.seq, marked.holder_name) == (4, "户2-2-5")  # its place on the whole list
    assert gas_on_days.natural_key("3A-12") == ((0, 3), (1, "A-"), (0, 12))
