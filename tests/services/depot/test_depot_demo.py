"""The demo office's depot (services.demo.depot), read from the session's demo database: cylinders
in every state and of every age, registered customers, a year of exchanges paid by coupon and in
money, deposits held and refunded, and movement sheets that balance from day to day."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk.models import (
    Counter,
    Coupon,
    CouponBook,
    CouponStatus,
    Cylinder,
    CylinderMovement,
    DepositSlip,
    DepositStatus,
    DepotTransaction,
    LpgCustomer,
    User,
)
from gasdesk.models.depot import CylinderState
from gasdesk.services.core.actor import Actor
from gasdesk.services.demo import depot as demo_depot
from gasdesk.services.depot import stock


@pytest.fixture(scope="module")
def demo_session(full_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    from gasdesk.startup import prepare

    path = tmp_path_factory.mktemp("depot-demo") / "demo.db"
    db = prepare(Path(shutil.copyfile(full_demo_template, path)))
    with db.read() as s:
        yield s
    db.dispose()


@pytest.fixture
def s(demo_session: Session) -> Session:
    return demo_session


def _keeper(s: Session) -> Actor:
    user = s.scalar(select(User).where(User.login == "depot"))
    depot = s.scalar(select(Counter).where(Counter.code == "D01"))
    assert user is not None and depot is not None
    return Actor(user.id, user.login, user.name, user.role, depot.code, depot.id)  # type: ignore[arg-type]


def _count(s: Session, *where: object) -> int:
    return s.scalar(select(func.count()).select_from(Cylinder).where(*where)) or 0  # type: ignore[arg-type]


def test_every_cylinder_state_appears(s: Session) -> None:
    found = dict(s.execute(select(Cylinder.state, func.count()).group_by(Cylinder.state)).all())
    assert set(found) == {state.value for state in CylinderState}
    assert sum(found.values()) >= 3000
    assert found["full"] > found["with_customer"] > 200


def test_the_register_holds_cylinders_overdue_due_soon_and_past_their_life(s: Session) -> None:
    today = date.today()
    assert _count(s, Cylinder.next_due_on < today) >= 20
    assert _count(s, Cylinder.next_due_on >= today, Cylinder.next_due_on <= today + timedelta(days=30)) >= 20
    assert _count(s, Cylinder.life_ends_on <= today) >= 20
    assert _count(s, Cylinder.owner_id.is_not(None)) >= 20  # customers' own
    sizes = set(s.scalars(select(Cylinder.size).distinct()))
    assert {"YSP12", "YSP35.5", "YSP118"} <= sizes


def test_customers_are_registered_some_from_their_gas_account(s: Session) -> None:
    assert s.scalar(select(func.count()).select_from(LpgCustomer)) == demo_depot.CUSTOMERS
    assert s.scalar(select(func.count()).select_from(LpgCustomer).where(LpgCustomer.account_id.is_not(None))) > 0
    kinds = set(s.scalars(select(LpgCustomer.kind).distinct()))
    assert {"household", "restaurant"} <= kinds


def test_a_year_of_exchanges_by_coupon_and_for_money(s: Session) -> None:
    exchanges = select(DepotTransaction).where(DepotTransaction.kind == "exchange")
    days = s.scalars(select(DepotTransaction.business_date).where(DepotTransaction.kind == "exchange")
                     .distinct()).all()
    assert len(days) > 200 and max(days) - min(days) > timedelta(days=300)
    paid = s.scalar(select(func.count()).select_from(exchanges.where(DepotTransaction.posting_id.is_not(None))
                                                     .subquery()))
    assert paid and paid > 100  # for money, with a receipt
    assert s.scalar(select(func.count()).select_from(CouponBook).where(CouponBook.posting_id.is_not(None))) > 50
    redeemed = s.scalar(select(func.count()).select_from(Coupon).where(Coupon.status == CouponStatus.REDEEMED.value))
    assert redeemed and redeemed > 100
    assert s.scalar(select(func.count()).select_from(Coupon).where(Coupon.status == CouponStatus.UNSOLD.value)) > 0


def test_deposit_slips_are_held_and_refunded(s: Session) -> None:
    found = dict(s.execute(select(DepositSlip.status, func.count()).group_by(DepositSlip.status)).all())
    assert found.get(DepositStatus.HELD.value, 0) > 0
    assert found.get(DepositStatus.REFUNDED.value, 0) > 0


def test_a_days_movement_sheet_balances_and_runs_into_the_next(s: Session) -> None:
    keeper = _keeper(s)
    busy = s.scalars(select(CylinderMovement.business_date).group_by(CylinderMovement.business_date)
                     .order_by(func.count().desc()).limit(3)).all()
    for day in busy:
        sheet, following = stock.day_sheet(s, keeper, day), stock.day_sheet(s, keeper, day + timedelta(days=1))
        assert sheet.rows and any(r.received or r.issued for r in sheet.rows)
        for r in sheet.rows:
            assert r.opening + r.received - r.issued == r.closing >= 0
        closing = {(r.size, r.state): r.closing for r in sheet.rows if r.closing}
        assert closing == {(r.size, r.state): r.opening for r in following.rows if r.opening}
    today = stock.day_sheet(s, keeper, date.today())
    register = dict(((size, state), n) for size, state, n in s.execute(
        select(Cylinder.size, Cylinder.state, func.count()).group_by(Cylinder.size, Cylinder.state)))
    assert {(r.size, r.state): r.closing for r in today.rows if r.closing} == register
