"""Bills from accepted readings, posted to the ledger (算准).

``bill_meters`` walks each meter's readings that count, oldest first, from its initial reading:
every accepted reading of a billed kind (actual, estimated, final, transfer) is billed from the
reading before it that was billed (or the initial one), and becomes billed. A held reading stops
the walk (what follows waits for it). An actual reading below a billed estimate reverses the
estimate's bill (the estimate is superseded) and bills the period again from the last actual
reading. A reading with no tariff in force waits, and says so. Zero use is billed as nothing:
the reading becomes billed, no charge is posted.

A bill is posted as a ``gas_charge`` entry with its due date; prepayment on the account is
applied to it at once (``prepayment_applied``, allocated to the charge in the same posting).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, bindparam, func, select, type_coerce, update
from sqlalchemy.orm import Session

from gasdesk.models import (
    Account,
    AuditEntry,
    Bill,
    BillLine,
    BillStatus,
    LedgerEntry,
    Meter,
    Party,
    Reading,
    ReadingKind,
    ReadingStatus,
    TariffSchedule,
)
from gasdesk.money import to_litres
from gasdesk.services import ledger
from gasdesk.services.billing import compute, schedules
from gasdesk.services.billing.schedules import Schedule
from gasdesk.services.core import audit, business_day, labels, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict
from gasdesk.services.core.permissions import require
from gasdesk.services.ledger import history
from gasdesk.services.readings.states import MACHINE, ReadingEvent

K, St = ReadingKind, ReadingStatus
BILLED_KINDS = frozenset({K.ACTUAL, K.ESTIMATED, K.FINAL, K.TRANSFER})
ANCHORS = frozenset({K.INITIAL})  # a meter's start: its use is measured from here


@dataclass(frozen=True)
class Billed(Changed):
    bills: tuple[int, ...] = ()
    reversed: tuple[int, ...] = ()
    waiting: tuple[tuple[int, str], ...] = ()  # (reading id, why it was not billed)
    total: Decimal = Decimal("0.00")
    unbilled: tuple[int, ...] = field(default=())  # zero-use readings marked billed without a charge


class _Run:
    """One billing run: the schedules by customer type and the year's billed litres, cached."""

    def __init__(self, session: Session, actor: Actor) -> None:
        self.session, self.actor = session, actor
        self.schedules: dict[str, list[Schedule]] = {}
        for s in schedules.load(session):
            self.schedules.setdefault(s.customer_type, []).append(s)
        self.due_days = settings.get_int(session, "bill_due_days")
        self.today = business_day.today(session)
        self.bills: list[int] = []
        self.reversed: list[int] = []
        self.waiting: list[tuple[int, str]] = []
        self.unbilled: list[int] = []
        self.total = Decimal("0.00")

        # what the run has read and since changed itself, per account (a reversal forgets the account)
        self._used: dict[tuple[int, date], int] = {}
        self._credit: dict[int, Decimal] = {}

    def used_in_year(self, account_id: int, year_start: date) -> int:
        key = (account_id, year_start)
        if key not in self._used:
            litres = type_coerce(BillLine.volume_m3, BigInteger)  # whole litres, as stored
            self._used[key] = int(self.session.scalar(
                select(func.coalesce(func.sum(litres), 0)).join(Bill, Bill.id == BillLine.bill_id)
                .where(BillLine.account_id == account_id, BillLine.tariff_year_start == year_start,
                       Bill.status == BillStatus.POSTED)) or 0)
        return self._used[key]

    def credit(self, account_id: int) -> Decimal:
        if account_id not in self._credit:
            self._credit[account_id] = ledger.balances(self.session, account_id).prepayment_credit
        return self._credit[account_id]

    def billed(self, account_id: int, lines: Sequence[compute.Line], posting: Sequence[ledger.Line]) -> None:
        for x in lines:
            key = (account_id, x.tariff_year_start)
            self._used[key] = self.used_in_year(account_id, x.tariff_year_start) + x.litres
        self._credit[account_id] = self.credit(account_id) + sum(
            (p.amount for p in posting if p.kind == "prepayment_applied"), Decimal(0))

    def forget(self, account_id: int) -> None:
        self._credit.pop(account_id, None)
        for key in [k for k in self._used if k[0] == account_id]:
            del self._used[key]

    def result(self) -> Billed:
        changes = frozenset({Change.LEDGER, Change.ACCOUNT, Change.READING}) if (
            self.bills or self.reversed or self.unbilled) else frozenset()
        return Billed(tuple(self.bills), tuple(self.reversed), tuple(self.waiting), self.total,
                      tuple(self.unbilled), changes=changes)


