"""Services say what they changed: each write's result names the entities (an enum), reads none."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accounts_support import FEES, Office, key

from gasdesk.services import ledger
from gasdesk.services.accounts import changes, closing, gas_on_days, gas_on_sheet, opening, page
from gasdesk.services.core import settings
from gasdesk.services.core.changes import Change, Done, changed, of
from gasdesk.services.office import address, users

A, L = Change.ACCOUNT, Change.LEDGER


def test_each_step_of_an_account_says_what_it_changed(office: Office) -> None:
    c = office.clerk
    with office.db.write() as s:
        applied = opening.apply(s, c, account_type="residential", holder=office.holder(), premises=office.flat(),
                                applied_on=date(2026, 1, 5))
        aid = applied.id
        signed = opening.sign_contract(s, c, aid, fees=FEES, paid=FEES.total, method="cash", idempotency_key=key(),
                                       signed_on=date(2026, 1, 6))
        planned = opening.plan_installation(s, c, aid, planned_on=date(2026, 1, 20), installer_team="安装二队")
        renamed = changes.rename(s, c, aid, "李四")
        posted = ledger.post(s, c, aid, [ledger.Line("adjustment", Decimal("5.00"), reason="补收")],
                             idempotency_key=key())
        settled = closing.settle_for_closing(s, c, aid, method="cash", idempotency_key=key())
        detail = page.account_detail(s, c, aid)
    assert [of(r) for r in (applied, planned, renamed)] == [{A}] * 3
    assert [of(r) for r in (signed, posted, settled)] == [{A, L}] * 3
    assert of(detail) == frozenset() and of(detail.summary) == frozenset()  # a read changes nothing


def test_a_replayed_submission_still_says_what_it_stands_for(office: Office) -> None:
    aid = office.account_at("application")
    submission = key()
    with office.db.write() as s:
        first = opening.sign_contract(s, office.clerk, aid, fees=FEES, paid=FEES.total, method="cash",
                                      idempotency_key=submission)
    with office.db.write() as s:
        again = opening.sign_contract(s, office.clerk, aid, fees=FEES, paid=FEES.total, method="cash",
                                      idempotency_key=submission)
    assert again.replayed and of(again) == of(first) == {A, L}


def test_gas_on_days_users_addresses_and_settings_say_theirs(office: Office) -> None:
    aid = office.account_at("installed")
    with office.db.write() as s:
        day = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 1, 21))
        marked = gas_on_days.mark(s, office.clerk, day.id, aid, "done", serial="GT-1", initial_reading=Decimal("0"))
        finished = gas_on_days.finish(s, office.clerk, day.id)
        printed = gas_on_sheet.print_sign_off_sheet(s, office.clerk, day.id)
        area = address.add_area(s, office.admin, "09", "新区")
        user = users.add_user(s, office.admin, "wang", "王五", users.parse_role("clerk"), "secret-456")
        saved = settings.save_many(s, office.admin, {"idle_lock_minutes": "15"})
    assert of(marked) == {Change.GAS_ON, A}
    assert of(finished) == {Change.GAS_ON} and of(printed) == {Change.PRINT}
    assert (of(area), of(user), of(saved)) == ({Change.ADDRESS}, {Change.USER}, {Change.SETTING})


def test_changed_adds_to_what_a_result_already_says() -> None:
    result = changed(Done(changes=frozenset({A})), L)
    assert result.changes == {A, L}
    assert of("a plain value") == frozenset() and of(None) == frozenset()
