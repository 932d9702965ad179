"""The demo office's bills: every demo reading billed through the billing service, under the
sample tariff, one residential price change inside the reading cycles, and tariff-year starts
inside the December–January periods; every bill recomputes the same."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gasdesk.models import Bill
from gasdesk.services.billing import verify
from gasdesk.services.demo.billing import price_change_day


def rows(s: Session, sql: str, **params: object) -> list[tuple]:
    return [tuple(r) for r in s.execute(text(sql), params)]


def test_every_billed_reading_has_one_posted_bill_or_no_use(s: Session) -> None:
    per_reading = dict(rows(s, "SELECT r.id, count(b.id) FROM readings r LEFT JOIN bills b ON b.reading_id = r.id "
                              "AND b.status = 'posted' WHERE r.status = 'billed' GROUP BY r.id"))
    assert len(per_reading) > 50_000
    assert set(per_reading.values()) == {0, 1}
    # a billed reading without a bill shows no use since the reading before it that counts
    values = {}
    for meter, rid, value in rows(s, "SELECT meter_id, id, value FROM readings WHERE value IS NOT NULL "
                                     "AND status IN ('accepted', 'billed') ORDER BY meter_id, read_on, id"):
        values[rid] = (meter, value, values.get("last", (None, None)))
        values["last"] = (meter, value)
    for rid, count in per_reading.items():
        if count == 0:
            meter, value, (last_meter, last_value) = values[rid]
            assert (last_meter, last_value) == (meter, value), rid
    # what is left unbilled: the closed accounts' final readings (their settlement charged that gas)
    # and the no-access readings (no value: the next reading covers the period)
    assert rows(s, "SELECT r.kind, a.status = 'closed', count(*) > 0 FROM readings r "
                   "JOIN accounts a ON a.id = r.account_id WHERE r.status = 'accepted' AND r.kind != 'initial' "
                   "GROUP BY 1, 2") == [("final", 1, 1), ("no_access", 0, 1)]


def test_every_bill_has_its_reading_and_its_charge(s: Session) -> None:
    assert rows(s, "SELECT count(*) FROM bills b JOIN readings r ON r.id = b.reading_id JOIN readings f "
                   "ON f.id = b.from_reading_id WHERE r.status != 'billed' OR r.meter_id != b.meter_id "
                   "OR r.account_id != b.account_id OR f.meter_id != b.meter_id OR b.period_to != r.read_on "
                   "OR b.period_from != date(f.read_on, '+1 day') OR b.status != 'posted'") == [(0,)]
    # every gas charge is one bill's, of its total, posted the day after the reading and due 15 days later
    assert rows(s, "SELECT count(*) FROM ledger_entries e LEFT JOIN bills b ON b.charge_entry_id = e.id "
                   "WHERE e.kind = 'gas_charge' AND (b.id IS NULL OR e.amount != b.total "
                   "OR e.posting_id != b.posting_id)") == [(0,)]
    assert rows(s, "SELECT count(*) FROM bills") == rows(s, "SELECT count(*) FROM ledger_entries "
                                                          "WHERE kind = 'gas_charge'")
    assert rows(s, "SELECT count(*) FROM bills b JOIN ledger_postings p ON p.id = b.posting_id "
                   "WHERE p.business_date != date(b.period_to, '+1 day') OR b.due_on != date(p.business_date, "
                   "'+15 day') OR p.idempotency_key != 'bill:' || b.reading_id OR p.action != 'billing.post' "
                   "OR p.shift_id IS NOT NULL") == [(0,)]
    # each bill is the sum of its lines, and has its audit row
    assert rows(s, "SELECT count(*) FROM bills b WHERE total != (SELECT sum(amount) FROM bill_lines "
                   "WHERE bill_id = b.id)") == [(0,)]
    assert rows(s, "SELECT count(*) FROM audit_log WHERE action = 'billing.post'") == rows(
        s, "SELECT count(*) FROM bills")


def test_prepayment_is_applied_to_the_first_bills(s: Session) -> None:
    # an account's prepayment held at signing goes to its bills until it is used up
    assert rows(s, "SELECT count(*) FROM ledger_entries e JOIN ledger_allocations x ON x.credit_entry_id = e.id "
                   "JOIN bills b ON b.charge_entry_id = x.charge_entry_id WHERE e.kind = 'prepayment_applied' "
                   "AND x.amount = -e.amount AND e.posting_id = b.posting_id")[0][0] > 2000
    assert rows(s, "SELECT count(*) FROM (SELECT account_id FROM ledger_entries WHERE bucket = 'prepayment' "
                   "GROUP BY account_id HAVING sum(amount) < 0)") == [(0,)]


def test_the_price_change_splits_bills_in_the_middle_of_cycles(s: Session) -> None:
    changed = price_change_day(date.today())
    assert changed.day == 20 and 7 <= (date.today() - changed).days // 30 <= 9
    prices = rows(s, "SELECT t.tier, t.price FROM tariff_tiers t JOIN tariff_schedules x ON x.id = t.schedule_id "
                     "WHERE x.customer_type = 'residential' AND x.effective_from = :d ORDER BY t.tier", d=changed)
    assert prices == [(1, 28200), (2, 33800), (3, 42200)]  # 2.61, 3.13, 3.91 up 8 %, ten-thousandths
    split = rows(s, "SELECT a.bill_id, a.part_to, b.part_from, a.price < b.price FROM bill_lines a "
                    "JOIN bill_lines b ON b.bill_id = a.bill_id AND b.schedule_from = :d AND a.schedule_from < :d "
                    "AND a.tier = b.tier AND b.part_from = date(a.part_to, '+1 day')", d=changed)
    assert len({bill for bill, *_ in split}) > 500
    assert {(to, start, dearer) for _b, to, start, dearer in split} == {
        (str(changed - timedelta(days=1)), str(changed), 1)}


def test_some_bills_cross_a_tariff_year_start(s: Session) -> None:
    crossing = rows(s, "SELECT a.bill_id, a.part_to, b.part_from, b.tariff_year_start FROM bill_lines a "
                       "JOIN bill_lines b ON b.bill_id = a.bill_id AND b.tariff_year_start > a.tariff_year_start "
                       "AND b.part_from = date(a.part_to, '+1 day') "
                       "JOIN bills x ON x.id = a.bill_id WHERE x.period_from > '2024-12-01'")
    assert len({bill for bill, *_ in crossing}) > 1000
    for _bill, part_to, part_from, year in crossing:
        assert part_from == year and year[5:] == "01-01" and part_to[5:] == "12-31"


def test_bills_recompute_the_same(s: Session) -> None:
    """``db check``'s recomputation (``verify.mismatches``, run whole by ``gasdesk db check``; some
    minutes on the demo's 50,000 bills) on every bill of 150 accounts drawn at random, and on every
    bill the price change splits or a tariff-year start cuts."""
    accounts = [a for (a,) in rows(s, "SELECT DISTINCT account_id FROM bills ORDER BY 1")]
    drawn = random.Random(11).sample(accounts, 150)
    cut = [b for (b,) in rows(s, "SELECT DISTINCT bill_id FROM bill_lines GROUP BY bill_id "
                                 "HAVING count(DISTINCT part_from) > 1")]
    wanted = set(cut) | set(s.scalars(select(Bill.id).where(Bill.account_id.in_(drawn))))
    checked = 0
    for bill in s.scalars(select(Bill).where(Bill.id.in_(sorted(wanted))).order_by(Bill.id)):
        stored = rows(s, "SELECT tier, part_from, part_to, volume_m3, price, amount FROM bill_lines "
                         "WHERE bill_id = :b ORDER BY id", b=bill.id)
        again = [(x.tier, str(x.part_from), str(x.part_to), x.litres, int(x.price * 10_000), int(x.amount * 100))
                 for x in verify.recompute(s, bill)]
        assert again == stored, bill.id
        checked += 1
    assert checked > 3000
