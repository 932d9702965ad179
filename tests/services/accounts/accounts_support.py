"""Helpers for the accounts tests: an office with a compound, valid IDs, accounts at any status."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from gasdesk.db import Database
from gasdesk.models import Base
from gasdesk.models.users import Role
from gasdesk.services.accounts import changes, closing, opening, records
from gasdesk.services.accounts.identity import id_check_char
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import GasdeskError
from gasdesk.services.office import address

D = Decimal
FEES = records.ContractFees(D("200.00"), D("1500.00"), D("300.00"))
_ids = itertools.count(1)
_keys = itertools.count(1)


def make_id(n: int | None = None, born: str = "19800101") -> str:
    body = f"110105{born}{(n if n is not None else next(_ids)) % 1000:03d}"
    return body + id_check_char(body)


def key() -> str:
    return f"test-key-{next(_keys)}"


@dataclass
class Office:
    db: Database
    clerk: Actor
    supervisor: Actor
    reader: Actor
    admin: Actor
    area_id: int
    compound_id: int
    _rooms: itertools.count

    def holder(self, name: str = "张三", id_number: str | None = None, phone: str = "13812345678"):
        return records.HolderInput(name, id_number or make_id(), phone)

    def flat(self, room: str | None = None) -> records.PremisesInput:
        return records.PremisesInput(compound_id=self.compound_id, building="3", unit="2",
                                      room=room or str(100 + next(self._rooms)))

    def write(self, fn: Callable[[Session], object]) -> object:
        with self.db.write() as s:
            return fn(s)

    def account_at(self, status: str, *, name: str = "张三", id_number: str | None = None) -> int:
        """A new account walked through the workflow to ``status``."""
        c = self.clerk
        with self.db.write() as s:
            a = opening.apply(s, c, account_type="residential", holder=self.holder(name, id_number),
                               premises=self.flat(), applied_on=date(2026, 1, 5))
            aid = a.id
            path = ["contract_signed", "numbered", "install_planned", "installed", "gas_on", "in_service",
                    "suspended"]
            if status == "application":
                return aid
            if status == "closed":
                closing.close(s, c, aid)
                return aid
            opening.sign_contract(s, c, aid, fees=FEES, paid=FEES.total, method="cash", idempotency_key=key(),
                                   signed_on=date(2026, 1, 6))
            for st in path[2 : path.index(status) + 1]:
                STEP[st](s, c, aid)
        return aid


def _plan(s: Session, c: Actor, aid: int) -> None:
    opening.plan_installation(s, c, aid, planned_on=date(2026, 1, 10), installer_team="安装一队")


def _install(s: Session, c: Actor, aid: int) -> None:
    opening.mark_installed(s, c, aid, installed_on=date(2026, 1, 10))


def _gas_on(s: Session, c: Actor, aid: int) -> None:
    opening.gas_on(s, c, aid, on=date(2026, 1, 12), serial=f"GM{aid:06d}", initial_reading=D("0.000"))


STEP: dict[str, Callable[[Session, Actor, int], object]] = {
    "install_planned": _plan,
    "installed": _install,
    "gas_on": _gas_on,
    "in_service": lambda s, c, aid: opening.start_service(s, c, aid),
    "suspended": lambda s, c, aid: changes.suspend(s, c, aid, "安全隐患整改"),
}


def signed_unnumbered(office: Office) -> int:
    """An account left at contract_signed (as an import would leave it): set directly in SQL."""
    aid = office.account_at("application")
    with office.db.write() as s:
        s.execute(text("UPDATE accounts SET status='contract_signed' WHERE id=:i"), {"i": aid})
    return aid


def account_in(office: Office, status: str) -> int:
    return signed_unnumbered(office) if status == "contract_signed" else office.account_at(status)


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table: 'nothing half-done is stored' means this does not change."""
    with db.read() as s:
        return {t: [tuple(r) for r in s.execute(text(f"SELECT * FROM {t} ORDER BY 1"))]
                for t in Base.metadata.tables}


def refused(db: Database, fn: Callable[[Session], object], exc: type[GasdeskError] = GasdeskError) -> GasdeskError:
    """Run fn in a write transaction; it must be refused and leave the database as it was."""
    before = snapshot(db)
    with pytest.raises(exc) as info, db.write() as s:
        fn(s)
    assert snapshot(db) == before
    return info.value


@pytest.fixture
def office(db: Database, actors: dict[Role, Actor]) -> Office:
    admin = actors[Role.ADMIN]
    with db.write() as s:
        area = address.add_area(s, admin, "01", "城东片区")
        compound = address.add_compound(s, admin, area.id, "阳光花园", "建设路 18 号")
    return Office(db, actors[Role.CLERK], actors[Role.SUPERVISOR], actors[Role.READER], admin, area.id,
                  compound.id, itertools.count(1))


