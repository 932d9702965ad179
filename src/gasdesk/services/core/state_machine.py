"""One small state machine for every document that has states: accounts and gas-on days now;
bills, receipts, shifts and cylinders later.

A machine is a declared table ``(state, event) -> Transition(target, guards)`` plus the actions
that keep the state (a rename, a meter change) and the states they are allowed in. Guards are
typed functions of the machine's own context dataclass (the thing that moves and what was
typed); they raise a domain error with words. A refused step names the current state and the
steps allowed from it, in both languages, from the machine's label tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from gasdesk.services.core import labels
from gasdesk.services.core.errors import Conflict

S = TypeVar("S", bound=StrEnum)  # the states
E = TypeVar("E", bound=StrEnum)  # the events
C = TypeVar("C")  # what a guard reads: the subject and the step's inputs

Guard = Callable[[C], None]


@dataclass(frozen=True)
class Transition(Generic[S, C]):
    target: S
    guards: tuple[Guard[C], ...] = ()
    forward: bool = False  # a step along the document's main line (the opening of an account, say)


class StateMachine(Generic[S, E, C]):
    def __init__(
        self,
        name: labels.Label,
        transitions: Mapping[tuple[S, E], Transition[S, C]],
        *,
        states: labels.Table,
        events: labels.Table,
        actions: Mapping[str, Iterable[S]] | None = None,
        action_labels: labels.Table | None = None,
    ) -> None:
        self.name = name  # what moves, for the refusals: 用户 / account
        self.transitions = dict(transitions)
        self.states = states
        self.events = events
        self.actions = {a: frozenset(s) for a, s in (actions or {}).items()}
        self.action_labels = action_labels or {}
        for (state, event), t in self.transitions.items():
            missing = [c for c in (state, event, t.target) if str(c) not in {**states, **events}]
            if missing:
                raise ValueError(f"{name.en}: no label for {missing}")

    # ---- reading the table --------------------------------------------------

    def next_events(self, state: S) -> list[E]:
        return [e for (s, e) in self.transitions if s == state]

    def forward_event(self, state: S) -> E | None:
        """The next step along the main line from ``state``, if the table marks one."""
        return next((e for (s, e), t in self.transitions.items() if s == state and t.forward), None)

    def allows(self, state: S, action: str) -> bool:
        return state in self.actions.get(action, frozenset())

    def actions_in(self, state: S) -> list[str]:
        return [a for a, states in self.actions.items() if state in states]

    # ---- moving -------------------------------------------------------------

    def transition(self, state: S, event: E) -> Transition[S, C]:
        """The declared transition, or a Conflict naming the current state and the allowed steps."""
        found = self.transitions.get((state, event))
        if found is None:
            now, step = self._names(state, self.events, event)
            raise Conflict(
                f"当前状态为“{now.zh}”，不能办理“{step.zh}”。可办理：{self._allowed(state, 'zh')}。",
                f"The {self.name.en} is '{now.en}'; '{step.en}' is not allowed. "
                f"Allowed next: {self._allowed(state, 'en')}.",
            )
        return found

    def step(self, state: S, event: E, context: C) -> S:
        """Check the step and its guards; the new state (the caller stores it and audits)."""
        t = self.transition(state, event)
        for guard in t.guards:
            guard(context)
        return t.target

    def check_action(self, state: S, action: str) -> None:
        """Refuse an action that keeps the state, unless the table allows it in ``state``."""
        if not self.allows(state, action):
            allowed = self.actions.get(action, frozenset())
            order = [s for s in self.states if s in allowed]
            now, what = self._names(state, self.action_labels, action)
            raise Conflict(
                f"当前状态为“{now.zh}”，不能办理“{what.zh}”（仅限：{labels.joined(self.states, order, 'zh')}）。",
                f"The {self.name.en} is '{now.en}'; '{what.en}' is allowed only when "
                f"{labels.joined(self.states, order, 'en')}.",
            )

    def _names(self, state: S, table: labels.Table, code: str) -> tuple[labels.Label, labels.Label]:
        """The state's and the step's names in both languages (a code without a label as itself)."""
        return (labels.Label(labels.text(self.states, state, "zh"), labels.text(self.states, state, "en")),
                labels.Label(labels.text(table, code, "zh"), labels.text(table, code, "en")))

    def _allowed(self, state: S, lang: str) -> str:
        steps = self.next_events(state)
        if not steps:
            return "无（已是最终状态）" if lang == "zh" else "none (final state)"
        return labels.joined(self.events, steps, lang)
