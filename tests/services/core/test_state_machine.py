"""The one state machine: a declared table, typed guards, labels in both languages, refusals
that name the current state and the allowed steps; and the machines built on it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pytest

from gasdesk.models import AccountStatus
from gasdesk.services.accounts import gas_on_days
from gasdesk.services.accounts.states import ACTIONS, MACHINE, TRANSITIONS, AccountEvent
from gasdesk.services.core import labels
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.state_machine import StateMachine, Transition

Door = StrEnum("Door", {"SHUT": "shut", "OPEN": "open", "LOCKED": "locked"})
Push = StrEnum("Push", {"OPEN": "open_it", "SHUT": "shut_it", "LOCK": "lock"})


@dataclass(frozen=True)
class Hand:
    has_key: bool


def key_in_hand(hand: Hand) -> None:
    """The guard of locking: a typed function of the machine's context."""
    if hand.has_key:
        return
    raise ValidationError("请先拿钥匙。", "Take the key first.")


DOOR_STATES = {"shut": labels.Label("关着", "shut"), "open": labels.Label("开着", "open"),
               "locked": labels.Label("锁着", "locked")}
DOOR_EVENTS = {"open_it": labels.Label("开门", "open it"), "shut_it": labels.Label("关门", "shut it"),
               "lock": labels.Label("上锁", "lock it")}
DOOR: StateMachine[Door, Push, Hand] = StateMachine(
    labels.Label("门", "door"),
    {(Door.SHUT, Push.OPEN): Transition(Door.OPEN, forward=True),
     (Door.OPEN, Push.SHUT): Transition(Door.SHUT),
     (Door.SHUT, Push.LOCK): Transition(Door.LOCKED, (key_in_hand,))},
    states=DOOR_STATES, events=DOOR_EVENTS, actions={"paint": (Door.SHUT, Door.LOCKED)},
    action_labels={"paint": labels.Label("刷漆", "paint")},
)


def test_a_declared_step_gives_its_target_after_its_guards() -> None:
    assert DOOR.step(Door.SHUT, Push.OPEN, Hand(False)) is Door.OPEN
    assert DOOR.step(Door.SHUT, Push.LOCK, Hand(True)) is Door.LOCKED
    with pytest.raises(ValidationError) as err:
        DOOR.step(Door.SHUT, Push.LOCK, Hand(False))
    assert (err.value.zh, err.value.en) == ("请先拿钥匙。", "Take the key first.")


def test_an_undeclared_step_names_the_state_and_the_allowed_steps_in_both_languages() -> None:
    with pytest.raises(Conflict) as err:
        DOOR.step(Door.OPEN, Push.LOCK, Hand(True))
    assert err.value.zh == "当前状态为“开着”，不能办理“上锁”。可办理：关门。"
    assert err.value.en == "The door is 'open'; 'lock it' is not allowed. Allowed next: shut it."
    with pytest.raises(Conflict) as final:
        DOOR.step(Door.LOCKED, Push.OPEN, Hand(True))
    assert final.value.zh == "当前状态为“锁着”，不能办理“开门”。可办理：无（已是最终状态）。"
    assert final.value.en == "The door is 'locked'; 'open it' is not allowed. Allowed next: none (final state)."


def test_actions_that_keep_the_state_are_checked_against_their_states() -> None:
    DOOR.check_action(Door.SHUT, "paint")
    assert DOOR.actions_in(Door.LOCKED) == ["paint"] and DOOR.actions_in(Door.OPEN) == []
    with pytest.raises(Conflict) as err:
        DOOR.check_action(Door.OPEN, "paint")
    assert err.value.zh == "当前状态为“开着”，不能办理“刷漆”（仅限：关着、锁着）。"
    assert err.value.en == "The door is 'open'; 'paint' is allowed only when shut, locked."


def test_the_main_line_and_the_next_events_come_from_the_table() -> None:
    assert DOOR.forward_event(Door.SHUT) is Push.OPEN and DOOR.forward_event(Door.OPEN) is None
    assert DOOR.next_events(Door.SHUT) == [Push.OPEN, Push.LOCK]


def test_a_table_naming_a_state_without_a_label_is_refused_when_declared() -> None:
    with pytest.raises(ValueError, match="no label"):
        StateMachine(labels.Label("门", "door"), {(Door.SHUT, Push.OPEN): Transition(Door.OPEN)},
                     states={"shut": labels.Label("关着", "shut")}, events=DOOR_EVENTS)


def test_the_account_opening_runs_along_the_forward_steps_to_in_service() -> None:
    state, path = AccountStatus.APPLICATION, []
    while (event := MACHINE.forward_event(state)) is not None:
        path.append(event)
        state = TRANSITIONS[(state, event)].target
    assert path == [AccountEvent.SIGN, AccountEvent.NUMBER, AccountEvent.PLAN_INSTALL, AccountEvent.INSTALL,
                    AccountEvent.GAS_ON, AccountEvent.START_SERVICE]
    assert state is AccountStatus.IN_SERVICE


def test_every_account_state_event_and_action_has_both_names() -> None:
    for (state, event), t in TRANSITIONS.items():
        for table, code in ((labels.ACCOUNT_STATUS, state), (labels.ACCOUNT_EVENT, event),
                            (labels.ACCOUNT_STATUS, t.target)):
            assert table[code].zh and table[code].en
    assert set(ACTIONS) == set(labels.ACCOUNT_CHANGE)


def test_a_household_with_gas_is_final_and_a_refusal_needs_its_reason() -> None:
    household, outcome = gas_on_days.HOUSEHOLD, gas_on_days.Outcome
    assert household.next_events(outcome.DONE) == []
    assert household.step(outcome.ABSENT, outcome.DONE, gas_on_days.Marking("")) is outcome.DONE
    with pytest.raises(ValidationError) as err:
        household.step(outcome.PENDING, outcome.REFUSED, gas_on_days.Marking("  "))
    assert err.value.zh == "请填写拒绝原因。"


def test_a_finished_gas_on_day_takes_no_more_marks() -> None:
    day, status = gas_on_days.DAY, gas_on_days.DayStatus
    assert day.step(status.PLANNED, gas_on_days.DayEvent.CANCEL, None) is status.CANCELLED
    with pytest.raises(Conflict) as err:
        day.check_action(status.DONE, "mark")
    assert err.value.zh == "当前状态为“已完成”，不能办理“登记结果”（仅限：计划中）。"
