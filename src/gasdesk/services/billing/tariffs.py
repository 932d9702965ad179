"""Tariff files: loading one whole or not at all, and showing what is stored in the same shape.

The file's format, its reading and its checks are in ``tariff_file`` (its problems' wording in
``tariff_problems``); what callers use of it is importable from here too.

``show`` gives every stored schedule in the file's shape, with prices as stored (four places,
"2.6100"), volumes with three ("350.000") and days as ISO text: ``{"schedule": show(...)}`` written
as JSON loads again as the same schedules (and stores nothing, since they are all there).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk import paths
from gasdesk.models import Account, Bill, BillStatus, TariffSchedule, TariffTier
from gasdesk.services.billing import schedules
from gasdesk.services.billing.tariff_file import CUSTOMER_TYPES, MAX_BYTES, ScheduleInput, parse_document, parse_file
from gasdesk.services.billing.tariff_problems import At, Problems, type_name
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import shown

# MAX_BYTES, ScheduleInput and parse_file are tariff_file's, used from here by the CLI, the demo and the tests.
__all__ = ["MAX_BYTES", "Loaded", "LoadedSchedule", "ScheduleInput", "load", "parse_file", "sample_path", "show"]


def sample_path() -> Path:
    """The shipped sample file (the city's tariff of 2024)."""
    return paths.shipped("resources") / "tariffs" / "sample.toml"


@dataclass(frozen=True)
class LoadedSchedule:
    id: int
    customer_type: str
    effective_from: dt.date


@dataclass(frozen=True)
class Loaded(Changed):
    stored: tuple[LoadedSchedule, ...] = ()
    skipped: tuple[LoadedSchedule, ...] = ()  # identical to one already stored: nothing new


# --- the file's shape, from a schedule --------------------------------------------------------


def _shape(s: ScheduleInput | schedules.Schedule, *, text: bool) -> dict[str, Any]:
    """A schedule as the file writes it; ``text``: values as JSON text (what ``show`` gives), else as
    they are (an input re-checked by ``parse_document``, a float still a float)."""

    def t(value: Any) -> Any:
        return str(value) if text and isinstance(value, Decimal) else value

    year_start = s.year_start if isinstance(s.year_start, str) else f"{s.year_start[0]:02d}-{s.year_start[1]:02d}"
    out: dict[str, Any] = {"customer_type": s.customer_type,
                           "effective_from": s.effective_from.isoformat() if text else s.effective_from,
                           "year_start": year_start}
    if s.large_min_persons is not None or s.large_extra_m3 is not None:
        out["large_household"] = {"min_persons": s.large_min_persons, "extra_m3": t(s.large_extra_m3)}
    if s.late_daily_rate is not None or s.late_grace_days is not None:
        out["late_fee"] = {"daily_rate": t(s.late_daily_rate), "grace_days": s.late_grace_days}
    out["tiers"] = [({} if tier.up_to_m3 is None else {"up_to_m3": t(tier.up_to_m3)}) | {"price": t(tier.price)}
                    for tier in s.tiers]
    return out


def _order(s: schedules.Schedule) -> tuple[int, dt.date]:
    return CUSTOMER_TYPES.index(s.customer_type), s.effective_from


def show(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """Every stored schedule in the file's shape (residential first, then by day); prices as stored."""
    require(session, actor, "tariff.view")
    return [_shape(s, text=True) for s in sorted(schedules.load(session), key=_order)]


# --- loading ----------------------------------------------------------------------------------


def _content(s: ScheduleInput | schedules.Schedule) -> dict[str, Any]:
    shape = _shape(s, text=False)
    del shape["customer_type"], shape["effective_from"]
    return shape


def _billed_up_to(session: Session, customer_type: str) -> dt.date | None:
    """The latest day a posted bill of an account of this type covers."""
    return session.scalar(select(func.max(Bill.period_to)).join(Account, Account.id == Bill.account_id)
                          .where(Account.type == customer_type, Bill.status == BillStatus.POSTED))


def _label(s: ScheduleInput | LoadedSchedule) -> str:
    return f"{s.customer_type} {s.effective_from.isoformat()}"


def load(session: Session, actor: Actor, source: str | Path | Sequence[ScheduleInput], *,
         name: str | None = None) -> Loaded:
    """Load a tariff file (or schedules already read from one), all of it or nothing.

    A schedule identical to one stored (same type, day and content) is skipped; a different one
    for a stored type and day is refused (the tables are append-only: a correction is a new
    schedule with a later day), and so is one taking effect on or before a day already billed
    for its customer type. One audit row names the file and what was stored."""
    require(session, actor, "tariff.manage")
    if isinstance(source, str | Path):
        name = name or str(source)
        inputs = parse_file(source)
    else:  # from code: checked as a file's would be
        inputs = parse_document({"schedule": [_shape(s, text=False) for s in source]}, name)
    stored = {(s.customer_type, s.effective_from): s for s in schedules.load(session)}
    billed: dict[str, dt.date | None] = {}
    problems = Problems()
    new: list[tuple[int, ScheduleInput]] = []
    skipped: list[LoadedSchedule] = []
    for n, s in enumerate(inputs, start=1):
        at = At(n, named=s.key)
        zh_type, en_type = type_name(s.customer_type, "zh"), type_name(s.customer_type, "en").lower()
        old = stored.get(s.key)
        if old is not None:
            if _content(old) == _content(s):
                skipped.append(LoadedSchedule(old.id, s.customer_type, s.effective_from))
            else:
                problems.add(at, f"已存有同一天生效的{zh_type}气价，内容不同。气价只增不改：要更正，"
                                 "请另立一个更晚生效的气价。",
                             f"a different {en_type} tariff taking effect that day is already stored. "
                             "Tariffs are never changed: to correct one, load a new schedule with a later day.")
            continue
        if s.customer_type not in billed:
            billed[s.customer_type] = _billed_up_to(session, s.customer_type)
        up_to = billed[s.customer_type]
        if up_to is not None and s.effective_from <= up_to:
            earliest = up_to + dt.timedelta(days=1)
            problems.add(at, f"{zh_type}用户已出账到 {up_to}，气价不能在已出账的日子或更早生效；"
                             f"最早只能从 {earliest} 起生效。",
                         f"{en_type} accounts are billed up to {up_to}; a tariff cannot take effect on "
                         f"or before a day already billed, the earliest is {earliest}.")
            continue
        new.append((n, s))
    if problems.found:
        raise problems.refusal(name)
    done: list[LoadedSchedule] = []
    for _n, s in new:
        row = TariffSchedule(customer_type=s.customer_type, effective_from=s.effective_from, year_start=s.year_start,
                             large_min_persons=s.large_min_persons, large_extra_m3=s.large_extra_m3,
                             late_daily_rate=s.late_daily_rate, late_grace_days=s.late_grace_days,
                             loaded_by=actor.user_id)
        session.add(row)
        session.flush()
        session.add_all(TariffTier(schedule_id=row.id, tier=i, up_to_m3=t.up_to_m3, price=t.price)
                        for i, t in enumerate(s.tiers, start=1))
        done.append(LoadedSchedule(row.id, s.customer_type, s.effective_from))
    session.flush()
    audit.record(session, actor, "tariff.load", "tariff", ",".join(str(d.id) for d in done),
                 after={"file": shown(name or "", 260), "schedules": ", ".join(map(_label, done)),
                        "skipped": ", ".join(map(_label, skipped))})
    return Loaded(tuple(done), tuple(skipped), changes=frozenset({Change.TARIFF}) if done else frozenset())
