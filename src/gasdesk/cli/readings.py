"""`gasdesk readings import|held|confirm|correct|list`: meter readings for scripts and handhelds.

``import FILE`` reads a CSV (UTF-8 with or without BOM, GB18030/GBK) or XLSX file, checks every
row by the three checks and stores its accepted and held rows in one transaction, or none.
It prints ``accepted N, held N, already imported N, rejected N`` (in Chinese first, under the
default language), writes the rejected rows to ``<stem>.rejected.csv`` beside the file and
exits 0 when nothing was rejected, 1 otherwise. ``--dry-run`` checks and reports, storing nothing.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from gasdesk.cli import common
from gasdesk.services.core import labels

STATUSES = ("accepted", "held", "superseded", "billed")


def counts_line(counts: dict[str, int], lang: str) -> list[str]:
    english = (f"accepted {counts['accepted']}, held {counts['held']}, already imported "
               f"{counts['already_imported']}, rejected {counts['rejected']}")
    if lang == "en":
        return [english]
    return [f"接受 {counts['accepted']}，待审 {counts['held']}，已导入过 {counts['already_imported']}，"
            f"拒收 {counts['rejected']}", english]


def cmd_import(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.readings import imports

    source = imports.read(args.file)  # refused in words before anyone signs in
    with common.opened(args) as db:
        actor = common.login(db, args)
        result = run(db, actor, lambda s: imports.import_file(s, actor, source, dry_run=args.dry_run),
                     write=not args.dry_run)
    rejects = imports.write_rejects(result)
    counts = result.counts()
    if args.json:
        common.dump_json({**counts, "dry_run": args.dry_run, "rejects_file": str(rejects) if rejects else None})
    else:
        for line in counts_line(counts, args.lang):
            common.out(line)
        if args.dry_run:
            common.out(common.words("（试运行：没有保存任何读数）", "(dry run: nothing was stored)"))
        if rejects:
            common.err(common.words(f"拒收的行已写入 {rejects}（reason_code、reason 两列说明原因）。",
                                    f"Rejected rows written to {rejects} (see its reason_code and reason columns)."))
    return 1 if counts["rejected"] else 0


def _held_json(h: Any) -> dict[str, object]:
    return {
        "id": h.id, "account_number": h.account_number, "meter_serial": h.meter_serial, "date": h.read_on.isoformat(),
        "value": None if h.value is None else f"{h.value:.3f}", "kind": h.kind, "status": "held",
        "reasons": list(h.reasons), "reason": h.words,
        "previous_value": None if h.previous_value is None else f"{h.previous_value:.3f}",
        "previous_date": h.previous_on.isoformat() if h.previous_on else None,
        "use_m3": None if h.use_m3 is None else f"{h.use_m3:.3f}",
    }


def cmd_held(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.readings import views

    with common.opened(args) as db:
        actor = common.login(db, args)
        rows = run(db, actor, lambda s: views.held(s, actor, limit=views.MAX_ROWS), write=False)
    if args.json:
        common.dump_json([_held_json(h) for h in rows])
        return 0
    for h in rows:
        value = "" if h.value is None else h.value
        common.out(f"{h.id:>8}  {h.account_number}  {h.meter_serial}  {h.read_on}  {value}  "
                   f"[{labels.joined(labels.READING_REASON, h.reasons)}]  {h.words}")
    if not rows:
        common.out(common.words("没有待审的读数。", "No reading is held."))
    return 0


def _decided(args: argparse.Namespace, decided: Any) -> int:
    if args.json:
        common.dump_json(common.plain(decided))
        return 0
    status = labels.text(labels.READING_STATUS, decided.status)
    line = common.words(f"读数 {decided.reading_id}：{status}", f"reading {decided.reading_id}: {status}")
    if decided.reasons:
        line += f"（{labels.joined(labels.READING_REASON, decided.reasons)}）"
    common.out(line)
    if decided.released:
        ids = "、".join(map(str, decided.released))
        common.out(common.words(f"随之放行的后续读数：{ids}", f"later readings released: {ids}"))
    return 0


def cmd_confirm(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.readings import decisions

    with common.opened(args) as db:
        actor = common.login(db, args)
        decided = run(db, actor, lambda s: decisions.confirm(s, actor, args.id, args.note))
    return _decided(args, decided)


def cmd_correct(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.readings import decisions

    with common.opened(args) as db:
        actor = common.login(db, args)
        decided = run(db, actor, lambda s: decisions.correct(s, actor, args.id, args.value, args.note))
    return _decided(args, decided)


def cmd_list(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.readings import routes, views

    with common.opened(args) as db:
        actor = common.login(db, args)

        def listed(s: Any) -> list[Any]:
            route_id = routes.route_by_code(s, actor, args.route).id if args.route else None
            return views.reading_list(s, actor, route_id=route_id, status=args.status, limit=args.limit,
                                      day=date.fromisoformat(args.date) if args.date else None)

        rows = run(db, actor, listed, write=False)
    if args.json:
        common.dump_json([r.json() for r in rows])
        return 0
    for r in rows:
        value = "" if r.value is None else f"{r.value:.3f}"
        common.out(f"{r.id:>8}  {r.account_number}  {r.meter_serial}  {r.date}  {value:>12}  "
                   f"{labels.text(labels.READING_KIND, r.kind)}  {labels.text(labels.READING_STATUS, r.status)}"
                   + (f"  [{labels.joined(labels.READING_REASON, r.reasons)}]" if r.reasons else ""))
    return 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    r = common.command(sub, "readings", w("抄表读数：导入、待审、确认、更正、列表",
                                          "meter readings: import, held, confirm, correct, list"))
    rsub = r.add_subparsers(dest="readings_command", required=True)
    imp = common.command(rsub, "import", w("导入 CSV 或 XLSX 读数文件（合格的行在一个事务里一起保存）。"
                                           "退出码 0：没有拒收的行；1：有拒收的行，写入文件旁的 .rejected.csv",
                                           "import a CSV or XLSX file of readings (all good rows in one "
                                           "transaction); exit 0 when no row was rejected, 1 when some were "
                                           "(written to .rejected.csv beside the file)"), common_options)
    imp.add_argument("file", help=w("CSV（UTF-8、GB18030/GBK）或 XLSX；", "CSV (UTF-8, GB18030/GBK) or XLSX; ")
                     + w("表头", "headers") + " 户号 表号 本次读数 抄表日期 [备注 类型]")
    imp.add_argument("--dry-run", action="store_true",
                     help=w("只检查和报告，什么也不保存", "check and report, store nothing"))
    common.json_flag(imp, "以 JSON 输出计数：accepted、held、already_imported、rejected",
                     "the counts as JSON: accepted, held, already_imported, rejected")
    imp.set_defaults(func=cmd_import)
    held = common.command(rsub, "held", w("等人来决定的待审读数", "readings held for a person to decide"),
                          common_options)
    common.json_flag(held)
    held.set_defaults(func=cmd_held)
    conf = common.command(rsub, "confirm", w("确认一条待审读数（主管）", "confirm a held reading (supervisor)"),
                          common_options)
    conf.add_argument("id", type=common.record_id("id"),
                      help=w("读数的编号（见 readings held）", "the reading's id (from `readings held`)"))
    conf.add_argument("--note", default="",
                      help=w("为什么它是对的（记入审计日志）", "why it is right (kept in the audit log)"))
    common.json_flag(conf)
    conf.set_defaults(func=cmd_confirm)
    corr = common.command(rsub, "correct", w("更正读数：新读数取代它，并重新检查",
                                             "correct a reading: a new reading supersedes it, checked again"),
                          common_options)
    corr.add_argument("id", type=common.record_id("id"), help=w("读数的编号", "the reading's id"))
    corr.add_argument("value", help=w("正确的读数，m³", "the right reading, m³"))
    corr.add_argument("--note", default="", help=w("哪里错了", "what was wrong"))
    common.json_flag(corr)
    corr.set_defaults(func=cmd_correct)
    lst = common.command(rsub, "list", w("按抄表路线、日期和状态列出读数", "readings by route, date and status"),
                         common_options)
    lst.add_argument("--route", help=w("抄表路线编号，例如 R01", "route code, e.g. R01"))
    lst.add_argument("--date", type=common.day("--date"), help=w("抄表日期，如 2027-03-31", "reading day, 2027-03-31"))
    lst.add_argument("--status", choices=STATUSES,
                     help=w("状态：", "status: ") + common.codes({k: labels.READING_STATUS[k] for k in STATUSES}))
    lst.add_argument("--limit", type=common.integer("--limit", 1, 5000), default=500,
                     help=w("最多几行（默认 500，最多 5000）", "most rows (default 500, at most 5000)"))
    common.json_flag(lst, '每行 {"id", "account_number", "meter_serial", "date", "value", "kind", "status", "reasons"}',
                     'rows {"id", "account_number", "meter_serial", "date", "value", "kind", "status", "reasons"}')
    lst.set_defaults(func=cmd_list)
