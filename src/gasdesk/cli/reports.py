"""`gasdesk report ...` and `gasdesk gas-on sheet`: printouts and exports for scripts.

    gasdesk report register [--area CODE] [--compound ID] --out FILE.pdf|FILE.xlsx
    gasdesk report new-accounts --from DATE --to DATE [--area CODE] [--basis opened|signed|applied] --out FILE
    gasdesk gas-on sheet EVENT_ID --out FILE.pdf [--copy]

Each acts as --user and passes the services' role checks; the file is written only when the
whole document was made (to a temporary name, then renamed), and the command says what it wrote.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gasdesk.cli import common
from gasdesk.services.core import labels
from gasdesk.services.core.errors import GasdeskError, ValidationError

if TYPE_CHECKING:  # `gasdesk --help` does not load SQLAlchemy
    from sqlalchemy.orm import Session

    from gasdesk.services.printing.jobs import Document

FORMATS = {".pdf": "PDF", ".xlsx": "xlsx"}


def _format(out: str, allowed: tuple[str, ...] = (".pdf", ".xlsx")) -> str:
    suffix = Path(out).suffix.lower()
    if suffix not in allowed:
        raise ValidationError(f"输出文件须以 {' 或 '.join(allowed)} 结尾：{out}",
                              f"The output file must end in {' or '.join(allowed)}: {out}")
    return suffix


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"日期格式应为 2026-01-31：{text}", f"A date is written 2026-01-31: {text}") from None


def _run(args: argparse.Namespace, make: Callable[[Session, object], tuple[bytes, str]], *, write: bool = False,
         document: Document | None = None) -> int:
    """Sign in, make the document in one unit of work, write the file, say what was written.

    ``document`` names the print job the file is (a printout whose original and copies are
    counted): it is recorded after the write, as saved, or as failed when the write failed."""
    from gasdesk.services.core.runner import run
    from gasdesk.services.printing import jobs

    common.check_folder(args.out)  # refused before anything is made (or a reprint audited)
    with common.opened(args) as db:
        actor = common.login(db, args)
        data, what = run(db, actor, lambda s: make(s, actor), write=write)
        target = str(Path(args.out).resolve())
        try:
            common.write_file(args.out, data)
        except GasdeskError as exc:
            if document is not None:
                error = exc.text("en")
                run(db, actor, lambda s: jobs.record_document(s, actor, document, target=target, outcome="failed",
                                                              error=error), write=True)
            raise
        if document is not None:
            run(db, actor, lambda s: jobs.record_document(s, actor, document, target=target, outcome="saved"),
                write=True)
    kind = FORMATS[Path(args.out).suffix.lower()]
    common.out(common.words(f"已写入 {args.out}（{kind}，{len(data):,} 字节）：{what}",
                            f"wrote {args.out} ({kind}, {len(data):,} bytes): {what}"))
    return 0


def cmd_register(args: argparse.Namespace) -> int:
    from gasdesk.services.office import address
    from gasdesk.services.printing.document import sheet_pdf
    from gasdesk.services.printing.fonts import configured_font
    from gasdesk.services.reports import registers
    from gasdesk.services.reports.tables import report_xlsx

    fmt = _format(args.out)

    def make(s: Session, actor) -> tuple[bytes, str]:  # type: ignore[no-untyped-def]
        area_id = address.area_id_by_code(s, args.area)
        data = registers.area_register(s, actor, area_id=area_id, compound_id=args.compound)
        report = registers.register_report(s, actor, data)
        out = sheet_pdf(report, font=configured_font(s)) if fmt == ".pdf" else report_xlsx(report)
        return out, common.words(f"{data.scope}用户登记册，共 {len(data.accounts)} 户",
                                 f"register of {data.scope}, accounts: {len(data.accounts)}")

    return _run(args, make)


def cmd_new_accounts(args: argparse.Namespace) -> int:
    from gasdesk.services.office import address
    from gasdesk.services.printing.document import sheet_pdf
    from gasdesk.services.printing.fonts import configured_font
    from gasdesk.services.reports import registers
    from gasdesk.services.reports.tables import report_xlsx

    fmt = _format(args.out)
    date_from, date_to = _date(args.date_from), _date(args.date_to)

    def make(s: Session, actor) -> tuple[bytes, str]:  # type: ignore[no-untyped-def]
        report = registers.new_accounts_report(s, actor, date_from=date_from, date_to=date_to,
                                               area_id=address.area_id_by_code(s, args.area), basis=args.basis)
        out = sheet_pdf(report, font=configured_font(s)) if fmt == ".pdf" else report_xlsx(report)
        rows = len(report.tables[0].frame)
        basis = labels.text(labels.REGISTER_BASIS, args.basis)
        return out, common.words(f"按{basis}的新开户清单 {date_from} 至 {date_to}，共 {rows} 户",
                                 f"new accounts by {args.basis} date {date_from} .. {date_to}, accounts: {rows}")

    return _run(args, make)


def cmd_gas_on_sheet(args: argparse.Namespace) -> int:
    from gasdesk.services.accounts.gas_on_sheet import DOCUMENT_KIND, gas_on_sheet_pdf
    from gasdesk.services.printing.jobs import Document

    _format(args.out, (".pdf",))

    def make(s: Session, actor) -> tuple[bytes, str]:  # type: ignore[no-untyped-def]
        pdf = gas_on_sheet_pdf(s, actor, args.event_id, copy=args.copy)
        copy = common.words("（副本，已记入审计日志）", " (copy, audited)") if args.copy else ""
        return pdf, common.words(f"通气日 {args.event_id} 的签收单{copy}",
                                 f"gas-on sign-off sheet of event {args.event_id}{copy}")

    # A reprint writes its audit row, so it runs in a write transaction. The file is a print job.
    return _run(args, make, write=args.copy,
                document=Document(DOCUMENT_KIND, str(args.event_id), bool(args.copy)))


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    out_help = w("输出文件 FILE.pdf 或 FILE.xlsx（文件夹须已存在）", "FILE.pdf or FILE.xlsx (in a folder that exists)")
    rep = common.command(sub, "report", w("登记册和清单，PDF 或 xlsx", "registers and lists as PDF or xlsx"))
    rsub = rep.add_subparsers(dest="report_command", required=True)
    reg = common.command(rsub, "register", w("按片区或小区列出用户，附各状态户数",
                                             "accounts by area / compound with status counts"), common_options)
    reg.add_argument("--area", help=w("片区编号，例如 01（默认：所有片区）",
                                      "area code, e.g. 01 (default: every area)"))
    reg.add_argument("--compound", type=common.record_id("--compound"),
                     help=w("小区编号（见地址树）", "compound id (see the address tree)"))
    reg.add_argument("--out", required=True, metavar="FILE", help=out_help)
    reg.set_defaults(func=cmd_register)

    new = common.command(rsub, "new-accounts", w("某段日期内开户的用户清单", "accounts opened in a date range"),
                         common_options)
    new.add_argument("--from", dest="date_from", type=common.day("--from"), required=True, metavar="DATE",
                     help=w("第一天，如 2026-01-01", "first day, 2026-01-01"))
    new.add_argument("--to", dest="date_to", type=common.day("--to"), required=True, metavar="DATE",
                     help=w("最后一天（包括这一天），如 2026-01-31", "last day (included), 2026-01-31"))
    new.add_argument("--area", help=w("片区编号（默认：所有片区）", "area code (default: every area)"))
    new.add_argument("--basis", choices=["opened", "signed", "applied"], default="opened",
                     help=w("按哪个日期算：", "which date counts: ") + common.codes(labels.REGISTER_BASIS)
                     + w("（默认 opened）", " (default opened)"))
    new.add_argument("--out", required=True, metavar="FILE", help=out_help)
    new.set_defaults(func=cmd_new_accounts)

    gas = common.command(sub, "gas-on", w("小区集中通气日", "compound gas-on days"))
    gsub = gas.add_subparsers(dest="gas_on_command", required=True)
    sheet = common.command(gsub, "sheet", w("打印通气日的签收单", "print the sign-off sheet of a gas-on event"),
                           common_options)
    sheet.add_argument("event_id", type=common.record_id("EVENT_ID"), help=w("通气日的编号", "the gas-on event's id"))
    sheet.add_argument("--out", required=True, metavar="FILE", help=w("输出文件 FILE.pdf（文件夹须已存在）",
                                                      "FILE.pdf (in a folder that exists)"))
    sheet.add_argument("--copy", action="store_true",
                       help=w("补打：标为“副本”并记入审计日志", "a reprint: marked 副本 and audited"))
    sheet.set_defaults(func=cmd_gas_on_sheet)
