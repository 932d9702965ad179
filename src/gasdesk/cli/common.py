"""What every command shares: printing, the database it names, signing in as ``--user``, JSON,
and the checks every command-line argument passes before a command sees it.

Commands import the services they use inside their function, so ``gasdesk --version`` and a
command's ``--help`` load nothing they do not need (no SQLAlchemy, Qt, pandas or reportlab).
"""

from __future__ import annotations

import argparse
import atexit
import dataclasses
import gc
import getpass
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gasdesk.machine import local_counter
from gasdesk.paths import default_db_path, demo_db_path
from gasdesk.services.core import labels
from gasdesk.services.core.errors import AuthError, ValidationError, current_language
from gasdesk.services.core.text import shown

if TYPE_CHECKING:
    from gasdesk.db import Database
    from gasdesk.services.core.actor import Actor


def out(text: str) -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def words(zh: str, en: str) -> str:
    """A message in the command's language (``--lang``, Chinese by default)."""
    return en if current_language() == "en" else zh


def db_target(args: argparse.Namespace) -> str:
    """``--db``, or the demo office with ``--demo``, or the data folder's gasdesk.db."""
    if getattr(args, "demo", False):
        return str(demo_db_path())
    return args.db or str(default_db_path())


@contextmanager
def opened(args: argparse.Namespace, *, create: bool = False, upgrade: bool = True) -> Iterator[Database]:
    """The database the command names, opened, checked and upgraded as at start; closed after."""
    from gasdesk.startup import prepare

    db = prepare(db_target(args), create=create, upgrade=upgrade)
    started()
    try:
        yield db
    finally:
        db.dispose()


# A command's start (imports, the parser, opening the database) makes a few hundred thousand objects
# that live until it ends: modules, SQLAlchemy's mappers and statements. The cyclic garbage collector's
# passes over that growing heap free nothing, yet cost ~0.1 s of every start, and its passes at exit
# as much again. So main() pauses it until the command's database is open (opened()) or the window's own
# collector takes over (ui/gc_guard); a command leaves its heap to the operating system at exit.
_paused = False
_frozen_at_exit = False


def pause_collector() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    global _paused
    if _paused:
        _paused = False
        # Start-up's objects go straight to the oldest generation (freeze, then unfreeze): else the
        # first pass after enable() would scan them all as young objects (~30 ms).
        gc.freeze()
        gc.unfreeze()
        gc.enable()


def started() -> None:
    """The command has its database: from here it may make garbage in bulk (demo, reports), so the
    collector runs again; at exit the heap is frozen, so the interpreter's last passes skip it."""
    global _frozen_at_exit
    resume_collector()
    if not _frozen_at_exit:
        _frozen_at_exit = True
        atexit.register(gc.freeze)


def password(prompt: str, env: str) -> str:
    value = os.environ.get(env)
    if value is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise AuthError(f"请用环境变量 {env} 提供密码。", f"Give the password in the {env} variable.")
        value = getpass.getpass(prompt)
    if _unreadable(value) or len(value) > MAX_TEXT:
        raise AuthError("密码里有无法识别的字符或者太长，请重新设置密码的来源。",
                        "The password has characters that cannot be read, or is too long.")
    return value


def login(db: Database, args: argparse.Namespace) -> Actor:
    """Sign in as ``--user`` with the same checks (and lockout) as the login window."""
    from gasdesk.services.office import users

    if not args.user:
        raise AuthError("请用 --user 指定执行操作的用户。", "Name the acting user with --user LOGIN.")
    secret = password(f"{args.user} 的密码 / password: ", "GASDESK_PASSWORD")
    with db.write() as s:
        outcome = users.authenticate(s, args.user, secret, counter=args.counter or local_counter())
    if outcome.error:
        raise outcome.error
    assert outcome.actor is not None
    return outcome.actor


