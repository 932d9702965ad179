"""Tariff files read and checked: the text, its TOML or JSON, and every schedule's structure.

The file is TOML (or the same structure in JSON), one ``[[schedule]]`` per customer type and day::

    [[schedule]]
    customer_type = "residential"            # residential | commercial | industrial | public
    effective_from = 2027-04-01              # a TOML date, or "2027-04-01" as text (JSON)
    year_start = "01-01"                     # MM-DD, the tariff year's first day (default 01-01)
    large_household = { min_persons = 5, extra_m3 = 100 }  # optional, residential only
    late_fee = { daily_rate = "0.001", grace_days = 0 }     # optional
    tiers = [ { up_to_m3 = 350, price = "2.61" }, { up_to_m3 = 500, price = "3.13" }, { price = "3.91" } ]

Residential may have any number of tiers, the others exactly one (a flat price). Bounds are the
tariff year's cumulative m³, above 0 and strictly increasing; only the last tier has none.

Numbers are read exactly: TOML and JSON numbers are parsed as Decimal (``parse_float=Decimal``),
never through a float, and then go through ``gasdesk.money`` (prices four places, volumes three,
neither negative), so ``price = 2.61`` is 2.61 and ``price = 2.61000001`` is refused. An unknown
key is refused (a typo must not be silently ignored), and so is a key given twice in JSON.
Every problem of the file is collected, each with where it is ("第 2 个 schedule 第 1 档的 price"
/ "schedule 2, tier 1, price": schedules and tiers are numbered from 1, as bills number tiers),
and the whole file is refused in one ValidationError; nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from gasdesk.money import AmountRefused, price, volume
from gasdesk.services.billing.schedules import Tier, parse_year_start
from gasdesk.services.billing.tariff_problems import At, Problems, type_name
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.text import shown

CUSTOMER_TYPES = ("residential", "commercial", "industrial", "public")  # as the account types are named
TIERED = frozenset({"residential"})  # the others have one flat price
DEFAULT_YEAR_START = "01-01"
MAX_BYTES = 1024 * 1024  # a tariff file is a few kilobytes; anything this big is the wrong file
MAX_PERSONS, MAX_GRACE_DAYS = 999, 3650

TOP_KEYS = ("schedule",)
SCHEDULE_KEYS = ("customer_type", "effective_from", "year_start", "large_household", "late_fee", "tiers")
REQUIRED_KEYS = ("customer_type", "effective_from", "tiers")
LARGE_KEYS = ("min_persons", "extra_m3")
LATE_KEYS = ("daily_rate", "grace_days")
TIER_KEYS = ("up_to_m3", "price")

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


@dataclass(frozen=True)
class ScheduleInput:
    """One schedule as a file gives it, checked."""

    customer_type: str
    effective_from: dt.date
    tiers: tuple[Tier, ...]
    year_start: str = DEFAULT_YEAR_START  # MM-DD
    large_min_persons: int | None = None
    large_extra_m3: Decimal | None = None
    late_daily_rate: Decimal | None = None
    late_grace_days: int | None = None

    @property
    def key(self) -> tuple[str, dt.date]:
        return self.customer_type, self.effective_from


def _num(value: Decimal) -> str:
    """A bound as a person writes it: 350, 350.5 (no trailing zeros, no exponent)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- reading the file -------------------------------------------------------------------------


def _refuse(zh: str, en: str) -> ValidationError:
    return ValidationError(zh, en, field="file")


