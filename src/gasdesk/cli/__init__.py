"""Command line: ``gasdesk`` starts the desktop; sub-commands serve scripts and administrators.

One module per domain (database, users, demo, accounts, reports), each with a ``register``
function called from here: no module registers itself on import, none imports another's
commands. Batch commands act as a user (``--user LOGIN``; the password from GASDESK_PASSWORD
or a prompt) and pass the same role checks as the window.

Whatever the command line holds, the console sees words and an exit code from the README's table,
never a traceback: a malformed command line is refused (1; 4 for ``db check``), an argument that is
undecodable, NUL or far too long is refused before any command runs, printing never fails on a
console that cannot show Chinese, and an unexpected error is one line (its traceback goes to
gasdesk-errors.log in the data folder).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Sequence
from datetime import datetime

from gasdesk import __version__
from gasdesk.cli import (
    accounts,
    billing,
    cashier,
    counters,
    database,
    demo,
    depot,
    payments,
    readings,
    reports,
    tariffs,
    users,
)
from gasdesk.cli.common import (
    Parser,
    UsageError,
    argparse_words,
    check_arguments,
    db_target,
    err,
    pause_collector,
    quoted,
    resume_collector,
    words,
)
from gasdesk.paths import data_dir, demo_db_path
from gasdesk.services.core.errors import GasdeskError, set_language

# `db check` has its own exit codes (0 sound, 1 older, 2 damaged, 4 cannot be checked): a command
# line it cannot use is a check that could not be made, not "older".
REFUSED, CHECK_CANNOT, INTERRUPTED = 1, 4, 130
ERROR_LOG = "gasdesk-errors.log"

# in the order `gasdesk --help` lists them
COMMANDS = (database, users, counters, demo, accounts, readings, tariffs, billing, cashier, payments, depot,
            reports)


def cmd_gui(args: argparse.Namespace) -> int:
    from gasdesk.ui.app import run_gui

    # The collector stays paused through Qt's start: the window's own (ui/gc_guard) takes over.
    if args.demo:
        target, demo_mode = str(demo_db_path()), True
    else:
        target, demo_mode = db_target(args), False
    return run_gui(target, demo=demo_mode, lang=args.lang, counter=args.counter,
                   explicit_db=bool(args.db), screenshot=args.screenshot)


def _common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """--db, --user, --counter, --lang, --demo; accepted before and after the sub-command.

    A sub-command's copy must not carry defaults: argparse would let them overwrite
    what was given before the sub-command (``gasdesk --db X backup``).
    """

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    common = Parser(add_help=False)
    common.add_argument("--db", default=default(None),
                        help=words("SQLite 数据库文件或 SQLAlchemy 网址（默认：数据文件夹里的 gasdesk.db）",
                                   "SQLite file or SQLAlchemy URL (default: the data folder's gasdesk.db)"))
    common.add_argument("--user", default=default(None),
                        help=words("以这个用户的身份操作（密码取自环境变量 GASDESK_PASSWORD，没有时提示输入）",
                                   "act as this user (password from GASDESK_PASSWORD or a prompt)"))
    common.add_argument("--counter", default=default(os.environ.get("GASDESK_COUNTER", "")),
                        help=words("您所在的已登记柜台，例如 C01（默认：环境变量 GASDESK_COUNTER，"
                                   "或这台电脑上次登录时的柜台）",
                                   "the registered counter you work at, e.g. C01 (default: GASDESK_COUNTER, "
                                   "or this PC's, from its last sign-in)"))
    common.add_argument("--lang", default=default(os.environ.get("GASDESK_LANG", "zh")), choices=["zh", "en"],
                        help=words("提示和帮助的语言：zh 中文（默认）或 en 英文；也可用环境变量 GASDESK_LANG",
                                   "the language of messages and help: zh Chinese (default) or en English; "
                                   "or set GASDESK_LANG"))
    common.add_argument("--demo", action="store_true", default=default(False),
                        help=words("演示营业厅（数据文件夹里的 demo.db；桌面程序第一次使用时创建它）",
                                   "the demo office (the data folder's demo.db; the window creates it on first use)"))
    return common


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, its help in the current language (errors.set_language): build and
    parse it inside argparse_words() so argparse's own words speak it too."""
    common = _common_options(suppress=True)
    p = Parser(prog="gasdesk", parents=[_common_options(suppress=False)],
               description=words("gasdesk 燃气营业厅柜台系统。不带命令时打开桌面程序；下面的命令供脚本和管理员使用，"
                                 "每个命令的用法见 gasdesk 命令 --help。",
                                 "gasdesk, the gas office's counter system. With no command it opens the desktop "
                                 "program; the commands below serve scripts and administrators (see gasdesk "
                                 "COMMAND --help)."))
    p.add_argument("--version", action="version", version=f"gasdesk {__version__}",
                   help=words("显示版本号并退出", "show the program's version number and exit"))
    p.add_argument("--screenshot", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_gui)
    sub = p.add_subparsers(dest="command")
    for module in COMMANDS:
        module.register(sub, common)
    _name_sub_commands(p)
    return p


