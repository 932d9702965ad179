"""Role x action matrix for the accounts actions: allowed roles get past the check, others are
refused with nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from accounts_support import Office, key, make_id, refused
from sqlalchemy.orm import Session

from gasdesk.models.users import Role
from gasdesk.services import ledger
from gasdesk.services.accounts import changes, gas_on_days, opening, records
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import GasdeskError, PermissionDenied
from gasdesk.services.core.permissions import PERMISSIONS

D = Decimal
Call = Callable[[Session, Actor, Office, int, int], object]

CALLS: dict[str, tuple[set[str], Call]] = {
    "account.view": ({"account.view"}, lambda s, a, o, aid, n: records.account_summary(s, a, aid)),
    "account.open": ({"account.open"}, lambda s, a, o, aid, n: opening.apply(
        s, a, account_type="residential", holder=o.holder(id_number=make_id(500 + n)), premises=o.flat())),
    "account.open_additional": ({"account.open", "account.open_additional"}, lambda s, a, o, aid, n: opening.apply(
        s, a, account_type="residential", holder=o.holder(id_number=make_id(1)), premises=o.flat(),
        second_account_reason="第二套住房")),
    "account.change": ({"account.change"}, lambda s, a, o, aid, n: changes.update_phones(
        s, a, aid, f"1391234{n:04d}")),
    "ledger.post": ({"ledger.post"}, lambda s, a, o, aid, n: ledger.post(
        s, a, aid, [ledger.Line("gas_charge", D("10.00"))], idempotency_key=key())),
    "ledger.refund": ({"ledger.post", "ledger.refund"}, lambda s, a, o, aid, n: ledger.post(
        s, a, aid, [ledger.Line("prepayment_refund", D("-1.00")), ledger.Line("refund", D("1.00"), "cash")],
        idempotency_key=key())),
    "ledger.reverse": ({"ledger.reverse"}, lambda s, a, o, aid, n: ledger.reverse(
        s, a, 1, "错账", idempotency_key=key())),
    "ledger.void": ({"ledger.void"}, lambda s, a, o, aid, n: ledger.void_posting(
        s, a, 1, "收错了", idempotency_key=key(), approver=o.supervisor)),
    "ledger.approve": ({"ledger.approve"}, lambda s, a, o, aid, n: ledger.void_posting(
        s, o.supervisor, 1, "收错了", idempotency_key=key(), approver=a)),
    "gas_on.manage": ({"gas_on.manage"}, lambda s, a, o, aid, n: gas_on_days.plan_event(
        s, a, o.compound_id, planned_on=date(2026, 8, 1))),
}


def test_every_accounts_permission_is_in_the_matrix() -> None:
    mine = {a for a in PERMISSIONS if a.split(".")[0] in {"account", "ledger", "gas_on", "pii"}}
    assert mine == set(CALLS) | {"pii.view"}


@pytest.mark.parametrize("action", sorted(CALLS))
def test_role_matrix(office: Office, action: str) -> None:
    needs, call = CALLS[action]
    aid = office.account_at("in_service", id_number=make_id(1))
    actors = {Role.CLERK: office.clerk, Role.SUPERVISOR: office.supervisor, Role.READER: office.reader,
              Role.ADMIN: office.admin}
    for n, (role, actor) in enumerate(actors.items()):
        if all(role in PERMISSIONS[p] for p in needs):
            try:
                with office.db.write() as s:
                    call(s, actor, office, aid, n)
            except PermissionDenied:  # pragma: no cover - the failure message is the point
                pytest.fail(f"{role} should be allowed {action}")
            except GasdeskError:
                pass  # a domain refusal past the permission check (e.g. nothing installed to plan)
        else:
            refused(office.db, lambda s, a=actor, k=n: call(s, a, office, aid, k), PermissionDenied)


def test_the_id_is_masked_for_every_role(office: Office) -> None:
    # the full ID only through accounts.reveal (pii.view, audited): tests/services/accounts/test_reveal.py
    idn = make_id(2)
    aid = office.account_at("numbered", id_number=idn)
    with office.db.read() as s:
        seen = {r: records.account_summary(s, a, aid).id_number
                for r, a in ((Role.CLERK, office.clerk), (Role.SUPERVISOR, office.supervisor),
                             (Role.READER, office.reader))}
    assert seen == dict.fromkeys((Role.CLERK, Role.SUPERVISOR, Role.READER), idn[:3] + "*" * 11 + idn[-4:])
