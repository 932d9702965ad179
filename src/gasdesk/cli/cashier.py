"""The cashier from the command line (scripts, kiosks, audits), through the window's services and
role checks: `payment take|refund`, `receipt list|print|void`, `shift report|close|pending|remit`.

A void, a refund and a shift close need a supervisor's approval on the spot: ``--approver LOGIN``, the
password from GASDESK_APPROVER_PASSWORD or a prompt, checked as a sign-in is (in a transaction
of its own, so a wrong password counts toward the approver's lock).
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gasdesk.cli import common
from gasdesk.services.core import labels

if TYPE_CHECKING:  # the command line starts without the database layer (tests/packaging)
    from sqlalchemy.orm import Session

    from gasdesk.db import Database
    from gasdesk.services.core.actor import Actor
    from gasdesk.services.printing.jobs import Document

LAYOUTS = ("roll", "a5")


def _approver(db: Database, actor: Actor, login: str) -> Actor:
    from gasdesk.services.cashier import approval

    secret = common.password(f"{login}（主管）的密码 / approver's password: ", "GASDESK_APPROVER_PASSWORD")
    with db.write() as s:
        checked = approval.check(s, actor, login, secret)
    return approval.approver_or_raise(checked)


def _write_receipt(db: Database, actor: Actor, number: str, out: str, layout: str, *, reprint: bool) -> None:
    """The receipt's PDF to ``out``, recorded as a print job (saved, or failed with the reason)."""
    from gasdesk.services.cashier import receipts

    write_printed(db, actor, lambda s: receipts.render(s, actor, number, layout, reprint=reprint), out)


def write_printed(db: Database, actor: Actor, render: Callable[[Session], tuple[Document, bytes]], out: str) -> None:
    """A rendered document's PDF to ``out``, recorded as a print job (saved, or failed with the reason)."""
    from gasdesk.services.core.errors import GasdeskError
    from gasdesk.services.core.runner import run
    from gasdesk.services.printing import jobs

    document, data = run(db, actor, render, write=True)
    target = str(Path(out).resolve())
    try:
        common.write_file(out, data)
    except GasdeskError as exc:
        error = exc.text("en")
        run(db, actor, lambda s: jobs.record_document(s, actor, document, target=target, outcome="failed",
                                                      error=error), write=True)
        raise
    run(db, actor, lambda s: jobs.record_document(s, actor, document, target=target, outcome="saved"), write=True)


def _fee(text: str) -> tuple[str, str | None]:
    """--fee KIND or KIND=AMOUNT (the amount checked by the service's one parser)."""
    kind, sep, amount = text.partition("=")
    return kind.strip(), amount if sep else None


def cmd_payment_take(args: argparse.Namespace) -> int:
    from gasdesk.services.accounts.records import find_account_id
    from gasdesk.services.cashier import payments
    from gasdesk.services.core.runner import run

    if args.receipt:
        common.check_folder(args.receipt)
    key = args.key or f"cli-{uuid.uuid4().hex}"
    with common.opened(args) as db:
        actor = common.login(db, args)

        def take(s):  # type: ignore[no-untyped-def]
            return payments.take_payment(s, actor, find_account_id(s, args.number), amount=args.amount,
                                         method=args.method, tendered=args.tendered, reference=args.reference,
                                         idempotency_key=key, fees=args.fee or ())

        done = run(db, actor, take)
        if args.receipt:  # printed after the commit: a failed write leaves the payment taken
            _write_receipt(db, actor, done.receipt_number, args.receipt, args.layout, reprint=False)
    if args.json:
        common.dump_json(done.json())
        return 0
    again = common.words("（重复提交：返回第一次的收据）", " (a retry: the first receipt)") if done.replayed else ""
    common.out(common.words(f"已收款 {done.amount} 元，收据 {done.receipt_number}{again}；找零 {done.change} 元，"
                            f"预存 {done.prepayment} 元，余额 {done.balances.available} 元",
                            f"paid {done.amount}, receipt {done.receipt_number}{again}; change {done.change}, "
                            f"prepayment {done.prepayment}, balance {done.balances.available}"))
    return 0


