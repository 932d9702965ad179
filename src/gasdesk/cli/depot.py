"""The LPG depot from the command line, through the window's services and role checks:
`depot check|list|customers` (anyone who may look: the counter too), `depot customer` (register a
real-name customer, from the short form or a piped-gas account), `depot register` (a cylinder
or a delivery note's serial range), `depot stock` (the day's movement sheet) and `depot exchange`
(paid in money or by coupon; exit 1 with the reasons when refused, nothing stored); coupons and
deposits in depot_money.py; batches, custody, the stock sheet,
the count and reminders in depot_stock.py."""

from __future__ import annotations

import argparse
import uuid
from datetime import date

from gasdesk.cli import common, depot_money, depot_stock
from gasdesk.services.depot import labels as depot_labels

STATES = tuple(depot_labels.CYLINDER_STATE)


def _view_line(v) -> str:  # type: ignore[no-untyped-def]
    reasons = "、".join(v.reasons) if v.reasons else common.words("可收可发", "fit")
    return (f"{v.serial:<14} {v.size:<8} {v.status:<14} {v.owner:<9} {v.holder or '':<9} "
            f"{v.next_inspection_due or ''!s:<10}  {v.life_ends_on or ''!s:<10}  {reasons}")


def cmd_check(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import cylinders

    on = date.fromisoformat(args.on) if args.on else None
    with common.opened(args) as db:
        actor = common.login(db, args)
        view = run(db, actor, lambda s: cylinders.check(s, actor, args.serial, on=on, customer=args.customer),
                   write=False)
    if args.json:
        common.dump_json(view.json())
        return 0
    common.out(_view_line(view))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import cylinders

    before = date.fromisoformat(args.due_before) if args.due_before else None
    with common.opened(args) as db:
        actor = common.login(db, args)
        rows = run(db, actor, lambda s: cylinders.listing(s, actor, status=args.status, size=args.size,
                                                           due_before=before, limit=args.limit), write=False)
    if args.json:
        common.dump_json([v.json() for v in rows])
        return 0
    for v in rows:
        common.out(_view_line(v))
    common.out(common.words(f"共 {len(rows)} 只", f"{len(rows)} cylinders"))
    return 0


def cmd_customers(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import customers

    with common.opened(args) as db:
        actor = common.login(db, args)
        rows = run(db, actor, lambda s: customers.search(s, actor, args.query or "", limit=args.limit), write=False)
    if args.json:
        common.dump_json([r.json() for r in rows])
        return 0
    for r in rows:
        common.out(f"{r.number}  {r.name:<10} {r.phone:<12} {r.kind:<10} {r.address}")
    common.out(common.words(f"共 {len(rows)} 位", f"{len(rows)} customers"))
    return 0


def cmd_customer(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import customers

    with common.opened(args) as db:
        actor = common.login(db, args)
        if args.account:
            done = run(db, actor, lambda s: customers.register_account_holder(s, actor, args.account, kind=args.kind,
                                                                               phone=args.phone))
        else:
            missing = [f"--{n.replace('_', '-')}" for n in ("name", "id_number", "phone", "address")
                       if not getattr(args, n)]
            if missing:
                from gasdesk.services.core.errors import ValidationError

                raise ValidationError(f"请给出 {'、'.join(missing)}（或用 --account 从户号登记户主）。",
                                      f"Give {', '.join(missing)} (or --account).")
            done = run(db, actor, lambda s: customers.register(s, actor, name=args.name, id_number=args.id_number,
                                                                phone=args.phone, address=args.address,
                                                                kind=args.kind))
    c = done.customer
    if args.json:
        common.dump_json({**c.json(), "account_number": c.account_number})
        return 0
    common.out(common.words(f"已登记液化气用户 {c.number}：{c.name}", f"LPG customer {c.number} registered: {c.name}"))
    return 0


def cmd_register(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import cylinders

    key = args.key or f"cli-register-{uuid.uuid4().hex}"
    with common.opened(args) as db:
        actor = common.login(db, args)
        done = run(db, actor, lambda s: cylinders.register(
            s, actor, args.serials, size=args.size, made_on=args.made, last_inspected_on=args.inspected,
            maker=args.maker or "", owner=args.owner, barcode=args.barcode, state=args.state, key=key,
            document=args.document or ""))
    if args.json:
        common.dump_json({"serials": done.serials})
        return 0
    common.out(common.words(f"已登记钢瓶 {len(done.serials)} 只：{done.serials[0]} … {done.serials[-1]}",
                            f"{len(done.serials)} cylinders registered: {done.serials[0]} … {done.serials[-1]}"))
    return 0


def cmd_exchange(args: argparse.Namespace) -> int:
    from gasdesk.services.core.errors import ValidationError
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import exchange

    taken, given = args.taken_in or [], args.handed_out or []
    if len(taken) != len(given):
        raise ValidationError(f"--in 与 --out 要成对给出（现在 {len(taken)} 个 --in，{len(given)} 个 --out）。",
                              f"--in and --out come in pairs ({len(taken)} --in, {len(given)} --out).")
    pairs = [exchange.Pair(i, o) for i, o in zip(taken, given, strict=True)]
    key = args.key or f"cli-exchange-{uuid.uuid4().hex}"
    with common.opened(args) as db:
        actor = common.login(db, args)
        done = run(db, actor, lambda s: exchange.exchange(s, actor, args.customer, pairs, amount=args.amount,
                                                           method=args.method, reference=args.reference,
                                                           tendered=args.tendered, key=key,
                                                           coupons=args.coupons or ()))
    if args.json:
        common.dump_json(done.json())
        return 0
    swapped = "，".join(f"{i}→{o}" for i, o in done.pairs)
    paid = (common.words(f"用气票 {'、'.join(done.coupons)}", f"by coupon {', '.join(done.coupons)}") if done.coupons
            else common.words(f"收款 {done.amount} 元，收据 {done.receipt_number}",
                              f"{done.amount} paid, receipt {done.receipt_number}"))
    common.out(common.words(f"已换瓶 {len(done.pairs)} 对（{swapped}），{paid}",
                            f"{len(done.pairs)} exchanged ({swapped}), {paid}"))
    return 0


def cmd_stock(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import stock

    if args.out:
        common.check_folder(args.out)
    on = date.fromisoformat(args.date) if args.date else None
    with common.opened(args) as db:
        actor = common.login(db, args)
        if args.out:
            sheet, pdf = run(db, actor, lambda s: stock.sheet_pdf(s, actor, on), write=False)
            common.write_file(args.out, pdf)
        else:
            sheet = run(db, actor, lambda s: stock.day_sheet(s, actor, on), write=False)
    if args.json:
        common.dump_json(sheet.json())
        return 0
    for r in sheet.rows:
        common.out(f"{r.size:<8} {r.state:<14} {r.opening:>6} +{r.received:>5} -{r.issued:>5} = {r.closing:>6}")
    if args.out:
        common.out(common.words(f"收发存日报已写到 {args.out}", f"movement sheet written to {args.out}"))
    return 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    dep = common.command(sub, "depot", w("调瓶点：钢瓶与液化气用户", "the LPG depot: cylinders and customers"))
    dsub = dep.add_subparsers(dest="depot_command", required=True)
    ck = common.command(dsub, "check", w("查一只钢瓶能否收回或发出", "may a cylinder be taken in or handed out"),
                        common_options)
    ck.add_argument("serial", help=w("钢印号或标签码", "stamped serial or label code"))
    ck.add_argument("--on", type=common.day("--on"), help=w("按哪天检查（默认今天）", "the day (today)"))
    ck.add_argument("--customer", help=w("为哪位液化气用户（用户号）", "for which LPG customer (number)"))
    common.json_flag(ck)
    ck.set_defaults(func=cmd_check)
    ls = common.command(dsub, "list", w("列出钢瓶", "list cylinders"), common_options)
    ls.add_argument("--status", choices=STATES, help=w(f"状态：{common.codes(depot_labels.CYLINDER_STATE)}",
                                                       f"status: {common.codes(depot_labels.CYLINDER_STATE)}"))
    ls.add_argument("--size", help=w("规格，如 YSP35.5", "size, e.g. YSP35.5"))
    ls.add_argument("--due-before", type=common.day("--due-before"),
                    help=w("检验到期日早于这天", "inspection due before this day"))
    ls.add_argument("--limit", type=common.integer("--limit", 1, 5000), default=500,
                    help=w("最多列出几只（500）", "at most this many (500)"))
    common.json_flag(ls)
    ls.set_defaults(func=cmd_list)
    cu = common.command(dsub, "customers", w("查找液化气用户", "find LPG customers"), common_options)
    cu.add_argument("query", nargs="?", help=w("用户号、姓名、拼音、电话或尾号 4 位", "number, name, pinyin, phone"))
    cu.add_argument("--limit", type=common.integer("--limit", 1, 500), default=50, help=w("最多几位（50）", "at most"))
    common.json_flag(cu)
    cu.set_defaults(func=cmd_customers)
    kinds = tuple(depot_labels.CUSTOMER_KIND)
    ad = common.command(dsub, "customer", w("登记液化气用户（实名）", "register an LPG customer (real name)"),
                        common_options)
    ad.add_argument("--name", help=w("姓名", "name"))
    ad.add_argument("--id-number", help=w("身份证号", "ID number"))
    ad.add_argument("--phone", help=w("手机号", "phone"))
    ad.add_argument("--address", help=w("地址", "address"))
    ad.add_argument("--kind", choices=kinds, default="household",
                    help=w(f"类型：{common.codes(depot_labels.CUSTOMER_KIND)}",
                           f"kind: {common.codes(depot_labels.CUSTOMER_KIND)}"))
    ad.add_argument("--account", help=w("从管道气户号登记户主", "register a piped-gas account's holder"))
    common.json_flag(ad)
    ad.set_defaults(func=cmd_customer)
    rg = common.command(dsub, "register", w("登记钢瓶（可用范围：A0001~0100）", "register cylinders (or a range)"),
                        common_options)
    rg.add_argument("serials", help=w("钢印号，或送货单上的范围 A2026-0001~0100", "serial, or a range A0001~0100"))
    rg.add_argument("--size", required=True, help=w("规格，如 YSP35.5", "size, e.g. YSP35.5"))
    rg.add_argument("--made", required=True, help=w("制造日期（或年月）", "manufacture date (or month)"))
    rg.add_argument("--inspected", required=True, help=w("上次检验日期（或钢印年月）", "last inspection (or month)"))
    rg.add_argument("--maker", help=w("制造单位", "maker"))
    rg.add_argument("--owner", help=w("顾客自有瓶：其用户号", "a customer's own cylinder: their number"))
    rg.add_argument("--barcode", help=w("标签码（单只）", "label code (one cylinder)"))
    rg.add_argument("--state", choices=("full", "empty"), default="full", help=w("入库状态", "state in stock"))
    rg.add_argument("--document", help=w("送货单号", "delivery note number"))
    rg.add_argument("--key", help=w("提交编号", "submission key"))
    common.json_flag(rg)
    rg.set_defaults(func=cmd_register)
    ex = common.command(dsub, "exchange", w("换瓶：收回空瓶、发出满瓶并收款", "exchange cylinders and take payment"),
                        common_options)
    ex.add_argument("--customer", required=True, help=w("液化气用户号", "LPG customer number"))
    ex.add_argument("--in", dest="taken_in", action="append", metavar="SERIAL",
                    help=w("收回的空瓶（可重复，与 --out 成对）", "the empty taken in (repeatable, paired with --out)"))
    ex.add_argument("--out", dest="handed_out", action="append", metavar="SERIAL",
                    help=w("发出的满瓶", "the full cylinder handed out"))
    ex.add_argument("--coupon", dest="coupons", action="append", metavar="SERIAL",
                    help=w("用气票付款：每只满瓶一张（可重复）", "pay by coupon: one a full cylinder (repeatable)"))
    ex.add_argument("--amount", help=w("收款金额（元）", "amount paid (yuan)"))
    ex.add_argument("--method", help=w("付款方式", "payment method"))
    ex.add_argument("--tendered", help=w("现金实收（元）", "cash handed over"))
    ex.add_argument("--reference", help=w("非现金的交易参考号", "the reference of a non-cash payment"))
    ex.add_argument("--key", help=w("提交编号：重复提交只换一次", "submission key: a retry exchanges once"))
    common.json_flag(ex)
    ex.set_defaults(func=cmd_exchange)
    sk = common.command(dsub, "stock", w("收发存日报：期初 + 收入 − 发出 = 期末", "the day's movement sheet"),
                        common_options)
    sk.add_argument("--date", type=common.day("--date"), help=w("营业日（默认今天）", "business date (today)"))
    sk.add_argument("-o", "--out", metavar="FILE.pdf", help=w("日报 PDF 写到这里", "write the sheet's PDF here"))
    common.json_flag(sk)
    sk.set_defaults(func=cmd_stock)
    depot_money.register(dsub, common_options)
    depot_stock.register(dsub, common_options)
