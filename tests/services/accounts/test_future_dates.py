"""Dates of what has happened are never after the business day: signing, installed, gas-on and a
compound gas-on day's marks are refused in words naming the date and today. Planned dates
(an installation plan, a gas-on day) may lie ahead."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accounts_support import FEES, Office, key, refused

from gasdesk.models import Account
from gasdesk.services.accounts import gas_on_days, opening
from gasdesk.services.core import business_day
from gasdesk.services.core.errors import ValidationError

TODAY = date(2026, 3, 2)
D = Decimal


def on_today(fn):  # type: ignore[no-untyped-def]
    """fn(session) run on the pinned business day TODAY."""
    def run(s):  # type: ignore[no-untyped-def]
        with business_day.on_day(s, TODAY):
            return fn(s)
    return run


def test_signing_on_a_later_day_is_refused_naming_the_date_and_today(office: Office) -> None:
    aid = office.account_at("application")
    err = refused(office.db, on_today(lambda s: opening.sign_contract(
        s, office.clerk, aid, fees=FEES, paid=FEES.total, method="cash", idempotency_key=key(),
        signed_on=date(2026, 3, 5))), ValidationError)
    assert err.zh == "签约日期 2026-03-05 晚于今天（2026-03-02）：只能登记已经发生的签约，请填今天或之前的日期。"
    assert err.en == ("The signing date 2026-03-05 is after today (2026-03-02): record it once it has happened, "
                      "with today or an earlier date.")
    with office.db.write() as s:  # today itself is fine
        signed = on_today(lambda s: opening.sign_contract(s, office.clerk, aid, fees=FEES, paid=FEES.total,
                                                           method="cash", idempotency_key=key(), signed_on=TODAY))(s)
    assert signed.account.status == "numbered"


def test_installed_and_gas_on_on_a_later_day_are_refused(office: Office) -> None:
    planned = office.account_at("install_planned")
    err = refused(office.db, on_today(lambda s: opening.mark_installed(s, office.clerk, planned,
                                                                        installed_on=date(2026, 3, 3))),
                  ValidationError)
    assert err.zh == "安装日期 2026-03-03 晚于今天（2026-03-02）：只能登记已经发生的安装，请填今天或之前的日期。"
    installed = office.account_at("installed")
    err = refused(office.db, on_today(lambda s: opening.gas_on(s, office.clerk, installed, on=date(2026, 4, 1),
                                                                serial="GM-F1", initial_reading=D("0"))),
                  ValidationError)
    assert err.zh == "通气日期 2026-04-01 晚于今天（2026-03-02）：只能登记已经发生的通气，请填今天或之前的日期。"
    assert err.en.startswith("The gas-on date 2026-04-01 is after today (2026-03-02)")


def test_planned_dates_may_lie_ahead(office: Office) -> None:
    aid = office.account_at("numbered")
    office.account_at("installed")
    with office.db.write() as s, business_day.on_day(s, TODAY):
        summary = opening.plan_installation(s, office.clerk, aid, planned_on=date(2026, 3, 20),
                                            installer_team="安装一队")
        day = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 3, 9))
    assert summary.status == "install_planned" and day.planned_on == date(2026, 3, 9)


def test_a_gas_on_day_is_marked_and_finished_only_once_it_has_come(office: Office) -> None:
    ids = [office.account_at("installed", name=n) for n in ("甲", "乙")]
    with office.db.write() as s:
        event = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 3, 5)).id
    words = ("本次通气计划在 2026-03-05，今天是 2026-03-02：通气日到了才能登记各户结果或完成本次计划。"
             "如已提前通气，请取消本计划，按实际日期重新安排通气日。")
    for outcome in ("done", "absent"):
        err = refused(office.db, on_today(lambda s, o=outcome: gas_on_days.mark(
            s, office.clerk, event, ids[0], o, serial="GM-F2", initial_reading=D("0"))), ValidationError)
        assert err.zh == words
    err = refused(office.db, on_today(lambda s: gas_on_days.finish(s, office.clerk, event)), ValidationError)
    assert err.zh == words
    assert err.en.startswith("This gas-on day is planned for 2026-03-05 and today is 2026-03-02")
    with office.db.read() as s:  # nothing gassed on: no gas-on date (Account.opened_on, the register's)
        assert [s.get(Account, i).opened_on for i in ids] == [None, None]
        assert [s.get(Account, i).status for i in ids] == ["installed", "installed"]
    # on the day itself the marks are taken, the gas-on date is the day's; cancelling never waits
    with office.db.write() as s, business_day.on_day(s, date(2026, 3, 5)):
        row = gas_on_days.mark(s, office.clerk, event, ids[0], "done", serial="GM-F2", initial_reading=D("0"))
    assert row.outcome == "done"
    with office.db.write() as s, business_day.on_day(s, TODAY):
        later = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 3, 9))
        assert gas_on_days.finish(s, office.clerk, later.id, cancel=True).status == "cancelled"
    with office.db.read() as s:
        assert s.get(Account, ids[0]).opened_on == date(2026, 3, 5)  # the date the register lists


def test_a_new_meter_without_its_initial_reading_names_the_field(office: Office) -> None:
    """The form puts the cursor on the reading (its attribute of that name), not where it was."""
    installed = office.account_at("installed")
    err = refused(office.db, on_today(lambda s: opening.gas_on(s, office.clerk, installed, on=date(2026, 3, 2),
                                                                serial="GM-F2", initial_reading=None)),
                  ValidationError)
    assert (err.zh, err.field) == ("请填写燃气表初始读数。", "initial_reading")