def cmd_payment_refund(args: argparse.Namespace) -> int:
    from gasdesk.services.accounts.records import find_account_id
    from gasdesk.services.cashier import refunds
    from gasdesk.services.core.runner import run

    if args.receipt:
        common.check_folder(args.receipt)
    key = args.key or f"cli-refund-{uuid.uuid4().hex}"
    with common.opened(args) as db:
        actor = common.login(db, args)
        approver = _approver(db, actor, args.approver)
        done = run(db, actor, lambda s: refunds.refund_held(
            s, actor, find_account_id(s, args.number), args.amount, bucket=args.held, method=args.method,
            reason=args.reason, approver=approver, idempotency_key=key, reference=args.reference))
        if args.receipt:
            _write_receipt(db, actor, done.receipt_number, args.receipt, args.layout, reprint=False)
    if args.json:
        common.dump_json({"receipt_number": done.receipt_number, "posting_id": done.posting_id,
                          "amount": str(done.amount), "held": args.held, "replayed": done.replayed})
        return 0
    zh, en = refunds.HELD[args.held]
    common.out(common.words(f"已退{zh} {done.amount} 元，退款收据 {done.receipt_number}（主管 {approver.login} 批准）",
                            f"{en} refunded: {done.amount}, refund receipt {done.receipt_number} "
                            f"(approved by {approver.login})"))
    return 0


def cmd_receipt_list(args: argparse.Namespace) -> int:
    from gasdesk.services.cashier import receipts
    from gasdesk.services.core.runner import run

    on = date.fromisoformat(args.date) if args.date else None
    with common.opened(args) as db:
        actor = common.login(db, args)
        rows = run(db, actor, lambda s: receipts.list_receipts(s, actor, on=on, counter=args.counter),
                   write=False)
    if args.json:
        common.dump_json([r.json() for r in rows])
        return 0
    for r in rows:
        mark = common.words("【作废】", "[void]") if r.status == "void" else ""
        common.out(f"{r.number}  {r.business_date}  {r.amount:>10}  {r.method:<8} {r.account_number:<10} "
                   f"{r.login} {mark}")
    common.out(common.words(f"共 {len(rows)} 张", f"{len(rows)} receipts"))
    return 0


def cmd_receipt_print(args: argparse.Namespace) -> int:
    common.check_folder(args.out)
    with common.opened(args) as db:
        actor = common.login(db, args)
        _write_receipt(db, actor, args.number, args.out, args.layout, reprint=True)
    common.out(common.words(f"已补打收据 {args.number.upper()}（副本）：{args.out}",
                            f"receipt {args.number.upper()} reprinted (copy): {args.out}"))
    return 0


def cmd_receipt_void(args: argparse.Namespace) -> int:
    from gasdesk.services.cashier import refunds
    from gasdesk.services.core.runner import run

    key = args.key or f"cli-void-{uuid.uuid4().hex}"
    with common.opened(args) as db:
        actor = common.login(db, args)
        approver = _approver(db, actor, args.approver)
        done = run(db, actor, lambda s: refunds.void_receipt(s, actor, args.number, args.reason, approver=approver,
                                                              idempotency_key=key))
    if args.json:
        common.dump_json({"receipt_number": done.receipt_number, "status": "void",
                          "void_posting_id": done.void_posting_id, "replayed": done.replayed})
        return 0
    common.out(common.words(f"收据 {done.receipt_number} 已作废（主管 {approver.login} 批准）",
                            f"receipt {done.receipt_number} voided (approved by {approver.login})"))
    return 0


def cmd_shift_report(args: argparse.Namespace) -> int:
    from gasdesk.services.cashier import shift_report
    from gasdesk.services.core.runner import run

    if args.out:
        common.check_folder(args.out)
    on = date.fromisoformat(args.date) if args.date else None
    with common.opened(args) as db:
        actor = common.login(db, args)
        reports = run(db, actor, lambda s: shift_report.reports(s, actor, on=on, counter=args.counter,
                                                                shift_id=args.shift), write=False)
        if args.out:
            from gasdesk.services.cashier import shift_print

            data = run(db, actor, lambda s: shift_print.sheet_for(s, actor, reports, args.layout), write=False)
            common.write_file(args.out, data)
    if args.json:
        common.dump_json([r.json() for r in reports])
        return 0
    for r in reports:
        state = common.words("已结班", "closed") if r.status == "closed" else common.words("未结班", "open")
        common.out(common.words(
            f"班次 {r.shift_id}  {r.business_date}  柜台 {r.counter}  {r.login}  [{state}]  合计 {r.total} 元，"
            f"现金应有 {r.cash_expected} 元；收据 {r.first_number or '-'} ～ {r.last_number or '-'}，"
            f"作废 {len(r.voids)}，退款 {len(r.refunds)}",
            f"shift {r.shift_id}  {r.business_date}  counter {r.counter}  {r.login}  [{state}]  total {r.total}, "
            f"cash expected {r.cash_expected}; receipts {r.first_number or '-'} to {r.last_number or '-'}, "
            f"{len(r.voids)} void, {len(r.refunds)} refunds"))
    if args.out:
        common.out(common.words(f"已写入 {args.out}", f"wrote {args.out}"))
    return 0


