"""The registered counters (柜台) and depots (调瓶点): each is a receipt series and a place where
money is taken, so a sign-in must name one that the administrator has registered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Counter
from gasdesk.services.core import audit, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed, changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import normalize_typed, shown

_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,15}")


@dataclass(frozen=True)
class CounterInfo(Changed):
    id: int
    code: str
    name: str
    kind: str
    active: bool


def _info(c: Counter) -> CounterInfo:
    return CounterInfo(c.id, c.code, c.name, c.kind, c.active)


def clean_code(text: str) -> str:
    code = normalize_typed(text or "").upper()
    if not _CODE.fullmatch(code):
        raise ValidationError(
            "柜台号只能由字母、数字和连字符组成（最多 16 个字符），例如 C01。",
            "A counter code is letters, digits and hyphens (16 at most), e.g. C01.",
        )
    return code


def list_counters(session: Session) -> list[CounterInfo]:
    """Every registered counter, as the login window and `gasdesk counter list` show them."""
    return [_info(c) for c in session.scalars(select(Counter).order_by(Counter.code))]


def add_counter(session: Session, actor: Actor, code: str, name: str, kind: str = "counter") -> CounterInfo:
    require(session, actor, "counter.manage")
    code = clean_code(code)
    name = " ".join((name or "").split())
    if not name or len(name) > 60:
        raise ValidationError("请填写柜台名称（最多 60 个字）。", "Enter the counter's name (60 characters at most).")
    if kind not in labels.COUNTER_KIND:
        raise ValidationError("柜台类型应为营业柜台或调瓶点。", "A counter is an office counter or an LPG depot.")
    if session.scalar(select(Counter.id).where(Counter.code == code)) is not None:
        raise Conflict(f"柜台号 {code} 已登记。", f"The counter {code} is already registered.")
    counter = Counter(code=code, name=name, kind=kind, active=True)
    session.add(counter)
    session.flush()
    audit.record(session, actor, "counter.add", "counter", counter.id, after={"code": code, "name": name, "kind": kind})
    return changed(_info(counter), Change.COUNTER)


def set_active(session: Session, actor: Actor, code: str, active: bool) -> CounterInfo:
    require(session, actor, "counter.manage")
    counter = registered(session, code, active_only=False)
    counter.active = active
    session.flush()
    audit.record(session, actor, "counter.enable" if active else "counter.disable", "counter", counter.id)
    return changed(_info(counter), Change.COUNTER)


def registered(session: Session, code: str, *, active_only: bool = True) -> Counter:
    """The counter a typed code names; an unknown or disabled one is refused in words."""
    typed = normalize_typed(code or "").upper()
    if not typed:
        raise ValidationError("请填写柜台号（例如 C01）。", "Enter the counter code (e.g. C01).")
    # Only a well-formed code is looked up: anything else (a lone surrogate, 5,000 characters) is
    # simply not registered, and the refusal quotes a short, printable prefix of it.
    counter = session.scalar(select(Counter).where(Counter.code == typed)) if _CODE.fullmatch(typed) else None
    if counter is None:
        typed = shown(typed, 16)
        raise NotFound(
            f"柜台号 {typed} 未登记。请填写本机的柜台号，或请管理员在“系统管理 → 柜台”中登记。",
            f"The counter {typed} is not registered. Enter this PC's counter, or ask an "
            "administrator to register it (Administration → Counters).",
        )
    if active_only and not counter.active:
        raise Conflict(f"柜台 {counter.code}（{counter.name}）已停用。",
                       f"The counter {counter.code} ({counter.name}) is disabled.")
    return counter