def _use(digits: int, earlier: Any, later: Any) -> int:
    """Whole litres from one reading (a Reading or a bulk row) to a later one of a meter of ``digits``."""
    assert earlier.value is not None and later.value is not None
    litres = to_litres(later.value) - to_litres(earlier.value)
    return litres if litres >= 0 else litres + 10 ** digits * 1000  # a confirmed rollover


def _step(reading: Reading, event: ReadingEvent, actor: Actor) -> None:
    reading.status = MACHINE.step(St(reading.status), event, reading)  # type: ignore[arg-type]
    reading.decided_by = actor.user_id
    reading.decided_at = datetime.now(UTC)


def _reverse(run: _Run, reading: Reading, why: str) -> None:
    """Reverse the posted bill of ``reading`` (an estimate) and supersede the estimate."""
    bill = run.session.scalar(select(Bill).where(Bill.reading_id == reading.id, Bill.status == BillStatus.POSTED))
    run.forget(reading.account_id)  # its year's litres and its prepayment change with the reversal
    if bill is not None and bill.posting_id is None:  # it came to nothing: no charge to take back
        bill.status = BillStatus.REVERSED
        run.reversed.append(bill.id)
    elif bill is not None:
        done = ledger.mirror_posting(run.session, run.actor, bill.posting_id, reason=why,
                                     idempotency_key=f"bill-reversal:{bill.id}", action="billing.reverse")
        bill.status = BillStatus.REVERSED
        bill.reversal_posting_id = done.posting_id
        run.reversed.append(bill.id)
        audit.record(run.session, run.actor, "billing.reverse", "account", bill.account_id,
                     after={"bill": bill.id, "reading": reading.id, "total": bill.total, "reason": why})
    _step(reading, ReadingEvent.REVERSE, run.actor)


def _charge_lines(total: Decimal, credit: Decimal) -> list[ledger.Line]:
    """The bill's posting: the charge, and the prepayment held on the account applied to it at once."""
    lines = [ledger.Line("gas_charge", total)]
    if credit > 0 and total > 0:
        lines.append(ledger.Line("prepayment_applied", -min(credit, total)))
    return lines


def _audit_after(bill_id: int, reading_id: int, period_from: date, period_to: date, volume_m3: Decimal,
                 total: Decimal, posting_id: int | None) -> dict[str, object]:
    return {"bill": bill_id, "reading": reading_id, "period": f"{period_from}～{period_to}",
            "volume_m3": volume_m3, "total": total, "posting_id": posting_id}


def _line_values(x: compute.Line) -> dict[str, object]:
    return dict(part_from=x.part_from, part_to=x.part_to, days=x.days, schedule_id=x.schedule_id,
                schedule_from=x.schedule_from, tariff_year_start=x.tariff_year_start, tier=x.tier,
                volume_m3=x.volume_m3, price=x.price, amount=x.amount)


