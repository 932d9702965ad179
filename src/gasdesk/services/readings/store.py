"""Checking and storing readings: one batch (an entry grid's route, an import file) at a time.

``submit`` looks up each row's account and meter (the lookup reasons: check digit, unknown
account or meter, a meter on another account or removed, an account not in service), reads
the value with the one volume parser and lets ``checks.judge`` compare it with the meter's
past, in date order, so that a file holding two months of one meter reads them in turn and
a row repeated in the file counts as already imported. The accepted and held rows are stored
in the caller's one transaction, or none with ``store=False`` (a dry run, the grid's preview).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from gasdesk.models import Account, AccountStatus, Meter, Reading, ReadingKind, ReadingStatus
from gasdesk.models.base import utcnow
from gasdesk.services.accounts import numbers
from gasdesk.services.billing import bills
from gasdesk.services.billing.bills import Billed
from gasdesk.services.core import audit, business_day, labels, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import normalize_typed, shown
from gasdesk.services.readings import checks
from gasdesk.services.readings.checks import MeterPast, Past, Thresholds, Verdict, refused

K, St = ReadingKind, ReadingStatus
READ_STATUSES = (AccountStatus.GAS_ON, AccountStatus.IN_SERVICE, AccountStatus.SUSPENDED)
CHUNK = 500  # lookups per query (SQLite's bound parameters stay well below their limit)


@dataclass(frozen=True)
class ReadingInput:
    """One typed or imported reading, as text (the store parses it)."""

    account: str
    meter: str
    value: str
    read_on: date | None  # None: the date could not be read (``date_text`` says what was there)
    date_text: str = ""
    kind: str | None = K.ACTUAL.value  # None: the file's 类型 could not be read (``kind_text``)
    kind_text: str = ""
    note: str = ""


@dataclass(frozen=True)
class RowOutcome:
    outcome: str  # accepted | held | already_imported | rejected
    reasons: tuple[str, ...] = ()  # codes: the refusal's one, or the holds
    message: str = ""  # the reasons in words, in the current language
    value: Decimal | None = None
    previous_value: Decimal | None = None
    previous_on: date | None = None
    use_m3: Decimal | None = None
    reading_id: int | None = None
    account_id: int | None = None
    meter_id: int | None = None

    @property
    def reason_code(self) -> str | None:
        return self.reasons[0] if self.reasons else None


@dataclass(frozen=True)
class BatchResult(Changed):
    outcomes: tuple[RowOutcome, ...]
    stored: bool
    billed: Billed | None = None  # the bills the stored readings made at once (billing.bills)

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)

    def counts(self) -> dict[str, int]:
        """The import's contract: ``accepted``, ``held``, ``already_imported``, ``rejected``."""
        return {k: self.count(k) for k in ("accepted", "held", "already_imported", "rejected")}


def thresholds(session: Session) -> Thresholds:
    return Thresholds(
        spike_factor=Decimal(settings.get(session, "reading_spike_factor")),
        spike_floor=Decimal(settings.get(session, "reading_spike_floor_m3")),
        average_cycles=settings.get_int(session, "reading_average_cycles"),
        zero_cycles=settings.get_int(session, "reading_zero_cycles"),
    )


def meter_past(session: Session, meter_ids: Iterable[int]) -> dict[int, MeterPast]:
    """Each meter's readings that still count (not superseded), oldest first."""
    ids = list(dict.fromkeys(meter_ids))
    pasts: dict[int, MeterPast] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        for meter_id, digits in session.execute(select(Meter.id, Meter.digits).where(Meter.id.in_(chunk))):
            pasts[meter_id] = MeterPast(meter_id, digits)
        rows = session.execute(
            select(Reading.id, Reading.meter_id, Reading.read_on, Reading.value, Reading.kind, Reading.status)
            .where(Reading.meter_id.in_(chunk), Reading.status != St.SUPERSEDED)
            .order_by(Reading.meter_id, Reading.read_on, Reading.id)
        )
        for rid, meter_id, read_on, value, kind, status in rows:
            pasts[meter_id].readings.append(Past(rid, read_on, value, kind, status))
    return pasts


