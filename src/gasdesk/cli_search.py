"""`gasdesk account find QUERY [--json] [--limit N]`: the counter search for scripts.

Registered through gasdesk.cli_accounts.ACCOUNT_SUBCOMMANDS. Phones are printed masked,
whatever the role, like `account show`: terminal output and script files travel further
than the counter screen.
"""

from __future__ import annotations

import argparse
import dataclasses

from gasdesk import cli


def cmd_account_find(args: argparse.Namespace) -> int:
    from gasdesk.services import account_numbers, search
    from gasdesk.services.identity import mask_phone
    from gasdesk.services.runner import run
    from gasdesk.startup import prepare

    db = prepare(cli._db_target(args), create=False)
    try:
        actor = cli._login(db, args)
        hits = run(db, actor, lambda s: search.search(s, actor, args.query, args.limit), write=False)
    finally:
        db.dispose()
    if search.search_hint(args.query):
        account_numbers.validate_number(args.query)  # raises the check-digit refusal, in both languages
    hits = [dataclasses.replace(h, phone=mask_phone(h.phone)) for h in hits]
    if args.json:
        cli.dump_json([dataclasses.asdict(h) for h in hits])
    else:
        for h in hits:
            cli._out(f"{h.number or '(未编号)':<10} {h.holder_name}  {h.address}  {h.phone}  [{h.status_zh}]"
                     f"  ({h.matched_on})")
    if not hits:
        cli._err(f"没有找到匹配“{args.query}”的用户。" if args.lang == "zh" else f"No account matches {args.query!r}.")
        return 1
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    find = sub.add_parser("find", parents=[common], help="counter search: number, name, pinyin, phone, meter, address")
    find.add_argument("query", help="what the clerk would type in the search box")
    find.add_argument("--json", action="store_true", help="machine-readable output")
    find.add_argument("--limit", type=int, default=20, help="most hits to print (default 20, at most 200)")
    find.set_defaults(func=cmd_account_find)