def cmd_shift_close(args: argparse.Namespace) -> int:
    from gasdesk.services.cashier import shift_close
    from gasdesk.services.core.runner import run

    with common.opened(args) as db:
        actor = common.login(db, args)
        approver = _approver(db, actor, args.approver)
        done = run(db, actor, lambda s: shift_close.close_shift(s, actor, counted=args.counted, approver=approver,
                                                                 explanation=args.explain or "",
                                                                 shift_id=args.shift))
    r = done.report
    if args.json:
        common.dump_json(r.json())
        return 0
    c = r.closing
    assert c is not None
    common.out(common.words(
        f"班次 {r.shift_id} 已日结：实点现金 {c.counted} 元，应有 {c.expected} 元，差额 {c.difference} 元；"
        f"主管 {c.approved_by} 确认；账链 {c.chain_head}",
        f"shift {r.shift_id} closed: counted {c.counted}, expected {c.expected}, difference {c.difference}; "
        f"confirmed by {c.approved_by}; chain {c.chain_head}"))
    return 0


def cmd_shift_pending(args: argparse.Namespace) -> int:
    from gasdesk.services.cashier import remittances
    from gasdesk.services.core.runner import run

    with common.opened(args) as db:
        actor = common.login(db, args)
        rows = run(db, actor, lambda s: remittances.pending(s, actor), write=False)
    if args.json:
        common.dump_json([{"shift_id": r.shift_id, "business_date": r.business_date.isoformat(),
                           "counter": r.counter, "login": r.login, "counted": str(r.counted),
                           "difference": str(r.difference)} for r in rows])
        return 0
    for r in rows:
        common.out(f"{r.shift_id:>6}  {r.business_date}  {r.counter:<6} {r.login:<12} {r.counted:>12}")
    common.out(common.words(f"待解缴 {len(rows)} 个班次", f"{len(rows)} shifts to remit"))
    return 0


