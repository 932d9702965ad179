"""The three checks of a reading (三准), as pure functions of the meter's past readings.

``judge`` takes one typed reading and what is known of its meter (``MeterPast``) and returns a
``Verdict``: refused (one reason code, the first check that failed), already imported (the
same meter, day and value is stored), held (one or more reason codes: a person decides) or
accepted. The store (store.py) looks the account and meter up, which gives the lookup codes;
everything that compares with earlier readings is here, so that the entry grid, the import,
a correction and the account services' own readings are checked by the same rules.

Use in a period is the difference from the previous reading; below it, a meter that passed
its maximum (10^digits m³) implies ``10^digits - previous + value``. The usual use of a period
is the last ``average_cycles`` periods' use per day times this period's days, so that a period
that covered two cycles (after a no-access visit) is not a spike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import pairwise

from gasdesk.models.readings import ReadingKind, ReadingStatus
from gasdesk.money import LITRE, AmountRefused, volume
from gasdesk.services.core import labels
from gasdesk.services.core.errors import current_language
from gasdesk.services.core.text import shown

K, St = ReadingKind, ReadingStatus

REFUSED = ("bad_value", "too_many_digits", "negative", "bad_date", "future_date", "before_previous",
           "unknown_account", "check_digit", "unknown_meter", "meter_not_on_account", "meter_replaced",
           "not_in_service", "duplicate", "lower")
HELD = ("rollover", "spike", "zero_use", "previous_held")
ENTERED_KINDS = (K.ACTUAL, K.ESTIMATED, K.NO_ACCESS)  # what a reader enters or imports
LATER_SAME_DAY = (K.FINAL, K.TRANSFER)  # taken by an account service, after that day's reading


@dataclass(frozen=True)
class Reason:
    """One reason code with its words in both languages (the label table names the code)."""

    code: str
    zh: str
    en: str

    def text(self, lang: str | None = None) -> str:
        return self.en if (lang or current_language()) == "en" else self.zh

    @property
    def title(self) -> str:
        return labels.text(labels.READING_REASON, self.code)


@dataclass(frozen=True)
class Thresholds:
    """When a reading is held (the office's settings ``reading_*``)."""

    spike_factor: Decimal = Decimal(3)
    spike_floor: Decimal = Decimal(30)
    average_cycles: int = 6
    zero_cycles: int = 3


@dataclass(frozen=True)
class Past:
    """A stored reading the checks compare with (never a superseded one)."""

    id: int
    read_on: date
    value: Decimal | None  # None: no access
    kind: str
    status: str


@dataclass
class MeterPast:
    """A meter and its readings that still count, oldest first (the store appends what it stores)."""

    meter_id: int
    digits: int
    readings: list[Past] = field(default_factory=list)

    @property
    def maximum(self) -> Decimal:
        return Decimal(10) ** self.digits

    def valued(self) -> list[Past]:
        return [p for p in self.readings if p.value is not None]

    def previous(self) -> Past | None:
        """The previous reading: the latest with a value (actual, estimated, initial, held ...)."""
        valued = self.valued()
        return valued[-1] if valued else None

    def use_between(self, earlier: Past, later: Past) -> Decimal:
        """What the meter turned between two stored readings (a stored lower one passed its maximum)."""
        assert earlier.value is not None and later.value is not None
        diff = later.value - earlier.value
        return diff if diff >= 0 else self.maximum - earlier.value + later.value

    def periods(self, until: Past | None = None) -> list[tuple[Decimal, int]]:
        """(use, days) of each period between consecutive valued readings, oldest first, up to ``until``."""
        valued = self.valued()
        if until is not None:
            valued = valued[:valued.index(until) + 1]
        return [(self.use_between(a, b), (b.read_on - a.read_on).days) for a, b in pairwise(valued)]


@dataclass(frozen=True)
class Verdict:
    outcome: str  # accepted | held | already_imported | rejected
    value: Decimal | None = None
    reasons: tuple[Reason, ...] = ()  # rejected: exactly one; held: one or more
    previous: Past | None = None
    use: Decimal | None = None  # m³ over the period (from the base reading)

    @property
    def code(self) -> str | None:
        """The first reason's code (the rejects file's reason_code)."""
        return self.reasons[0].code if self.reasons else None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)


