"""Tariff files (issue 11 item 1): the sample loads, `show` gives the file's shape back and loads
again, every refusal's words, nothing stored after one, a second load storing nothing, a day
already billed, the roles, and the `gasdesk tariff` commands' output and exit codes."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from accounts_support import Office, refused, snapshot
from sqlalchemy import func, select, text

from gasdesk.cli import main
from gasdesk.db import Database
from gasdesk.models import Account, AuditEntry, Meter, TariffSchedule, TariffTier
from gasdesk.services.billing import tariffs
from gasdesk.services.billing.schedules import Tier
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change
from gasdesk.services.core.errors import PermissionDenied, ValidationError, set_language
from gasdesk.services.readings import store

D = Decimal
ROLE_PASSWORD = "secret-123"  # tests/conftest.py: every test actor's password

SAMPLE_SHOWN = [
    {"customer_type": "residential", "effective_from": "2024-01-01", "year_start": "01-01",
     "large_household": {"min_persons": 5, "extra_m3": "100.000"},
     "late_fee": {"daily_rate": "0.0010", "grace_days": 0},
     "tiers": [{"up_to_m3": "350.000", "price": "2.6100"}, {"up_to_m3": "500.000", "price": "3.1300"},
               {"price": "3.9100"}]},
    {"customer_type": "commercial", "effective_from": "2024-01-01", "year_start": "01-01",
     "tiers": [{"price": "3.4500"}]},
    {"customer_type": "industrial", "effective_from": "2024-01-01", "year_start": "01-01",
     "tiers": [{"price": "3.2000"}]},
    {"customer_type": "public", "effective_from": "2024-01-01", "year_start": "01-01",
     "tiers": [{"price": "3.1000"}]},
]

RESIDENTIAL = """\
[[schedule]]
customer_type = "residential"
effective_from = 2027-04-01
year_start = "01-01"
tiers = [ {{ up_to_m3 = 350, price = {p1} }}, {{ up_to_m3 = {b2}, price = "3.13" }}, {last} ]
"""


def residential(p1: str = '"2.61"', b2: str = "500", last: str = '{ price = "3.91" }') -> str:
    return RESIDENTIAL.format(p1=p1, b2=b2, last=last)


def _file(tmp_path: Path, body: str, name: str = "tariff.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _refusal(path: Path) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        tariffs.parse_file(path)
    return info.value


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (s.scalar(select(func.count()).select_from(TariffSchedule)) or 0,
                s.scalar(select(func.count()).select_from(TariffTier)) or 0)


def _load(db: Database, actor: Actor, source: object) -> tariffs.Loaded:
    with db.write() as s:
        return tariffs.load(s, actor, source)  # type: ignore[arg-type]


def _show(db: Database, actor: Actor) -> list[dict[str, object]]:
    with db.read() as s:
        return tariffs.show(s, actor)


# --- good files ------------------------------------------------------------------------------


def test_the_sample_loads_and_shows_in_the_files_shape(db: Database, admin: Actor) -> None:
    loaded = _load(db, admin, tariffs.sample_path())
    assert [(s.customer_type, s.effective_from) for s in loaded.stored] == [
        ("residential", date(2024, 1, 1)), ("commercial", date(2024, 1, 1)),
        ("industrial", date(2024, 1, 1)), ("public", date(2024, 1, 1))]
    assert loaded.skipped == () and loaded.changes == {Change.TARIFF}
    assert _show(db, admin) == SAMPLE_SHOWN
    assert _counts(db) == (4, 6)
    with db.read() as s:  # integer ten-thousandths of a yuan and whole litres on disk
        assert s.execute(text("SELECT tier, up_to_m3, price FROM tariff_tiers ORDER BY schedule_id, tier")).all()[:3] \
            == [(1, 350000, 26100), (2, 500000, 31300), (3, None, 39100)]
        row = s.execute(text("SELECT year_start, large_min_persons, large_extra_m3, late_daily_rate, late_grace_days "
                             "FROM tariff_schedules WHERE customer_type = 'residential'")).one()
        assert tuple(row) == ("01-01", 5, 100000, 10, 0)


def test_one_audit_row_names_the_file_and_the_schedules_stored(db: Database, admin: Actor) -> None:
    loaded = _load(db, admin, tariffs.sample_path())
    with db.read() as s:
        rows = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "tariff.load")))
    assert len(rows) == 1
    assert rows[0].entity == "tariff" and rows[0].entity_id == ",".join(str(x.id) for x in loaded.stored)
    assert json.loads(rows[0].after) == {
        "file": str(tariffs.sample_path()), "skipped": "",
        "schedules": "residential 2024-01-01, commercial 2024-01-01, industrial 2024-01-01, public 2024-01-01"}


def test_show_json_loads_again_as_the_same_schedules(db: Database, admin: Actor, tmp_path: Path) -> None:
    _load(db, admin, tariffs.sample_path())
    path = tmp_path / "shown.json"
    path.write_text(json.dumps({"schedule": _show(db, admin)}, ensure_ascii=False), encoding="utf-8")
    assert tariffs.parse_file(path) == tariffs.parse_file(tariffs.sample_path())
    before = snapshot(db)
    again = _load(db, admin, path)
    assert again.stored == () and len(again.skipped) == 4 and again.changes == frozenset()
    assert _counts(db) == (4, 6)
    # Only the audit row of the second load is new.
    after = snapshot(db)
    assert {t: rows for t, rows in after.items() if t != "audit_log"} == \
        {t: rows for t, rows in before.items() if t != "audit_log"}


def test_a_second_load_of_the_same_file_stores_nothing(db: Database, admin: Actor) -> None:
    _load(db, admin, tariffs.sample_path())
    counts = _counts(db)
    second = _load(db, admin, tariffs.sample_path())
    assert second.stored == () and [s.customer_type for s in second.skipped] == [
        "residential", "commercial", "industrial", "public"]
    assert _counts(db) == counts


def test_a_toml_number_is_read_exactly_never_through_a_float(tmp_path: Path) -> None:
    [s] = tariffs.parse_file(_file(tmp_path, residential(p1="2.61")))
    assert s.tiers[0] == Tier(D("350.000"), D("2.6100")) and str(s.tiers[0].price) == "2.6100"
    # As a float this is 2.61; read exactly it has sixteen decimals, and is refused.
    err = _refusal(_file(tmp_path, residential(p1="2.6100000000000001")))
    assert err.zh.splitlines()[1] == ("  第 1 个 schedule 第 1 档的 price：单价“2.6100000000000001”超过四位小数"
                                      "（单价只记到万分之一元）。")


def test_a_json_file_reads_as_the_toml_one(tmp_path: Path) -> None:
    body = {"schedule": [{"customer_type": "residential", "effective_from": "2027-04-01",
                          "large_household": {"min_persons": 5, "extra_m3": 100},
                          "late_fee": {"daily_rate": 0.001, "grace_days": 0},
                          "tiers": [{"up_to_m3": 350, "price": 2.61}, {"up_to_m3": 500.5, "price": "3.13"},
                                    {"price": 3}]}]}
    raw = json.dumps(body)
    as_json = tariffs.parse_file(_file(tmp_path, raw, "t.json"))
    sniffed = tariffs.parse_file(_file(tmp_path, raw, "t.txt"))  # no telling extension: it looks like JSON
    assert as_json == sniffed == [tariffs.ScheduleInput(
        "residential", date(2027, 4, 1), (Tier(D("350"), D("2.61")), Tier(D("500.5"), D("3.13")), Tier(None, D(3))),
        "01-01", 5, D(100), D("0.001"), 0)]


def test_schedules_from_code_are_checked_as_a_files_are(db: Database, admin: Actor) -> None:
    good = tariffs.ScheduleInput("commercial", date(2027, 4, 1), (Tier(None, D("3.5")),))
    assert [s.customer_type for s in _load(db, admin, [good]).stored] == ["commercial"]
    bad = tariffs.ScheduleInput("public", date(2027, 4, 1), (Tier(None, 3.1),))  # type: ignore[arg-type]
    err = refused(db, lambda s: tariffs.load(s, admin, [bad]), ValidationError)
    assert err.zh.splitlines() == [
        "这些气价有 1 处问题，整个文件没有载入（什么也没有保存）：",
        "  第 1 个 schedule 第 1 档的 price：单价必须是准确的数（Decimal、整数或文字），不能是浮点数或真假值：3.1"]


# --- refusals, in words ----------------------------------------------------------------------

NOT_INCREASING = residential(b2="300")
LAST_BOUNDED = residential(last='{ up_to_m3 = 600, price = "3.91" }')
TWO_FLAT = """\
[[schedule]]
customer_type = "commercial"
effective_from = 2027-04-01
tiers = [ { up_to_m3 = 100, price = "3.45" }, { price = "3.60" } ]
"""
UNKNOWN_KEY = """\
[[schedule]]
customer_type = "public"
effective_from = 2027-04-01
year_strat = "04-01"
tiers = [ { price = "3.10" } ]
"""
UNKNOWN_TYPE = """\
[[schedule]]
customer_type = "household"
effective_from = 2027-04-01
tiers = [ { price = "3.10" } ]
"""
BAD_YEAR_START = residential().replace('year_start = "01-01"', 'year_start = "02-30"')

CASES = {
    "bad price": (
        residential(p1='"2.6元"'),
        "第 1 个 schedule 第 1 档的 price：单价“2.6元”不是数字，请只输入数字和小数点（如 2.61）。",
        "schedule 1, tier 1, price: The price “2.6元” is not a number; type digits and a decimal point only "
        "(like 2.61)."),
    "five decimals": (
        residential(p1='"2.61005"'),
        "第 1 个 schedule 第 1 档的 price：单价“2.61005”超过四位小数（单价只记到万分之一元）。",
        "schedule 1, tier 1, price: The price “2.61005” has more than four decimals (prices are kept to a "
        "ten-thousandth of a yuan)."),
    "negative price": (
        residential(p1="-2.61"),
        "第 1 个 schedule 第 1 档的 price：单价不能是负数：“-2.61”。",
        "schedule 1, tier 1, price: The price cannot be negative: “-2.61”."),
    "bounds not increasing": (
        NOT_INCREASING,
        "第 1 个 schedule 第 2 档的 up_to_m3：300 不大于上一档的 350；各档上限必须逐档增大。",
        "schedule 1, tier 2, up_to_m3: 300 is not above the tier before's 350; the bounds must increase tier by "
        "tier."),
    "no unbounded last tier": (
        LAST_BOUNDED,
        "第 1 个 schedule 第 3 档的 up_to_m3：最后一档不能有 up_to_m3（它计上一档以上的全部用量）；"
        "请再加一档只写 price 的最后一档。",
        "schedule 1, tier 3, up_to_m3: the last tier has no up_to_m3 (it takes all use above the tier before); "
        "add a last tier with a price only."),
    "unknown key": (
        UNKNOWN_KEY,
        "第 1 个 schedule：不认识的键 “year_strat”（这里可用的键：customer_type、effective_from、year_start、"
        "large_household、late_fee、tiers）。是不是 year_start？",
        "schedule 1: unknown key “year_strat” (the keys here are: customer_type, effective_from, year_start, "
        "large_household, late_fee, tiers). Did you mean year_start?"),
    "unknown customer type": (
        UNKNOWN_TYPE,
        "第 1 个 schedule 的 customer_type：“household”不是用户类型；应为 residential（居民）、commercial（商业）、"
        "industrial（工业）、public（公共机构）之一。",
        "schedule 1, customer_type: “household” is not a customer type; it must be one of residential, "
        "commercial, industrial, public."),
    "two tiers for commercial": (
        TWO_FLAT,
        "第 1 个 schedule 的 tiers：商业气价只有一档（统一单价），这里有 2 档。",
        "schedule 1, tiers: a commercial tariff has one flat price (one tier); this one has 2."),
    "bad year_start": (
        BAD_YEAR_START,
        "第 1 个 schedule 的 year_start：“02-30”不是月-日；应写成 MM-DD，如 \"01-01\"（1 月 1 日）。",
        "schedule 1, year_start: “02-30” is not a month and day; write it MM-DD, like \"01-01\" (1 January)."),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_problem_is_refused_in_words_with_where_it_is(case: str, tmp_path: Path) -> None:
    body, zh, en = CASES[case]
    path = _file(tmp_path, body)
    err = _refusal(path)
    assert err.zh.splitlines() == [f"气价文件 {path} 有 1 处问题，整个文件没有载入（什么也没有保存）：", f"  {zh}"]
    assert err.en.splitlines() == [f"The tariff file {path} has 1 problem; nothing in it was loaded (nothing was "
                                   "stored):", f"  {en}"]


def test_every_problem_of_the_file_is_listed_at_once(tmp_path: Path) -> None:
    path = _file(tmp_path, residential(p1='"2.61005"', b2="300") + "\n" + UNKNOWN_TYPE + "\n" + TWO_FLAT)
    lines = _refusal(path).zh.splitlines()
    assert lines == [
        f"气价文件 {path} 有 4 处问题，整个文件没有载入（什么也没有保存）：",
        "  第 1 个 schedule 第 1 档的 price：单价“2.61005”超过四位小数（单价只记到万分之一元）。",
        "  第 1 个 schedule 第 2 档的 up_to_m3：300 不大于上一档的 350；各档上限必须逐档增大。",
        f"  {CASES['unknown customer type'][1].replace('第 1 个', '第 2 个')}",
        "  第 3 个 schedule 的 tiers：商业气价只有一档（统一单价），这里有 2 档。"]


def test_a_file_neither_toml_nor_json_and_an_empty_one(tmp_path: Path) -> None:
    odd = _file(tmp_path, "户号,表号\n010000017,GM1\n", "tariff.csv")
    assert _refusal(odd).zh == (
        f"气价文件 {odd} 既不是 TOML 也不是 JSON，无法读取。请用 [[schedule]] 格式的 TOML 文件（.toml）"
        "或同样结构的 JSON 文件（.json），见 resources/tariffs/sample.toml。")
    empty = _file(tmp_path, "", "empty.toml")
    err = _refusal(empty)
    assert err.zh == f"文件是空的（0 字节）：{empty}。请检查是否选错了文件。"
    assert err.en == f"The file is empty (0 bytes): {empty}. Check that this is the right file."
    blank = _file(tmp_path, "# 只有注释\n", "blank.toml")
    assert _refusal(blank).zh.splitlines()[1] == "  文件里没有气价：请用 [[schedule]] 写出至少一个气价。"


def test_broken_files_are_refused_in_words(tmp_path: Path) -> None:
    broken = _file(tmp_path, "[[schedule]]\ncustomer_type = residential\n")
    assert _refusal(broken).zh.startswith(f"气价文件 {broken} 不是有效的 TOML（Invalid value (at line 2, column 17)）")
    twice = _file(tmp_path, '{"schedule": [{"customer_type": "public", "customer_type": "commercial"}]}', "t.json")
    assert _refusal(twice).zh == f"气价文件 {twice} 里的键 “customer_type” 在同一处出现了两次；请只留一个。"
    nan = _file(tmp_path, '{"schedule": [{"customer_type": "public", "effective_from": "2027-04-01", '
                          '"tiers": [{"price": NaN}]}]}', "nan.json")
    assert _refusal(nan).zh.splitlines()[1] == "  第 1 个 schedule 第 1 档的 price：单价必须是一个具体的数，“NaN”不是。"
    missing = tmp_path / "nowhere.toml"
    assert _refusal(missing).zh == f"气价文件不存在：{missing}。请检查路径和文件名是否写错。"
    assert _refusal(tmp_path).zh == f"这是一个文件夹，不是气价文件：{tmp_path}。请选择其中的 .toml 或 .json 文件。"
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes("# 居民气价\n".encode("gb18030"))
    assert _refusal(gbk).zh == f"气价文件不是 UTF-8 文字，无法读取：{gbk}。请用 UTF-8 编码另存后再载入。"
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (tariffs.MAX_BYTES + 1))
    assert _refusal(big).zh == f"文件太大（1,024 KB），气价文件最多 1,024 KB：{big}。请检查是否选错了文件。"


def test_the_same_type_and_day_twice_in_one_file_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, residential() + "\n" + residential())
    assert _refusal(path).zh.splitlines()[1] == (
        "  第 2 个 schedule：与第 1 个 schedule 的用户类型和生效日期相同（residential，2027-04-01）；"
        "同一类型同一天只能有一个气价。")


# --- nothing stored, what is stored stays ------------------------------------------------------


def test_nothing_is_stored_after_a_refusal(db: Database, admin: Actor, tmp_path: Path) -> None:
    path = _file(tmp_path, TWO_FLAT.replace("commercial", "public").replace(
        'tiers = [ { up_to_m3 = 100, price = "3.45" }, { price = "3.60" } ]', 'tiers = [ { price = "3.10" } ]')
        + "\n" + TWO_FLAT)  # a good schedule, then a bad one: neither is stored
    refused(db, lambda s: tariffs.load(s, admin, path), ValidationError)
    assert _counts(db) == (0, 0)


def test_a_different_schedule_for_a_stored_day_is_refused(db: Database, admin: Actor, tmp_path: Path) -> None:
    _load(db, admin, tariffs.sample_path())
    changed = tariffs.sample_path().read_text(encoding="utf-8").replace('price = "3.45"', 'price = "3.50"')
    path = _file(tmp_path, changed)
    err = refused(db, lambda s: tariffs.load(s, admin, path), ValidationError)
    assert err.zh.splitlines() == [
        f"气价文件 {path} 有 1 处问题，整个文件没有载入（什么也没有保存）：",
        "  第 2 个 schedule（commercial，2024-01-01）：已存有同一天生效的商业气价，内容不同。气价只增不改："
        "要更正，请另立一个更晚生效的气价。"]
    assert err.en.splitlines()[1] == (
        "  schedule 2 (commercial, 2024-01-01): a different commercial tariff taking effect that day is already "
        "stored. Tariffs are never changed: to correct one, load a new schedule with a later day.")


def test_a_schedule_on_or_before_a_billed_day_is_refused(office: Office, tmp_path: Path) -> None:
    db, admin = office.db, office.admin
    _load(db, admin, tariffs.sample_path())
    aid = office.account_at("in_service")  # gas-on 2026-01-12 at 0
    with db.read() as s:
        number = s.get(Account, aid).number
        serial = s.scalar(select(Meter.serial).where(Meter.account_id == aid))
    with db.write() as s:
        done = store.submit(s, office.reader, [store.ReadingInput(number, serial, "12.5", date(2026, 2, 12))],
                            source="entry")
    assert done.billed is not None and len(done.billed.bills) == 1
    on_the_day = residential().replace("2027-04-01", "2026-02-12")
    path = _file(tmp_path, on_the_day)
    err = refused(db, lambda s: tariffs.load(s, admin, path), ValidationError)
    assert err.zh.splitlines()[1] == (
        "  第 1 个 schedule（residential，2026-02-12）：居民用户已出账到 2026-02-12，气价不能在已出账的日子或更早生效；"
        "最早只能从 2026-02-13 起生效。")
    assert err.en.splitlines()[1] == (
        "  schedule 1 (residential, 2026-02-12): residential accounts are billed up to 2026-02-12; a tariff cannot "
        "take effect on or before a day already billed, the earliest is 2026-02-13.")
    # The day after is fine, and so is another customer type on the billed day.
    later = _file(tmp_path, on_the_day.replace("2026-02-12", "2026-02-13") + "\n"
                  + UNKNOWN_TYPE.replace("household", "commercial").replace("2027-04-01", "2026-02-01"), "later.toml")
    assert [(s.customer_type, s.effective_from) for s in _load(db, admin, later).stored] == [
        ("residential", date(2026, 2, 13)), ("commercial", date(2026, 2, 1))]


def test_a_clerk_may_not_load_but_may_look(db: Database, admin: Actor, clerk: Actor) -> None:
    err = refused(db, lambda s: tariffs.load(s, clerk, tariffs.sample_path()), PermissionDenied)
    assert "维护气价" in err.zh
    _load(db, admin, tariffs.sample_path())
    assert _show(db, clerk) == SAMPLE_SHOWN


# --- the commands ----------------------------------------------------------------------------


def _cli(db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str,
         user: str = "admin") -> tuple[int, str, str]:
    monkeypatch.setenv("GASDESK_PASSWORD", ROLE_PASSWORD)
    code = main(["tariff", *args, "--db", str(db.path), "--user", user])
    set_language("zh")
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.sqlite_only
def test_tariff_load_and_show_on_the_command_line(db: Database, admin: Actor, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    sample = str(tariffs.sample_path())
    code, out, err = _cli(db, capsys, monkeypatch, "load", sample, user="clerk")
    assert code == 3 and "无权执行此操作：维护气价" in err
    code, out, err = _cli(db, capsys, monkeypatch, "load", sample)
    assert code == 0 and err == ""
    assert out.splitlines() == ["已载入：居民气价（2024-01-01 起）", "已载入：商业气价（2024-01-01 起）",
                                "已载入：工业气价（2024-01-01 起）", "已载入：公共机构气价（2024-01-01 起）",
                                "载入 4 个气价，0 个已有相同的。"]
    code, out, _ = _cli(db, capsys, monkeypatch, "load", sample, "--lang", "en")
    assert code == 0 and out.splitlines()[0] == "already stored, skipped: Residential tariff from 2024-01-01"
    assert out.splitlines()[-1] == "0 stored, 4 already stored."
    code, out, _ = _cli(db, capsys, monkeypatch, "show", "--json", user="reader")
    assert code == 0 and json.loads(out) == {"schedule": SAMPLE_SHOWN}
    again = tmp_path / "again.json"
    again.write_text(out, encoding="utf-8")
    code, out, _ = _cli(db, capsys, monkeypatch, "load", str(again))
    assert code == 0 and out.splitlines()[-1] == "载入 0 个气价，4 个已有相同的。"
    code, out, _ = _cli(db, capsys, monkeypatch, "show", user="clerk")
    assert code == 0 and out.splitlines() == [
        "居民气价（2024-01-01 起）  阶梯年度自 01-01 起  5 人及以上家庭每档加 100 m³  滞纳金每日 0.0010，宽限 0 天",
        "    第 1 档  2.6100 元/立方米  0–350 m³",
        "    第 2 档  3.1300 元/立方米  350–500 m³",
        "    第 3 档  3.9100 元/立方米  500 m³ 以上",
        "商业气价（2024-01-01 起）", "    第 1 档  3.4500 元/立方米  全部用量",
        "工业气价（2024-01-01 起）", "    第 1 档  3.2000 元/立方米  全部用量",
        "公共机构气价（2024-01-01 起）", "    第 1 档  3.1000 元/立方米  全部用量"]
    code, out, _ = _cli(db, capsys, monkeypatch, "show", "--lang", "en")
    assert code == 0 and out.splitlines()[:2] == [
        "Residential tariff from 2024-01-01  tariff year from 01-01  households of 5 or more: +100 m³ a tier  "
        "late fee 0.0010 a day after 0 days' grace",
        "    tier 1  2.6100 yuan/m³  0–350 m³"]


@pytest.mark.sqlite_only
def test_a_refused_file_exits_1_with_every_problem(db: Database, admin: Actor, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path, TWO_FLAT)
    code, out, err = _cli(db, capsys, monkeypatch, "load", str(path))
    assert code == 1 and out == ""
    assert err.splitlines() == [f"气价文件 {path} 有 1 处问题，整个文件没有载入（什么也没有保存）：",
                                f"  {CASES['two tiers for commercial'][1]}"]
    code, _, err = _cli(db, capsys, monkeypatch, "load", str(tmp_path / "nowhere.toml"), "--lang", "en")
    assert code == 1 and err.strip() == (f"The tariff file does not exist: {tmp_path / 'nowhere.toml'}. "
                                         "Check the path and the file name.")
    assert _counts(db) == (0, 0)
    code, out, _ = _cli(db, capsys, monkeypatch, "show")
    assert code == 0 and out.strip() == "还没有载入任何气价。"