def read_text(path: str | Path) -> str:
    """The file's text, or the refusal in words: missing, a folder, empty, too big, not UTF-8."""
    p = Path(path).expanduser()
    where = shown(str(p), 260)
    if p.is_dir():
        raise _refuse(f"这是一个文件夹，不是气价文件：{where}。请选择其中的 .toml 或 .json 文件。",
                      f"This is a folder, not a tariff file: {where}. Choose a .toml or .json file in it.")
    if not p.exists():
        raise _refuse(f"气价文件不存在：{where}。请检查路径和文件名是否写错。",
                      f"The tariff file does not exist: {where}. Check the path and the file name.")
    if not p.is_file():
        raise _refuse(f"这不是普通文件，无法载入：{where}。",
                      f"This is not a plain file and cannot be loaded: {where}.")
    try:
        size = p.stat().st_size
        raw = b"" if size == 0 or size > MAX_BYTES else p.read_bytes()
    except OSError as exc:
        reason = shown(exc.strerror or str(exc), 80)
        raise _refuse(f"文件无法读取：{where}（{reason}）。请检查文件是否存在、是否有权限读取。",
                      f"The file cannot be read: {where} ({reason}). Check that it exists and may be read.") from exc
    if size == 0:
        raise _refuse(f"文件是空的（0 字节）：{where}。请检查是否选错了文件。",
                      f"The file is empty (0 bytes): {where}. Check that this is the right file.")
    if size > MAX_BYTES:
        raise _refuse(f"文件太大（{size / 1024:,.0f} KB），气价文件最多 {MAX_BYTES // 1024:,} KB：{where}。"
                      "请检查是否选错了文件。",
                      f"The file is too big ({size / 1024:,.0f} KB; a tariff file is at most "
                      f"{MAX_BYTES // 1024:,} KB): {where}. Check that this is the right file.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(f"气价文件不是 UTF-8 文字，无法读取：{where}。请用 UTF-8 编码另存后再载入。",
                      f"The tariff file is not UTF-8 text and cannot be read: {where}. "
                      "Save it as UTF-8, then load it.") from None
    if not text.strip():
        raise _refuse(f"文件里没有内容（只有空白）：{where}。请检查是否选错了文件。",
                      f"The file holds nothing but blank space: {where}. Check that this is the right file.")
    return text


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def _json(text: str) -> Any:
    # NaN and Infinity become Decimal ones, which the price and volume checks refuse in words.
    return json.loads(text, parse_float=Decimal, parse_constant=Decimal, object_pairs_hook=_no_duplicates)


def _toml(text: str) -> Any:
    return tomllib.loads(text, parse_float=Decimal)


def _json_error(where: str, exc: Exception) -> ValidationError:
    if isinstance(exc, _DuplicateKey):
        key = shown(str(exc.args[0]), 40)
        return _refuse(f"气价文件 {where} 里的键 “{key}” 在同一处出现了两次；请只留一个。",
                       f"The key “{key}” is given twice in one place in the tariff file {where}; keep one.")
    if isinstance(exc, json.JSONDecodeError):
        return _refuse(f"气价文件 {where} 不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列："
                       f"{shown(exc.msg, 80)}）。",
                       f"The tariff file {where} is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                       f"{shown(exc.msg, 80)}).")
    return _refuse(f"气价文件 {where} 不是有效的 JSON。", f"The tariff file {where} is not valid JSON.")


def _toml_error(where: str, exc: Exception) -> ValidationError:
    why = shown(str(exc), 120)
    return _refuse(f"气价文件 {where} 不是有效的 TOML（{why}）。请按 [[schedule]] 的格式改正后再载入。",
                   f"The tariff file {where} is not valid TOML ({why}). Correct it to the [[schedule]] "
                   "format, then load it.")


_PARSE_ERRORS = (ValueError, RecursionError, _DuplicateKey)  # JSONDecodeError and TOMLDecodeError are ValueErrors


def parse_text(text: str, name: str, suffix: str = "") -> list[ScheduleInput]:
    """The schedules of a file's text: TOML for ``.toml``, JSON for ``.json``, else whichever it is."""
    where = shown(name, 260)
    suffix = suffix.lower()
    if suffix == ".json":
        try:
            document = _json(text)
        except _PARSE_ERRORS as exc:
            raise _json_error(where, exc) from None
    elif suffix == ".toml":
        try:
            document = _toml(text)
        except _PARSE_ERRORS as exc:
            raise _toml_error(where, exc) from None
    else:
        document = _sniffed(text, where)
    return parse_document(document, name)