def refused(code: str, zh: str, en: str) -> Verdict:
    return Verdict("rejected", reasons=(Reason(code, zh, en),))


def _m3(value: Decimal) -> str:
    """A volume as a reader writes it: no trailing zeros after the point (12.5, 300)."""
    text = f"{value.quantize(LITRE):f}".rstrip("0").rstrip(".")
    return text or "0"


def parse_value(text: str, kind: str) -> Decimal | Verdict | None:
    """The typed reading by the one volume parser; None for no access (its value is not read)."""
    if kind == K.NO_ACCESS:
        return None
    if not (text or "").strip():
        return refused("bad_value", "没有填写读数。", "The reading is empty.")
    try:
        value = volume(text)
    except AmountRefused as exc:
        return refused("bad_value", exc.zh, exc.en)  # the one parser's words name the value
    if value < 0:
        return refused("negative", f"读数 {_m3(value)} 是负数，表的读数不会为负。",
                       f"The reading {_m3(value)} is negative; a meter never shows one.")
    return value


def check_date(read_on: date | None, typed: str, today: date) -> Verdict | None:
    if read_on is None:
        return refused("bad_date", f"抄表日期“{shown(typed.strip())}”无法识别，请写成 2027-03-31、2027/3/31 或 "
                       "2027年3月31日。",
                       f"The reading date “{shown(typed.strip())}” is not a date; write 2027-03-31, 2027/3/31 or "
                       "2027年3月31日.")
    if read_on > today:
        return refused("future_date", f"抄表日期 {read_on} 晚于今天（{today}），不能预先录入。",
                       f"The reading date {read_on} is after today ({today}).")
    return None


