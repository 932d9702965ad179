"""The depot's stock sheet (库存表) with the cylinders it must not hand out marked, the physical
count (盘点) with its differences recorded and explained, the inspection reminders with the
customers' phones, and the hand-out margin as a setting."""

from __future__ import annotations

from datetime import date, timedelta

from accounts_support import refused
from depot_support import Depot, key
from printing_support import pdf_text
from sqlalchemy import select
from test_exchange import lend

from gasdesk.models import StockCountLine
from gasdesk.services.core import settings
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.depot import batches, cylinders, dates, inventory

TODAY = date.today()


def inspected_for(due: date) -> str:
    """The last inspection that makes a 4-year cylinder fall due on ``due``."""
    return dates.add_years(due, -4).isoformat()


def test_the_stock_sheet_counts_each_size_and_state_and_marks_the_unfit(depot: Depot) -> None:
    depot.cylinders("F-01~03", inspected="2025-06-01")
    depot.cylinders("E-01", inspected="2025-06-01", state="empty")
    depot.cylinders("OLD-01", made="2015-01-01", inspected="2020-01-01", state="empty")
    depot.cylinders("SOON-1", inspected=inspected_for(TODAY + timedelta(days=10)))
    depot.cylinders("S12-01", size="YSP12", inspected="2025-06-01")
    with depot.db.write() as s:
        batches.send_to_plant(s, depot.keeper, ["E-01"], document="CZ-1", key=key())  # away: not in stock
        listed = inventory.stock_list(s, depot.keeper)
        _sheet, pdf = inventory.stock_list_pdf(s, depot.keeper)
    assert listed.totals() == [("YSP12", "full", 1), ("YSP35.5", "empty", 1), ("YSP35.5", "full", 4)]
    notes = {i.serial: i.note for i in listed.items}
    assert (notes["OLD-01"], notes["SOON-1"], notes["F-01"]) == ("超设计年限", "即将到检", "")
    assert "E-01" not in notes
    text = pdf_text(pdf)
    assert "钢瓶库存表" in text and "在库共 6 只" in text and "OLD-01" in text and "满瓶在库" in text


def test_a_count_that_matches_needs_no_words_and_one_that_differs_is_explained(depot: Depot) -> None:
    depot.cylinders("F-01~03", inspected="2025-06-01")
    customer = depot.customer()
    depot.cylinders("OUT-1", inspected="2025-06-01")
    lend(depot, "OUT-1", customer.id)
    with depot.db.write() as s:
        exact = inventory.count(s, depot.keeper, ["F-01", "f-02", "F-03", "F-03"], key=key())
    assert (exact.expected, exact.counted, exact.differences) == (3, 3, [])
    scanned = ["F-01", "F-02", "OUT-1", "ZZ-404"]  # F-03 not found; OUT-1 is with a customer; ZZ-404 unknown
    exc = refused(depot.db, lambda s: inventory.count(s, depot.keeper, scanned, key=key()), ValidationError)
    assert exc.field == "explanation" and "少 1 只，多 2 只" in exc.zh
    with depot.db.write() as s:
        done = inventory.count(s, depot.keeper, scanned, key=key(), explanation="F-03 借给城西点，未登记调拨")
    assert done.json()["missing"] == ["F-03"]
    assert done.json()["extra"] == [{"serial": "OUT-1", "state": "with_customer"}, {"serial": "ZZ-404", "state": None}]
    with depot.db.read() as s:
        lines = [(li.serial, li.difference, li.state) for li in s.scalars(select(StockCountLine))]
    assert lines == [("F-03", "missing", "full"), ("OUT-1", "extra", "with_customer"), ("ZZ-404", "extra", "")]
    assert "还没有" in refused(depot.db, lambda s: inventory.count(s, depot.keeper, [" "], key=key())).zh


def test_reminders_list_what_falls_due_with_the_holders_phones(depot: Depot) -> None:
    customer = depot.customer(phone="13912345678")
    depot.cylinders("DUE-10", inspected=inspected_for(TODAY + timedelta(days=10)), owner=customer.number)
    depot.cylinders("DUE-40", inspected=inspected_for(TODAY + timedelta(days=40)))
    depot.cylinders("STOCK-5", inspected=inspected_for(TODAY + timedelta(days=5)))
    with depot.db.write() as s:
        _start, _through, rows = inventory.reminders(s, depot.keeper, 30)
        wider = inventory.reminders(s, depot.keeper, 60)[2]
        _rows, pdf = inventory.reminders_pdf(s, depot.keeper, 30)
    assert [(r.serial, r.customer, r.phone) for r in rows] == [("STOCK-5", None, ""),
                                                               ("DUE-10", customer.number, "13912345678")]
    assert [r.serial for r in wider] == ["STOCK-5", "DUE-10", "DUE-40"]
    assert "钢瓶到检提醒" in pdf_text(pdf) and "13912345678" in pdf_text(pdf)
    assert refused(depot.db, lambda s: inventory.reminders(s, depot.keeper, 0)).field == "days"


def test_the_hand_out_margin_is_a_setting(depot: Depot) -> None:
    depot.cylinders("DUE-45", inspected=inspected_for(TODAY + timedelta(days=45)))
    with depot.db.read() as s:
        assert cylinders.check(s, depot.keeper, "DUE-45").may_hand_out
    with depot.db.write() as s:
        settings.set_value(s, depot.office.admin, "depot_due_soon_days", "60")
    with depot.db.read() as s:
        view = cylinders.check(s, depot.keeper, "DUE-45")
        assert (view.may_hand_out, view.reasons) == (False, ["inspection_due_soon"])
        assert cylinders.listing(s, depot.keeper)[0].reasons == ["inspection_due_soon"]