def _sniffed(text: str, where: str) -> Any:
    """JSON when it looks like JSON and reads as it; else TOML; else neither, said so."""
    if text.lstrip()[:1] in ("{", "["):  # a TOML file may start with [[schedule]] too
        try:
            return _json(text)
        except _DuplicateKey as exc:
            raise _json_error(where, exc) from None
        except _PARSE_ERRORS:
            pass
    try:
        return _toml(text)
    except _PARSE_ERRORS:
        raise _refuse(f"气价文件 {where} 既不是 TOML 也不是 JSON，无法读取。请用 [[schedule]] 格式的 TOML 文件"
                      "（.toml）或同样结构的 JSON 文件（.json），见 resources/tariffs/sample.toml。",
                      f"The tariff file {where} is neither TOML nor JSON and cannot be read. Use a TOML file "
                      "(.toml) of [[schedule]] tables or a JSON file (.json) of the same structure; see "
                      "resources/tariffs/sample.toml.") from None


def parse_file(path: str | Path) -> list[ScheduleInput]:
    """Every schedule of a tariff file, checked whole; a ValidationError in words lists every problem."""
    p = Path(path).expanduser()
    return parse_text(read_text(p), str(p), p.suffix)


# --- checking the structure -------------------------------------------------------------------


def _unknown_keys(table: Mapping[str, Any], allowed: Sequence[str], at: At, problems: Problems) -> None:
    for key in table:
        if key in allowed:
            continue
        typed = shown(str(key), 40)
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint_zh = f"是不是 {close[0]}？" if close else ""
        hint_en = f" Did you mean {close[0]}?" if close else ""
        problems.add(at, f"不认识的键 “{typed}”（这里可用的键：{'、'.join(allowed)}）。{hint_zh}",
                     f"unknown key “{typed}” (the keys here are: {', '.join(allowed)}).{hint_en}")


def _table(value: Any, at: At, problems: Problems, example: str) -> Mapping[str, Any] | None:
    if isinstance(value, Mapping):
        return value
    problems.add(at, f"应是一个表，如 {example}。", f"must be a table, like {example}.")
    return None


def _amount(parse: Any, value: Any, at: At, problems: Problems, **options: Any) -> Decimal | None:
    try:
        return parse(value, **options)  # type: ignore[no-any-return]
    except AmountRefused as exc:
        problems.add(at, exc.zh, exc.en)
        return None


# A daily rate is parsed as a price (four places, never negative) but is no yuan amount: its refusals say so.
_RATE_WORDS = (("单价只记到万分之一元", "费率只记到万分之一"), ("单价", "日费率"),
               ("prices are kept to a ten-thousandth of a yuan", "rates are kept to a ten-thousandth"),
               ("The price", "The daily rate"), ("the price", "the daily rate"))


def _rate(value: Any) -> Decimal:
    try:
        return price(value)
    except AmountRefused as exc:
        zh, en = exc.zh, exc.en
        for old, new in _RATE_WORDS:
            zh, en = zh.replace(old, new), en.replace(old, new)
        raise AmountRefused(zh, en) from None


def _integer(value: Any, low: int, high: int, at: At, problems: Problems) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        if low <= value <= high:
            return value
        problems.add(at, f"应是 {low} 到 {high} 之间的整数，不是 {value}。",
                     f"must be a whole number from {low} to {high}, not {value}.")
        return None
    typed = shown(str(value), 20)
    problems.add(at, f"应是 {low} 到 {high} 之间的整数（不加引号、不带小数点），不是 “{typed}”。",
                 f"must be a whole number from {low} to {high} (no quotes, no decimal point), not “{typed}”.")
    return None


def _day(value: Any, at: At, problems: Problems) -> dt.date | None:
    if isinstance(value, dt.datetime):
        problems.add(at, "应是日期（如 2027-04-01），不带时刻。", "must be a day (like 2027-04-01), without a time.")
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    typed = shown(str(value), 20)
    problems.add(at, f"“{typed}”不是日期；应写成 2027-04-01（年-月-日）。",
                 f"“{typed}” is not a day; write it 2027-04-01 (year-month-day).")
    return None


def _customer_type(value: Any, at: At, problems: Problems) -> str | None:
    if isinstance(value, str) and value in CUSTOMER_TYPES:
        return value
    named_zh = "、".join(f"{c}（{type_name(c, 'zh')}）" for c in CUSTOMER_TYPES)
    named_en = ", ".join(CUSTOMER_TYPES)
    typed = shown(str(value), 20)
    problems.add(at, f"“{typed}”不是用户类型；应为 {named_zh}之一。",
                 f"“{typed}” is not a customer type; it must be one of {named_en}.")
    return None


