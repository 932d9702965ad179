"""`gasdesk db upgrade|check`, `gasdesk backup`, `gasdesk restore`: the database file itself."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gasdesk.cli import common
from gasdesk.services.core.errors import GasdeskError, ValidationError


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from gasdesk import migrate

    with common.opened(args, create=args.create, upgrade=False) as db:
        result = migrate.upgrade(db)
    if result.changed:
        before = result.before or common.words("（空）", "(empty)")
        common.out(common.words(f"已升级 {db.display_name}：{before} -> {result.after}",
                                f"upgraded {db.display_name}: {before} -> {result.after}"))
        if result.backup:
            common.out(common.words(f"升级前的文件副本：{result.backup}",
                                    f"copy of the previous file: {result.backup}"))
    else:
        common.out(common.words(f"{db.display_name} 已是 {result.after}，无需升级",
                                f"{db.display_name} is at {result.after}; nothing to do"))
    return 0


def cmd_db_create(args: argparse.Namespace) -> int:
    """A new database at a path that holds none (a missing or zero-byte file); never over one."""
    from gasdesk import migrate

    with common.opened(args, create=True, upgrade=False) as db:
        if migrate.current_revision(db) is not None:
            raise ValidationError(f"这里已经有 gasdesk 数据库：{db.display_name}。"
                                  "没有做任何改动（升级请用 gasdesk db upgrade）。",
                                  f"There is a gasdesk database here already: {db.display_name}. Nothing was "
                                  "changed (to upgrade it use gasdesk db upgrade).")
        result = migrate.upgrade(db, backup=False)
    common.out(common.words(f"已创建 {db.display_name}（数据库结构 {result.after}）",
                            f"created {db.display_name} at schema {result.after}"))
    return 0


# A chain that does not verify is evidence, not a disk fault: keep it, tell a supervisor, compare.
_CHAIN_ADVICE = (
    "账目或审计记录在程序之外被改动过。请保留这个文件不要再用它营业，报告主管；用最近备份旁的 .head 链头"
    "（gasdesk db check --head 链头 --db 备份文件）找到最后一份没有被改动的备份，由管理员决定是否恢复。",
    "Ledger or audit rows were changed outside gasdesk. Keep this file as it is, stop taking money on it and tell "
    "a supervisor; find the last untouched backup with the head kept beside it (gasdesk db check --head HEAD "
    "--db BACKUP), and let an administrator decide whether to restore it.",
)

# db check's own exit codes: 0 sound and current, 1 sound but older, 2 damaged, 4 cannot be checked.
CHECK_SOUND, CHECK_OLDER, CHECK_DAMAGED, CHECK_CANNOT = 0, 1, 2, 4


def cmd_db_check(args: argparse.Namespace) -> int:
    from gasdesk.checkup import check

    try:
        report = check(common.db_target(args), head=args.head)
    except GasdeskError as exc:
        common.err(exc.text(args.lang))
        return CHECK_DAMAGED if getattr(exc, "kind", "") == "damaged" else CHECK_CANNOT
    for line in report.lines(args.lang):
        common.out(line)
    if report.finding is not None:
        common.err(report.finding.en if args.lang == "en" else report.finding.zh)
        common.err(_CHAIN_ADVICE[args.lang == "en"])
        return CHECK_DAMAGED
    if report.bill_mismatches:
        for m in report.bill_mismatches:
            again = "" if m.recomputed is None else str(m.recomputed)
            common.err(common.words(f"账单 {m.bill_id}（户号 {m.account_number}）：{m.why.zh}；"
                                    f"账单 {m.stored} 元，重算 {again or '-'} 元",
                                    f"bill {m.bill_id} (account {m.account_number}): {m.why.en}; recomputed "
                                    f"{again or '-'}, billed {m.stored}"))
        common.err(_CHAIN_ADVICE[args.lang == "en"])
        return CHECK_DAMAGED
    if report.money_findings:
        for finding in report.money_findings:
            common.err(finding.text(args.lang))
        common.err(_CHAIN_ADVICE[args.lang == "en"])
        return CHECK_DAMAGED
    return CHECK_SOUND if report.current else CHECK_OLDER


def cmd_backup(args: argparse.Namespace) -> int:
    from gasdesk.backup import backup_as, default_backup_path

    with common.opened(args) as db:
        actor = common.login(db, args)
        done = backup_as(db, actor, Path(args.to) if args.to else default_backup_path(db))
    common.out(common.words(f"备份已写入并检查无误：{done.path}", f"backup written and checked: {done.path}"))
    if done.head is not None:
        side = done.path.name + ".head"
        common.out(f"chain head {done.head}, kept in {side} (verify later: db check --head)" if args.lang == "en"
                   else f"校验链头 {done.head}，已存入 {side}（日后核对：db check --head）")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from gasdesk.backup import restore
    from gasdesk.db import normalize_url
    from gasdesk.services.core import audit
    from gasdesk.services.core.permissions import require
    from gasdesk.services.core.runner import run
    from gasdesk.startup import prepare

    url = normalize_url(common.db_target(args))
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
                actor = common.login(db, args)
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
            common.out(common.words("没有做任何改动", "nothing changed"))
            return 1
    kept = restore(target, Path(args.file))
    db = prepare(target, create=False)
    try:
        with db.write() as s:
            audit.record(s, actor, "db.restore", "database", "", after={"from": str(args.file), "kept": str(kept)},
                         login=actor.login if actor else "(cli)")
    finally:
        db.dispose()
    common.out(common.words(f"已用 {args.file} 恢复 {target}" + (f"；被替换的文件保留为 {kept}" if kept else ""),
                            f"restored {target} from {args.file}"
                            + (f"; the replaced file is kept as {kept}" if kept else "")))
    return 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    dbp = common.command(sub, "db", w("数据库的升级和检查", "database upgrade and checks"))
    dbsub = dbp.add_subparsers(dest="db_command", required=True)
    up = common.command(dbsub, "upgrade", w("先把文件复制一份留底，再升级它", "copy the file aside and upgrade it"),
                        common_options)
    up.add_argument("--create", action="store_true",
                    help=w("文件不存在或为空时新建数据库", "make a new database when the file is missing or empty"))
    up.set_defaults(func=cmd_db_upgrade)
    common.command(dbsub, "create", w("在还没有数据库的地方新建一个（文件不存在或为空）",
                                      "a new database where there is none (missing or empty file)"),
                   common_options).set_defaults(func=cmd_db_create)
    chk = common.command(dbsub, "check", w("完整性和校验链检查，只读。退出码：0 完好且是最新版本，1 完好但版本较旧，"
                                           "2 已损坏，4 无法检查",
                                           "integrity and hash-chain check, read-only; exit 0 sound and current, "
                                           "1 sound but older, 2 damaged, 4 cannot be checked"), common_options)
    chk.add_argument("--head", help=w("以前打印的校验链头（条数:哈希），校验链必须仍然经过它",
                                      "a chain head printed earlier (COUNT:HASH) the chain must still pass through"))
    chk.set_defaults(func=cmd_db_check)

    b = common.command(sub, "backup", w("通过 SQLite 的备份接口热备份，然后检查备份",
                                        "hot backup through SQLite's backup API, then checked"), common_options)
    b.add_argument("--to", metavar="FILE", help=w("备份文件（默认：数据库旁边的 backups/ 文件夹）",
                                  "backup file (default: backups/ beside the database)"))
    b.set_defaults(func=cmd_backup)

    r = common.command(sub, "restore", w("用检查过的备份替换数据库（管理员）",
                                         "replace the database with a checked backup (admin)"), common_options)
    r.add_argument("file", help=w("备份文件", "the backup file"))
    r.add_argument("--yes", action="store_true",
                   help=w("不再询问，确认替换", "confirm the replacement without a prompt"))
    r.set_defaults(func=cmd_restore)
