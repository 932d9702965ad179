"""`gasdesk payments import FILE --method transfer|wechat|alipay`: a bank's or a payment agent's
collection file (代收) paid at once, as `readings import` stores a file of readings.

``import FILE`` reads a CSV (UTF-8 with or without BOM, GB18030/GBK) or XLSX file of 户号, 金额,
参考号, 日期, checks every row and pays the good ones in one transaction, or none (the rules and
the reason codes: services/cashier/imports.py). It prints ``paid N, total X, already imported N,
rejected N`` (in Chinese first, under the default language), writes the rejected rows to
``<stem>.rejected.csv`` beside the file, or to ``--rejects FILE`` (written even when empty), and
exits 0 when nothing was rejected, 1 otherwise. ``--dry-run`` checks and reports, paying nothing.

``--json``: ``{"rows", "paid", "already_imported", "rejected", "total", "method", "dry_run",
"rejects_file", "payments": [{"line", "outcome", "account_number", "amount", "reference", "date",
"receipt_number", and for a row paid now "allocations", "late_fee", "prepayment"}], "rejects":
[{"line", "reason_code", "reason"}]}``; amounts as text with two decimals.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from gasdesk.cli import common
from gasdesk.services.core import labels

METHODS = ("transfer", "wechat", "alipay")  # the service's (cashier.imports.METHODS), named in the help


def counts_line(counts: dict[str, int], total: str, lang: str) -> list[str]:
    english = (f"paid {counts['paid']}, total {total}, already imported {counts['already_imported']}, "
               f"rejected {counts['rejected']}")
    if lang == "en":
        return [english]
    return [f"入账 {counts['paid']} 笔，共 {total} 元；已导入过 {counts['already_imported']}，"
            f"拒收 {counts['rejected']}", english]


def _rejects_target(rejects: str, file: str) -> Path:
    """``--rejects`` checked before any work: a folder that may be written, and not the input itself."""
    from gasdesk.services.core.errors import ValidationError

    target = common.check_folder(rejects)
    if target.resolve() == Path(file).expanduser().resolve():
        raise ValidationError(f"--rejects 不能是要导入的文件本身：{common.quoted(rejects, 80)}。请另给一个文件名。",
                              f"--rejects cannot be the file being imported: {common.quoted(rejects, 80)}. "
                              "Name another file.")
    return target


def cmd_import(args: argparse.Namespace) -> int:
    from gasdesk.services.cashier import imports
    from gasdesk.services.core.errors import GasdeskError
    from gasdesk.services.core.runner import run

    method = imports.check_method(args.method)  # refused in words before the file is read
    to = _rejects_target(args.rejects, args.file) if args.rejects else None
    source = imports.read(args.file)  # refused in words before anyone signs in
    with common.opened(args) as db:
        actor = common.login(db, args)

        def pay(s: Any) -> imports.PaymentImport:
            return imports.import_file(s, actor, source, method=method, dry_run=args.dry_run)

        result = run(db, actor, pay, write=not args.dry_run)
    try:
        rejects, unwritten = imports.write_rejects(result, to), None  # after the commit
    except GasdeskError as exc:  # the payments stand: say so, and why the rejects are not on disk
        rejects, unwritten = None, exc
    counts, total = result.counts(), f"{result.total:.2f}"
    if args.json:
        common.dump_json({**result.json(), "rejects_file": str(rejects) if rejects else None})
    else:
        for line in counts_line(counts, total, args.lang):
            common.out(line)
        if args.dry_run:
            common.out(common.words("（试运行：没有入账任何款项）", "(dry run: nothing was paid)"))
        if rejects and counts["rejected"]:
            common.err(common.words(f"拒收的行已写入 {rejects}（reason_code、reason 两列说明原因）。",
                                    f"Rejected rows written to {rejects} (see its reason_code and reason columns)."))
    if unwritten is not None:
        common.err(common.words(f"入账已经完成，但拒收文件没有写成：{unwritten.zh}",
                                f"The payments are made, but the rejects file was not written: {unwritten.en}"))
    return 1 if counts["rejected"] or unwritten else 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    methods = common.codes({m: labels.PAYMENT_METHOD[m] for m in METHODS})
    p = common.command(sub, "payments", w("批量收费：银行、代收机构的代收文件", "payments in bulk: collection files "
                                          "from banks and payment agents"))
    psub = p.add_subparsers(dest="payments_command", required=True)
    imp = common.command(psub, "import", w("导入银行或代收机构的代收文件（CSV 或 XLSX），合格的行在一个事务里一起入账。"
                                           "退出码 0：没有拒收的行；1：有拒收的行，写入文件旁的 .rejected.csv",
                                           "import a bank's or payment agent's collection file (CSV or XLSX), all "
                                           "good rows paid in one transaction; exit 0 when no row was rejected, 1 "
                                           "when some were (written to .rejected.csv beside the file)"),
                         common_options)
    imp.add_argument("file", help=w("CSV（UTF-8、GB18030/GBK）或 XLSX；", "CSV (UTF-8, GB18030/GBK) or XLSX; ")
                     + w("表头", "headers") + " 户号 金额 参考号 日期 [备注]")
    imp.add_argument("--method", required=True,
                     help=w(f"款项的来源：{methods}", f"where the money came from: {methods}"))
    imp.add_argument("--rejects", metavar="FILE",
                     help=w("拒收的行写到这个文件（默认：输入文件旁的 .rejected.csv）",
                            "write the rejected rows here (default: .rejected.csv beside the file)"))
    imp.add_argument("--dry-run", action="store_true",
                     help=w("只检查和报告，什么也不入账", "check and report, pay nothing"))
    common.json_flag(imp, "以 JSON 输出：rows、paid、already_imported、rejected、total、payments、rejects",
                     "as JSON: rows, paid, already_imported, rejected, total, payments, rejects")
    imp.set_defaults(func=cmd_import)
