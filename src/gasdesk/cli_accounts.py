"""`gasdesk account ...`: account commands for scripts (acting as --user, same role checks).

`account show NUMBER [--json]` is here; the counter search adds `account find` by appending a
register(subparsers, common) function to ACCOUNT_SUBCOMMANDS.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from gasdesk import cli

ACCOUNT_SUBCOMMANDS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = []


def _plain(value: Any) -> Any:
    """Dataclasses to JSON-friendly data: Decimal and dates as strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def detail_json(detail: Any) -> dict[str, Any]:
    data = _plain(detail)
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
        f"户号 {s.number or '(未编号)'}  {s.holder_name}  [{s.status_zh}]  {s.type_zh}",
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
        out.append(f"  {e.created_at:%Y-%m-%d %H:%M}  {e.kind_zh:<6} {e.amount:>12}{method}  {e.login}")
    return out


def cmd_account_show(args: argparse.Namespace) -> int:
    from gasdesk.services import accounts
    from gasdesk.services.runner import run
    from gasdesk.startup import prepare

    db = prepare(cli._db_target(args), create=False)
    try:
        actor = cli._login(db, args)
        detail = run(db, actor, lambda s: accounts.account_detail(s, actor, args.number, always_mask=True), write=False)
    finally:
        db.dispose()
    if args.json:
        cli.dump_json(detail_json(detail))
    else:
        for line in _text(detail):
            cli._out(line)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    acc = sub.add_parser("account", help="piped-gas accounts")
    asub = acc.add_subparsers(dest="account_command", required=True)
    show = asub.add_parser("show", parents=[common], help="print one account (holder masked per role)")
    show.add_argument("number", help="account number (check digit verified)")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(func=cmd_account_show)
    from gasdesk import cli_search  # `account find`, the counter search (services.search)

    if cli_search.register not in ACCOUNT_SUBCOMMANDS:
        ACCOUNT_SUBCOMMANDS.append(cli_search.register)
    for extra in ACCOUNT_SUBCOMMANDS:
        extra(asub, common)


if register not in cli.EXTRA_COMMANDS:
    cli.EXTRA_COMMANDS.append(register)