def _year_start(value: Any, at: At, problems: Problems) -> str | None:
    found = parse_year_start(value) if isinstance(value, str) else None
    if found is None:
        typed = shown(str(value), 20)
        problems.add(at, f"“{typed}”不是月-日；应写成 MM-DD，如 \"01-01\"（1 月 1 日）。",
                     f"“{typed}” is not a month and day; write it MM-DD, like \"01-01\" (1 January).")
        return None
    return f"{found[0]:02d}-{found[1]:02d}"


def _tiers(value: Any, customer_type: str | None, at: At, problems: Problems) -> tuple[Tier, ...] | None:
    if not isinstance(value, list) or not value:
        problems.add(at, "应是至少一档的列表，如 [ { price = \"3.45\" } ]。",
                     "must be a list of at least one tier, like [ { price = \"3.45\" } ].")
        return None
    if customer_type is not None and customer_type not in TIERED and len(value) > 1:
        problems.add(at, f"{type_name(customer_type, 'zh')}气价只有一档（统一单价），这里有 {len(value)} 档。",
                     f"a {type_name(customer_type, 'en').lower()} tariff has one flat price (one tier); "
                     f"this one has {len(value)}.")
        return None
    tiers: list[Tier] = []  # complete only when no problem was found (the caller checks)
    previous: Decimal | None = None
    for n, item in enumerate(value, start=1):
        here = At(at.schedule, n)
        last = n == len(value)
        table = _table(item, here, problems, "{ up_to_m3 = 350, price = \"2.61\" }")
        if table is None:
            continue
        _unknown_keys(table, TIER_KEYS, here, problems)
        cost = None
        if "price" not in table:
            problems.add(here, "缺少 price（单价，元/立方米，如 \"2.61\"）。",
                         "price is missing (yuan per m³, like \"2.61\").")
        else:
            cost = _amount(price, table["price"], here.of("price"), problems)
        bound = None
        if "up_to_m3" in table:
            if last:
                problems.add(here.of("up_to_m3"),
                             "最后一档不能有 up_to_m3（它计上一档以上的全部用量）；请再加一档只写 price 的最后一档。",
                             "the last tier has no up_to_m3 (it takes all use above the tier before); add a last "
                             "tier with a price only.")
            else:
                bound = _amount(volume, table["up_to_m3"], here.of("up_to_m3"), problems, signed=False)
                if bound is not None and bound <= 0:
                    problems.add(here.of("up_to_m3"), "必须大于 0。", "must be more than 0.")
                    bound = None
                elif bound is not None and previous is not None and bound <= previous:
                    problems.add(here.of("up_to_m3"),
                                 f"{_num(bound)} 不大于上一档的 {_num(previous)}；各档上限必须逐档增大。",
                                 f"{_num(bound)} is not above the tier before's {_num(previous)}; the bounds must "
                                 "increase tier by tier.")
                    bound = None
                if bound is not None:
                    previous = bound
        elif not last:
            problems.add(here, "缺少 up_to_m3（这一档的年度累计上限，立方米）；只有最后一档可以不写。",
                         "up_to_m3 is missing (the tier's bound on the year's use, m³); only the last tier has none.")
        if cost is not None:
            tiers.append(Tier(bound, cost))
    return tuple(tiers)