def _post(run: _Run, account: Account, meter: Meter, earlier: Reading, reading: Reading) -> None:
    litres = _use(meter.digits, earlier, reading)
    period_from = min(earlier.read_on + timedelta(days=1), reading.read_on)
    if litres == 0:
        _step(reading, ReadingEvent.BILL, run.actor)
        run.unbilled.append(reading.id)
        return
    lines = compute.bill_lines(period_from, reading.read_on, litres, run.schedules.get(account.type, []),
                               account.household_size, lambda year: run.used_in_year(account.id, year))
    total = compute.total(lines)
    posting_id = charge_id = None
    charge: list[ledger.Line] = []
    if total > 0:  # a few litres can round to 0.00: the bill stands (its litres count), no charge is posted
        charge = _charge_lines(total, run.credit(account.id))
        posting, entries = ledger.write_posting(  # the bill's own audit row (below) names the posting
            run.session, run.actor, account.id, charge, idempotency_key=f"bill:{reading.id}",
            action="billing.post", memo=f"气费 {period_from}～{reading.read_on}")
        posting_id, charge_id = posting.id, entries[0].id  # the charge is the posting's first line
    run.billed(account.id, lines, charge)
    bill = Bill(account_id=account.id, meter_id=meter.id, reading_id=reading.id, from_reading_id=earlier.id,
                period_from=period_from, period_to=reading.read_on, customer_type=account.type,
                household_size=account.household_size, volume_m3=Decimal(litres) / 1000, total=total,
                due_on=run.today + timedelta(days=run.due_days), posting_id=posting_id,
                charge_entry_id=charge_id, created_by=run.actor.user_id)
    run.session.add(bill)
    run.session.flush()
    run.session.add_all(BillLine(bill_id=bill.id, account_id=account.id, **_line_values(x)) for x in lines)
    run.session.flush()
    _step(reading, ReadingEvent.BILL, run.actor)
    run.bills.append(bill.id)
    run.total += total
    audit.record(run.session, run.actor, "billing.post", "account", account.id,
                 after=_audit_after(bill.id, reading.id, period_from, reading.read_on, bill.volume_m3, total,
                                    posting_id))


def _walk(run: _Run, readings: Sequence[Any], account_type: str, post: Callable[[Any, Any], None],
          reverse: Callable[[Any, str], None]) -> None:
    """One meter's readings (oldest first, none superseded) in billing order: ``post(anchor, r)``
    bills r from its anchor, ``reverse(estimate, why)`` reverses an estimate's bill. Both paths
    (the service's and the bulk one) walk through here, so they bill the same readings the same way."""
    anchor: Any = None  # the reading the next bill is measured from
    billed_estimates: list[Any] = []  # estimates billed since the last actual anchor
    for r in readings:
        if r.value is None:  # no access: the next reading covers both periods
            continue
        if r.status == St.HELD:
            return
        if r.kind in ANCHORS or r.status == St.BILLED:
            if r.kind in ANCHORS or r.kind != K.ESTIMATED:
                billed_estimates = []
            else:
                billed_estimates.append(r)
            anchor = r
            continue
        if r.status != St.ACCEPTED or r.kind not in BILLED_KINDS or anchor is None:
            continue
        if billed_estimates and anchor.value is not None and r.value < anchor.value and r.kind != K.ESTIMATED:
            for estimate in reversed(billed_estimates):
                reverse(estimate, f"实抄读数 {r.value} 低于估抄读数 {estimate.value}，冲销估抄账单，从上次实抄重新计费")
            earlier = [x for x in readings if x.value is not None and x.status != St.SUPERSEDED
                       and (x.read_on, x.id) < (r.read_on, r.id)]
            anchor = earlier[-1] if earlier else None
            billed_estimates = []
            if anchor is None:
                continue
        try:
            post(anchor, r)
        except compute.NoTariff as missing:
            kind = labels.ACCOUNT_TYPE.get(account_type, labels.Label(account_type, account_type))
            run.waiting.append((r.id, labels.Label(f"{missing.day} 没有生效的{kind.zh}气价",
                                                   f"no {kind.en.lower()} tariff in force on {missing.day}").text()))
            return
        if r.kind == K.ESTIMATED:
            billed_estimates.append(r)
        else:
            billed_estimates = []
        anchor = r


def _bill_meter(run: _Run, meter: Meter, account: Account, readings: list[Reading]) -> None:
    _walk(run, readings, account.type, lambda earlier, r: _post(run, account, meter, earlier, r),
          lambda estimate, why: _reverse(run, estimate, why))


SERVICE_CHUNK = 500  # meters whose readings are read in one query


