"""A depot (counter D01 of kind depot) with its keeper, beside the accounts tests' office."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

import pytest
from accounts_support import Office

from gasdesk.models.users import Role
from gasdesk.services.core.actor import Actor
from gasdesk.services.depot import customers, cylinders
from gasdesk.services.office import counters, users

_keys = itertools.count(1)


def key() -> str:
    return f"depot-key-{next(_keys)}"


@dataclass
class Depot:
    office: Office
    keeper: Actor
    boss: Actor  # a supervisor signed in at the depot

    @property
    def db(self):  # type: ignore[no-untyped-def]
        return self.office.db

    def customer(self, name: str = "王五", born: str = "19800101", phone: str = "13912345678",
                 kind: str = "household") -> customers.CustomerRow:
        from accounts_support import make_id

        with self.db.write() as s:
            return customers.register(s, self.keeper, name=name, id_number=make_id(born=born), phone=phone,
                                      address="城东路 8 号", kind=kind).customer

    def cylinders(self, serials: str, *, made: str = "2022-03-01", inspected: str = "2024-03-01",
                  state: str = "full", owner: str | None = None, size: str = "YSP35.5") -> list[str]:
        with self.db.write() as s:
            return cylinders.register(s, self.keeper, serials, size=size, made_on=made, last_inspected_on=inspected,
                                      owner=owner, state=state, key=key()).serials


@pytest.fixture
def depot(office: Office) -> Depot:
    with office.db.write() as s:
        d01 = counters.add_counter(s, office.admin, "D01", "城东调瓶点", kind="depot")
        info = users.add_user(s, office.admin, "keeper", "赵营业员", Role.DEPOT, "secret-123")
    keeper = Actor(info.id, info.login, info.name, Role.DEPOT, d01.code, d01.id)
    sup = office.supervisor
    return Depot(office, keeper, Actor(sup.user_id, sup.login, sup.name, sup.role, d01.code, d01.id))


def day(text: str) -> date:
    return date.fromisoformat(text)
