"""The demo office: the office itself (users, areas), then one builder per domain in the order
their needs declare (accounts before readings before billing before the cashier; the depot on
its own). A later domain adds one line to BUILDERS."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gasdesk.services.core.actor import Actor
from gasdesk.services.demo import accounts, billing, cashier, depot, office, readings
from gasdesk.services.demo.office import DEMO_USERS
from gasdesk.services.demo.registry import Builder, run

BUILDERS: tuple[Builder, ...] = (
    Builder("accounts", (), accounts.build),
    Builder("readings", ("accounts",), readings.build),
    Builder("billing", ("readings",), billing.build),
    Builder("cashier", ("billing",), cashier.build),
    Builder("depot", ("cashier",), depot.build),
)

__all__ = ["BUILDERS", "DEMO_USERS", "build"]


def build(session: Session, size: int = 0, *, without: tuple[str, ...] = ()) -> Actor:
    """Fill an empty, migrated database with the demo office (``without`` some builders: a test
    that downgrades below the depot's money). Returns the admin actor."""
    admin = office.build(session)
    run(session, admin, [b for b in BUILDERS if b.name not in without], size)
    return admin
