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
    # Every reading of every meter, newest first (initial and final ones are readings of their kinds).
    data["readings"] = [r.json(with_account=False) for r in detail.readings]
    data["bills"] = [b.json() for b in detail.bills]  # newest first, each with its lines
    return data


def _text(detail: Any) -> list[str]:
    """The account as lines, in the command's language; names, money and notes by the one renderer."""
    from gasdesk.services.core.audit_words import entry_text, m3, yuan

    w = common.words
    s, b = detail.summary, detail.balances
    lines = [
        f"{w('户号', 'Account')} {s.number or w('(未编号)', '(no number)')}  {s.holder_name}  "
        f"[{labels.text(labels.ACCOUNT_STATUS, s.status)}]  {labels.text(labels.ACCOUNT_TYPE, s.type)}",
        f"{w('证件', 'ID')} {s.id_number}  {w('电话', 'Phone')} {s.phone}{'  ' + s.phone2 if s.phone2 else ''}  "
        f"{w('人口', 'Household')} {s.household_size}",
        f"{w('地址', 'Address')} {s.area_name} {s.address}",
        f"{w('余额', 'Balance')} {yuan(b.available)}  {w('欠费', 'Arrears')} {yuan(b.arrears)}  "
        f"{w('预付款', 'Prepayment')} {yuan(b.prepayment_credit)}  {w('押金', 'Deposits')} {yuan(b.deposits)}",
        w("燃气表:", "Meters:"),
    ]
    for m in detail.meters:
        state = w("在用", "in use") if m.active else \
            f"{w('已拆', 'removed')} {m.removed_on} {w('末读数', 'final')} {m3(m.final_reading)}"
        lines.append(f"  {m.serial}  {m.digits}{w('位', ' digits')}  {w('安装', 'fitted')} {m.installed_on} "
                     f"{w('初读数', 'initial')} {m3(m.initial_reading)}  {state}")
    lines.append(w("账目:", "Ledger:"))
    for e in reversed(detail.ledger):
        lines.append(f"  {e.created_at:%Y-%m-%d %H:%M}  {entry_text(e.kind, e.amount, e.method)}  {e.login}")
    return lines


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
    from gasdesk.services.core.runner import run

    with common.opened(args) as db:
        actor = common.login(db, args)
        found = run(db, actor, lambda s: search.find(s, actor, args.query, args.limit), write=False)
    hits = found.hits  # phones masked by the service, for every role
    if search.search_hint(args.query):
        numbers.validate_number(args.query)  # raises the check-digit refusal, in both languages
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
    if found.count.more or found.count.total > len(hits):
        common.err(_cut_note(len(hits), found.count, args.lang))
    return 0


def _cut_note(listed: int, count: Any, lang: str) -> str:
    """On stderr when --limit cut the list (stdout stays the hits alone, for scripts)."""
    from gasdesk.services.accounts.search import MAX_LIMIT

    more = listed < MAX_LIMIT  # past --limit's maximum a narrower query is the way
    if lang == "zh":
        total = f"超过 {count.total:,} 户" if count.more else f"共 {count.total:,} 户"
        advice = f"用 --limit 列出更多（最多 {MAX_LIMIT}）" if more else "请输入更具体的查询"
        return f"只列出前 {listed} 户，{total}；{advice}。"
    total = f"more than {count.total:,}" if count.more else f"{count.total:,}"
    advice = f"--limit lists more ({MAX_LIMIT} at most)" if more else "type a narrower query"
    return f"Listed the first {listed} of {total} accounts; {advice}."


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    acc = common.command(sub, "account", w("管道燃气用户", "piped-gas accounts"))
    asub = acc.add_subparsers(dest="account_command", required=True)
    show = common.command(asub, "show", w("显示一户的资料、燃气表和账目（证件号和电话打码）",
                                          "print one account, its meters and ledger (ID numbers and phones "
                                          "masked)"), common_options)
    show.add_argument("number", help=w("户号（会核对校验位）", "account number (check digit verified)"))
    common.json_flag(show)
    show.set_defaults(func=cmd_account_show)
    find = common.command(asub, "find", w("柜台查询：户号、姓名、拼音、电话、表号、地址",
                                          "counter search: number, name, pinyin, phone, meter, address"),
                          common_options)
    find.add_argument("query", help=w("在查询框里输入的内容", "what the clerk would type in the search box"))
    common.json_flag(find)
    find.add_argument("--limit", type=common.integer("--limit", 1, 200), default=20,
                      help=w("最多列出几户（默认 20，最多 200）", "most hits to print (default 20, at most 200)"))
    find.set_defaults(func=cmd_account_find)