def judge(
    past: MeterPast, value: Decimal | None, read_on: date, kind: str, thresholds: Thresholds
) -> Verdict:
    """Check a parsed reading of a known meter against its past (date already checked for the future)."""
    same_day = [p for p in past.readings if p.read_on == read_on]
    if any(p.value == value and (p.kind == K.NO_ACCESS) == (kind == K.NO_ACCESS) for p in same_day):
        return Verdict("already_imported", value)
    if value is not None and value >= past.maximum:
        return refused("too_many_digits",
                       f"读数 {_m3(value)} 超出该表 {past.digits} 位整数的量程（最大 {_m3(past.maximum - LITRE)}）。",
                       f"The reading {_m3(value)} does not fit the meter's {past.digits} digits.")
    # A final or transfer reading is taken later the same day (a replacement after the round):
    # measured from that day's reading, never below it; a reader's own second one is a duplicate.
    if same_day and kind not in LATER_SAME_DAY:
        other = same_day[-1]
        shown_other = _m3(other.value) if other.value is not None else labels.text(labels.READING_KIND, other.kind)
        return refused("duplicate", f"该表 {read_on} 已有读数 {shown_other}，同一天不能再录一个不同的读数。",
                       f"The meter already has a reading of {shown_other} on {read_on}; a second, different one "
                       "is refused.")
    latest = past.readings[-1] if past.readings else None
    if latest is not None and read_on < latest.read_on:
        return refused("before_previous", f"抄表日期 {read_on} 早于该表上次读数的日期 {latest.read_on}。",
                       f"The date {read_on} is before the meter's previous reading on {latest.read_on}.")
    previous = past.previous()
    if value is None or previous is None or previous.value is None:
        return Verdict("accepted", value, previous=previous)  # no access: nothing to compare
    base = _base(past, previous, value, kind)
    assert base.value is not None
    days = (read_on - base.read_on).days
    expected = _usual_use(past, base, days, thresholds)
    limit = max(thresholds.spike_floor, thresholds.spike_factor * expected) if expected is not None \
        else thresholds.spike_floor
    holds: list[Reason] = []
    if value < base.value:
        use = past.maximum - base.value + value
        if use > limit:
            return refused(
                "lower",
                f"读数 {_m3(value)} 小于上次读数 {_m3(base.value)}（{base.read_on}），按表走满一圈算用量为 "
                f"{_m3(use)} 立方米，不合情理，请核对。",
                f"The reading {_m3(value)} is below the previous {_m3(base.value)} ({base.read_on}); as a rollover "
                f"it would mean {_m3(use)} m³, which is not plausible.",
            )
        holds.append(Reason("rollover",
                            f"读数 {_m3(value)} 小于上次读数 {_m3(base.value)}：像是表走满一圈（{past.digits} 位），"
                            f"用量 {_m3(use)} 立方米，请主管确认。",
                            f"The reading {_m3(value)} is below the previous {_m3(base.value)}: the meter seems to "
                            f"have passed its maximum ({past.digits} digits), use {_m3(use)} m³; to be confirmed."))
    else:
        use = value - base.value
    if expected is not None and use > thresholds.spike_floor and use > thresholds.spike_factor * expected:
        holds.append(Reason(
            "spike",
            f"用量 {_m3(use)} 立方米，超过近期平均用量（按 {days} 天折算 {_m3(expected)} 立方米）的 "
            f"{_m3(thresholds.spike_factor)} 倍。",
            f"Use of {_m3(use)} m³ is above {_m3(thresholds.spike_factor)} times the usual use "
            f"({_m3(expected)} m³ over {days} days).",
        ))
    if use == 0 and _zero_run(past) >= thresholds.zero_cycles - 1:
        n = thresholds.zero_cycles
        holds.append(Reason("zero_use", f"连续 {n} 期用量为零，请核实表是否正常、是否有人居住。",
                            f"No use for {n} periods in a row; check the meter and the household."))
    if previous.status == St.HELD:
        holds.append(Reason("previous_held",
                            f"上次读数（{previous.read_on}，{_m3(previous.value)}）尚待处理，本次读数等它确认或更正后再计费。",
                            f"The previous reading ({previous.read_on}, {_m3(previous.value)}) is still held; this "
                            "one waits for it."))
    return Verdict("held" if holds else "accepted", value, tuple(holds), previous, use)


def _base(past: MeterPast, previous: Past, value: Decimal, kind: str) -> Past:
    """What the use is measured from: the previous reading, except that an actual reading below an
    estimate is measured from the last reading that was not an estimate (the estimate is re-billed)."""
    if kind != K.ACTUAL or previous.kind != K.ESTIMATED or value >= (previous.value or 0):
        return previous
    for p in reversed(past.valued()):
        if p.kind != K.ESTIMATED:
            return p
    return previous


def _usual_use(past: MeterPast, base: Past, days: int, thresholds: Thresholds) -> Decimal | None:
    """The last cycles' use per day × ``days``, over periods ending at ``base`` at the latest; None without any."""
    periods = past.periods(until=base)[-thresholds.average_cycles:]
    total_days = sum(d for _, d in periods)
    if not periods or total_days <= 0:
        return None
    return (sum((u for u, _ in periods), Decimal(0)) * days / total_days).quantize(LITRE)


def _zero_run(past: MeterPast) -> int:
    """How many of the latest periods in a row had no use."""
    run = 0
    for use, _days in reversed(past.periods()):
        if use != 0:
            break
        run += 1
    return run


def reason_words(codes: Sequence[str], lang: str | None = None) -> str:
    """Stored reason codes as their names (a held reading's list shows these)."""
    return labels.joined(labels.READING_REASON, codes, lang)
