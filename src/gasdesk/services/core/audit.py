"""Writing the audit log, always inside the transaction of the action it records."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gasdesk.models import AuditEntry
from gasdesk.services.core import audit_words
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.permissions import require


def _default(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _dump(data: Mapping[str, Any] | None) -> str | None:
    if data is None:
        return None
    return json.dumps(dict(data), ensure_ascii=False, sort_keys=True, default=_default)


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str = "",
    entity_id: object = "",
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    login: str | None = None,
) -> None:
    """Add one audit row to the caller's transaction (never commits by itself)."""
    session.add(
        AuditEntry(
            user_id=actor.user_id if actor else None,
            login=login or (actor.login if actor else ""),
            counter=actor.counter if actor else "",
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            before=_dump(before),
            after=_dump(after),
        )
    )


def recent(
    session: Session,
    actor: Actor,
    *,
    entity: str | None = None,
    entity_id: object = None,
    limit: int = 200,
    before_id: int | None = None,
    action_like: str | None = None,
) -> list[dict[str, Any]]:
    """Latest audit rows, newest first, as plain dicts (supervisors and admins only).

    ``before_id`` pages on (keyset: ids below it); ``action_like`` keeps actions whose code or
    name (in either language: 签约, "signed") contains the text. ``balance_after`` is the
    account's 余额 right after a money action (audit_words.balances_after), else None."""
    require(session, actor, "audit.view")
    q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if before_id is not None:
        q = q.where(AuditEntry.id < before_id)
    if action_like:
        named = audit_words.actions_named(action_like)
        q = q.where(or_(AuditEntry.action.contains(action_like, autoescape=True), AuditEntry.action.in_(named)))
    if entity is not None:
        q = q.where(AuditEntry.entity == entity)
    if entity_id is not None:
        q = q.where(AuditEntry.entity_id == str(entity_id))
    rows = [
        {
            "id": e.id,
            "at": e.at,
            "login": e.login,
            "counter": e.counter,
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "before": json.loads(e.before) if e.before else None,
            "after": json.loads(e.after) if e.after else None,
        }
        for e in session.scalars(q)
    ]
    after = audit_words.balances_after(session, filter(None, (audit_words.posting_id_of(r["after"]) for r in rows)))
    for r in rows:
        r["balance_after"] = after.get(audit_words.posting_id_of(r["after"]) or 0)
    return rows
