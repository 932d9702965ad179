"""What a person decides about a reading: a supervisor confirms a held one, a reader corrects one.

A reading's status moves by one state machine (held -> accepted by a confirmation, held or
accepted -> superseded by a correction, accepted -> billed by billing). A correction never
overwrites: it stores a new reading that supersedes the old one, checked by the same three
checks against the readings before it. After either decision the meter's later readings that
were held are checked again, in date order: one held only because its previous reading was
held (``previous_held``) is released when that reason has gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Reading, ReadingFollowUp, ReadingStatus
from gasdesk.services.billing import bills
from gasdesk.services.core import audit, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.readings import checks
from gasdesk.services.readings.checks import MeterPast, Past, Verdict
from gasdesk.services.readings.states import MACHINE, ReadingEvent
from gasdesk.services.readings.store import clean_note, meter_past, thresholds

St, Ev = ReadingStatus, ReadingEvent
_CHANGED = frozenset({Change.READING})


@dataclass(frozen=True)
class Decided(Changed):
    reading_id: int  # the reading as it now stands (the correction's, after a correction)
    status: str
    reasons: tuple[str, ...]
    released: tuple[int, ...] = ()  # later readings of the meter released by this decision


def _load(session: Session, reading_id: int) -> Reading:
    reading = session.get(Reading, reading_id)
    if reading is None:
        raise NotFound(f"没有编号为 {reading_id} 的读数。", f"No reading has the id {reading_id}.")
    return reading


def _past_before(session: Session, reading: Reading) -> MeterPast:
    """The meter's readings that count, up to (not including) ``reading``."""
    past = meter_past(session, [reading.meter_id])[reading.meter_id]
    past.readings = [p for p in past.readings if (p.read_on, p.id) < (reading.read_on, reading.id)]
    return past


def _step(reading: Reading, event: str, actor: Actor) -> None:
    reading.status = MACHINE.step(St(reading.status), event, reading)  # type: ignore[arg-type]
    reading.decided_by = actor.user_id
    reading.decided_at = datetime.now(UTC)


def confirm(session: Session, actor: Actor, reading_id: int, note: str = "") -> Decided:
    """A supervisor accepts a held reading as it is (the use it implies is right)."""
    require(session, actor, "reading.confirm")
    reading = _load(session, reading_id)
    before = {"status": reading.status, "reasons": reading.reasons}
    _step(reading, Ev.CONFIRM, actor)
    audit.record(session, actor, "reading.confirm", "reading", reading.id, before=before,
                 after={"status": reading.status, "note": clean_note(note)})
    released = recheck_after(session, actor, reading)
    billed = bills.bill_meters(session, actor, [reading.meter_id])
    return Decided(reading.id, reading.status, (), released, changes=_CHANGED | billed.changes)