def plain(value: Any) -> Any:
    """Service results to JSON-friendly data: Decimal and dates as strings; what a result
    says it changed is for the window's refresh, not for scripts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "changes"}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def dump_json(data: object) -> None:
    out(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def check_folder(path: str | Path) -> Path:
    """Refuse with words, before any work, an output file whose folder is missing or read-only."""
    from gasdesk.files import check_folder as check

    return check(path)


def write_file(path: str | Path, data: bytes) -> Path:
    """Write the whole file or nothing (gasdesk.files.write_atomic); a missing or read-only
    folder is refused with words."""
    from gasdesk.files import write_atomic

    return write_atomic(path, data)


# ---- arguments ---------------------------------------------------------------------------------
#
# Python hands a command line it cannot decode to the program as lone surrogates (POSIX bytes that
# are not UTF-8); a script may pass NUL or a whole file by mistake. None of that reaches a service:
# each argument is checked here, and a refusal quotes only a short, printable prefix of it.

MAX_PATH = 4096  # a file path or a database URL
MAX_QUERY = 1000  # what the search box takes (the search itself reads its first 60 characters)
MAX_TEXT = 1000  # any other argument: a name, a note
MAX_CODE = 64  # a login, a counter, area or role code, a language
MAX_NUMBER_TEXT = 40  # an account number as typed, with its spaces and dashes

PATH_ARGUMENTS = frozenset({"db", "out", "to", "file", "screenshot", "rejects", "receipt"})
_LIMITS = {"query": MAX_QUERY, "number": MAX_NUMBER_TEXT, "name": MAX_TEXT, "head": 200,
           "user": MAX_CODE, "login": MAX_CODE, "counter": MAX_CODE, "code": MAX_CODE, "area": MAX_CODE,
           "role": MAX_CODE, "kind": MAX_CODE, "lang": MAX_CODE, "basis": MAX_CODE}
_POSITIONAL = frozenset({"query", "number", "event_id", "file", "login", "code"})
_OPTION_NAMES = {"date_from": "--from", "date_to": "--to"}


def quoted(text: str, limit: int = 20) -> str:
    """How a refusal quotes what was typed: at most ``limit`` characters, control characters,
    NUL and undecodable bytes written as escapes (services.core.text.shown)."""
    head = text[: limit + 1]
    return shown("".join(c if c.isprintable() else ascii(c)[1:-1] for c in head), limit)


def argument_name(dest: str) -> str:
    """``--limit`` or ``QUERY``, as a refusal names the argument."""
    if dest in _POSITIONAL:
        return dest.upper()
    return _OPTION_NAMES.get(dest, "--" + dest.replace("_", "-"))


_UNREADABLE = re.compile("[\0\ud800-\udfff]")


def _unreadable(text: str) -> bool:
    """A lone surrogate (bytes that were not UTF-8, or a broken UTF-16 pair) or NUL."""
    return _UNREADABLE.search(text) is not None


def check_argument(dest: str, value: str) -> None:
    """Refuse, in words, an argument no command can use: undecodable, NUL, or far too long."""
    name = argument_name(dest)
    is_path = dest in PATH_ARGUMENTS
    limit = MAX_PATH if is_path else _LIMITS.get(dest, MAX_TEXT)
    if "\0" in value:
        raise ValidationError(f"{name} 里不能有空字符（NUL）：“{quoted(value)}”。",
                              f"{name} cannot contain a NUL character: '{quoted(value)}'.")
    if _unreadable(value):
        if is_path:
            raise ValidationError(
                f"{name} 的路径里有无法识别的字符（不是 UTF-8 文字）：“{quoted(value)}”。"
                "请把文件或文件夹改成只含正常文字的名字再试。",
                f"The path of {name} has characters that cannot be read (not UTF-8): '{quoted(value)}'. "
                "Rename the file or folder to plain text and try again.")
        raise ValidationError(f"{name} 里有无法识别的字符（不是 UTF-8 文字）：“{quoted(value)}”。",
                              f"{name} has characters that cannot be read (not UTF-8): '{quoted(value)}'.")
    if len(value) > limit:
        raise ValidationError(f"{name} 太长：{len(value):,} 个字符，最多 {limit:,} 个（“{quoted(value)}”）。",
                              f"{name} is too long: {len(value):,} characters, at most {limit:,} "
                              f"('{quoted(value)}').")


def check_arguments(args: argparse.Namespace) -> None:
    """Every text the command line (or a GASDESK_ variable behind a default) gave, checked;
    ``--demo`` names a database, so it does not go with ``--db``."""
    if getattr(args, "demo", False) and getattr(args, "db", None):
        raise ValidationError("--demo 和 --db 只能用一个：--demo 就是演示营业厅的数据库。",
                              "Use --demo or --db, not both: --demo is the demo office's database.")
    for dest, value in vars(args).items():
        if isinstance(value, str):
            check_argument(dest, value)
        elif value == [] and dest not in ("func",):  # argparse's reading of "--option=--": no value at all
            name = "--" + dest.replace("_", "-")
            raise ValidationError(f"{name} 后面没有给出值。", f"{name} was given no value.")


# Digits a person may type: ASCII and full-width (an input method left in full-width mode).
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_BLANKS = " \t\u3000"


def integer(name: str, low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type=`` for a whole number from ``low`` to ``high``: ASCII or full-width
    digits, no sign, no other script's digits, no ``1_000``; a refusal in words, not argparse's."""

    def parse(text: str) -> int:
        digits = text.strip(_BLANKS).translate(_DIGITS)
        if not (digits.isascii() and digits.isdigit()):
            raise ValidationError(
                f"{name} 应为 {low} 到 {high:,} 之间的整数（半角或全角数字），不是“{quoted(text)}”。",
                f"{name} takes a whole number from {low} to {high:,}, not '{quoted(text)}'.")
        if len(digits.lstrip("0")) > len(str(high)) or not low <= int(digits) <= high:
            raise ValidationError(
                f"{name} 超出范围：应为 {low} 到 {high:,} 之间的整数，不是“{quoted(text)}”。",
                f"{name} is out of range: it takes a whole number from {low} to {high:,}, not '{quoted(text)}'.")
        return int(digits)

    parse.__name__ = name
    return parse


