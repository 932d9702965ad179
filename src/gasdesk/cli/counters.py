"""`gasdesk counter list [--json]` and `gasdesk counter add CODE --name NAME [--kind depot]`:
the registered counters and depots a sign-in and every posting name."""

from __future__ import annotations

import argparse

from gasdesk.cli import common
from gasdesk.services.core import labels


def cmd_counter_list(args: argparse.Namespace) -> int:
    from gasdesk.services.office import counters

    with common.opened(args) as db, db.read() as s:
        rows = counters.list_counters(s)
    if args.json:
        common.dump_json([{"code": c.code, "name": c.name, "kind": c.kind, "active": c.active} for c in rows])
    else:
        for c in rows:
            state = "" if c.active else common.words("  (停用)", "  (disabled)")
            common.out(f"{c.code:<8} {c.name}  [{labels.text(labels.COUNTER_KIND, c.kind)}]{state}")
    return 0


def cmd_counter_add(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.office import counters

    with common.opened(args) as db:
        actor = common.login(db, args)
        info = run(db, actor, lambda s: counters.add_counter(s, actor, args.code, args.name, args.kind))
    if args.json:
        common.dump_json(common.plain(info))
    else:
        kind = labels.text(labels.COUNTER_KIND, info.kind)
        common.out(common.words(f"已登记{kind} {info.code}：{info.name}",
                                f"counter {info.code} registered: {info.name} ({kind})"))
    return 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    c = common.command(sub, "counter", w("已登记的柜台和调瓶点", "registered counters and depots"))
    csub = c.add_subparsers(dest="counter_command", required=True)
    lst = common.command(csub, "list", w("列出已登记的柜台和调瓶点", "list the registered counters and depots"),
                         common_options)
    common.json_flag(lst, "供程序读取的输出（JSON：code、name、kind、active）",
                     "machine-readable output (code, name, kind, active)")
    lst.set_defaults(func=cmd_counter_list)
    add = common.command(csub, "add", w("登记柜台或调瓶点（管理员）", "register a counter or depot (admin)"),
                         common_options)
    add.add_argument("code", help=w("编号，例如 C03 或 D02", "its code, e.g. C03 or D02"))
    add.add_argument("--name", required=True, help=w("平时的叫法，例如 三号柜台", "what people call it, e.g. 三号柜台"))
    add.add_argument("--kind", choices=["counter", "depot"], default="counter",
                     help=w("类型：", "kind: ") + common.codes(labels.COUNTER_KIND) + w("（默认 counter）",
                                                                                     " (default counter)"))
    common.json_flag(add)
    add.set_defaults(func=cmd_counter_add)
