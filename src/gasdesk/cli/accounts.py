"""`gasdesk account show|find`: one account, and the counter search, for scripts.

Both act as --user with the same role checks as the window. Phones and ID numbers are printed
masked whatever the role: terminal output and script files travel further than the counter screen.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from gasdesk.cli import common
from gasdesk.services.core import labels


def detail_json(detail: Any) -> dict[str, Any]:
    data = common.plain(detail)
    b = detail.balances
    data["balances"] = {
        "available": str(b.available), "balance": str(b.balance), "arrears": str(b.arrears), "credit": str(b.credit),
        "prepayment_credit": str(b.prepayment_credit), "deposits": str(b.deposits),
    }
    data["readings"] = [
        {"serial": m.serial, "kind": kind, "value": str(value), "on": str(on)}
        for m in detail.meters
        for kind, value, on in (("initial", m.initial_reading, m.installed_on),
                                ("final", m.final_reading, m.removed_on))
        if value is not None
    ]
    return data


def _text(detail: Any) -> list[str]:
    s, b = detail.summary, detail.balances
    out = [
        f"户号 {s.number or '(未编号)'}  {s.holder_name}  [{labels.text(labels.ACCOUNT_STATUS, s.status)}]  "
        f"{labels.text(labels.ACCOUNT_TYPE, s.type)}",
        f"证件 {s.id_number}  电话 {s.phone}{'  ' + s.phone2 if s.phone2 else ''}  人口 {s.household_size}",
        f"地址 {s.area_name} {s.address}",
        f"余额 {b.available}  欠费 {b.arrears}  预付款 {b.prepayment_credit}  押金 {b.deposits}",
        "燃气表:",
    ]
    for m in detail.meters:
        state = "在用" if m.active else f"已拆 {m.removed_on} 末读数 {m.final_reading}"
        out.append(f"  {m.serial}  {m.digits}位  安装 {m.installed_on} 初读数 {m.initial_reading}  {state}")
    out.append("账目:")
    for e in reversed(detail.ledger):
        method = f" ({e.method})" if e.method else ""
        kind = labels.text(labels.LEDGER_KIND, e.kind)
        out.append(f"  {e.created_at:%Y-%m-%d %H:%M}  {kind:<6} {e.amount:>12}{method}  {e.login}")
    return out


def cmd_account_show(args: argparse.Namespace) -> int:
    from gasdesk.services.accounts import page
    from gasdesk.services.core.runner import run

    with common.opened(args) as db:
        actor = common.login(db, args)
        detail = run(db, actor, lambda s: page.account_detail(s, actor, args.number, always_mask=True), write=False)
    if args.json:
        common.dump_json(detail_json(detail))
    else:
        for line in _text(detail):
            common.out(line)
    return 0


def cmd_account_find(args: argparse.Namespace) -> int:
    from gasdesk.services.accounts import numbers, search
    from gasdesk.services.accounts.identity import mask_phone
    from gasdesk.services.core.runner import run

    with common.opened(args) as db:
        actor = common.login(db, args)
        hits = run(db, actor, lambda s: search.search(s, actor, args.query, args.limit), write=False)
    if search.search_hint(args.query):
        numbers.validate_number(args.query)  # raises the check-digit refusal, in both languages
    hits = [dataclasses.replace(h, phone=mask_phone(h.phone)) for h in hits]
    if args.json:
        common.dump_json([dataclasses.asdict(h) for h in hits])
    else:
        for h in hits:
            status = labels.text(labels.ACCOUNT_STATUS, h.status)
            common.out(f"{h.number or '(未编号)':<10} {h.holder_name}  {h.address}  {h.phone}  [{status}]"
                     f"  ({h.matched_on})")
    if not hits:
        common.err(f"没有找到匹配“{common.quoted(args.query, 40)}”的用户。" if args.lang == "zh"
                   else f"No account matches '{common.quoted(args.query, 40)}'.")
        return 1
    return 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    acc = sub.add_parser("account", help="piped-gas accounts")
    asub = acc.add_subparsers(dest="account_command", required=True)
    show = asub.add_parser("show", parents=[common_options], help="print one account (holder masked per role)")
    show.add_argument("number", help="account number (check digit verified)")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(func=cmd_account_show)
    find = asub.add_parser("find", parents=[common_options],
                           help="counter search: number, name, pinyin, phone, meter, address")
    find.add_argument("query", help="what the clerk would type in the search box")
    find.add_argument("--json", action="store_true", help="machine-readable output")
    find.add_argument("--limit", type=common.integer("--limit", 1, 200), default=20,
                      help="most hits to print (default 20, at most 200)")
    find.set_defaults(func=cmd_account_find)
