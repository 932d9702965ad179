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
    c = sub.add_parser("counter", help="registered counters and depots")
    csub = c.add_subparsers(dest="counter_command", required=True)
    lst = csub.add_parser("list", parents=[common_options], help="list the registered counters and depots")
    lst.add_argument("--json", action="store_true", help="machine-readable output (code, name, kind, active)")
    lst.set_defaults(func=cmd_counter_list)
    add = csub.add_parser("add", parents=[common_options], help="register a counter or depot (admin)")
    add.add_argument("code", help="e.g. C03 or D02")
    add.add_argument("--name", required=True, help="what people call it, e.g. 三号柜台")
    add.add_argument("--kind", choices=["counter", "depot"], default="counter")
    add.add_argument("--json", action="store_true", help="machine-readable output")
    add.set_defaults(func=cmd_counter_add)
