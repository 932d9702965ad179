"""The cylinder's states and the steps between them, in the one state machine of services.core.

Handing a cylinder out full is guarded by checks.hand_out: whichever path hands one out (an
exchange, a loan against a deposit, a sale), an unfit cylinder is refused here with its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gasdesk.models.depot import CylinderState as S
from gasdesk.services.core.errors import Conflict
from gasdesk.services.core.label_table import Label, joined
from gasdesk.services.core.state_machine import StateMachine, Transition
from gasdesk.services.depot import checks
from gasdesk.services.depot.labels import CYLINDER_EVENT, CYLINDER_STATE, REASON


class CylinderEvent(StrEnum):
    RECEIVE_FULL = "receive_full"
    SEND_TO_PLANT = "send_to_plant"
    HAND_OUT = "hand_out"
    TAKE_IN = "take_in"
    SEND_INSPECTION = "send_inspection"
    PASS_INSPECTION = "pass_inspection"
    RETURN_OWN = "return_own"
    FAIL_INSPECTION = "fail_inspection"
    REJECT = "reject"
    SCRAP = "scrap"
    TAKE_CUSTODY = "take_custody"
    HAND_BACK = "hand_back"
    REASSIGN = "reassign"  # a company cylinder's holder re-recorded (it circulates: see exchange)


class CylinderRefused(Conflict):
    """A cylinder refused at the counter, with its stable reason codes."""

    def __init__(self, serial: str, reasons: list[str]) -> None:
        super().__init__(f"钢瓶 {serial} 不能办理：{joined(REASON, reasons, 'zh')}。",
                         f"Cylinder {serial} refused: {joined(REASON, reasons, 'en')}.")
        self.serial = serial
        self.reasons = reasons


@dataclass(frozen=True)
class Step:
    """What a guard reads: the cylinder's serial and the facts of the step."""

    serial: str
    facts: checks.Facts


def fit_to_hand_out(step: Step) -> None:
    reasons = checks.hand_out(step.facts)
    if reasons:
        raise CylinderRefused(step.serial, reasons)


E = CylinderEvent
MACHINE: StateMachine[S, CylinderEvent, Step] = StateMachine(
    Label("钢瓶", "cylinder"),
    {
        (S.AT_PLANT, E.RECEIVE_FULL): Transition(S.FULL),
        (S.EMPTY, E.SEND_TO_PLANT): Transition(S.AT_PLANT),
        (S.FULL, E.HAND_OUT): Transition(S.WITH_CUSTOMER, (fit_to_hand_out,)),
        (S.WITH_CUSTOMER, E.TAKE_IN): Transition(S.EMPTY),
        (S.EMPTY, E.SEND_INSPECTION): Transition(S.AT_INSPECTION),
        (S.FULL, E.SEND_INSPECTION): Transition(S.AT_INSPECTION),
        (S.REJECTED, E.SEND_INSPECTION): Transition(S.AT_INSPECTION),
        (S.WITH_CUSTOMER, E.SEND_INSPECTION): Transition(S.AT_INSPECTION),  # a customer's own, with a slip
        (S.IN_CUSTODY, E.SEND_INSPECTION): Transition(S.AT_INSPECTION),
        (S.AT_INSPECTION, E.PASS_INSPECTION): Transition(S.EMPTY),
        (S.AT_INSPECTION, E.RETURN_OWN): Transition(S.IN_CUSTODY),
        (S.AT_INSPECTION, E.FAIL_INSPECTION): Transition(S.SCRAPPED),
        (S.EMPTY, E.REJECT): Transition(S.REJECTED),
        (S.FULL, E.REJECT): Transition(S.REJECTED),
        (S.REJECTED, E.SCRAP): Transition(S.SCRAPPED),
        (S.WITH_CUSTOMER, E.TAKE_CUSTODY): Transition(S.IN_CUSTODY),
        (S.IN_CUSTODY, E.HAND_BACK): Transition(S.WITH_CUSTOMER),
        (S.WITH_CUSTOMER, E.REASSIGN): Transition(S.WITH_CUSTOMER),
    },
    states=CYLINDER_STATE,
    events=CYLINDER_EVENT,
)