class _Lookups:
    """The batch's accounts, meters and meter pasts, fetched a chunk at a time before checking."""

    def __init__(self, session: Session, rows: Sequence[ReadingInput]) -> None:
        self.numbers: dict[str, str | checks.Verdict] = {r.account: _number(r.account) for r in rows}
        wanted = [n for n in self.numbers.values() if isinstance(n, str)]
        self.accounts: dict[str, tuple[int, str]] = {}
        for i in range(0, len(wanted), CHUNK):
            q = select(Account.number, Account.id, Account.status).where(Account.number.in_(wanted[i:i + CHUNK]))
            self.accounts.update({n: (aid, st) for n, aid, st in session.execute(q)})
        serials = list({_serial(r.meter) for r in rows} - {""})
        self.meters: dict[str, list[Meter]] = defaultdict(list)
        for i in range(0, len(serials), CHUNK):
            for m in session.scalars(select(Meter).where(Meter.serial.in_(serials[i:i + CHUNK]))):
                self.meters[m.serial].append(m)
        self.pasts = meter_past(session, (m.id for ms in self.meters.values() for m in ms if m.removed_on is None))
        self.other_numbers: dict[int, str | None] = {}
        self.session = session

    def account(self, typed: str) -> tuple[int, str] | Verdict:
        number = self.numbers[typed]
        if isinstance(number, Verdict):
            return number
        found = self.accounts.get(number)
        if found is None:
            return refused("unknown_account", f"没有户号为 {number} 的用户。", f"No account has the number {number}.")
        if found[1] not in READ_STATUSES:
            status = labels.ACCOUNT_STATUS.get(found[1], labels.Label(found[1], found[1]))
            return refused("not_in_service",
                           f"户号 {number} 的状态是“{status.zh}”，不在抄表范围（只抄已通气、在用和停气的户）。",
                           f"Account {number} is '{status.en}': only gas-on, in-service and suspended accounts "
                           "are read.")
        return found

    def meter(self, account_id: int, number: str, typed: str) -> Meter | Verdict:
        serial = _serial(typed)
        if not serial:
            return refused("unknown_meter", "没有填写表号。", "The meter serial is empty.")
        fitted = self.meters.get(serial, [])
        mine = [m for m in fitted if m.account_id == account_id]
        active = next((m for m in mine if m.removed_on is None), None)
        if active is not None:
            return active
        if mine:
            removed = max(m.removed_on for m in mine if m.removed_on is not None)
            return refused("meter_replaced",
                           f"表号 {serial} 已于 {removed} 从户号 {number} 拆下（已换表），请抄新表。",
                           f"Meter {serial} was removed from account {number} on {removed}; read the new meter.")
        if fitted:
            other = self._number_of(fitted[-1].account_id)
            return refused("meter_not_on_account",
                           f"表号 {serial} 不是户号 {number} 的表（装在户号 {other}），请核对。",
                           f"Meter {serial} is not on account {number} (it is on account {other}).")
        return refused("unknown_meter", f"没有表号为 {shown(serial)} 的燃气表。",
                       f"No meter has the serial {shown(serial)}.")

    def _number_of(self, account_id: int) -> str | None:
        if account_id not in self.other_numbers:
            self.other_numbers[account_id] = self.session.scalar(select(Account.number).where(Account.id == account_id))
        return self.other_numbers[account_id]


def _number(typed: str) -> str | Verdict:
    """The account number, or its refusal: a wrong check digit, or not an account number at all."""
    try:
        return numbers.validate_number(typed)
    except ValidationError as exc:
        clean = (typed or "").strip()
        if numbers.looks_like_number(clean):
            return refused("check_digit", f"户号 {shown(clean)} 的校验位不对，请核对。",
                           f"The check digit of account number {shown(clean)} is wrong.")
        return refused("unknown_account", f"户号“{shown(clean)}”：{exc.zh}",
                       f"Account number “{shown(clean)}”: {exc.en}")


def _serial(typed: str) -> str:
    try:
        return normalize_typed(typed or "").upper()
    except ValidationError:
        return typed.strip().upper()  # another script's digits: no meter has them, refused as unknown


def _outcome(v: Verdict, **ids: int | None) -> RowOutcome:
    prev = v.previous
    return RowOutcome(v.outcome, v.codes, "；".join(r.text() for r in v.reasons) if v.reasons else "", v.value,
                      prev.value if prev else None, prev.read_on if prev else None, v.use, **ids)


def _check_one(
    row: ReadingInput, look: _Lookups, today: date, limits: Thresholds
) -> tuple[Verdict, int | None, Meter | None]:
    if row.kind is None:
        return refused("bad_value", f"类型“{shown(row.kind_text)}”无法识别，请写实抄、估抄或未入户。",
                       f"The kind “{shown(row.kind_text)}” is not actual, estimated or no_access."), None, None
    value = checks.parse_value(row.value, row.kind)
    if isinstance(value, Verdict):
        return value, None, None
    problem = checks.check_date(row.read_on, row.date_text, today)
    if problem is not None:
        return problem, None, None
    account = look.account(row.account)
    if isinstance(account, Verdict):
        return account, None, None
    account_id, _status = account
    meter = look.meter(account_id, str(look.numbers[row.account]), row.meter)
    if isinstance(meter, Verdict):
        return meter, account_id, None
    assert row.read_on is not None
    return checks.judge(look.pasts[meter.id], value, row.read_on, row.kind, limits), account_id, meter