def cmd_shift_remit(args: argparse.Namespace) -> int:
    from gasdesk.services.cashier import remittances
    from gasdesk.services.core.runner import run

    with common.opened(args) as db:
        actor = common.login(db, args)
        row = run(db, actor, lambda s: remittances.remit(s, actor, args.shift_id, received_by=args.received_by,
                                                          note=args.note or ""))
        amount, who = row.amount, row.received_by
    common.out(common.words(f"班次 {args.shift_id} 已解缴 {amount} 元，接收人 {who}",
                            f"shift {args.shift_id}: {amount} remitted to {who}"))
    return 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    methods = common.codes(labels.PAYMENT_METHOD)
    pay = common.command(sub, "payment", w("收费", "payments"))
    psub = pay.add_subparsers(dest="payment_command", required=True)
    take = common.command(psub, "take", w("为一户收费并出收据（业务员、主管）", "take a payment and issue its receipt"),
                          common_options)
    take.add_argument("number", help=w("户号", "account number"))
    take.add_argument("--amount", required=True, help=w("收款金额（元）", "amount received (yuan)"))
    take.add_argument("--method", required=True, help=w(f"付款方式：{methods}", f"method: {methods}"))
    take.add_argument("--tendered", help=w("现金实收（元），用于找零", "cash handed over, for the change"))
    take.add_argument("--reference", help=w("非现金的交易参考号", "the reference of a non-cash payment"))
    take.add_argument("--fee", action="append", type=_fee, metavar="KIND[=AMOUNT]",
                      help=w("同时收取的费用：meter_fee（燃气表费）、service_fee（上门服务费）、reconnection_fee"
                             "（复通费），不写金额按收费标准；可重复", "a fee charged with it (meter_fee, service_fee, "
                             "reconnection_fee), the fee list's amount unless given; repeatable"))
    take.add_argument("--key", help=w("提交编号：重复提交同一编号只收一次", "submission key: a retry pays once"))
    take.add_argument("--receipt", metavar="FILE.pdf", help=w("收据 PDF 写到这里", "write the receipt PDF here"))
    take.add_argument("--layout", choices=LAYOUTS, default="roll", help=w("收据版式", "receipt layout"))
    common.json_flag(take)
    take.set_defaults(func=cmd_payment_take)

    rf = common.command(psub, "refund", w("退预存或押金，出退款收据（须主管批准）",
                                          "refund prepayment or a deposit, with a refund receipt (approved)"),
                        common_options)
    rf.add_argument("number", help=w("户号", "account number"))
    rf.add_argument("--amount", required=True, help=w("退款金额（元）", "amount refunded (yuan)"))
    rf.add_argument("--held", choices=("prepayment", "deposit"), default="prepayment",
                    help=w("退什么：prepayment（预存）或 deposit（押金）", "what is refunded"))
    rf.add_argument("--method", required=True, help=w(f"退款方式：{methods}", f"method: {methods}"))
    rf.add_argument("--reference", help=w("非现金的交易参考号", "the reference of a non-cash refund"))
    rf.add_argument("--reason", required=True, help=w("退款原因", "why"))
    rf.add_argument("--approver", required=True, help=w("批准的主管登录名", "the approving supervisor's login"))
    rf.add_argument("--key", help=w("提交编号：重复提交同一编号只退一次", "submission key: a retry refunds once"))
    rf.add_argument("--receipt", metavar="FILE.pdf", help=w("退款收据 PDF 写到这里", "write the receipt PDF here"))
    rf.add_argument("--layout", choices=LAYOUTS, default="roll", help=w("收据版式", "receipt layout"))
    common.json_flag(rf)
    rf.set_defaults(func=cmd_payment_refund)

    rec = common.command(sub, "receipt", w("收据", "receipts"))
    rsub = rec.add_subparsers(dest="receipt_command", required=True)
    ls = common.command(rsub, "list", w("列出收据", "list receipts"), common_options)
    ls.add_argument("--date", type=common.day("--date"), help=w("营业日", "business date"))
    common.json_flag(ls)
    ls.set_defaults(func=cmd_receipt_list)
    pr = common.command(rsub, "print", w("补打收据（副本）", "reprint a receipt (copy)"), common_options)
    pr.add_argument("number", help=w("收据号，如 C01-A-0000123", "receipt number, e.g. C01-A-0000123"))
    pr.add_argument("-o", "--out", required=True, help=w("PDF 文件", "PDF file"))
    pr.add_argument("--layout", choices=LAYOUTS, default="roll", help=w("收据版式", "receipt layout"))
    pr.set_defaults(func=cmd_receipt_print)
    vo = common.command(rsub, "void", w("作废收据（须主管批准）", "void a receipt (a supervisor approves)"),
                        common_options)
    vo.add_argument("number", help=w("收据号", "receipt number"))
    vo.add_argument("--reason", required=True, help=w("作废原因", "why"))
    vo.add_argument("--approver", required=True, help=w("批准的主管登录名", "the approving supervisor's login"))
    vo.add_argument("--key", help=w("提交编号", "submission key"))
    common.json_flag(vo)
    vo.set_defaults(func=cmd_receipt_void)

    sh = common.command(sub, "shift", w("班次与日结", "shifts and day end"))
    ssub = sh.add_subparsers(dest="shift_command", required=True)
    rep = common.command(ssub, "report", w("班次报表", "shift report"), common_options)
    rep.add_argument("--date", type=common.day("--date"), help=w("营业日", "business date"))
    rep.add_argument("--shift", type=common.record_id("--shift"), help=w("班次号", "shift id"))
    rep.add_argument("-o", "--out", help=w("日结单 PDF", "closing sheet PDF"))
    rep.add_argument("--layout", choices=("a4", "roll"), default="a4", help=w("日结单版式", "sheet layout"))
    common.json_flag(rep)
    rep.set_defaults(func=cmd_shift_report)
    cl = common.command(ssub, "close", w("日结：点钞结班（须主管确认）", "close the shift (a supervisor confirms)"),
                        common_options)
    cl.add_argument("--counted", required=True, help=w("点钞：面额x张数，如 100x3,50x1,0.5x2",
                                                       "cash counted: 100x3,50x1,0.5x2"))
    cl.add_argument("--explain", help=w("差额说明", "why the count differs"))
    cl.add_argument("--approver", required=True, help=w("确认的主管登录名", "the confirming supervisor's login"))
    cl.add_argument("--shift", type=common.record_id("--shift"), help=w("班次号（主管代结）", "shift id"))
    common.json_flag(cl)
    cl.set_defaults(func=cmd_shift_close)
    pe = common.command(ssub, "pending", w("待解缴的已日结班次", "closed shifts waiting to be remitted"),
                        common_options)
    common.json_flag(pe)
    pe.set_defaults(func=cmd_shift_pending)
    rm = common.command(ssub, "remit", w("解缴：已日结班次的现金交财务", "remit a closed shift's cash"),
                        common_options)
    rm.add_argument("shift_id", type=common.record_id("SHIFT_ID"), help=w("班次号", "shift id"))
    rm.add_argument("--received-by", required=True, help=w("财务接收人", "finance's receiver"))
    rm.add_argument("--note", help=w("备注", "note"))
    rm.set_defaults(func=cmd_shift_remit)
