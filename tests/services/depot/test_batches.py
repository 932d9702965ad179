"""Cylinders by the batch with a delivery note: empties to the filling plant and back full (never an
overdue one for filling), batches to the inspection station and back (passed with the new date,
or scrapped), scrapping; a customer's own in custody against a slip (series K) and handed back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from accounts_support import refused
from depot_support import Depot, key
from printing_support import pdf_text

from gasdesk.services.cashier import verify
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.depot import batches, custody, cylinders, dates, movements, stock
from gasdesk.services.depot.exchange import ExchangeRefused

TODAY = date.today()


def states(depot: Depot, *serials: str) -> list[str]:
    with depot.db.read() as s:
        return [cylinders.get(s, x).state for x in serials]


def test_empties_go_to_the_plant_and_come_back_full_on_the_days_sheet(depot: Depot) -> None:
    depot.cylinders("E-01~03", inspected="2025-06-01", state="empty")
    with depot.db.write() as s:
        sent = batches.send_to_plant(s, depot.keeper, ["E-01~03"], document="CZ-2026-118", key=key())
    assert (sent.kind, sent.document, sent.serials) == ("to_plant", "CZ-2026-118", ["E-01", "E-02", "E-03"])
    assert states(depot, "E-01", "E-03") == ["at_plant", "at_plant"]
    k = key()
    with depot.db.write() as s:
        back = batches.receive_from_plant(s, depot.keeper, ["e-01", "E-02"], document="CZ-2026-118", key=k)
    with depot.db.write() as s:  # a retried submit: the same batch, nothing moved twice
        again = batches.receive_from_plant(s, depot.keeper, ["E-01", "E-02"], document="CZ-2026-118", key=k)
    assert (back.serials, again.serials, again.replayed) == (["E-01", "E-02"], ["E-01", "E-02"], True)
    assert states(depot, "E-01", "E-02", "E-03") == ["full", "full", "at_plant"]
    with depot.db.read() as s:
        rows = {(r.size, r.state): r for r in stock.day_sheet(s, depot.keeper).rows}
        assert movements.register_differences(s) == []
    assert (rows[("YSP35.5", "full")].received, rows[("YSP35.5", "full")].closing) == (2, 2)
    assert (rows[("YSP35.5", "at_plant")].received, rows[("YSP35.5", "at_plant")].issued) == (3, 2)


def test_an_overdue_empty_is_not_sent_for_filling_and_the_batch_stays(depot: Depot) -> None:
    depot.cylinders("E-01", inspected="2025-06-01", state="empty")
    depot.cylinders("OLD-01", made="2015-01-01", inspected="2020-01-01", state="empty")  # due 2024, life over 2023
    depot.cylinders("F-01", inspected="2025-06-01")
    exc = refused(depot.db, lambda s: batches.send_to_plant(s, depot.keeper, ["E-01", "OLD-01", "F-01", "NO-99"],
                                                            document="CZ-1", key=key()), ExchangeRefused)
    assert [(r.serial, r.reasons) for r in exc.refusals] == [
        ("OLD-01", ["inspection_overdue", "life_over"]), ("F-01", ["not_empty"]), ("NO-99", ["unregistered"])]
    assert "超过检验期" in exc.zh and "不是空瓶在库" in exc.zh
    assert states(depot, "E-01") == ["empty"]
    no_note = refused(depot.db, lambda s: batches.send_to_plant(s, depot.keeper, ["E-01"], document=" ",
                                                                key=key()), ValidationError)
    assert no_note.field == "document" and "交接单号" in no_note.zh


def test_an_inspection_batch_comes_back_passed_with_its_new_date_or_scrapped(depot: Depot) -> None:
    owner = depot.customer()
    depot.cylinders("E-01~02", inspected="2023-01-01", state="empty")
    depot.cylinders("OWN-01", inspected="2023-01-01", owner=owner.number)
    with depot.db.write() as s:
        custody.take(s, depot.keeper, owner.number, ["OWN-01"], key=key())
        batches.send_to_inspection(s, depot.keeper, ["E-01~02", "OWN-01"], document="JY-7", key=key())
    assert states(depot, "E-01", "OWN-01") == ["at_inspection", "at_inspection"]
    inspected = TODAY - timedelta(days=2)
    with depot.db.write() as s:
        passed = batches.receive_inspected(s, depot.keeper, ["E-01", "OWN-01"], passed=True, document="JY-7",
                                           inspected_on=inspected.isoformat(), key=key())
        failed = batches.receive_inspected(s, depot.keeper, ["E-02"], passed=False, document="JY-7", key=key())
    assert (passed.scrapped, failed.scrapped) == ([], ["E-02"])
    assert states(depot, "E-01", "OWN-01", "E-02") == ["empty", "in_custody", "scrapped"]
    with depot.db.read() as s:
        c = cylinders.get(s, "E-01")
        assert (c.last_inspected_on, c.next_due_on) == (inspected, dates.add_years(inspected, 4))
    later = refused(depot.db, lambda s: batches.receive_inspected(s, depot.keeper, ["E-01"], passed=True,
                                                                  document="JY-7", key=key()), ExchangeRefused)
    assert later.refusals[0].reasons == ["not_at_inspection"]


def test_a_cylinder_past_its_life_does_not_pass_inspection_and_is_scrapped(depot: Depot) -> None:
    depot.cylinders("OLD-01", made="2015-01-01", inspected="2020-01-01", state="empty")
    with depot.db.write() as s:
        batches.send_to_inspection(s, depot.keeper, ["OLD-01"], document="JY-8", key=key())
    exc = refused(depot.db, lambda s: batches.receive_inspected(s, depot.keeper, ["OLD-01"], passed=True,
                                                                document="JY-8", key=key()), ExchangeRefused)
    assert exc.refusals[0].reasons == ["life_over"]
    future = refused(depot.db, lambda s: batches.receive_inspected(
        s, depot.keeper, ["OLD-01"], passed=False, document="JY-8", key=key(),
        inspected_on=(TODAY + timedelta(days=1)).isoformat()), ValidationError)
    assert future.field == "inspected_on"
    with depot.db.write() as s:
        batches.receive_inspected(s, depot.keeper, ["OLD-01"], passed=False, document="JY-8", key=key())
    assert states(depot, "OLD-01") == ["scrapped"]


def test_scrapping_takes_company_cylinders_in_stock_out_of_use(depot: Depot) -> None:
    owner = depot.customer()
    depot.cylinders("E-01", made="2015-01-01", inspected="2020-01-01", state="empty")
    depot.cylinders("OWN-01", owner=owner.number)
    exc = refused(depot.db, lambda s: batches.scrap(s, depot.keeper, ["OWN-01"], document="BF-1", reason="锈蚀",
                                                    key=key()), ExchangeRefused)
    assert exc.refusals[0].reasons == ["not_in_stock", "other_owner"]
    assert refused(depot.db, lambda s: batches.scrap(s, depot.keeper, ["E-01"], document="BF-1", reason=" ",
                                                     key=key()), ValidationError).field == "reason"
    with depot.db.write() as s:
        done = batches.scrap(s, depot.keeper, ["E-01"], document="BF-1", reason="超过设计使用年限", key=key())
        assert movements.register_differences(s) == []
    assert (done.scrapped, states(depot, "E-01")) == (["E-01"], ["scrapped"])


def test_a_customers_own_cylinders_are_kept_against_a_slip_and_handed_back_once(depot: Depot) -> None:
    owner, other = depot.customer(), depot.customer("李四", born="19900101", phone="13700000000")
    depot.cylinders("OWN-01~02", owner=owner.number)
    depot.cylinders("THEIRS-1", owner=other.number)
    exc = refused(depot.db, lambda s: custody.take(s, depot.keeper, owner.number, ["OWN-01", "THEIRS-1"], key=key()),
                  ExchangeRefused)
    assert [(r.serial, r.reasons) for r in exc.refusals] == [("THEIRS-1", ["not_own"])]
    with depot.db.write() as s:
        slip = custody.take(s, depot.keeper, owner.number, ["own-01", "OWN-02"], key=key())
        second = custody.take(s, depot.keeper, other.number, ["THEIRS-1"], key=key())
    assert (slip.slip_number, slip.serials, second.slip_number) == ("D01-K-0000001", ["OWN-01", "OWN-02"],
                                                                    "D01-K-0000002")
    assert states(depot, "OWN-01", "OWN-02") == ["in_custody", "in_custody"]
    with depot.db.write() as s:
        batches.send_to_inspection(s, depot.keeper, ["OWN-02"], document="JY-9", key=key())
    away = refused(depot.db, lambda s: custody.hand_back(s, depot.keeper, slip.slip_number, key=key()),
                   ExchangeRefused)
    assert away.refusals[0].serial == "OWN-02" and "不在代存" in away.zh
    with depot.db.write() as s:
        batches.receive_inspected(s, depot.keeper, ["OWN-02"], passed=False, document="JY-9", key=key())
        back = custody.hand_back(s, depot.keeper, "d01-k-0000001", key=key())
    assert (back.serials, back.kept) == (["OWN-01"], ["OWN-02"])  # the scrapped one stays with the depot
    with depot.db.read() as s:
        c = cylinders.get(s, "OWN-01")
        assert (c.state, c.holder_id) == ("with_customer", owner.id)
        assert verify.findings(s)[1] == []  # series K gap-free
    assert "已经发还" in refused(depot.db, lambda s: custody.hand_back(s, depot.keeper, "D01-K-0000001", key=key()),
                                Conflict).zh
    assert "D01-K-0000009" in refused(depot.db, lambda s: custody.hand_back(s, depot.keeper, "D01-K-0000009",
                                                                             key=key())).zh
    with depot.db.write() as s:
        _job, pdf = custody.render_slip(s, depot.keeper, "D01-K-0000001")
    text = pdf_text(pdf)
    assert "顾客钢瓶代存单" in text and "OWN-01" in text and "王*" in text and "已于" in text


@pytest.mark.parametrize("serials", [[], ["   "]])
def test_a_batch_without_cylinders_is_refused_in_words(depot: Depot, serials: list[str]) -> None:
    exc = refused(depot.db, lambda s: batches.send_to_inspection(s, depot.keeper, serials, document="JY-1",
                                                                 key=key()))
    assert "钢印号" in exc.zh