ID_MAX = 2**63 - 1  # a database row id: SQLite and PostgreSQL store at most a signed 64-bit integer


def record_id(name: str) -> Callable[[str], int]:
    """An argparse ``type=`` for a row id (a compound, a gas-on event)."""
    return integer(name, 1, ID_MAX)


def day(name: str) -> Callable[[str], str]:
    """An argparse ``type=`` for a date typed as 2026-01-31 (full-width digits too): the same
    date in ASCII, refused in words when it is not one."""

    def parse(text: str) -> str:
        typed = text.strip(_BLANKS).translate(_DIGITS).replace("－", "-")
        try:
            if not typed.isascii() or len(typed) > 10:
                raise ValueError(typed)
            return date.fromisoformat(typed).isoformat()
        except ValueError:
            # the words reports used before this check (scripts may match them), the input quoted short
            raise ValidationError(f"日期格式应为 2026-01-31：{quoted(text)}",
                                  f"A date is written 2026-01-31: {quoted(text)}") from None

    parse.__name__ = name
    return parse


class UsageError(Exception):
    """argparse found the command line malformed (an unknown option, a missing argument)."""

    def __init__(self, prog: str, usage: str, message: str) -> None:
        super().__init__(message)
        self.prog, self.usage, self.message = prog, usage, message

    def text(self, lang: str) -> str:
        # argparse quotes what was typed in full: keep a short prefix of every long word in it.
        message = _LONG_WORD.sub(lambda m: quoted(m.group(), 40), quoted(self.message, 400))
        if lang == "en":
            return f"{self.usage}Command line error: {message}\n(see: {self.prog} --help)"
        return f"{self.usage}命令行有误：{message}\n（用法见 {self.prog} --help）"


# A long run of characters with no space between: a run of Chinese is a run of its own (the words
# around what was typed have no spaces in Chinese).
_WIDE = "\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60"  # CJK, kana, hangul, full-width forms
_LONG_WORD = re.compile(rf"[^\s{_WIDE}]{{41,}}|[{_WIDE}]{{41,}}")


