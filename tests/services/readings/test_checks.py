"""The three checks: every reason code at its boundary, holds and their decisions, estimates."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from accounts_support import Office, refused, snapshot
from sqlalchemy import select, text

from gasdesk.models import Account, Meter, Reading
from gasdesk.services.accounts import changes, numbers
from gasdesk.services.core import settings
from gasdesk.services.core.errors import Conflict, PermissionDenied, ValidationError
from gasdesk.services.readings import decisions, views
from gasdesk.services.readings.store import ReadingInput, RowOutcome, submit

D = Decimal
GAS_ON = date(2026, 1, 12)  # accounts_support's gas-on day, initial reading 0


def number_of(office: Office, aid: int) -> tuple[str, str]:
    with office.db.read() as s:
        acc = s.get(Account, aid)
        meter = s.scalar(select(Meter).where(Meter.account_id == aid, Meter.removed_on.is_(None)))
        return acc.number, meter.serial


def enter(office: Office, aid: int, value: str, day: date, kind: str | None = "actual", *, serial: str | None = None,
          number: str | None = None, store: bool = True) -> RowOutcome:
    n, m = number_of(office, aid)
    row = ReadingInput(number if number is not None else n, serial if serial is not None else m, value, day,
                       str(day), kind)
    with office.db.write() as s:
        return submit(s, office.reader, [row], source="entry", store=store).outcomes[0]


def monthly(office: Office, aid: int, values: list[str], start: date = date(2026, 2, 12)) -> list[RowOutcome]:
    """Readings a month apart (30 days), accepted one by one."""
    out = []
    for i, v in enumerate(values):
        out.append(enter(office, aid, v, start + timedelta(days=30 * i)))
    return out


@pytest.fixture
def aid(office: Office) -> int:
    return office.account_at("in_service")


def test_an_ordinary_reading_is_accepted_with_its_use(office: Office, aid: int) -> None:
    o = enter(office, aid, "12.5", date(2026, 2, 12))
    assert (o.outcome, o.reasons, o.value, o.previous_value, o.previous_on, o.use_m3) == (
        "accepted", (), D("12.500"), D("0.000"), GAS_ON, D("12.500"))
    assert o.reading_id is not None


@pytest.mark.parametrize(("typed", "code", "words"), [
    ("abc", "bad_value", "气量“abc”不是数字，请只输入数字和小数点（如 1234.5）。"),
    ("", "bad_value", "没有填写读数。"),
    ("1e3", "bad_value", "气量不能用科学计数法（如 1e3）"),
    ("12.3456", "bad_value", "气量“12.3456”超过三位小数（气量只记到升）。"),
    ("-0.001", "negative", "读数 -0.001 是负数"),
    ("100000", "too_many_digits", "读数 100000 超出该表 5 位整数的量程（最大 99999.999）。"),
])
def test_read_right_refusals(office: Office, aid: int, typed: str, code: str, words: str) -> None:
    before = snapshot(office.db)
    o = enter(office, aid, typed, date(2026, 2, 12))
    assert (o.outcome, o.reason_code) == ("rejected", code)
    assert o.message.startswith(words)
    assert snapshot(office.db)["readings"] == before["readings"]


def test_the_largest_reading_that_fits_is_taken(office: Office, aid: int) -> None:
    o = enter(office, aid, "99999.999", date(2026, 2, 12))
    assert o.outcome == "accepted"  # no earlier periods: no spike can be judged yet


def test_dates(office: Office, aid: int) -> None:
    n, m = number_of(office, aid)
    with office.db.write() as s:
        bad = submit(s, office.reader, [ReadingInput(n, m, "5", None, "2026-02-30")], source="entry").outcomes[0]
    assert (bad.reason_code, bad.message) == (
        "bad_date", "抄表日期“2026-02-30”无法识别，请写成 2027-03-31、2027/3/31 或 2027年3月31日。")
    before = enter(office, aid, "4", GAS_ON - timedelta(days=1))
    assert (before.reason_code, before.message) == (
        "before_previous", f"抄表日期 {GAS_ON - timedelta(days=1)} 早于该表上次读数的日期 {GAS_ON}。")
    today = date.today()
    assert enter(office, aid, "5", today).outcome == "accepted"  # today is not the future
    future = enter(office, aid, "6", today + timedelta(days=1))
    assert (future.reason_code, future.message) == (
        "future_date", f"抄表日期 {today + timedelta(days=1)} 晚于今天（{today}），不能预先录入。")


def test_record_right_refusals(office: Office, aid: int) -> None:
    n, m = number_of(office, aid)
    other = office.account_at("in_service")
    _n2, m2 = number_of(office, other)
    wrong_digit = n[:-1] + str((int(n[-1]) + 1) % 10)
    cases = {
        "check_digit": enter(office, aid, "5", date(2026, 2, 1), number=wrong_digit),
        "unknown_account": enter(office, aid, "5", date(2026, 2, 1), number=numbers.make_number("01", 999998)),
        "unknown_meter": enter(office, aid, "5", date(2026, 2, 1), serial="NOPE1"),
        "meter_not_on_account": enter(office, aid, "5", date(2026, 2, 1), serial=m2),
    }
    assert {code: o.reason_code for code, o in cases.items()} == {c: c for c in cases}
    assert cases["meter_not_on_account"].message.startswith(f"表号 {m2} 不是户号 {n} 的表")
    assert enter(office, aid, "5", date(2026, 2, 1), number="12ab").reason_code == "unknown_account"
    with office.db.write() as s:
        changes.replace_meter(s, office.clerk, aid, final_reading=D("20"), new_serial="NEW001",
                              new_initial_reading=D("0"), on=date(2026, 3, 1))
    replaced = enter(office, aid, "25", date(2026, 3, 5), serial=m)
    assert (replaced.reason_code, replaced.message) == (
        "meter_replaced", f"表号 {m} 已于 2026-03-01 从户号 {n} 拆下（已换表），请抄新表。")
    assert enter(office, aid, "3", date(2026, 3, 5), serial="new001").outcome == "accepted"


@pytest.mark.parametrize("status", ["installed", "closed", "application"])
def test_not_in_service(office: Office, status: str) -> None:
    aid = office.account_at("in_service")
    n, m = number_of(office, aid)
    with office.db.write() as s:
        s.execute(text("UPDATE accounts SET status = :st WHERE id = :i"), {"st": status, "i": aid})
    with office.db.write() as s:
        o = submit(s, office.reader, [ReadingInput(n, m, "5", date(2026, 11, 1))], source="entry").outcomes[0]
    assert o.reason_code == "not_in_service"


@pytest.mark.parametrize("status", ["gas_on", "in_service", "suspended"])
def test_readable_statuses(office: Office, status: str) -> None:
    assert enter(office, office.account_at(status), "5", date(2026, 2, 1)).outcome == "accepted"


def test_same_day_duplicate_and_already_imported(office: Office, aid: int) -> None:
    assert enter(office, aid, "10", date(2026, 2, 12)).outcome == "accepted"
    assert enter(office, aid, "10.000", date(2026, 2, 12)).outcome == "already_imported"
    dup = enter(office, aid, "11", date(2026, 2, 12))
    assert (dup.reason_code, dup.message) == (
        "duplicate", "该表 2026-02-12 已有读数 10，同一天不能再录一个不同的读数。")


def test_lower_and_rollover_at_the_boundary(office: Office, aid: int) -> None:
    # a meter fitted at 99940, then 10 m³ every 30 days: a rollover is plausible up to max(30, 3 × 10) = 30 m³
    with office.db.write() as s:
        changes.replace_meter(s, office.clerk, aid, final_reading=D("0"), new_serial="ROLL01",
                              new_initial_reading=D("99940"), on=date(2026, 1, 13))
    monthly(office, aid, ["99950", "99960", "99970"])
    day = date(2026, 2, 12) + timedelta(days=90)
    roll = enter(office, aid, "0", day, store=False)  # 99999.999 -> 0: 30 m³
    assert (roll.outcome, roll.reasons, roll.use_m3) == ("held", ("rollover",), D("30.000"))
    low = enter(office, aid, "0.001", day)
    assert (low.outcome, low.reason_code) == ("rejected", "lower")
    assert "按表走满一圈算用量为 30.001 立方米" in low.message


def test_spike_at_the_boundary(office: Office, aid: int) -> None:
    monthly(office, aid, ["10", "20", "30"])  # 10 m³ per 30 days since gas-on's 0 (31 days first)
    day = date(2026, 2, 12) + timedelta(days=90)
    with office.db.write() as s:
        settings.set_value(s, office.admin, "reading_spike_floor_m3", "5")
    # the last three periods: 10 in 31 days, 10 in 30, 10 in 30 -> 30 in 91 days; × 30 days = 9.890
    at = enter(office, aid, str(D("30") + D("29.670")), day, store=False)  # 3 × 9.890 = 29.670: not above
    assert at.outcome == "accepted"
    above = enter(office, aid, "59.671", day)
    assert (above.outcome, above.reasons) == ("held", ("spike",))
    assert above.message == "用量 29.671 立方米，超过近期平均用量（按 30 天折算 9.89 立方米）的 3 倍。"


def test_spike_needs_the_floor_too(office: Office, aid: int) -> None:
    monthly(office, aid, ["1", "2", "3"])  # 1 m³ a month: 3× is 3, but the floor is 30
    assert enter(office, aid, "33", date(2026, 5, 13)).outcome == "accepted"  # 30 m³: not above the floor
    assert enter(office, aid, "63.001", date(2026, 6, 12)).reasons == ("spike",)


def test_zero_use_for_three_cycles(office: Office, aid: int) -> None:
    # 0 -> 5, then three periods without use: the third is held
    assert [o.outcome for o in monthly(office, aid, ["5", "5", "5", "5"])] == ["accepted"] * 3 + ["held"]
    assert enter(office, aid, "5", date(2026, 6, 30), store=False).reasons == ("zero_use", "previous_held")


def test_a_later_reading_waits_for_a_held_one_and_is_released_by_its_confirmation(office: Office, aid: int) -> None:
    monthly(office, aid, ["10", "20", "30"])
    spike = enter(office, aid, "130", date(2026, 5, 13))
    assert spike.reasons == ("spike",)
    later = enter(office, aid, "140", date(2026, 6, 12))
    assert (later.outcome, later.reasons) == ("held", ("previous_held",))
    with office.db.write() as s:
        done = decisions.confirm(s, office.supervisor, spike.reading_id, "户主确认新装了壁挂炉")
    assert (done.status, done.released) == ("accepted", (later.reading_id,))
    with office.db.read() as s:
        assert s.get(Reading, later.reading_id).status == "accepted"


def test_a_correction_supersedes_and_is_checked_again(office: Office, aid: int) -> None:
    monthly(office, aid, ["10", "20", "30"])
    spike = enter(office, aid, "310", date(2026, 5, 13))
    later = enter(office, aid, "50", date(2026, 6, 12))  # below the held 310: refused as lower
    assert later.reason_code == "lower"
    with office.db.write() as s:
        fixed = decisions.correct(s, office.reader, spike.reading_id, "40", "多抄了一位")
    assert (fixed.status, fixed.reasons) == ("accepted", ())
    with office.db.read() as s:
        old, new = s.get(Reading, spike.reading_id), s.get(Reading, fixed.reading_id)
        assert (old.status, old.value, new.value, new.supersedes_id, new.read_on) == (
            "superseded", D("310.000"), D("40.000"), old.id, date(2026, 5, 13))
    assert enter(office, aid, "50", date(2026, 6, 12)).outcome == "accepted"
    with pytest.raises(Conflict, match="已更正"), office.db.write() as s:
        decisions.correct(s, office.reader, spike.reading_id, "41")


def test_a_correction_refused_by_the_checks_changes_nothing(office: Office, aid: int) -> None:
    monthly(office, aid, ["10", "20", "30"])
    spike = enter(office, aid, "310", date(2026, 5, 13))
    err = refused(office.db, lambda s: decisions.correct(s, office.reader, spike.reading_id, "29"))
    assert isinstance(err, ValidationError) and err.zh.startswith("读数 29 小于上次读数 30")


def test_only_a_supervisor_confirms(office: Office, aid: int) -> None:
    monthly(office, aid, ["10", "20", "30"])
    spike = enter(office, aid, "310", date(2026, 5, 13))
    refused(office.db, lambda s: decisions.confirm(s, office.reader, spike.reading_id), PermissionDenied)
    refused(office.db, lambda s: submit(s, office.clerk, [], source="entry"), PermissionDenied)


def test_an_estimate_followed_by_a_lower_actual_reading_is_not_lower(office: Office, aid: int) -> None:
    monthly(office, aid, ["10", "20"])
    assert enter(office, aid, "35", date(2026, 4, 13), "estimated").outcome == "accepted"
    actual = enter(office, aid, "28", date(2026, 5, 13))
    assert (actual.outcome, actual.previous_value, actual.use_m3) == ("accepted", D("35.000"), D("8.000"))
    # below the last actual reading it is lower again
    assert enter(office, aid, "5", date(2026, 6, 13), "estimated").reason_code == "lower"


def test_no_access_is_stored_without_a_value_and_the_next_reading_covers_both(office: Office, aid: int) -> None:
    monthly(office, aid, ["10", "20", "30"])
    none = enter(office, aid, "", date(2026, 5, 13), "no_access")
    assert (none.outcome, none.value) == ("accepted", None)
    both = enter(office, aid, "50", date(2026, 6, 12))  # 20 m³ over 60 days: not a spike
    assert (both.outcome, both.previous_on, both.use_m3) == ("accepted", date(2026, 4, 13), D("20.000"))


def test_a_held_reading_opens_a_follow_up(office: Office, aid: int) -> None:
    monthly(office, aid, ["10", "20", "30"])
    spike = enter(office, aid, "310", date(2026, 5, 13))
    with office.db.write() as s:
        decisions.follow_up(s, office.reader, spike.reading_id, "已电话告知户主，约 12 月 5 日复查")
    with office.db.read() as s:
        rows = views.held(s, office.supervisor)
    assert [(r.id, r.follow_ups, r.reasons) for r in rows] == [(spike.reading_id, 1, ("spike",))]
    assert rows[0].words.startswith("用量 280 立方米")


def test_readings_are_never_rewritten_nor_deleted(office: Office, aid: int) -> None:
    o = enter(office, aid, "10", date(2026, 2, 12))
    with pytest.raises(Exception, match="never rewritten"), office.db.write() as s:
        s.execute(text("UPDATE readings SET value = 1 WHERE id = :i"), {"i": o.reading_id})
    with pytest.raises(Exception, match="never deleted"), office.db.write() as s:
        s.execute(text("DELETE FROM readings WHERE id = :i"), {"i": o.reading_id})


def test_the_account_services_take_initial_final_and_transfer_readings(office: Office, aid: int) -> None:
    monthly(office, aid, ["10"])
    with office.db.write() as s:
        changes.replace_meter(s, office.clerk, aid, final_reading=D("12"), new_serial="NEW002",
                              new_initial_reading=D("1"), on=date(2026, 3, 20))
    with office.db.read() as s:
        kinds = [(r.kind, r.value, r.status) for r in views.account_readings(s, aid)]
    assert kinds == [("initial", D("1.000"), "accepted"), ("final", D("12.000"), "accepted"),
                     ("actual", D("10.000"), "accepted"), ("initial", D("0.000"), "accepted")]
    with pytest.raises(ValidationError, match="小于该表初始读数"), office.db.write() as s:
        changes.replace_meter(s, office.clerk, aid, final_reading=D("0.5"), new_serial="NEW003",
                              new_initial_reading=D("0"), on=date(2026, 4, 20))
