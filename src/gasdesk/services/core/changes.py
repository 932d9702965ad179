"""What a write changed, as the service says it (Anki's OpChanges).

Every write service's result carries ``changes``: the entities it changed. The window's runner
emits exactly that set on its one change signal and each view decides whether to refresh; no
dialog guesses. A read carries the empty set.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar


class Change(StrEnum):
    ACCOUNT = "account"  # an account's file: holder, status, meters, contracts, attachments
    LEDGER = "ledger"  # postings and entries (balances follow)
    GAS_ON = "gas_on"  # gas-on days and their households
    USER = "user"
    ADDRESS = "address"  # areas and compounds
    SETTING = "setting"
    COUNTER = "counter"  # the registered counters and depots
    PRINT = "print"  # a document printed (originals and copies)
    READING = "reading"  # meter readings stored, confirmed or corrected
    ROUTE = "route"  # routes and their stops
    TARIFF = "tariff"  # tariff schedules loaded


Changes = frozenset[Change]
NONE: Changes = frozenset()


@dataclass(frozen=True)
class Changed:
    """A result that says what its call changed (kw-only, so any result dataclass can extend it)."""

    changes: Changes = field(default=NONE, kw_only=True)


@dataclass(frozen=True)
class Done(Changed):
    """The result of a write that has nothing to say but what it changed."""


T = TypeVar("T", bound=Changed)


def changed(result: T, *what: Change) -> T:
    """``result`` saying it changed ``what`` (added to what it already says)."""
    return dataclasses.replace(result, changes=result.changes | frozenset(what))


def of(result: Any) -> Changes:
    """What a service result says it changed (nothing, for results that carry no changes)."""
    return result.changes if isinstance(result, Changed) else NONE