# ---- help and argparse's own words -------------------------------------------------------------
#
# Help texts are written once, as words(zh, en) when the parser is built: main() knows the language
# before it builds one. argparse's own words ("usage:", "options", its refusals) go through the
# gettext() and ngettext() it imported into its module namespace (CPython 3.11's argparse.py), called
# as it builds a parser, formats help or reports an error: argparse_words() answers them in Chinese
# while the command line is built and parsed. A wording argparse changes in a later Python falls back
# to its English (tests/services/cli/test_cli_help.py finds every key below in argparse's source).

ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示这份帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(type)s 的值无效：%(value)r",
    "expected one argument": "后面需要一个值",
    "expected at most one argument": "后面最多一个值",
    "expected at least one argument": "后面至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "ignored explicit argument %r": "这个选项不带值，多给了 %r",
    "not allowed with argument %s": "不能和参数 %s 一起用",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
}
ARGPARSE_ZH_PLURAL = {("expected %s argument", "expected %s arguments"): "后面需要 %s 个值"}


def _argparse_zh(text: str) -> str:
    return ARGPARSE_ZH.get(text, text)


def _argparse_zh_plural(one: str, many: str, n: int) -> str:
    return ARGPARSE_ZH_PLURAL.get((one, many)) or (one if n == 1 else many)


@contextmanager
def argparse_words(lang: str) -> Iterator[None]:
    """argparse speaks ``lang`` inside (help, usage, its refusals), and its own English again after:
    the module is shared with the window's process and with tests."""
    if lang == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _argparse_zh, _argparse_zh_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def codes(table: labels.Table) -> str:
    """A choice's codes with their names, for a help text: ``clerk 业务员、reader 抄表员…``."""
    if current_language() == "en":
        return ", ".join(f"{code} ({label.en})" for code, label in table.items())
    return "、".join(f"{code} {label.zh}" for code, label in table.items())


def command(sub: argparse._SubParsersAction, name: str, text: str,
            *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """A sub-command: ``text`` is its line in its parent's help and the opening of its own."""
    return sub.add_parser(name, help=text, description=text, parents=list(parents))


def json_flag(parser: argparse.ArgumentParser, zh: str = "供程序读取的输出（JSON）",
              en: str = "machine-readable output") -> None:
    parser.add_argument("--json", action="store_true", help=words(zh, en))


def columns(text: str) -> int:
    """How many console columns ``text`` takes: a Chinese character or full-width sign takes two."""
    return len(text) + sum(unicodedata.east_asian_width(c) in "WF" for c in text if not c.isascii())


# A break may fall at a space or between two wide characters, never before closing punctuation
# nor after opening punctuation.
_OPEN, _CLOSE = re.escape("（“‘「《[("), re.escape("，。、；：！？）”’」》,.;:!?)]")
_WRAP_TOKEN = re.compile(rf"(\s*)([{_OPEN}]*(?:[^\s{_WIDE}]+|\S)[{_CLOSE}]*)")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` console columns (textwrap counts characters, so
    Chinese lines came out twice as wide as the console)."""
    lines: list[str] = []
    line, used = "", 0
    for space, token in _WRAP_TOKEN.findall(" ".join(text.split())):
        sep = " " if space and line else ""
        wide = columns(token)
        if line and used + len(sep) + wide > width:
            lines.append(line)
            line, used, sep = "", 0, ""
        line += sep + token
        used += len(sep) + wide
    return [*lines, line] if line else lines


# argparse ends a section's heading with an ASCII colon; a Chinese heading takes the full-width one.
_WIDE_HEADING = re.compile(rf"^(\S.*[{_WIDE}]):$", re.MULTILINE)


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, wrapped by console columns, so Chinese help fits the console."""

    def format_help(self) -> str:
        return _WIDE_HEADING.sub(r"\1：", super().format_help())

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def _format_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None) -> str:
        # argparse indents the usage's further lines by len(prefix): "用法：" takes 3 characters
        # but 6 columns. A stand-in as wide as the prefix in columns, one column per character.
        prefix = argparse._("usage: ") if prefix is None else prefix  # type: ignore[attr-defined]
        stand_in = "\0" * columns(prefix)
        return super()._format_usage(usage, actions, groups, stand_in).replace(stand_in, prefix, 1)


class Parser(argparse.ArgumentParser):
    """argparse that reports a malformed command line to the caller instead of exiting with 2
    (which the exit-code table keeps for an unusable database), and wraps its help by console
    columns; sub-commands inherit it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(self.prog, self.format_usage(), message)