def _readings_of(session: Session, meter_ids: list[int]) -> dict[int, list[Reading]]:
    found: dict[int, list[Reading]] = {m: [] for m in meter_ids}
    for r in session.scalars(select(Reading).where(Reading.meter_id.in_(meter_ids), Reading.status != St.SUPERSEDED)
                             .order_by(Reading.meter_id, Reading.read_on, Reading.id)):
        found[r.meter_id].append(r)
    return found


def bill_meters(session: Session, actor: Actor, meter_ids: Iterable[int] | None = None) -> Billed:
    """Bill every accepted reading not billed yet, of these meters (all meters: None), in order."""
    require(session, actor, "billing.post")
    run = _Run(session, actor)
    if not run.schedules:
        return run.result()  # no tariff loaded yet: nothing can be billed, nothing is waiting on a price
    q = (select(Meter, Account).join(Account, Account.id == Meter.account_id)
         .where(Meter.id.in_(select(Reading.meter_id).where(Reading.status == St.ACCEPTED,
                                                             Reading.kind.in_(BILLED_KINDS)))))
    if meter_ids is not None:
        q = q.where(Meter.id.in_(list(meter_ids)))
    pairs = session.execute(q.order_by(Meter.id)).all()
    for start in range(0, len(pairs), SERVICE_CHUNK):
        chunk = pairs[start:start + SERVICE_CHUNK]
        readings = _readings_of(session, [m.id for m, _a in chunk])
        for meter, account in chunk:
            _bill_meter(run, meter, account, readings[meter.id])
    return run.result()


def bill_taken(session: Session, actor: Actor, reading: Reading, *, must: bool) -> Billed:
    """A reading the counter takes (a replacement's, a closing's final, a transfer's) billed at
    once, so that the gas up to it is charged before what follows: the holder changes, the account
    is settled and closed. ``must``: the money that follows depends on the bill, so a reading held
    for a supervisor, or one with no tariff in force, refuses the whole step with the reason. With
    no tariff loaded at all the office does not bill yet, and nothing is charged."""
    done = bill_meters(session, actor, [reading.meter_id])
    if not must or reading.status == St.BILLED or session.scalar(select(TariffSchedule.id).limit(1)) is None:
        return done
    waiting = dict(done.waiting).get(reading.id)
    if reading.status == St.HELD:
        why = "、".join(labels.READING_REASON.get(c, labels.Label(c, c)).zh for c in reading.reasons.split(",") if c)
        raise Conflict(f"读数 {reading.value} 须主管先确认（{why}）才能计费；请主管确认后再办理。",
                       f"The reading {reading.value} is held ({reading.reasons}); a supervisor must confirm it "
                       "before it can be billed.")
    if waiting:
        raise Conflict(f"读数 {reading.value} 无法计费：{waiting}。请先载入气价。",
                       f"The reading {reading.value} cannot be billed: {waiting}. Load the tariff first.")
    raise Conflict("该表有更早的读数待主管确认，确认后才能计费；请主管先处理待确认读数。",
                   "An earlier reading of this meter is held; a supervisor must decide it before this one is billed.")
    return done


# --- the bulk path: readings of the past billed as rows ------------------------------------------

HISTORY_CHUNK = 5000  # meters whose bills are built, then written, together


@dataclass(slots=True)
class _Row:
    """A reading as the bulk walk reads it; its status moves as the service moves a Reading's."""

    id: int
    read_on: date
    value: Decimal | None
    kind: str
    status: str


class _ByTheService(Exception):
    """A reversal on the bulk path: the meter's rest is billed by ``bill_meters`` afterwards."""


