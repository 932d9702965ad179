"""Command line: ``gasdesk`` starts the desktop; sub-commands serve scripts and administrators.

Batch commands act as a user (``--user LOGIN``; the password from GASDESK_PASSWORD
or a prompt) and pass the same role checks as the window.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from gasdesk import __version__
from gasdesk.paths import default_db_path, demo_db_path
from gasdesk.services.errors import AuthError, GasdeskError, ValidationError, set_language


def _out(text: str) -> None:
    print(text, flush=True)


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _db_target(args: argparse.Namespace) -> str:
    return args.db or str(default_db_path())


def _password(prompt: str, env: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise AuthError(f"请用环境变量 {env} 提供密码。", f"Give the password in the {env} variable.")
    return getpass.getpass(prompt)


def _login(db, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from gasdesk.services import users

    if not args.user:
        raise AuthError("请用 --user 指定执行操作的用户。", "Name the acting user with --user LOGIN.")
    password = _password(f"{args.user} 的密码 / password: ", "GASDESK_PASSWORD")
    with db.write() as s:
        outcome = users.authenticate(s, args.user, password, counter=args.counter or "CLI")
    if outcome.error:
        raise outcome.error
    return outcome.actor


# ---- commands ---------------------------------------------------------------


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from gasdesk import migrate
    from gasdesk.startup import prepare

    db = prepare(_db_target(args), create=True, upgrade=False)
    try:
        result = migrate.upgrade(db)
    finally:
        db.dispose()
    if result.changed:
        _out(f"upgraded {db.display_name}: {result.before or '(empty)'} -> {result.after}")
        if result.backup:
            _out(f"copy of the previous file: {result.backup}")
    else:
        _out(f"{db.display_name} is at {result.after}; nothing to do")
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    from gasdesk import migrate
    from gasdesk.db import open_database

    db = open_database(_db_target(args), create=False)
    try:
        problems = db.integrity_check()
        if problems:
            _err("integrity check FAILED:")
            for p in problems[:20]:
                _err(f"  {p}")
            return 2
        current, head = migrate.current_revision(db), migrate.head_revision(db)
    finally:
        db.dispose()
    _out(f"{db.display_name}: integrity ok; schema {current or '(empty)'} (program head {head})")
    return 0 if current == head else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from gasdesk.backup import default_backup_path, hot_copy
    from gasdesk.services import audit
    from gasdesk.services.permissions import require
    from gasdesk.services.runner import run
    from gasdesk.startup import prepare

    db = prepare(_db_target(args), create=False)
    try:
        actor = _login(db, args)
        run(db, actor, lambda s: require(s, actor, "db.backup"))
        dest = Path(args.to) if args.to else default_backup_path(db)
        hot_copy(db, dest)
        with db.write() as s:
            audit.record(s, actor, "db.backup", "database", "", after={"file": str(dest)})
    finally:
        db.dispose()
    _out(f"backup written and checked: {dest}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from gasdesk.backup import restore
    from gasdesk.db import normalize_url
    from gasdesk.services import audit
    from gasdesk.services.permissions import require
    from gasdesk.services.runner import run
    from gasdesk.startup import prepare

    url = normalize_url(_db_target(args))
    if url.get_backend_name() != "sqlite":
        raise ValidationError("只能恢复 SQLite 数据库文件。", "Only a SQLite database file can be restored.")
    target = Path(url.database or "")
    actor = None
    if target.exists():
        # The current file must name an administrator, unless it is damaged beyond opening.
        try:
            db = prepare(target, create=False, upgrade=False)
        except GasdeskError:
            db = None
        if db is not None:
            try:
                actor = _login(db, args)
                run(db, actor, lambda s: require(s, actor, "db.restore"))
            finally:
                db.dispose()
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError(
                "恢复会替换当前数据库，请加 --yes 确认。", "A restore replaces the database; confirm with --yes."
            )
        answer = input(f"用 {args.file} 替换 {target}？(y/N) ")
        if answer.strip().lower() not in {"y", "yes", "是"}:
            _out("nothing changed")
            return 1
    kept = restore(target, Path(args.file))
    db = prepare(target, create=False)
    try:
        with db.write() as s:
            audit.record(s, actor, "db.restore", "database", "", after={"from": str(args.file), "kept": str(kept)},
                         login=actor.login if actor else "(cli)")
    finally:
        db.dispose()
    _out(f"restored {target} from {args.file}" + (f"; the replaced file is kept as {kept}" if kept else ""))
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from gasdesk.services import users
    from gasdesk.services.runner import run
    from gasdesk.startup import prepare

    role = users.parse_role(args.role)
    db = prepare(_db_target(args), create=True)
    try:
        with db.read() as s:
            empty = not users.has_users(s)
        new_password = _password(f"{args.login} 的新密码 / new password: ", "GASDESK_NEW_PASSWORD")
        if empty:
            if role.value != "admin":
                raise ValidationError("数据库里还没有用户：第一个用户必须是管理员（--role admin）。",
                                      "The database has no users yet: the first one must be an admin (--role admin).")
            name = args.name or args.login
            info = run(db, None, lambda s: users.create_first_admin(s, args.login, name, new_password))
        else:
            actor = _login(db, args)
            name = args.name or args.login
            info = run(db, actor, lambda s: users.add_user(s, actor, args.login, name, role, new_password))
    finally:
        db.dispose()
    _out(f"user {info.login} added as {info.role.value}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from gasdesk.services import demo
    from gasdesk.startup import prepare

    target = Path(args.db)
    if target.exists() and target.stat().st_size > 0:
        raise ValidationError(
            f"文件已存在，不会覆盖：{target}", f"The file exists and will not be overwritten: {target}"
        )
    db = prepare(target, create=True)
    try:
        with db.write() as s:
            demo.build(s, size=args.size)
    finally:
        db.dispose()
    _out(f"demo office written to {target}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from gasdesk.ui.app import run_gui

    if args.demo:
        target, demo_mode = str(demo_db_path()), True
    else:
        target, demo_mode = _db_target(args), False
    return run_gui(target, demo=demo_mode, lang=args.lang, counter=args.counter,
                   explicit_db=bool(args.db), screenshot=args.screenshot)


# ---- parser -----------------------------------------------------------------


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
                        help="counter id, e.g. C01")
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

    dbp = sub.add_parser("db", help="database upgrade and checks")
    dbsub = dbp.add_subparsers(dest="db_command", required=True)
    dbsub.add_parser("upgrade", parents=[common], help="copy the file aside and upgrade it").set_defaults(
        func=cmd_db_upgrade)
    dbsub.add_parser("check", parents=[common], help="integrity check; exit 0 when sound and current").set_defaults(
        func=cmd_db_check)

    b = sub.add_parser("backup", parents=[common], help="hot backup through SQLite's backup API, then checked")
    b.add_argument("--to", help="backup file (default: backups/ beside the database)")
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser("restore", parents=[common], help="replace the database with a checked backup")
    r.add_argument("file")
    r.add_argument("--yes", action="store_true", help="confirm the replacement without a prompt")
    r.set_defaults(func=cmd_restore)

    u = sub.add_parser("user", help="users")
    usub = u.add_subparsers(dest="user_command", required=True)
    ua = usub.add_parser("add", parents=[common], help="add a user (the first one must be an admin)")
    ua.add_argument("login")
    ua.add_argument("--role", required=True)
    ua.add_argument("--name")
    ua.set_defaults(func=cmd_user_add)

    d = sub.add_parser("demo", parents=[common], help="build the demo office database without the GUI")
    d.add_argument("--size", type=int, default=0, help="extra generated accounts (for benchmarks)")
    d.set_defaults(func=cmd_demo)
    EXTRA_COMMANDS and [register(sub, common) for register in EXTRA_COMMANDS]
    return p


# Feature modules add their sub-commands here: register(subparsers, common_parent).
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = []


def main(argv: Sequence[str] | None = None) -> int:
    import gasdesk.cli_accounts  # noqa: F401  (registers `gasdesk account ...`)
    from gasdesk import cli_reports  # noqa: F401  (registers `gasdesk report ...`, `gasdesk gas-on sheet`)
    args = build_parser().parse_args(argv)
    set_language(args.lang)
    if args.command == "demo" and not args.db:
        _err("gasdesk demo needs --db FILE")
        return 2
    try:
        return int(args.func(args) or 0)
    except GasdeskError as exc:
        _err(exc.text(args.lang))
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted; nothing half-done was saved")
        return 130


def dump_json(data: object) -> None:
    _out(json.dumps(data, ensure_ascii=False, indent=2, default=str))
