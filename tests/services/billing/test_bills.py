"""Bills from readings on the ledger: posted at once, prepayment applied, estimates re-billed,
frozen, and every one recomputed the same."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from accounts_support import Office
from billing_support import bills_of, load_residential, read
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from gasdesk.models import Account, Bill, BillLine, Reading, TariffSchedule
from gasdesk.services.accounts import changes
from gasdesk.services.billing import bills, verify
from gasdesk.services.ledger import balances
from gasdesk.services.readings import decisions

D = Decimal


@pytest.fixture
def aid(office: Office) -> int:
    load_residential(office)
    return office.account_at("in_service")  # gas-on 2026-01-12 at 0, 300.00 prepaid


def test_an_accepted_reading_is_billed_at_once_and_prepayment_applied(office: Office, aid: int) -> None:
    done = read(office, aid, "12.345", date(2026, 2, 11))
    assert done.billed is not None and len(done.billed.bills) == 1
    assert bills_of(office, aid) == [(date(2026, 1, 13), date(2026, 2, 11), D("12.345"), D("32.22"), "posted")]
    with office.db.read() as s:
        b = balances(s, aid)
        assert (b.prepayment_credit, b.balance) == (D("267.78"), D("0.00"))
        assert s.scalar(select(Reading.status).where(Reading.value == D("12.345"))) == "billed"
        lines = [(x.part_from, x.part_to, x.days, x.tier, x.volume_m3, x.price, x.amount)
                 for x in s.scalars(select(BillLine))]
    assert lines == [(date(2026, 1, 13), date(2026, 2, 11), 30, 1, D("12.345"), D("2.6100"), D("32.22"))]


def test_held_readings_wait_and_are_billed_when_confirmed(office: Office, aid: int) -> None:
    for v, d in (("10", date(2026, 2, 11)), ("20", date(2026, 3, 13)), ("30", date(2026, 4, 12))):
        read(office, aid, v, d)
    spike = read(office, aid, "300", date(2026, 5, 12)).outcomes[0]
    later = read(office, aid, "310", date(2026, 6, 11)).outcomes[0]
    assert (spike.outcome, later.outcome) == ("held", "held")
    assert len(bills_of(office, aid)) == 3
    with office.db.write() as s:
        decisions.confirm(s, office.supervisor, spike.reading_id)
    got = bills_of(office, aid)[3:]
    assert [(f, t, v) for f, t, v, _a, _s in got] == [
        (date(2026, 4, 13), date(2026, 5, 12), D("270.000")), (date(2026, 5, 13), date(2026, 6, 11), D("10.000"))]
    # 30 m³ billed before in 2026: 270 more -> 300 in tier 1 (2.61); then 10 -> 310: still tier 1
    assert [a for *_x, a, _s in got] == [D("704.70"), D("26.10")]


def test_an_estimate_then_a_lower_actual_reading_is_billed_again_from_the_last_actual(
        office: Office, aid: int) -> None:
    read(office, aid, "10", date(2026, 2, 11))
    read(office, aid, "35", date(2026, 3, 13), "estimated")
    read(office, aid, "28", date(2026, 4, 12))
    assert bills_of(office, aid) == [
        (date(2026, 1, 13), date(2026, 2, 11), D("10.000"), D("26.10"), "posted"),
        (date(2026, 2, 12), date(2026, 3, 13), D("25.000"), D("65.25"), "reversed"),
        (date(2026, 2, 12), date(2026, 4, 12), D("18.000"), D("46.98"), "posted"),
    ]
    with office.db.read() as s:
        assert s.scalar(select(Reading.status).where(Reading.kind == "estimated")) == "superseded"
        b = balances(s, aid)
        assert b.prepayment_credit == D("300.00") - D("26.10") - D("46.98")


def test_no_tariff_no_bill(office: Office) -> None:
    aid = office.account_at("in_service")
    done = read(office, aid, "10", date(2026, 2, 11))
    assert done.billed is not None and done.billed.bills == () and bills_of(office, aid) == []


def test_a_reading_before_any_tariff_waits_with_its_reason(office: Office) -> None:
    load_residential(office, on=date(2026, 3, 1))
    aid = office.account_at("in_service")
    done = read(office, aid, "10", date(2026, 2, 11))
    assert done.billed is not None and done.billed.waiting and "2026-01-13 没有生效的" in done.billed.waiting[0][1]


def test_a_posted_bill_is_frozen(office: Office, aid: int) -> None:
    read(office, aid, "10", date(2026, 2, 11))
    with pytest.raises(Exception, match="frozen"), office.db.write() as s:
        s.execute(text("UPDATE bills SET total = 1"))
    with pytest.raises(Exception, match="never deleted"), office.db.write() as s:
        s.execute(text("DELETE FROM bills"))
    with pytest.raises(Exception, match="append-only"), office.db.write() as s:
        s.execute(text("UPDATE bill_lines SET amount = 1"))


def test_every_bill_is_recomputed_the_same_and_a_changed_one_is_named(office: Office, aid: int) -> None:
    for i, v in enumerate(("100", "250", "420", "600")):
        read(office, aid, v, date(2026, 2, 11) + timedelta(days=30 * i))
    with office.db.read() as s:
        assert list(verify.mismatches(s)) == []
    with office.db.write() as s:  # the price behind the first bill changed past gasdesk
        pg = s.get_bind().dialect.name == "postgresql"
        s.execute(text("ALTER TABLE tariff_tiers DISABLE TRIGGER trg_tariff_tiers_append_only" if pg
                       else "DROP TRIGGER trg_tariff_tiers_no_update"))
        s.execute(text("UPDATE tariff_tiers SET price = 26200 WHERE tier = 1"))
    with office.db.read() as s:
        wrong = list(verify.mismatches(s))
    assert [m.why.zh for m in wrong][:1] == ["重算结果与账单不符"] and wrong[0].stored == D("261.00")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=0, max_value=120_000), min_size=2, max_size=6),
       st.integers(min_value=1, max_value=4))
def test_billed_volumes_add_up_to_the_meters_advance_across_a_replacement(office: Office, uses, cut) -> None:  # type: ignore[no-untyped-def]
    with office.db.read() as s:
        has = s.scalar(select(TariffSchedule.id).limit(1))
    if has is None:
        load_residential(office)
    aid = office.account_at("in_service")
    value, day, advance = D(0), date(2026, 1, 12), D(0)
    for i, litres in enumerate(uses):
        day += timedelta(days=30)
        if i == cut % len(uses):  # a meter replacement: final reading, a new meter from 5 m³
            value += D(litres) / 1000
            advance += D(litres) / 1000
            with office.db.write() as s:
                changes.replace_meter(s, office.clerk, aid, final_reading=value, new_serial=f"N{aid}-{i}",
                                      new_initial_reading=D(5), on=day)
            value = D(5)
            continue
        value += D(litres) / 1000
        advance += D(litres) / 1000
        read(office, aid, str(value), day)
    while True:  # a supervisor confirms what was held (a spike, zero use, a final reading ...), oldest first
        with office.db.read() as s:
            held = s.scalar(select(Reading.id).where(Reading.account_id == aid, Reading.status == "held")
                            .order_by(Reading.read_on, Reading.id).limit(1))
        if held is None:
            break
        with office.db.write() as s:
            decisions.confirm(s, office.supervisor, held)
    with office.db.write() as s:
        bills.bill_meters(s, office.supervisor)  # the replacement's final reading too
    with office.db.read() as s:
        billed = s.scalars(select(Bill.volume_m3).where(Bill.account_id == aid, Bill.status == "posted")).all()
        assert sum(billed, D(0)) == advance
        assert [m for m in verify.mismatches(s) if m.account_number == s.get(Account, aid).number] == []


@pytest.mark.sqlite_only  # db check on the file
def test_db_check_names_a_bill_that_no_longer_adds_up(office: Office, aid: int, capsys) -> None:  # type: ignore[no-untyped-def]
    from gasdesk.cli import main

    read(office, aid, "100", date(2026, 2, 11))
    path = str(office.db.path)
    assert main(["db", "check", "--db", path]) == 0
    assert "账单重算一致：共 1 张" in capsys.readouterr().out
    with office.db.write() as s:
        s.execute(text("DROP TRIGGER trg_tariff_tiers_no_update"))
        s.execute(text("UPDATE tariff_tiers SET price = 30000 WHERE tier = 1"))
    assert main(["db", "check", "--db", path]) == 2
    err = capsys.readouterr().err
    assert "重算结果与账单不符；账单 261.00 元，重算 300.00 元" in err


def test_billing_run_catches_up_readings_taken_before_the_tariff(office: Office, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gasdesk.cli import main

    aid = office.account_at("in_service")
    read(office, aid, "10", date(2026, 2, 11))  # no tariff yet: stored, not billed
    load_residential(office)
    url = str(office.db.path) if office.db.path else office.db.url.render_as_string(hide_password=False)
    monkeypatch.setenv("GASDESK_PASSWORD", "secret-123")
    assert main(["billing", "run", "--db", url, "--user", "reader", "--counter", "T01", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"bills": 1' in out and '"total": "26.10"' in out
    assert bills_of(office, aid) == [(date(2026, 1, 13), date(2026, 2, 11), D("10.000"), D("26.10"), "posted")]
    # nothing left: nothing posted
    assert main(["billing", "run", "--db", url, "--user", "clerk", "--counter", "T01"]) == 0
    assert "出账 0 张" in capsys.readouterr().out
