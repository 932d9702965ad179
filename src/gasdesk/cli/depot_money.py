"""The depot's money documents from the command line: `depot coupons receive|sell|check` (LPG
coupon books), `depot lend` (company cylinders against a deposit, with its numbered slip),
`depot deposit-refund` (the cylinders back, the deposit paid back against the slip, or with a
supervisor's approval when it is lost), `depot slip` (print a deposit slip) and the day end's
`depot coupons day|hand-in` (the redeemed coupons counted and handed to finance)."""

from __future__ import annotations

import argparse
import uuid
from datetime import date

from gasdesk.cli import common
from gasdesk.cli.cashier import LAYOUTS, _approver, write_printed


def cmd_coupons_receive(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import coupons

    with common.opened(args) as db:
        actor = common.login(db, args)
        done = run(db, actor, lambda s: coupons.receive(s, actor, args.serials, size=args.size,
                                                         face_value=args.face_value, per_book=args.per_book))
    if args.json:
        common.dump_json({"books": [{"first": a, "last": b} for a, b in done.books], "count": done.count})
        return 0
    common.out(common.words(f"气票入库 {len(done.books)} 本共 {done.count} 张", f"{len(done.books)} books, "
                            f"{done.count} coupons received"))
    return 0


def cmd_coupons_sell(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import coupons

    key = args.key or f"cli-coupons-{uuid.uuid4().hex}"
    with common.opened(args) as db:
        actor = common.login(db, args)
        done = run(db, actor, lambda s: coupons.sell_book(s, actor, args.customer, args.serial, method=args.method,
                                                           key=key, reference=args.reference,
                                                           tendered=args.tendered))
    if args.json:
        common.dump_json(done.json())
        return 0
    common.out(common.words(f"已售气票 {done.first_serial}–{done.last_serial}（{done.count} 张），收款 "
                            f"{done.amount} 元，收据 {done.receipt_number}",
                            f"coupons {done.first_serial}–{done.last_serial} sold ({done.count}), {done.amount} "
                            f"paid, receipt {done.receipt_number}"))
    return 0


def cmd_coupons_check(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import coupons

    with common.opened(args) as db:
        actor = common.login(db, args)
        view = run(db, actor, lambda s: coupons.check(s, actor, args.serial), write=False)
    if args.json:
        common.dump_json(view.json())
        return 0
    common.out(f"{view.serial}  {view.size}  {view.status}  {view.face_value or ''}  {view.redeemed_on or ''}")
    return 0


def cmd_coupons_day(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import day_end

    on = date.fromisoformat(args.date) if getattr(args, "date", None) else None
    with common.opened(args) as db:
        actor = common.login(db, args)
        if args.coupons_command == "hand-in":
            day = run(db, actor, lambda s: day_end.hand_in_coupons(s, actor, args.counted, received_by=args.received_by,
                                                                   explanation=args.explain or ""))
        else:
            day = run(db, actor, lambda s: day_end.coupon_day(s, actor, on), write=False)
    if args.json:
        common.dump_json(day.json())
        return 0
    for r in day.rows:
        counted = "" if r.counted is None else common.words(f"清点 {r.counted} 张", f"counted {r.counted}")
        common.out(common.words(f"{r.size:<8} 收回 {r.expected} 张（面值 {r.face_total} 元） {counted}",
                                f"{r.size:<8} redeemed {r.expected} ({r.face_total} face value) {counted}"))
    if day.handed_in:
        common.out(common.words(f"{day.day} 的气票已交 {day.received_by}", f"{day.day}: handed to {day.received_by}"))
    else:
        common.out(common.words(f"{day.day} 的气票尚未解缴", f"{day.day}: not handed in"))
    return 0


def _slip_out(args: argparse.Namespace, db, actor, number: str) -> None:  # type: ignore[no-untyped-def]
    from gasdesk.services.depot import deposits

    write_printed(db, actor, lambda s: deposits.render_slip(s, actor, number, args.layout), args.slip_pdf)


def cmd_lend(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import deposits

    if args.slip_pdf:
        common.check_folder(args.slip_pdf)
    key = args.key or f"cli-lend-{uuid.uuid4().hex}"
    with common.opened(args) as db:
        actor = common.login(db, args)
        done = run(db, actor, lambda s: deposits.lend(s, actor, args.customer, args.handed_out, method=args.method,
                                                       key=key, reference=args.reference, tendered=args.tendered))
        if args.slip_pdf:  # printed after the commit: a failed write leaves the loan made
            _slip_out(args, db, actor, done.slip_number)
    if args.json:
        common.dump_json(done.json())
        return 0
    common.out(common.words(f"已借出 {done.size} × {len(done.serials)} 只，收押金 {done.amount} 元，押金条 "
                            f"{done.slip_number}（收据 {done.receipt_number}）",
                            f"{len(done.serials)} × {done.size} lent, deposit {done.amount}, slip "
                            f"{done.slip_number} (receipt {done.receipt_number})"))
    return 0


def cmd_deposit_refund(args: argparse.Namespace) -> int:
    from gasdesk.services.core.errors import ValidationError
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import deposits

    if bool(args.slip) == bool(args.customer):
        raise ValidationError("请给出 --slip 押金条号；押金条遗失的，给出 --customer 用户号和 --approver 主管。",
                              "Give --slip, or for a lost slip --customer and --approver.")
    key = args.key or f"cli-deposit-refund-{uuid.uuid4().hex}"
    with common.opened(args) as db:
        actor = common.login(db, args)
        approver = _approver(db, actor, args.approver) if args.approver else None
        done = run(db, actor, lambda s: deposits.refund(s, actor, args.taken_in, key=key, slip_number=args.slip,
                                                         customer_number=args.customer, approver=approver,
                                                         method=args.method, reference=args.reference))
    if args.json:
        common.dump_json(done.json())
        return 0
    common.out(common.words(f"押金条 {done.slip_number} 已退押金 {done.amount} 元，退款收据 {done.receipt_number}",
                            f"slip {done.slip_number}: deposit {done.amount} refunded, receipt "
                            f"{done.receipt_number}"))
    return 0


def cmd_slip(args: argparse.Namespace) -> int:
    common.check_folder(args.slip_pdf)
    with common.opened(args) as db:
        actor = common.login(db, args)
        _slip_out(args, db, actor, args.number)
    common.out(common.words(f"押金条已写到 {args.slip_pdf}", f"deposit slip written to {args.slip_pdf}"))
    return 0


def _payment_options(p: argparse.ArgumentParser, *, method_required: bool = True) -> None:
    w = common.words
    p.add_argument("--method", required=method_required, default=None if method_required else "cash",
                   help=w("付款方式", "payment method"))
    p.add_argument("--reference", help=w("非现金的交易参考号", "the reference of a non-cash payment"))
    p.add_argument("--key", help=w("提交编号：重复提交只办一次", "submission key: a retry is done once"))
    common.json_flag(p)


def register(dsub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    cp = common.command(dsub, "coupons", w("液化气票：入库、售出、查询", "LPG coupons: receive, sell, check"))
    csub = cp.add_subparsers(dest="coupons_command", required=True)
    rc = common.command(csub, "receive", w("气票入库（按票号范围，分本）", "receive coupon books (a serial range)"),
                        common_options)
    rc.add_argument("serials", help=w("票号范围，如 Q0001~0100", "a serial range, e.g. Q0001~0100"))
    rc.add_argument("--size", required=True, help=w("规格，如 YSP35.5", "size, e.g. YSP35.5"))
    rc.add_argument("--face-value", required=True, help=w("每张面值（元）", "face value of a coupon (yuan)"))
    rc.add_argument("--per-book", type=common.integer("--per-book", 1, 100), default=10,
                    help=w("每本张数（10）", "coupons a book (10)"))
    common.json_flag(rc)
    rc.set_defaults(func=cmd_coupons_receive)
    sl = common.command(csub, "sell", w("售出一本气票（开收据）", "sell a coupon book (with a receipt)"),
                        common_options)
    sl.add_argument("serial", help=w("本内任一张票号", "any coupon's serial in the book"))
    sl.add_argument("--customer", required=True, help=w("液化气用户号", "LPG customer number"))
    sl.add_argument("--tendered", help=w("现金实收（元）", "cash handed over"))
    _payment_options(sl)
    sl.set_defaults(func=cmd_coupons_sell)
    cc = common.command(csub, "check", w("查一张气票", "check a coupon"), common_options)
    cc.add_argument("serial", help=w("票号", "coupon serial"))
    common.json_flag(cc)
    cc.set_defaults(func=cmd_coupons_check)
    dy = common.command(csub, "day", w("当天收回的气票（按规格）和解缴情况", "the day's redeemed coupons by size"),
                        common_options)
    dy.add_argument("--date", type=common.day("--date"), help=w("营业日（默认今天）", "business date (today)"))
    common.json_flag(dy)
    dy.set_defaults(func=cmd_coupons_day)
    hi = common.command(csub, "hand-in", w("气票解缴：清点当天收回的气票交财务", "hand in the day's redeemed coupons"),
                        common_options)
    hi.add_argument("--counted", required=True, help=w("清点的张数，如 YSP35.5x12,YSP12x3", "counted, e.g. YSP35.5x12"))
    hi.add_argument("--received-by", required=True, help=w("接收的财务人员", "who receives them"))
    hi.add_argument("--explain", help=w("张数不符时写明原因", "why the count differs"))
    common.json_flag(hi)
    hi.set_defaults(func=cmd_coupons_day)
    ln = common.command(dsub, "lend", w("收押金借出公司钢瓶（开押金条）", "lend company cylinders against a deposit"),
                        common_options)
    ln.add_argument("--customer", required=True, help=w("液化气用户号", "LPG customer number"))
    ln.add_argument("--out", dest="handed_out", action="append", required=True, metavar="SERIAL",
                    help=w("借出的满瓶（可重复，同一规格）", "a full cylinder lent (repeatable, one size)"))
    ln.add_argument("--tendered", help=w("现金实收（元）", "cash handed over"))
    ln.add_argument("--slip", dest="slip_pdf", metavar="FILE.pdf", help=w("押金条 PDF 写到这里", "write the slip here"))
    ln.add_argument("--layout", choices=LAYOUTS, default="roll", help=w("版式", "layout"))
    _payment_options(ln)
    ln.set_defaults(func=cmd_lend)
    rf = common.command(dsub, "deposit-refund", w("归还钢瓶退押金", "cylinders returned, deposit refunded"),
                        common_options)
    rf.add_argument("--in", dest="taken_in", action="append", required=True, metavar="SERIAL",
                    help=w("归还的公司钢瓶（可重复）", "a company cylinder returned (repeatable)"))
    rf.add_argument("--slip", help=w("押金条号", "the deposit slip's number"))
    rf.add_argument("--customer", help=w("押金条遗失时：液化气用户号", "a lost slip: the customer's number"))
    rf.add_argument("--approver", help=w("押金条遗失时批准的主管", "a lost slip: the approving supervisor"))
    _payment_options(rf, method_required=False)
    rf.set_defaults(func=cmd_deposit_refund)
    sp = common.command(dsub, "slip", w("打印押金条", "print a deposit slip"), common_options)
    sp.add_argument("number", help=w("押金条号", "slip number"))
    sp.add_argument("-o", "--out", dest="slip_pdf", required=True, metavar="FILE.pdf", help=w("写到这里", "write here"))
    sp.add_argument("--layout", choices=LAYOUTS, default="roll", help=w("版式", "layout"))
    sp.set_defaults(func=cmd_slip)