class _History:
    """The rows of a bulk billing run not written yet, and what the run knows in memory instead of
    asking the database per bill: the litres billed per (account, tariff year), the prepayment held."""

    def __init__(self, run: _Run, posted_on: Callable[[date], date]) -> None:
        session = run.session
        self.run, self.posted_on = run, posted_on
        litres = type_coerce(BillLine.volume_m3, BigInteger)
        self.used: dict[tuple[int, date], int] = {
            (a, y): int(n) for a, y, n in session.execute(
                select(BillLine.account_id, BillLine.tariff_year_start, func.sum(litres))
                .join(Bill, Bill.id == BillLine.bill_id).where(Bill.status == BillStatus.POSTED)
                .group_by(BillLine.account_id, BillLine.tariff_year_start))}
        self.credit: dict[int, Decimal] = dict(session.execute(  # type: ignore[arg-type]
            select(LedgerEntry.account_id, func.sum(LedgerEntry.amount)).where(LedgerEntry.bucket == "prepayment")
            .group_by(LedgerEntry.account_id)).all())
        self.batch = history.Batch(session)
        self.batch.party_of.update(session.execute(  # accounts already on the ledger keep their party
            select(Party.account_id, Party.id).where(Party.account_id.is_not(None))).all())
        self.next_bill = (session.scalar(select(func.max(Bill.id))) or 0) + 1
        self.next_line = (session.scalar(select(func.max(BillLine.id))) or 0) + 1
        self.bills: list[dict[str, Any]] = []
        self.lines: list[dict[str, Any]] = []
        self.trail: list[dict[str, Any]] = []
        self.moved: list[dict[str, Any]] = []  # readings billed: id, status, decided_by, decided_at

    def bill(self, meter: Any, earlier: _Row, reading: _Row) -> None:
        """``_post`` as rows: the same arithmetic, posting lines, bill, lines, audit row and status."""
        run, (meter_id, digits, account_id, account_type, household) = self.run, meter
        litres = _use(digits, earlier, reading)
        period_from = min(earlier.read_on + timedelta(days=1), reading.read_on)
        on = self.posted_on(reading.read_on)
        if litres == 0:
            self._step(reading, on)
            run.unbilled.append(reading.id)
            return
        lines = compute.bill_lines(period_from, reading.read_on, litres, run.schedules.get(account_type, []),
                                   household, lambda year: self.used.get((account_id, year), 0))
        total = compute.total(lines)
        posting_id = charge_id = None
        if total > 0:  # as _post: a bill that rounds to 0.00 posts no charge
            posting_lines = _charge_lines(total, self.credit.get(account_id, Decimal(0)))
            charge_id = self.batch.ids[LedgerEntry]  # the posting's first entry is its charge
            assert run.actor.counter_id is not None, "bills are posted at a counter"
            posting_id = history.record(self.batch, account_id, posting_lines, on=on,
                                        counter_id=run.actor.counter_id, user_id=run.actor.user_id,
                                        action="billing.post", memo=f"气费 {period_from}～{reading.read_on}")
            self.batch.days[on].postings[-1]["idempotency_key"] = f"bill:{reading.id}"  # as bill_meters keys it
            if len(posting_lines) > 1:
                self.credit[account_id] += posting_lines[1].amount
        bill_id, at, volume = self.next_bill, history.moment(on), Decimal(litres) / 1000
        self.next_bill += 1
        self.bills.append(dict(
            id=bill_id, account_id=account_id, meter_id=meter_id, reading_id=reading.id, from_reading_id=earlier.id,
            period_from=period_from, period_to=reading.read_on, customer_type=account_type, household_size=household,
            volume_m3=volume, total=total, due_on=on + timedelta(days=run.due_days), status=BillStatus.POSTED.value,
            posting_id=posting_id, charge_entry_id=charge_id, reversal_posting_id=None,
            created_by=run.actor.user_id, created_at=at))
        for x in lines:
            self.lines.append(dict(id=self.next_line, bill_id=bill_id, account_id=account_id, **_line_values(x)))
            self.next_line += 1
            key = (account_id, x.tariff_year_start)
            self.used[key] = self.used.get(key, 0) + x.litres
        self._step(reading, on)
        run.bills.append(bill_id)
        run.total += total
        after = _audit_after(bill_id, reading.id, period_from, reading.read_on, volume, total, posting_id)
        self.trail.append(dict(id=None, at=at, user_id=run.actor.user_id, login=run.actor.login,
                               counter=run.actor.counter, action="billing.post", entity="account",
                               entity_id=str(account_id), before=None, after=audit._dump(after),
                               chain_seq=None, row_hash=None))

    def _step(self, reading: _Row, on: date) -> None:
        reading.status = MACHINE.step(St(reading.status), ReadingEvent.BILL, reading)
        self.moved.append(dict(_id=reading.id, _status=str(reading.status), _by=self.run.actor.user_id,
                               _at=history.moment(on)))

    def write(self) -> None:
        """Parents first: the postings (with their entries and allocations), the bills, their lines,
        the audit rows (sealed on the chain after the postings), the readings' new statuses."""
        session = self.run.session
        history.write(session, self.batch)
        history.insert_rows(session, Bill, self.bills)
        history.insert_rows(session, BillLine, self.lines)
        history.insert_rows(session, AuditEntry, self.trail)
        if self.moved:
            t = Reading.__table__
            session.connection().execute(
                update(t).where(t.c.id == bindparam("_id"))
                .values(status=bindparam("_status"), decided_by=bindparam("_by"), decided_at=bindparam("_at")),
                self.moved)
        self.bills, self.lines, self.trail, self.moved = [], [], [], []