def _name_sub_commands(parser: argparse.ArgumentParser) -> None:
    """A missing or unknown sub-command of a group is named as the group's usage shows it,
    ``{show,find}``, rather than by the attribute the code reads (``account_command``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _name_sub_commands(child)
            if action.required and action.metavar is None:
                action.metavar = "{" + ",".join(action.choices) + "}"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _safe_streams()
    pause_collector()  # until the command has started (common.opened): a faster start and exit
    try:
        return _run(argv)
    except BrokenPipeError:
        # The reader went away (`gasdesk account show N | head`): it has what it wanted. Point
        # stdout at nothing so the interpreter's last flush does not fail a second time.
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        err("已中断；没有保存做了一半的操作。" if _language(argv) == "zh"
            else "Interrupted; nothing half-done was saved.")
        return INTERRUPTED
    except Exception as exc:  # the last resort: one line of words on the console, never a traceback
        return _internal_error(exc, argv)
    finally:
        resume_collector()


def _run(argv: list[str]) -> int:
    lang = _language(argv)
    set_language(lang)
    try:
        with argparse_words(lang):
            args = build_parser().parse_args(argv)
    except SystemExit as done:  # --help, --version: printed, nothing else to do
        return done.code if isinstance(done.code, int) else 0
    except UsageError as exc:
        err(exc.text(lang))
        return CHECK_CANNOT if _usage_of_db_check(exc, argv) else REFUSED
    except GasdeskError as exc:  # an argument's type= refused it in words
        err(exc.text(lang))
        return exc.exit_code
    set_language(args.lang)
    try:
        check_arguments(args)
    except GasdeskError as exc:
        err(exc.text(args.lang))
        return CHECK_CANNOT if _is_db_check(args) else exc.exit_code
    try:
        return int(args.func(args) or 0)
    except GasdeskError as exc:
        err(exc.text(args.lang))
        return exc.exit_code


def _language(argv: Sequence[str]) -> str:
    """The language of words printed before (or instead of) a parsed ``--lang``."""
    lang = os.environ.get("GASDESK_LANG", "zh")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif isinstance(arg, str) and arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return "en" if lang == "en" else "zh"


def _is_db_check(args: argparse.Namespace) -> bool:
    return getattr(args, "command", None) == "db" and getattr(args, "db_command", None) == "check"


def _usage_of_db_check(exc: UsageError, argv: list[str]) -> bool:
    """Whether a malformed command line was a `db check` one (its own exit codes apply)."""
    if exc.prog.endswith(" db check"):
        return True
    if exc.prog != "gasdesk":
        return False
    return _argv_is_db_check(argv)  # unknown arguments are reported by the top parser


def _argv_is_db_check(argv: Sequence[str]) -> bool:
    quiet = io.StringIO()
    try:
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):  # a second --help prints nothing
            args, _extra = build_parser().parse_known_args(list(argv))
    except (Exception, SystemExit):  # a command line that does not parse is no db check
        return False
    return _is_db_check(args)


def _safe_streams() -> None:
    """Print in the console's own encoding, whatever it is (GBK, ASCII): a character it cannot
    show becomes '?' instead of a UnicodeEncodeError. No console at all (pythonw) is left alone."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, OSError):  # closed, or a wrapper that cannot change
                stream.reconfigure(errors="replace")


def _internal_error(exc: BaseException, argv: Sequence[str]) -> int:
    """One line on the console (the traceback to the log); `db check` says it could not check."""
    lang, where = _language(argv), _log_traceback(exc, argv)
    what = f"{type(exc).__name__}: {quoted(str(exc), 120)}"
    if lang == "en":
        err(f"Internal error, the command was not finished ({what})"
            + (f"; details written to {where}." if where else "."))
    else:
        err(f"程序内部错误，命令没有完成（{what}）" + (f"；详情已写入日志 {where}。" if where else "。"))
    return CHECK_CANNOT if _argv_is_db_check(argv) else REFUSED


def _log_traceback(exc: BaseException, argv: Sequence[str]) -> str | None:
    """Append the traceback to the data folder's error log; where it went, or None."""
    import traceback

    try:
        path = data_dir() / ERROR_LOG
        if path.exists() and path.stat().st_size > 1_000_000:  # keep one older file, not an ever-growing one
            path.replace(path.with_suffix(".log.1"))
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as log:
            log.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S} gasdesk {__version__}: "
                      f"{' '.join(quoted(str(a), 200) for a in argv)}\n")
            log.write("".join(traceback.format_exception(exc)))
        return str(path)
    except Exception:  # no log is better than a second error on the console
        return None


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (a test's capture)
        pass
