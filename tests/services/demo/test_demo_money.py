"""The demo office's money went through the ledger: posted on its business days over the years,
in one closed shift per day at the demo counter, allocated, stored through the Money type."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gasdesk.db import Database
from gasdesk.models import Account, User
from gasdesk.models.users import Role
from gasdesk.services import ledger
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.demo.accounts import FEES
from gasdesk.services.ledger import history
from gasdesk.services.office import counters

D = Decimal


def rows(s: Session, sql: str, **params: object) -> list[tuple]:
    return [tuple(r) for r in s.execute(text(sql), params)]


def test_business_dates_spread_over_the_years_and_none_today(s: Session) -> None:
    years = {y for (y,) in rows(s, "SELECT DISTINCT substr(business_date, 1, 4) FROM ledger_postings")}
    assert years == {str(y) for y in range(2016, 2027)}
    today = date.today().isoformat()
    assert rows(s, "SELECT id FROM ledger_postings WHERE business_date > :d", d=today) == []
    dated_today = rows(s, "SELECT DISTINCT account_id FROM ledger_postings WHERE business_date = :d", d=today)
    signed_today = rows(s, "SELECT DISTINCT account_id FROM contracts WHERE signed_on = :d", d=today)
    assert dated_today == signed_today == []  # no demo account is signed today


def test_every_signing_is_posted_on_its_contract_day(s: Session) -> None:
    signings = rows(s, "SELECT c.kind, c.signed_on = p.business_date, count(*) FROM contracts c "
                       "JOIN ledger_postings p ON p.id = c.posting_id GROUP BY 1, 2 ORDER BY 1, 2")
    assert [(kind, same) for kind, same, _n in signings] == [("opening", 1), ("transfer", 1)]
    assert rows(s, "SELECT count(*) FROM contracts WHERE kind = 'opening' AND posting_id IS NULL") == [(0,)]


def test_an_account_signed_in_2024_shows_its_fees_on_its_signing_day(s: Session) -> None:
    account = s.scalars(select(Account).where(Account.contract_signed_on.between(date(2024, 1, 1), date(2024, 12, 31)),
                                              Account.type == "residential", Account.status == "in_service")
                        .order_by(Account.id)).first()
    assert account is not None and account.contract_signed_on is not None
    clerk = s.scalars(select(User).where(User.login == "clerk")).one()
    counter = counters.registered(s, "C01")
    actor = Actor(clerk.id, clerk.login, clerk.name, Role.CLERK, counter.code, counter.id)
    shown = [(e.kind, e.amount, e.business_date, e.counter) for e in ledger.entries(s, actor, account.id)]
    day = account.contract_signed_on
    assert day.year == 2024
    # after the signing, its bills: each a gas charge after the day, the first ones paid from the prepayment
    billing = [e for e in shown if e[0] in ("gas_charge", "prepayment_applied")]
    assert billing and all(on > day and at == "C01" for _k, _a, on, at in billing)
    assert sum(a for k, a, _d, _c in billing if k == "prepayment_applied") == D("-300.00")
    shown = [e for e in shown if e not in billing]
    assert sorted(shown) == sorted([("opening_fee", D("200.00"), day, "C01"),
                                    ("installation_fee", D("1500.00"), day, "C01"),
                                    ("prepayment", D("300.00"), day, "C01"), ("payment", D("-2000.00"), day, "C01")])


def test_no_gas_charges_without_bills(s: Session) -> None:
    # every gas charge is one bill's (of its total), and every bill has its charge (test_demo_billing.py)
    assert rows(s, "SELECT count(*) FROM ledger_entries e LEFT JOIN bills b ON b.charge_entry_id = e.id "
                   "WHERE e.kind = 'gas_charge' AND (b.id IS NULL OR b.total != e.amount)") == [(0,)]
    assert rows(s, "SELECT count(*) FROM ledger_entries WHERE kind = 'gas_charge'") == rows(
        s, "SELECT count(*) FROM bills")


def test_money_postings_are_in_a_closed_shift_of_their_day_at_the_demo_counter(s: Session) -> None:
    money = ("SELECT DISTINCT p.id, p.shift_id, p.business_date, c.code FROM ledger_postings p "
             "JOIN ledger_entries e ON e.posting_id = p.id JOIN counters c ON c.id = p.counter_id "
             "WHERE e.bucket = 'money'")
    assert rows(s, f"SELECT count(*) FROM ({money}) WHERE shift_id IS NULL") == [(0,)]
    assert rows(s, f"SELECT count(*) FROM ({money}) m JOIN shifts x ON x.id = m.shift_id "
                   "WHERE x.business_date != m.business_date") == [(0,)]
    # C02 on Fridays; D01 the depot
    assert rows(s, f"SELECT DISTINCT code FROM ({money}) ORDER BY code") == [("C01",), ("C02",), ("D01",)]
    # the other postings are bills: no money moves, no shift
    bills = rows(s, "SELECT count(*) FROM ledger_postings WHERE action = 'billing.post' AND shift_id IS NULL")[0][0]
    assert bills > 50_000
    assert rows(s, "SELECT count(*) - :bills FROM ledger_postings", bills=bills) == rows(
        s, f"SELECT count(*) FROM ({money})")
    assert rows(s, "SELECT count(*) FROM shifts WHERE status != 'closed'") == [(0,)]
    # (a day may hold two shifts at a counter: a payment after the close opens a new one, as the
    # cashier demo's counter days do on days the accounts demo had signed contracts)
    assert rows(s, "SELECT count(*) FROM shifts WHERE id NOT IN (SELECT shift_id FROM ledger_postings)") == [(0,)]


def test_every_signing_payment_settles_its_charges(s: Session) -> None:
    allocated = ("SELECT e.id, e.kind, e.amount, coalesce(sum(a.amount), 0) AS settled FROM ledger_entries e "
                 "JOIN ledger_postings p ON p.id = e.posting_id AND p.action = 'account.sign_contract' "
                 "LEFT JOIN ledger_allocations a ON a.{side}_entry_id = e.id WHERE e.kind {kinds} GROUP BY e.id")
    payments = rows(s, allocated.format(side="credit", kinds="= 'payment'"))
    charges = rows(s, allocated.format(side="charge", kinds="!= 'payment'"))
    assert len(payments) == 2887
    assert [p for p in payments if p[3] != -p[2]] == []
    assert len(charges) == 3 * 2887
    assert [c for c in charges if c[3] != c[2]] == []


def test_balances_are_the_sums_of_entries(s: Session) -> None:
    sums = {a: (D(b) / 100, D(p) / 100, D(d) / 100) for a, b, p, d in rows(
        s, "SELECT account_id, sum(amount), sum(CASE WHEN bucket = 'prepayment' THEN amount ELSE 0 END), "
           "sum(CASE WHEN bucket = 'deposit' THEN amount ELSE 0 END) FROM ledger_entries WHERE account_id IS NOT NULL "
           "GROUP BY account_id")}  # (the depot's LPG customers have parties of their own, no account)
    assert len(sums) == 2887
    for account_id, expected in sums.items():
        assert ledger.balances(s, account_id) == ledger.Balances(*expected), account_id
    # the generated accounts: a signing paid in full holds its prepayment until a closing pays it back
    # or the account's bills use it up (the prepayment applied to each bill at once); the rest is owed
    generated = rows(s, "SELECT a.id, a.type, a.status FROM accounts a JOIN ledger_postings p ON p.account_id = a.id "
                        "WHERE p.idempotency_key LIKE 'history-%' GROUP BY a.id")
    assert len(generated) == 2887 - 213  # the 213 others signed through the services
    came = {a for (a,) in rows(s, "SELECT DISTINCT account_id FROM ledger_postings WHERE action LIKE 'cashier.%'")}
    generated = [g for g in generated if g[0] not in came]  # who paid at the counter owes less (the cashier demo)
    billed = {a: D(t) / 100 for a, t in rows(s, "SELECT account_id, sum(total) FROM bills GROUP BY account_id")}
    for account_id, kind, status in generated:
        held = D("0.00") if status == "closed" else FEES[kind][2]
        bills = billed.get(account_id, D("0.00"))
        applied = min(held, bills)
        assert sums[account_id] == (bills - applied, held - applied, D("0.00")), account_id
    assert sum(1 for a, *_ in generated if a in billed) > 2000


def test_money_is_stored_in_whole_fen(s: Session) -> None:
    fees = rows(s, "SELECT DISTINCT typeof(amount), amount FROM ledger_entries WHERE kind = 'opening_fee' ORDER BY 2")
    assert fees == [("integer", 20000), ("integer", 50000), ("integer", 100000)]


def test_history_checks_lines_as_the_ledger_does(db: Database) -> None:
    with db.read() as s:
        batch = history.Batch(s)
        with pytest.raises(ValidationError, match="符号"):
            history.record(batch, 1, [ledger.Line("opening_fee", D("-1.00"))], on=date(2020, 1, 1), counter_id=1,
                           user_id=1, action="account.sign_contract")
        with pytest.raises(ValidationError, match="金额无效"):
            history.record(batch, 1, [ledger.Line("opening_fee", D("1.005"))], on=date(2020, 1, 1), counter_id=1,
                           user_id=1, action="account.sign_contract")
