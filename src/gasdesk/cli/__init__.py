"""Command line: ``gasdesk`` starts the desktop; sub-commands serve scripts and administrators.

One module per domain (database, users, demo, accounts, reports), each with a ``register``
function called from here: no module registers itself on import, none imports another's
commands. Batch commands act as a user (``--user LOGIN``; the password from GASDESK_PASSWORD
or a prompt) and pass the same role checks as the window.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from gasdesk import __version__
from gasdesk.cli import accounts, counters, database, demo, reports, users
from gasdesk.cli.common import db_target, err
from gasdesk.paths import demo_db_path
from gasdesk.services.core.errors import GasdeskError, set_language

COMMANDS = (database, users, counters, demo, accounts, reports)  # in the order `gasdesk --help` lists them


def cmd_gui(args: argparse.Namespace) -> int:
    from gasdesk.ui.app import run_gui

    if args.demo:
        target, demo_mode = str(demo_db_path()), True
    else:
        target, demo_mode = db_target(args), False
    return run_gui(target, demo=demo_mode, lang=args.lang, counter=args.counter,
                   explicit_db=bool(args.db), screenshot=args.screenshot)


def _common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """--db, --user, --counter, --lang; accepted before and after the sub-command.

    A sub-command's copy must not carry defaults: argparse would let them overwrite
    what was given before the sub-command (``gasdesk --db X backup``).
    """

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=default(None),
                        help="SQLite file or SQLAlchemy URL (default: the data folder's gasdesk.db)")
    common.add_argument("--user", default=default(None),
                        help="act as this user (password from GASDESK_PASSWORD or a prompt)")
    common.add_argument("--counter", default=default(os.environ.get("GASDESK_COUNTER", "")),
                        help="the registered counter you work at, e.g. C01 (default: this PC's, from its last sign-in)")
    common.add_argument("--lang", default=default(os.environ.get("GASDESK_LANG", "zh")), choices=["zh", "en"])
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options(suppress=True)
    p = argparse.ArgumentParser(prog="gasdesk", parents=[_common_options(suppress=False)],
                                description="gasdesk 燃气营业厅柜台系统")
    p.add_argument("--version", action="version", version=f"gasdesk {__version__}")
    p.add_argument("--demo", action="store_true", help="open the demo office (created on first use)")
    p.add_argument("--screenshot", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_gui)
    sub = p.add_subparsers(dest="command")
    for module in COMMANDS:
        module.register(sub, common)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:
        # The reader went away (`gasdesk account show N | head`): it has what it wanted. Point
        # stdout at nothing so the interpreter's last flush does not fail a second time.
        _quiet_stdout()
        return 0


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    set_language(args.lang)
    try:
        return int(args.func(args) or 0)
    except GasdeskError as exc:
        err(exc.text(args.lang))
        return exc.exit_code
    except KeyboardInterrupt:
        err("interrupted; nothing half-done was saved")
        return 130


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (a test's capture)
        pass
