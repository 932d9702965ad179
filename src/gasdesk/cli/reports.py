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
    rep = sub.add_parser("report", help="registers and lists as PDF or xlsx")
    rsub = rep.add_subparsers(dest="report_command", required=True)
    reg = rsub.add_parser("register", parents=[common_options], help="accounts by area / compound with status counts")
    reg.add_argument("--area", help="area code, e.g. 01 (default: every area)")
    reg.add_argument("--compound", type=common.record_id("--compound"), help="compound id (see the address tree)")
    reg.add_argument("--out", required=True, help="FILE.pdf or FILE.xlsx")
    reg.set_defaults(func=cmd_register)

    new = rsub.add_parser("new-accounts", parents=[common_options], help="accounts opened in a date range")
    new.add_argument("--from", dest="date_from", type=common.day("--from"), required=True,
                     help="first day, 2026-01-01")
    new.add_argument("--to", dest="date_to", type=common.day("--to"), required=True,
                     help="last day (included), 2026-01-31")
    new.add_argument("--area", help="area code (default: every area)")
    new.add_argument("--basis", choices=["opened", "signed", "applied"], default="opened",
                     help="which date counts: gas-on/opened (default), contract signed, applied")
    new.add_argument("--out", required=True, help="FILE.pdf or FILE.xlsx")
    new.set_defaults(func=cmd_new_accounts)

    gas = sub.add_parser("gas-on", help="compound gas-on days")
    gsub = gas.add_subparsers(dest="gas_on_command", required=True)
    sheet = gsub.add_parser("sheet", parents=[common_options], help="print the sign-off sheet of a gas-on event")
    sheet.add_argument("event_id", type=common.record_id("EVENT_ID"))
    sheet.add_argument("--out", required=True, help="FILE.pdf")
    sheet.add_argument("--copy", action="store_true", help="a reprint: marked 副本 and audited")
    sheet.set_defaults(func=cmd_gas_on_sheet)