def submit(
    session: Session,
    actor: Actor,
    rows: Sequence[ReadingInput],
    *,
    source: str,
    store: bool = True,
    audit_after: dict[str, object] | None = None,
) -> BatchResult:
    """Check every row; store the accepted and held ones (``store``), all in this transaction."""
    require(session, actor, "reading.enter")
    look = _Lookups(session, rows)
    today, limits = business_day.today(session), thresholds(session)
    outcomes: dict[int, RowOutcome] = {}
    added: list[tuple[int, dict[str, object]]] = []
    # In date order, so that a later reading of a meter is checked against an earlier one of the batch.
    for i in sorted(range(len(rows)), key=lambda i: (rows[i].read_on or date.min, i)):
        row = rows[i]
        verdict, account_id, meter = _check_one(row, look, today, limits)
        if verdict.outcome in ("accepted", "held") and meter is not None and row.read_on is not None:
            status = St.HELD if verdict.outcome == "held" else St.ACCEPTED
            added.append((i, {"account_id": meter.account_id, "meter_id": meter.id, "read_on": row.read_on,
                              "value": verdict.value, "kind": row.kind, "status": status,
                              "reasons": ",".join(verdict.codes), "note": clean_note(row.note), "source": source,
                              "entered_by": actor.user_id, "created_at": utcnow()}))
            # Later rows compare with this one, stored or (a dry run) as it would be.
            look.pasts[meter.id].readings.append(Past(-1 - i, row.read_on, verdict.value, str(row.kind), status))
        outcomes[i] = _outcome(verdict, account_id=account_id, meter_id=meter.id if meter else None)
    if store and added:
        # One multi-row INSERT ... RETURNING per few hundred rows (not one statement a reading).
        ids = session.scalars(insert(Reading).returning(Reading.id, sort_by_parameter_order=True),
                              [values for _i, values in added]).all()
        for (i, _values), reading_id in zip(added, ids, strict=True):
            outcomes[i] = replace(outcomes[i], reading_id=reading_id)
    billed = bills.bill_meters(session, actor, {v["meter_id"] for _i, v in added}) if store and added else None
    result = BatchResult(tuple(outcomes[i] for i in range(len(rows))), store, billed,
                         changes=frozenset({Change.READING}) | (billed.changes if billed else frozenset())
                         if store and added else frozenset())
    if store:
        audit.record(session, actor, f"readings.{source}", "reading", "",
                     after={**(audit_after or {}), **result.counts()})
    return result


def clean_note(text: str, limit: int = 200) -> str:
    """A typed note as stored: one line, cut to its column, anything undecodable as an escape."""
    safe = (text or "").encode("utf-8", "backslashreplace").decode("utf-8")
    return " ".join(safe.split())[:limit]


def store_account_reading(
    session: Session, actor: Actor, meter: Meter, value: Decimal, on: date, kind: ReadingKind, note: str = ""
) -> Reading:
    """A reading the account services take (initial at a fitting; final, transfer): an initial one as
    it is, the others through the same checks (a refusal raises; a hold is stored held)."""
    status, reasons = St.ACCEPTED, ""
    if kind != K.INITIAL:
        past = meter_past(session, [meter.id]).get(meter.id) or MeterPast(meter.id, meter.digits)
        verdict = checks.judge(past, value, on, kind, thresholds(session))
        if verdict.outcome == "rejected":
            reason = verdict.reasons[0]
            raise ValidationError(reason.zh, reason.en, field="reading")
        if verdict.outcome == "already_imported":
            return session.scalars(select(Reading).where(Reading.meter_id == meter.id, Reading.read_on == on,
                                                         Reading.value == value)).first()  # type: ignore[return-value]
        if verdict.outcome == "held":
            status, reasons = St.HELD, ",".join(verdict.codes)
    reading = Reading(account_id=meter.account_id, meter_id=meter.id, read_on=on, value=value, kind=kind,
                      status=status, reasons=reasons, note=clean_note(note), source="account", entered_by=actor.user_id)
    session.add(reading)
    session.flush()
    return reading