def _schedule(raw: Any, n: int, problems: Problems) -> ScheduleInput | None:
    at = At(n)
    table = _table(raw, at, problems, "[[schedule]]")
    if table is None:
        return None
    before = len(problems.found)
    _unknown_keys(table, SCHEDULE_KEYS, at, problems)
    for key in REQUIRED_KEYS:
        if key not in table:
            problems.add(at, f"缺少 {key}。", f"{key} is missing.")
    ctype = _customer_type(table["customer_type"], at.of("customer_type"), problems) if (
        "customer_type" in table) else None
    day = _day(table["effective_from"], at.of("effective_from"), problems) if "effective_from" in table else None
    year_start = _year_start(table["year_start"], at.of("year_start"), problems) if (
        "year_start" in table) else DEFAULT_YEAR_START
    persons = extra = rate = grace = None
    if "large_household" in table:
        where = at.of("large_household")
        if ctype is not None and ctype not in TIERED:
            problems.add(where, f"只有居民气价（residential）有多人口家庭加量；{type_name(ctype, 'zh')}气价只有一档，"
                                "没有上限可加。请删去 large_household。",
                         f"only a residential tariff raises its bounds for large households; a "
                         f"{type_name(ctype, 'en').lower()} tariff has one tier and no bound to raise. "
                         "Delete large_household.")
        elif (large := _table(table["large_household"], where, problems,
                              "{ min_persons = 5, extra_m3 = 100 }")) is not None:
            _unknown_keys(large, LARGE_KEYS, where, problems)
            for key in LARGE_KEYS:
                if key not in large:
                    problems.add(where, f"缺少 {key}。", f"{key} is missing.")
            if "min_persons" in large:
                persons = _integer(large["min_persons"], 1, MAX_PERSONS, where.of("min_persons"), problems)
            if "extra_m3" in large:
                extra = _amount(volume, large["extra_m3"], where.of("extra_m3"), problems, signed=False)
    if "late_fee" in table:
        where = at.of("late_fee")
        late = _table(table["late_fee"], where, problems, "{ daily_rate = \"0.001\", grace_days = 0 }")
        if late is not None:
            _unknown_keys(late, LATE_KEYS, where, problems)
            for key in LATE_KEYS:
                if key not in late:
                    problems.add(where, f"缺少 {key}。", f"{key} is missing.")
            if "daily_rate" in late:
                rate = _amount(_rate, late["daily_rate"], where.of("daily_rate"), problems)
            if "grace_days" in late:
                grace = _integer(late["grace_days"], 0, MAX_GRACE_DAYS, where.of("grace_days"), problems)
    tiers = _tiers(table["tiers"], ctype, at.of("tiers"), problems) if "tiers" in table else None
    if len(problems.found) > before or ctype is None or day is None or year_start is None or tiers is None:
        return None
    return ScheduleInput(ctype, day, tiers, year_start, persons, extra, rate, grace)


def parse_document(document: Any, name: str | None = None) -> list[ScheduleInput]:
    """The schedules of a parsed file (``{"schedule": [...]}``), every problem collected and refused whole."""
    problems = Problems()
    top = At()
    if not isinstance(document, Mapping):
        problems.add(top, "文件的最外层应是 schedule 的列表：TOML 里写 [[schedule]]，JSON 里写 {\"schedule\": [ … ]}。",
                     "the file's top level must be a list of schedules: [[schedule]] in TOML, "
                     "{\"schedule\": [ … ]} in JSON.")
        raise problems.refusal(name)
    _unknown_keys(document, TOP_KEYS, top, problems)
    raw = document.get("schedule")
    if raw is None or raw == []:
        problems.add(top, "文件里没有气价：请用 [[schedule]] 写出至少一个气价。",
                     "the file holds no tariff: write at least one [[schedule]].")
    elif not isinstance(raw, list):
        problems.add(top.of("schedule"), "应写成 [[schedule]]（一个或几个气价的列表），不是 [schedule]。",
                     "must be [[schedule]] (a list of one or more schedules), not [schedule].")
        raw = None
    out: list[ScheduleInput] = []
    seen: dict[tuple[str, dt.date], int] = {}
    for n, item in enumerate(raw or [], start=1):
        schedule = _schedule(item, n, problems)
        if schedule is None:
            continue
        if schedule.key in seen:
            problems.add(At(n), f"与第 {seen[schedule.key]} 个 schedule 的用户类型和生效日期相同"
                                 f"（{schedule.customer_type}，{schedule.effective_from}）；同一类型同一天只能有一个气价。",
                         f"the same customer type and day as schedule {seen[schedule.key]} "
                         f"({schedule.customer_type}, {schedule.effective_from}); one type has one tariff a day.")
            continue
        seen[schedule.key] = n
        out.append(schedule)
    if problems.found:
        raise problems.refusal(name)
    return out