def bill_history(session: Session, actor: Actor, meter_ids: Iterable[int] | None = None, *,
                 posted_on: Callable[[date], date] | None = None) -> Billed:
    """What ``bill_meters`` bills, written in bulk: for the readings of the past (the demo office's
    years, a benchmark's generated ones), where posting some 50,000 bills one by one through the
    ORM would take many minutes. Each bill is posted on ``posted_on(its reading's day)`` (that day
    itself by default) and due ``bill_due_days`` after it.

    The rules are bill_meters' own: the same walk over each meter's readings (``_walk``), the same
    arithmetic (``compute.bill_lines`` on the litres already billed in the tariff year), the same
    posting lines (the prepayment held applied at once, allocated by ``ledger.history`` as
    ``ledger.record`` allocates), the same Bill, BillLine and audit rows, and the readings moved to
    billed through the same state machine. What bulk rows cannot do, reversing an estimate's
    bill, is left to bill_meters: such a meter is billed in bulk up to the reversal and by the
    service from there (those bills dated today)."""
    require(session, actor, "billing.post")
    session.flush()
    run = _Run(session, actor)
    if not run.schedules:
        return run.result()
    rows = _History(run, posted_on or (lambda day: day))
    q = (select(Meter.id, Meter.digits, Account.id, Account.type, Account.household_size)
         .join(Account, Account.id == Meter.account_id)
         .where(Meter.id.in_(select(Reading.meter_id).where(Reading.status == St.ACCEPTED,
                                                             Reading.kind.in_(BILLED_KINDS))))
         .order_by(Meter.id))
    wanted = None if meter_ids is None else set(meter_ids)
    meters = [tuple(m) for m in session.execute(q) if wanted is None or m[0] in wanted]
    later: list[int] = []
    for start in range(0, len(meters), HISTORY_CHUNK):
        chunk = meters[start:start + HISTORY_CHUNK]
        readings: dict[int, list[_Row]] = {}
        for mid, *values in session.execute(
                select(Reading.meter_id, Reading.id, Reading.read_on, Reading.value, Reading.kind, Reading.status)
                .where(Reading.meter_id.between(chunk[0][0], chunk[-1][0]), Reading.status != St.SUPERSEDED)
                .order_by(Reading.meter_id, Reading.read_on, Reading.id)):
            readings.setdefault(mid, []).append(_Row(*values))
        for meter in chunk:
            def reverse(_estimate: _Row, _why: str) -> None:
                raise _ByTheService

            try:
                _walk(run, readings.get(meter[0], []), meter[3],
                      lambda earlier, r, meter=meter: rows.bill(meter, earlier, r), reverse)
            except _ByTheService:
                later.append(meter[0])
        rows.write()
    history.close(session, rows.batch)
    session.expire_all()  # Reading objects the session holds are billed now
    if later:
        rest = bill_meters(session, actor, later)
        run.bills += rest.bills
        run.reversed += rest.reversed
        run.waiting += rest.waiting
        run.unbilled += rest.unbilled
        run.total += rest.total
    return run.result()
