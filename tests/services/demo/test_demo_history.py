"""The demo office reads true: customer types follow from what the premises are, gas is charged
only for gas a meter measured, and every account has the history its steps left."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from gasdesk.services.demo.accounts import DEMO_PRICE, STREET_CUSTOMERS

D = Decimal


def rows(s: Session, sql: str) -> list[tuple]:
    return [tuple(r) for r in s.execute(text(sql))]


def test_street_customers_are_typed_by_what_they_are(s: Session) -> None:
    expected = dict(STREET_CUSTOMERS)
    assert expected["餐馆"] == expected["烘焙坊"] == expected["茶楼"] == expected["酒店"] == "commercial"
    assert expected["食品厂"] == "industrial" and expected["小学"] == expected["医院"] == "public"
    seen = rows(s, "SELECT p.street, a.type FROM accounts a JOIN premises p ON p.id = a.premises_id "
                   "WHERE p.compound_id IS NULL")
    assert seen
    for street, kind in seen:
        shop = street.rsplit(" ", 1)[-1]
        assert expected[shop] == kind, street
    assert {kind for _street, kind in seen} == {"commercial", "industrial", "public"}
    assert rows(s, "SELECT DISTINCT a.type FROM accounts a JOIN premises p ON p.id = a.premises_id "
                   "WHERE p.compound_id IS NOT NULL") == [("residential",)]


def test_gas_is_charged_for_the_use_the_meters_show_and_only_then(s: Session) -> None:
    use = {a: D(litres) / 1000 for a, litres in rows(
        s, "SELECT account_id, sum(coalesce(final_reading, initial_reading) - initial_reading) FROM meters "
           "GROUP BY account_id")}
    types = dict(rows(s, "SELECT id, type FROM accounts"))
    # a closing settlement charges the use its meters show; every gas_charge is a bill's, from its
    # readings (test_demo_billing.py), and a closed account has none
    assert rows(s, "SELECT count(*) FROM ledger_entries e JOIN accounts a ON a.id = e.account_id "
                   "WHERE e.kind = 'gas_charge' AND a.status = 'closed'") == [(0,)]
    charged = rows(s, "SELECT account_id, kind, sum(amount) FROM ledger_entries "
                      "WHERE kind = 'settlement' GROUP BY 1, 2")
    assert len(charged) >= 100
    for account_id, kind, fen in charged:
        assert kind == "settlement"
        m3 = use.get(account_id, D(0))
        assert m3 > 0, account_id  # never a charge on a meter that shows no use
        assert D(fen) / 100 == (m3 * DEMO_PRICE[types[account_id]]).quantize(D("0.01")), account_id
    closed_with_use = {a for a, in rows(s, "SELECT a.id FROM accounts a JOIN meters m ON m.account_id = a.id "
                                           "WHERE a.status = 'closed' AND m.final_reading > m.initial_reading")}
    assert closed_with_use == {a for a, _k, _f in charged}  # and no closed account's use went uncharged


def test_every_account_has_the_history_of_its_steps(s: Session) -> None:
    steps = {a: set(actions.split(",")) for a, actions in rows(
        s, "SELECT entity_id, group_concat(action) FROM audit_log WHERE entity = 'account' GROUP BY entity_id")}
    accounts = rows(s, "SELECT id, status FROM accounts")
    assert len(accounts) == 3000
    for account_id, status in accounts:
        done = steps.get(str(account_id), set())
        assert "account.apply" in done, account_id
        if status in ("in_service", "suspended"):
            assert {"account.sign_contract", "account.install", "account.gas_on",
                    "account.start_service"} <= done, account_id
        if status == "suspended":
            assert "account.suspend" in done, account_id
        if status == "closed" and "account.sign_contract" in done:
            assert {"account.settle", "account.close"} <= done, account_id
    # the ledger entries tab: every signed account shows its signing and its payment
    unsigned = rows(s, "SELECT count(*) FROM accounts a WHERE a.status NOT IN ('application', 'closed') "
                       "AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.account_id = a.id)")
    assert unsigned == [(0,)]


def test_history_is_dated_on_its_business_days(s: Session) -> None:
    # a generated account's steps are written on the days they happened, not the day the demo was built
    first = rows(s, "SELECT min(substr(at, 1, 4)) FROM audit_log WHERE action = 'account.apply'")
    assert first == [("2016",)]
    # and the rows are sealed on the chain like every audit row
    assert rows(s, "SELECT count(*) FROM audit_log WHERE chain_seq IS NULL OR row_hash IS NULL") == [(0,)]
