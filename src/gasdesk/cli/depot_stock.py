"""The depot's stock from the command line: batches with a delivery note (`depot plant send|receive`,
`depot inspection send|back`, `depot scrap`), customers' cylinders in custody (`depot custody
take|back|slip`), the stock sheet (`depot stock-list`), the physical count (`depot count`) and the
inspection reminders (`depot reminders`). A refused batch exits 1 with each cylinder's reasons,
nothing stored."""

from __future__ import annotations

import argparse
import uuid

from gasdesk.cli import common
from gasdesk.cli.cashier import write_printed


def _key(args: argparse.Namespace, what: str) -> str:
    return args.key or f"cli-{what}-{uuid.uuid4().hex}"


def _batch_out(args: argparse.Namespace, done) -> int:  # type: ignore[no-untyped-def]
    if args.json:
        common.dump_json(done.json())
        return 0
    scrapped = common.words(f"，其中报废 {len(done.scrapped)} 只", f", {len(done.scrapped)} scrapped") \
        if done.scrapped else ""
    from gasdesk.services.depot.labels import BATCH_KIND

    what = BATCH_KIND[done.kind]
    common.out(common.words(f"{what.zh}：钢瓶 {len(done.serials)} 只{scrapped}（{done.serials[0]} … "
                            f"{done.serials[-1]}），交接单 {done.document}",
                            f"{what.en}: {len(done.serials)} cylinders{scrapped} ({done.serials[0]} … "
                            f"{done.serials[-1]}), note {done.document}"))
    return 0


