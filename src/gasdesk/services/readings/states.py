"""A reading's status, moved by one state machine: held -> accepted by a confirmation (or a
release when what held it has gone), held or accepted -> superseded by a correction, accepted ->
billed by billing, billed -> superseded when billing reverses an estimate's bill (the next actual
reading came in lower, and the period is billed again from the last actual reading)."""

from __future__ import annotations

from enum import StrEnum

from gasdesk.models import ReadingStatus
from gasdesk.services.core import labels
from gasdesk.services.core.state_machine import StateMachine, Transition


class ReadingEvent(StrEnum):
    CONFIRM = "confirm"
    RELEASE = "release"
    SUPERSEDE = "supersede"
    BILL = "bill"
    REVERSE = "reverse"


St, Ev = ReadingStatus, ReadingEvent
MACHINE: StateMachine = StateMachine(
    labels.Label("读数", "reading"),
    {
        (St.HELD, Ev.CONFIRM): Transition(St.ACCEPTED),
        (St.HELD, Ev.RELEASE): Transition(St.ACCEPTED),
        (St.HELD, Ev.SUPERSEDE): Transition(St.SUPERSEDED),
        (St.ACCEPTED, Ev.SUPERSEDE): Transition(St.SUPERSEDED),
        (St.ACCEPTED, Ev.BILL): Transition(St.BILLED, forward=True),
        (St.BILLED, Ev.REVERSE): Transition(St.SUPERSEDED),
    },
    states=labels.READING_STATUS,
    events=labels.READING_EVENT,
)
