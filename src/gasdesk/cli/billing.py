"""`gasdesk billing run --user LOGIN`: bill every accepted reading not billed yet.

Readings are billed as they are stored or confirmed; this run catches up what waited, such as
readings taken before their tariff was loaded, and final or transfer readings from the counter.
"""

from __future__ import annotations

import argparse

from gasdesk.cli import common


def cmd_run(args: argparse.Namespace) -> int:
    from gasdesk.services.billing import bills
    from gasdesk.services.core.runner import run

    with common.opened(args) as db:
        actor = common.login(db, args)
        done = run(db, actor, lambda s: bills.bill_meters(s, actor))
    if args.json:
        common.dump_json({"bills": len(done.bills), "reversed": len(done.reversed), "total": str(done.total),
                          "waiting": [{"reading_id": rid, "reason": why} for rid, why in done.waiting]})
        return 0
    common.out(common.words(f"出账 {len(done.bills)} 张，共 {done.total} 元；冲销 {len(done.reversed)} 张",
                            f"{len(done.bills)} bills posted, {done.total} yuan; {len(done.reversed)} reversed"))
    for rid, why in done.waiting:
        common.err(common.words(f"读数 {rid} 未出账：{why}", f"reading {rid} not billed: {why}"))
    return 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    b = common.command(sub, "billing", common.words("出账：按已接受的读数计费", "billing from accepted readings"))
    bsub = b.add_subparsers(dest="billing_command", required=True)
    r = common.command(bsub, "run", common.words("为所有尚未出账的已接受读数出账（抄表员、主管）",
                                                 "bill every accepted reading not billed yet (reader, supervisor)"),
                       common_options)
    common.json_flag(r)
    r.set_defaults(func=cmd_run)
