"""Who may do what: one table, deny by default, checked in every service call."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gasdesk.models.users import Role
from gasdesk.services.core import labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import PermissionDenied

C, R, D, S, A = Role.CLERK, Role.READER, Role.DEPOT, Role.SUPERVISOR, Role.ADMIN

# action -> roles allowed. An action missing here is refused to everyone.
PERMISSIONS: dict[str, frozenset[Role]] = {
    # workplaces (what the main window shows)
    "workplace.counter": frozenset({C, S}),
    "workplace.readings": frozenset({R, S}),
    "workplace.depot": frozenset({D, S}),
    "workplace.reports": frozenset({S, A}),
    "workplace.admin": frozenset({A}),
    # administration
    "user.manage": frozenset({A}),
    "user.list": frozenset({A, S}),
    "address.manage": frozenset({A}),
    "address.view": frozenset({C, R, D, S, A}),
    "settings.manage": frozenset({A}),
    "db.backup": frozenset({A, S}),
    "db.restore": frozenset({A}),
    "audit.view": frozenset({S, A}),
    # accounts (issue 3)
    "account.view": frozenset({C, R, S}),
    "account.open": frozenset({C, S}),
    "account.change": frozenset({C, S}),
    "account.open_additional": frozenset({S}),
    "pii.view": frozenset({C, S}),
    "ledger.post": frozenset({C, S}),
    "ledger.refund": frozenset({C, S}),
    "ledger.reverse": frozenset({S}),
    "gas_on.manage": frozenset({C, S}),
    # registers by area and the new-account list (masked personal data): the counter and the office
    "report.registers": frozenset({C, S, A}),
    # the money base (issue 7): counters, whole-posting voids and their approval
    "counter.manage": frozenset({A}),
    "ledger.void": frozenset({C, S}),
    "ledger.approve": frozenset({S}),
    # meter reading (issue 10): readers enter and correct, supervisors also confirm what is held
    "reading.enter": frozenset({R, S}),
    "reading.confirm": frozenset({S}),
    "reading.correct": frozenset({R, S}),
    "route.manage": frozenset({R, S, A}),
    "route.view": frozenset({C, R, S, A}),
    # tariffs and billing (issue 11): the admin loads tariffs; a reader's accepted readings are billed
    "tariff.manage": frozenset({A}),
    "tariff.view": frozenset({C, R, S, A}),
    "billing.post": frozenset({C, R, S}),  # the clerk's closing and transfer readings are billed too
    "notice.mark": frozenset({R, S}),
    # the cashier (issue 12): a clerk takes money and asks for voids; a supervisor approves them
    # (ledger.approve) and confirms shift closes; readers collect arrears on their rounds
    "receipt.view": frozenset({C, D, S}),  # the depot's exchanges are paid with the cashier's receipts
    "receipt.void": frozenset({C, S}),
    "shift.close": frozenset({C, D, S}),
    "shift.confirm": frozenset({S}),
    "remittance.record": frozenset({C, D, S}),
    "arrears.view": frozenset({C, R, S}),
    "dunning.mark": frozenset({R, S}),
    # the LPG depot (issue 13): the keeper registers customers and cylinders, moves and sells them;
    # the counter may look a customer or a cylinder up
    "depot.view": frozenset({C, D, S}),
    "depot.customer": frozenset({D, S}),
    "depot.register": frozenset({D, S}),
    "depot.move": frozenset({D, S}),
    "depot.sell": frozenset({D, S}),
}

WORKPLACES = ("counter", "readings", "depot", "reports", "admin")


def allowed(actor: Actor, action: str) -> bool:
    return actor.role in PERMISSIONS.get(action, frozenset())


def workplaces_for(actor: Actor) -> list[str]:
    return [w for w in WORKPLACES if allowed(actor, f"workplace.{w}")]


def require(session: Session | None, actor: Actor, action: str) -> None:
    """Refuse the call unless the actor's role may do ``action``.

    The refusal is audited by the runner in a transaction of its own, since the
    action's own transaction is rolled back.
    """
    if not allowed(actor, action):
        err = PermissionDenied(
            f"您的角色（{labels.text(labels.ROLE, actor.role, 'zh')}）无权执行此操作："
            f"{labels.text(labels.PERMISSION, action, 'zh')}。如需办理，请联系主管或管理员。",
            f"Your role ({labels.text(labels.ROLE, actor.role, 'en')}) may not do this: "
            f"{labels.text(labels.PERMISSION, action, 'en')}. Ask a supervisor or an administrator.",
        )
        err.action = action  # type: ignore[attr-defined]
        raise err
