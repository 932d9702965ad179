"""A supervisor's approval given on the spot (主管现场批准): their login and password, typed at the
counter into a small dialog (or given to the CLI), checked as a sign-in is.

Run ``check`` in a transaction of its own, before the approved step: a wrong password counts
toward the approver's lock and is audited even though the step itself is then never made.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import AuthError
from gasdesk.services.core.permissions import allowed
from gasdesk.services.office import users


@dataclass(frozen=True)
class Approval:
    approver: Actor | None  # None: refused, with ``error``
    error: AuthError | None = None


def check(session: Session, requester: Actor, login: str, password: str) -> Approval:
    """The approver, when ``login`` and ``password`` are a supervisor's (``ledger.approve``)."""
    if not (login or "").strip() or not password:
        return Approval(None, AuthError("请主管输入登录名和密码以批准。",
                                        "A supervisor must type their login and password."))
    outcome = users.authenticate(session, login.strip(), password, requester.counter)
    if outcome.actor is None:
        return Approval(None, outcome.error)
    if not allowed(outcome.actor, "ledger.approve"):
        who = f"{outcome.actor.name}（{outcome.actor.login}）"
        return Approval(None, AuthError(f"{who}不是主管，不能批准；请主管输入。",
                                        f"{outcome.actor.login} is not a supervisor and cannot approve this."))
    return Approval(outcome.actor)


def approver_or_raise(approval: Approval) -> Actor:
    if approval.approver is None:
        assert approval.error is not None
        raise approval.error
    return approval.approver