def cmd_plant(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import batches

    step = batches.send_to_plant if args.plant_command == "send" else batches.receive_from_plant
    key = _key(args, f"plant-{args.plant_command}")
    with common.opened(args) as db:
        actor = common.login(db, args)
        done = run(db, actor, lambda s: step(s, actor, args.serials, document=args.document, key=key))
    return _batch_out(args, done)


def cmd_inspection(args: argparse.Namespace) -> int:
    from gasdesk.services.core.errors import ValidationError
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import batches

    key = _key(args, f"inspection-{args.inspection_command}")
    with common.opened(args) as db:
        actor = common.login(db, args)
        if args.inspection_command == "send":
            done = run(db, actor, lambda s: batches.send_to_inspection(s, actor, args.serials, document=args.document,
                                                                        key=key))
        else:
            if args.passed == args.failed:
                raise ValidationError("请给出 --passed（检验合格）或 --failed（检验报废）之一。",
                                      "Give one of --passed or --failed.")
            done = run(db, actor, lambda s: batches.receive_inspected(
                s, actor, args.serials, passed=args.passed, document=args.document, key=key,
                inspected_on=args.inspected))
    return _batch_out(args, done)


def cmd_scrap(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import batches

    key = _key(args, "scrap")
    with common.opened(args) as db:
        actor = common.login(db, args)
        done = run(db, actor, lambda s: batches.scrap(s, actor, args.serials, document=args.document,
                                                       reason=args.reason, key=key))
    return _batch_out(args, done)


def _custody_slip(db, actor, number: str, out: str) -> None:  # type: ignore[no-untyped-def]
    from gasdesk.services.depot import custody

    write_printed(db, actor, lambda s: custody.render_slip(s, actor, number), out)


def cmd_custody(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import custody

    out = getattr(args, "slip_pdf", None)
    if out:
        common.check_folder(out)
    with common.opened(args) as db:
        actor = common.login(db, args)
        if args.custody_command == "slip":
            _custody_slip(db, actor, args.number, out)
            common.out(common.words(f"代存单已写到 {out}", f"custody slip written to {out}"))
            return 0
        key = _key(args, f"custody-{args.custody_command}")
        if args.custody_command == "take":
            done = run(db, actor, lambda s: custody.take(s, actor, args.customer, args.serials, key=key))
        else:
            done = run(db, actor, lambda s: custody.hand_back(s, actor, args.number, key=key))
        if out:  # printed after the commit: a failed write leaves the custody recorded
            _custody_slip(db, actor, done.slip_number, out)
    if args.json:
        common.dump_json(done.json())
        return 0
    if args.custody_command == "take":
        common.out(common.words(f"已收存 {'、'.join(done.serials)}，代存单 {done.slip_number}",
                                f"{', '.join(done.serials)} taken into custody, slip {done.slip_number}"))
    else:
        kept = common.words(f"；已报废留存：{'、'.join(done.kept)}", f"; scrapped, kept: {', '.join(done.kept)}") \
            if done.kept else ""
        common.out(common.words(f"代存单 {done.slip_number}：已发还 {'、'.join(done.serials) or '无'}{kept}",
                                f"slip {done.slip_number}: handed back {', '.join(done.serials) or 'none'}{kept}"))
    return 0


def cmd_stock_list(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import inventory

    if args.out:
        common.check_folder(args.out)
    with common.opened(args) as db:
        actor = common.login(db, args)
        if args.out:
            sheet, pdf = run(db, actor, lambda s: inventory.stock_list_pdf(s, actor), write=False)
            common.write_file(args.out, pdf)
        else:
            sheet = run(db, actor, lambda s: inventory.stock_list(s, actor), write=False)
    if args.json:
        common.dump_json(sheet.json())
        return 0
    for size, state, n in sheet.totals():
        common.out(f"{size:<8} {state:<14} {n:>6}")
    common.out(common.words(f"{sheet.depot} 在库共 {len(sheet.items)} 只",
                            f"{sheet.depot}: {len(sheet.items)} in stock"))
    if args.out:
        common.out(common.words(f"库存表已写到 {args.out}", f"stock sheet written to {args.out}"))
    return 0


def cmd_count(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import inventory

    key = _key(args, "count")
    with common.opened(args) as db:
        actor = common.login(db, args)
        done = run(db, actor, lambda s: inventory.count(s, actor, args.serials, key=key,
                                                         explanation=args.explain or ""))
    if args.json:
        common.dump_json(done.json())
        return 0
    data = done.json()
    common.out(common.words(f"盘点：账面 {done.expected} 只，实盘 {done.counted} 只，少 {len(data['missing'])} 只，"
                            f"多 {len(data['extra'])} 只", f"count: {done.expected} on the books, {done.counted} "
                            f"found, {len(data['missing'])} missing, {len(data['extra'])} extra"))
    return 0


def cmd_reminders(args: argparse.Namespace) -> int:
    from gasdesk.services.core.runner import run
    from gasdesk.services.depot import inventory

    if args.out:
        common.check_folder(args.out)
    with common.opened(args) as db:
        actor = common.login(db, args)
        if args.out:
            rows, pdf = run(db, actor, lambda s: inventory.reminders_pdf(s, actor, args.days), write=False)
            common.write_file(args.out, pdf)
        else:
            rows = run(db, actor, lambda s: inventory.reminders(s, actor, args.days), write=False)[2]
    if args.json:
        common.dump_json([r.json() for r in rows])
        return 0
    for r in rows:
        common.out(f"{r.next_due_on}  {r.serial:<14} {r.size:<8} {r.state:<14} {r.customer or '':<9} "
                   f"{r.name} {r.phone}")
    common.out(common.words(f"共 {len(rows)} 只", f"{len(rows)} cylinders"))
    return 0


def _serials(p: argparse.ArgumentParser) -> None:
    p.add_argument("serials", nargs="+", metavar="SERIAL",
                   help=common.words("钢印号或范围（A0001~0100），可多个", "serials or ranges (A0001~0100)"))


def _batch(p: argparse.ArgumentParser) -> None:
    w = common.words
    _serials(p)
    p.add_argument("--document", required=True, help=w("交接单号（充装站或检验站的单据号）", "delivery note number"))
    p.add_argument("--key", help=w("提交编号：重复提交只办一次", "submission key: a retry is done once"))
    common.json_flag(p)


def register(dsub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    pl = common.command(dsub, "plant", w("充装站：空瓶送充装、满瓶入库", "the filling plant: empties out, fulls in"))
    psub = pl.add_subparsers(dest="plant_command", required=True)
    for name, text in (("send", w("空瓶送充装站", "send empties to the plant")),
                       ("receive", w("充装站送回满瓶入库", "receive full cylinders from the plant"))):
        p = common.command(psub, name, text, common_options)
        _batch(p)
        p.set_defaults(func=cmd_plant)
    ins = common.command(dsub, "inspection", w("检验站：送检、检验回厂", "the inspection station: send, back"))
    isub = ins.add_subparsers(dest="inspection_command", required=True)
    p = common.command(isub, "send", w("钢瓶送检", "send cylinders for inspection"), common_options)
    _batch(p)
    p.set_defaults(func=cmd_inspection)
    p = common.command(isub, "back", w("检验回厂：合格或报废", "back from inspection: passed or scrapped"),
                       common_options)
    _batch(p)
    p.add_argument("--passed", action="store_true", help=w("检验合格", "passed"))
    p.add_argument("--failed", action="store_true", help=w("检验不合格，报废", "failed: scrapped"))
    p.add_argument("--inspected", help=w("检验日期（默认今天）", "inspection date (today)"))
    p.set_defaults(func=cmd_inspection)
    p = common.command(dsub, "scrap", w("停用报废公司钢瓶", "scrap company cylinders"), common_options)
    _batch(p)
    p.add_argument("--reason", required=True, help=w("报废原因", "why"))
    p.set_defaults(func=cmd_scrap)
    cu = common.command(dsub, "custody", w("顾客钢瓶代存：收存、发还、打印代存单", "customers' cylinders in custody"))
    csub = cu.add_subparsers(dest="custody_command", required=True)
    p = common.command(csub, "take", w("收存顾客自有钢瓶", "take a customer's own cylinders in"), common_options)
    p.add_argument("--customer", required=True, help=w("液化气用户号", "LPG customer number"))
    _serials(p)
    p.add_argument("--slip", dest="slip_pdf", metavar="FILE.pdf", help=w("代存单 PDF 写到这里", "write the slip here"))
    p.add_argument("--key", help=w("提交编号", "submission key"))
    common.json_flag(p)
    p.set_defaults(func=cmd_custody)
    p = common.command(csub, "back", w("凭代存单发还钢瓶", "hand back against the slip"), common_options)
    p.add_argument("number", help=w("代存单号，如 D01-K-0000001", "slip number, e.g. D01-K-0000001"))
    p.add_argument("--key", help=w("提交编号", "submission key"))
    common.json_flag(p)
    p.set_defaults(func=cmd_custody)
    p = common.command(csub, "slip", w("打印代存单（再次打印为副本）", "print a custody slip"), common_options)
    p.add_argument("number", help=w("代存单号", "slip number"))
    p.add_argument("-o", "--out", dest="slip_pdf", required=True, metavar="FILE.pdf", help=w("写到这里", "write here"))
    p.set_defaults(func=cmd_custody)
    p = common.command(dsub, "stock-list", w("库存表：在库钢瓶按规格和状态", "the stock sheet"), common_options)
    p.add_argument("-o", "--out", metavar="FILE.pdf", help=w("库存表 PDF 写到这里", "write the sheet's PDF here"))
    common.json_flag(p)
    p.set_defaults(func=cmd_stock_list)
    p = common.command(dsub, "count", w("盘点：扫描在库钢瓶，与账面核对", "count the stock by scanning"),
                       common_options)
    _serials(p)
    p.add_argument("--explain", help=w("有差异时写明原因", "why the count differs"))
    p.add_argument("--key", help=w("提交编号", "submission key"))
    common.json_flag(p)
    p.set_defaults(func=cmd_count)
    p = common.command(dsub, "reminders", w("到检提醒：将到检验期的钢瓶和用户电话", "inspection reminders"),
                       common_options)
    p.add_argument("--days", type=common.integer("--days", 1, 366), default=30,
                   help=w("今后几天内到检（30）", "falling due within this many days (30)"))
    p.add_argument("-o", "--out", metavar="FILE.pdf", help=w("提醒单 PDF 写到这里", "write the list's PDF here"))
    common.json_flag(p)
    p.set_defaults(func=cmd_reminders)