def correct(session: Session, actor: Actor, reading_id: int, value: str, note: str = "") -> Decided:
    """Store the corrected value as a new reading that supersedes this one (same meter, day, kind)."""
    require(session, actor, "reading.correct")
    old = _load(session, reading_id)
    if old.status == St.BILLED:
        raise Conflict("这个读数已经计费，不能直接更正；请由主管冲正账单后重新抄表。",
                       "This reading has been billed; it cannot be corrected here (the bill must be reversed).")
    if old.kind not in checks.ENTERED_KINDS:
        kind = labels.text(labels.READING_KIND, old.kind)
        raise Conflict(f"“{kind}”读数由开户、换表、过户或销户办理时录入，不能在这里更正。",
                       f"A reading of kind '{kind}' comes from the account's own service; it is not corrected here.")
    MACHINE.transition(St(old.status), Ev.SUPERSEDE)  # refuses a superseded one in words
    parsed = checks.parse_value(value, old.kind)
    if isinstance(parsed, Verdict):
        raise ValidationError(parsed.reasons[0].zh, parsed.reasons[0].en, field="value")
    past = _past_before(session, old)
    same_day_others = [p for p in past.readings if p.read_on == old.read_on]
    if parsed == old.value and not same_day_others:
        raise ValidationError("更正后的读数与原读数相同；如读数无误，请由主管确认。",
                              "The corrected value is the same; if it is right, a supervisor confirms it.",
                              field="value")
    verdict = checks.judge(past, parsed, old.read_on, old.kind, thresholds(session))
    if verdict.outcome == "rejected" or verdict.outcome == "already_imported":
        reason = verdict.reasons[0] if verdict.reasons else checks.Reason(
            "duplicate", "同一天已有相同的读数。", "The same reading is already stored for that day.")
        raise ValidationError(reason.zh, reason.en, field="value")
    before = {"status": old.status, "value": old.value, "reasons": old.reasons}
    _step(old, Ev.SUPERSEDE, actor)
    session.flush()  # the old one leaves the meter's past before the new one joins it
    new = Reading(account_id=old.account_id, meter_id=old.meter_id, read_on=old.read_on, value=verdict.value,
                  kind=old.kind, status=St.HELD if verdict.outcome == "held" else St.ACCEPTED,
                  reasons=",".join(verdict.codes), note=clean_note(note or old.note),
                  source="correction", supersedes_id=old.id, entered_by=actor.user_id)
    session.add(new)
    session.flush()
    audit.record(session, actor, "reading.correct", "reading", old.id, before=before,
                 after={"value": new.value, "status": new.status, "reasons": new.reasons, "reading": new.id})
    released = recheck_after(session, actor, new)
    billed = bills.bill_meters(session, actor, [new.meter_id])
    return Decided(new.id, new.status, verdict.codes, released, changes=_CHANGED | billed.changes)


def recheck_after(session: Session, actor: Actor, reading: Reading) -> tuple[int, ...]:
    """Check the meter's later held readings again; release those whose holds have all gone."""
    later = list(session.scalars(
        select(Reading).where(Reading.meter_id == reading.meter_id, Reading.status == St.HELD,
                              Reading.read_on >= reading.read_on, Reading.id != reading.id)
        .order_by(Reading.read_on, Reading.id)))
    released: list[int] = []
    limits = thresholds(session)
    for held in later:
        if (held.read_on, held.id) < (reading.read_on, reading.id):
            continue
        verdict = checks.judge(_past_before(session, held), held.value, held.read_on, held.kind, limits)
        if verdict.outcome == "accepted":
            _step(held, Ev.RELEASE, actor)
            held.reasons = ""
            released.append(held.id)
            audit.record(session, actor, "reading.confirm", "reading", held.id,
                         before={"status": St.HELD, "reasons": "previous_held"},
                         after={"status": St.ACCEPTED, "released_by": reading.id})
        else:  # still held, with what holds it now (a refusal code, when the new past refuses it)
            held.reasons = ",".join(verdict.codes) or held.reasons
        session.flush()
    return tuple(released)


def follow_up(session: Session, actor: Actor, reading_id: int, note: str) -> Decided:
    """Note for the household of a held reading (the meter looks abnormal: told whom, when, what)."""
    require(session, actor, "reading.correct")
    reading = _load(session, reading_id)
    text = clean_note(note, 400)
    if not text:
        raise ValidationError("请写明回访内容（如：已电话告知户主，约定复查）。",
                              "Write what was done (e.g. the holder was phoned, a recheck agreed).", field="note")
    session.add(ReadingFollowUp(reading_id=reading.id, account_id=reading.account_id, note=text,
                                opened_by=actor.user_id))
    audit.record(session, actor, "reading.follow_up", "reading", reading.id, after={"note": text})
    return Decided(reading.id, reading.status, tuple(filter(None, reading.reasons.split(","))),
                   changes=frozenset({Change.READING, Change.ACCOUNT}))


def explain(session: Session, reading: Reading) -> Verdict:
    """The reading's checks again against the readings before it: its reasons in words with numbers."""
    return checks.judge(_past_before(session, reading), reading.value, reading.read_on, reading.kind,
                        thresholds(session))


__all__ = ["MACHINE", "Decided", "Past", "ReadingEvent", "confirm", "correct", "explain", "follow_up",
           "recheck_after"]
