"""Collection files (代收): a bank's or a payment agent's file of payments the customers made there,
taken here all together or not at all.

The file is read as a readings file is (readings/files.py: UTF-8, GB18030/GBK, UTF-16, XLSX, a
title row above the headers, account numbers that lost their leading zeros, refusals in words)
with the columns of ``PAYMENTS``: 户号, 金额, 参考号, 日期, and 备注 if the file has one. Every
row is checked before anything is paid; then the good rows go through ``take_payment`` one by one
in the caller's one transaction (open bills oldest first, the rest to prepayment, a receipt each
in the counter's series, the clerk's shift date as the business date): a refused or killed
import leaves nothing paid.

A row's submission key is its method and reference (``submission_key``), so a file imported twice
pays once: the second time its rows count as already imported. A reference already paid under
the same method (by an import or at the counter) for another account or amount, or voided since,
is rejected in words, never replayed; a reference the file holds twice is paid once when the rows
agree and rejected in all of them when they do not.

The reason codes of the rejects file (``reason_code``), stable for scripts:

- ``bad_account``: the account cell is empty or not an account number (letters, other scripts' digits)
- ``check_digit``: nine digits whose check digit is wrong
- ``unknown_account``: no account has the number; ``closed_account``: the account is closed
- ``bad_amount``: not an amount the one money parser takes, not above 0, or beyond the office's bound
- ``bad_date``: not a real date; ``future_date``: after today's business date
- ``no_reference``: the reference is empty; ``bad_reference``: not a reference number (or a long
  one a spreadsheet turned into a number and rounded)
- ``duplicate_in_file``: the file holds the reference again with another account or amount
- ``reference_used``: the reference was paid already, for another account or amount, or voided

The file's date (the day the customer paid) is checked and kept in the import's audit row, with
the receipts of that day; the receipts themselves carry the bank's reference as it is.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Account, AccountStatus, Receipt, ReceiptKind, ReceiptStatus
from gasdesk.money import AmountRefused, money
from gasdesk.services.accounts import numbers
from gasdesk.services.cashier import payments
from gasdesk.services.cashier.payments import PaymentDone
from gasdesk.services.core import audit, business_day, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import NONE, Changed
from gasdesk.services.core.errors import ValidationError, current_language
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import shown
from gasdesk.services.ledger.posting import amount_bound
from gasdesk.services.readings import files
from gasdesk.services.readings.files import FileRow, Layout, ReadingFile

METHODS = ("transfer", "wechat", "alipay")  # what a bank or a payment agent collects
PAYMENTS = Layout(
    fields=("account", "amount", "reference", "date", "note"),
    required=("account", "amount", "reference", "date"),
    labels={"account": ("户号", "account"), "amount": ("金额", "amount"), "reference": ("参考号", "reference"),
            "date": ("日期", "date"), "note": ("备注", "note")},
    # What banks' and agents' exports call them, compared as readings/files.py compares headers.
    headers={
        "account": ("户号", "用户编号", "用户号", "缴费户号", "客户编号", "account", "account_number"),
        "amount": ("金额", "缴费金额", "交易金额", "实收金额", "代收金额", "收款金额", "amount"),
        "reference": ("参考号", "交易参考号", "流水号", "交易流水号", "交易单号", "订单号", "商户订单号", "交易号",
                      "凭证号", "reference", "ref", "transaction_id"),
        "date": ("日期", "交易日期", "缴费日期", "入账日期", "交易时间", "支付时间", "date", "paid_on",
                 "transaction_date"),
        "note": ("备注", "摘要", "note"),
    },
    noun=("代收文件", "collection file"),
    exporter=("银行或代收机构", "bank or payment agent"),
)
KEY_PREFIX = "import"
CHUNK = 500  # numbers or references per lookup query
EXACT_DIGITS = 15  # what a spreadsheet keeps of a number: a longer reference typed as one was rounded
_EXPONENT = re.compile(r"[0-9](?:\.[0-9]+)?[eE]\+[0-9]+")  # 4.20000123E+27: such a rounded number, saved as CSV

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Row:
    """One row of the file as checked, and as paid unless rejected (a dry run: as it would be)."""

    row: FileRow
    outcome: str  # paid | already_imported | rejected
    code: str = ""  # a rejected row's reason code
    zh: str = ""
    en: str = ""
    account_id: int | None = None
    account_number: str = ""
    amount: Decimal | None = None
    reference: str = ""
    paid_on: date | None = None
    receipt_number: str = ""  # the receipt issued, or the one that paid it before
    done: PaymentDone | None = None

    @property
    def reason(self) -> str:
        return self.en if current_language() == "en" else self.zh

    def json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "line": self.row.line, "outcome": self.outcome, "account_number": self.account_number,
            "amount": None if self.amount is None else f"{self.amount:.2f}", "reference": self.reference,
            "date": self.paid_on.isoformat() if self.paid_on else None, "receipt_number": self.receipt_number or None}
        if self.done is not None:
            out |= {k: v for k, v in self.done.json().items() if k in ("allocations", "late_fee", "prepayment")}
        return out


@dataclass(frozen=True)
class PaymentImport(Changed):
    path: Path
    encoding: str
    method: str
    dry_run: bool
    source: ReadingFile
    rows: tuple[Row, ...]

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    def counts(self) -> dict[str, int]:
        """The import's contract: ``rows``, ``paid``, ``already_imported``, ``rejected``."""
        return {"rows": len(self.rows), **{k: self.count(k) for k in ("paid", "already_imported", "rejected")}}

    @property
    def total(self) -> Decimal:
        """What this import paid (a dry run: would pay)."""
        return sum((r.amount or Decimal("0.00") for r in self.rows if r.outcome == "paid"), Decimal("0.00"))

    def rejected_rows(self) -> list[tuple[FileRow, str, str]]:
        return [(r.row, r.code, r.reason) for r in self.rows if r.outcome == "rejected"]

    def json(self) -> dict[str, object]:
        return {**self.counts(), "total": f"{self.total:.2f}", "method": self.method, "dry_run": self.dry_run,
                "payments": [r.json() for r in self.rows if r.outcome != "rejected"],
                "rejects": [{"line": r.row.line, "reason_code": r.code, "reason": r.reason}
                            for r in self.rows if r.outcome == "rejected"]}


def read(path: str | Path, progress: Progress | None = None) -> ReadingFile:
    """The file, read and refused in words before any database work."""
    return files.read_file(path, progress, PAYMENTS)


def check_method(method: str) -> str:
    """The method as a code (``TRANSFER`` and `` wechat `` taken too), or its refusal naming the three."""
    if (method or "").strip().lower() not in METHODS:
        names = "、".join(f"{m}（{labels.text(labels.PAYMENT_METHOD, m, 'zh')}）" for m in METHODS)
        raise ValidationError(f"代收文件的付款方式只能是 {names}，不是“{shown(str(method))}”。",
                              f"A collection file's method is one of {', '.join(METHODS)}, not “{shown(str(method))}”.",
                              field="method")
    return method.strip().lower()


def submission_key(method: str, reference: str) -> str:
    """The row's idempotency key: the same reference under the same method is one payment. A key
    holds 64 characters; a longer one is named by its reference's hash."""
    key = f"{KEY_PREFIX}:{method}:{reference}"
    if len(key) <= 64:
        return key
    return f"{KEY_PREFIX}:{method}:#{hashlib.sha256(reference.encode()).hexdigest()[:40]}"


# --- checking one row --------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(code)
        self.code, self.zh, self.en = code, zh, en


def _number(text: str) -> str:
    try:
        return numbers.validate_number(text)
    except ValidationError as exc:
        if not text:
            raise _Refused("bad_account", "没有填写户号。", "The account number is empty.") from None
        if numbers.looks_like_number(text):
            raise _Refused("check_digit", f"户号 {shown(text)} 的校验位不对，请与银行核对。",
                           f"The check digit of account number {shown(text)} is wrong.") from None
        raise _Refused("bad_account", f"户号“{shown(text)}”：{exc.zh}",
                       f"Account number “{shown(text)}”: {exc.en}") from None


def _amount(text: str, bound: Decimal) -> Decimal:
    try:
        amount = money(text, signed=False, bound=bound)
    except AmountRefused as exc:  # the parser's words; those of a foreign digit do not say which cell
        if "金额" in exc.zh:
            raise _Refused("bad_amount", exc.zh, exc.en) from None
        raise _Refused("bad_amount", f"金额“{shown(text)}”：{exc.zh}", f"Amount “{shown(text)}”: {exc.en}") from None
    if amount == 0:
        raise _Refused("bad_amount", "金额是 0：没有收到钱的行不能入账。", "The amount is 0: nothing was received.")
    return amount


def _day(text: str, today: date) -> date:
    if not text:
        raise _Refused("bad_date", "没有填写日期（客户付款的日子）。", "The date (the day the customer paid) is empty.")
    day = files.parse_date(text)
    if day is None:
        raise _Refused("bad_date", f"日期“{shown(text)}”无法识别，请写成 2027-03-31、2027/3/31 或 2027年3月31日。",
                       f"The date “{shown(text)}” is not a date; write 2027-03-31, 2027/3/31 or 2027年3月31日.")
    if day > today:
        raise _Refused("future_date", f"日期 {day} 晚于今天（{today}）：还没到的日子不能已经付了款，请与银行核对。",
                       f"The date {day} is after today ({today}); check the file with the bank.")
    return day


def _reference(row: FileRow, method: str) -> str:
    text = row.fields["reference"]
    if not text:
        raise _Refused("no_reference", "没有参考号（银行或代收机构的交易流水号）：没有它就无法防止重复入账。",
                       "The reference (the bank's or agent's transaction number) is empty; without it a "
                       "payment could be taken twice.")
    digits = text.lstrip("0") if text.isdigit() else ""
    if _EXPONENT.fullmatch(text) or ("reference" in row.numeric and len(digits) > EXACT_DIGITS):
        raise _Refused("bad_reference",
                       f"参考号“{shown(text, 40)}”在表格里被存成了数字，超过 {EXACT_DIGITS} 位的部分已被改掉："
                       "请把这一列设为“文本”格式，从银行的原始文件重新导出后再导入。",
                       f"The reference “{shown(text, 40)}” was kept as a number by the spreadsheet, which changed "
                       f"its digits beyond {EXACT_DIGITS}: export the bank's file again with that column as text.")
    try:
        return payments.clean_reference(method, text)
    except ValidationError as exc:
        raise _Refused("bad_reference", exc.zh, exc.en) from None


@dataclass
class _Good:
    """A row that passed its own checks, before the file and the database are compared with it."""

    number: str
    amount: Decimal
    reference: str
    day: date
    account_id: int = 0


def _parse(row: FileRow, reference: str | _Refused, today: date, bound: Decimal) -> _Good:
    """The row's values, or the first of its problems (in the order of the columns)."""
    number = _number(row.fields["account"])
    amount = _amount(row.fields["amount"], bound)
    day = _day(row.fields["date"], today)
    if isinstance(reference, _Refused):
        raise reference
    return _Good(number, amount, reference, day)


# --- the file ----------------------------------------------------------------------------------


def _chunks(values: Sequence[str]) -> list[Sequence[str]]:
    return [values[i:i + CHUNK] for i in range(0, len(values), CHUNK)]


def _accounts(session: Session, wanted: Sequence[str]) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(list(dict.fromkeys(wanted))):
        q = select(Account.number, Account.id, Account.status).where(Account.number.in_(chunk))
        found.update({n: (aid, status) for n, aid, status in session.execute(q)})
    return found


def _paid_before(session: Session, method: str, references: Sequence[str]) -> dict[str, list[Receipt]]:
    """The payment receipts that carry these references under this method: the imports' own and the counter's."""
    out: dict[str, list[Receipt]] = defaultdict(list)
    for chunk in _chunks(list(dict.fromkeys(references))):
        q = (select(Receipt).where(Receipt.method == method, Receipt.kind == ReceiptKind.PAYMENT.value,
                                   Receipt.reference.in_(chunk)).order_by(Receipt.id))
        for receipt in session.scalars(q):
            out[receipt.reference].append(receipt)
    return out


def _number_of(session: Session, account_id: int | None) -> str:
    return session.scalar(select(Account.number).where(Account.id == account_id)) or "?"


def _already(session: Session, good: _Good, receipts: list[Receipt]) -> tuple[str, Receipt] | _Refused:
    """How an earlier payment with the row's reference stands: the same payment, or a refusal."""
    same = [r for r in receipts if r.account_id == good.account_id and r.amount == good.amount]
    first = (same or receipts)[0]
    ref = shown(good.reference, 40)
    if first.status == ReceiptStatus.VOID.value:
        return _Refused("reference_used", f"参考号 {ref} 已于 {first.business_date} 入账（收据 {first.number}），"
                        "后来作废了：如确需重新入账，请核实后在柜台收费。",
                        f"Reference {ref} was paid on {first.business_date} (receipt {first.number}) and voided "
                        "since; if it must be paid again, check it and take it at the counter.")
    if same:
        return "already_imported", first
    other = _number_of(session, first.account_id)
    return _Refused("reference_used", f"参考号 {ref} 已于 {first.business_date} 入账：户号 {other}，"
                    f"金额 {first.amount} 元（收据 {first.number}），与这一行（户号 {good.number}，{good.amount} 元）"
                    "不同，请与银行核对。",
                    f"Reference {ref} was paid on {first.business_date} to account {other}, {first.amount} (receipt "
                    f"{first.number}), not as this row says (account {good.number}, {good.amount}); check with "
                    "the bank.")


def _conflict(rows: Sequence[FileRow], ref: str, at: Sequence[int]) -> _Refused:
    lines, lines_en = "、".join(str(rows[i].line) for i in at), ", ".join(str(rows[i].line) for i in at)
    return _Refused("duplicate_in_file", f"参考号 {shown(ref, 40)} 在文件里出现了 {len(at)} 次（第 {lines} 行），"
                    "户号或金额不一致：请与银行核实后改正文件，再导入。",
                    f"Reference {shown(ref, 40)} is in the file {len(at)} times (rows {lines_en}) with different "
                    "accounts or amounts; correct the file with the bank, then import it.")


class _Sorting:
    """The file's rows sorted step by step: each step settles some (rejected, already imported) and
    leaves the rest, in file order, to the next; what is left at the end is paid."""

    def __init__(self, rows: Sequence[FileRow], method: str, today: date, bound: Decimal) -> None:
        self.rows = rows
        self.settled: dict[int, Row] = {}
        self.left: dict[int, _Good] = {}
        self.refs: dict[int, str] = {}  # every row with a usable reference, for the duplicates
        for i, row in enumerate(rows):
            try:
                reference: str | _Refused = _reference(row, method)
                self.refs[i] = reference
            except _Refused as why:
                reference = why
            try:
                self.left[i] = _parse(row, reference, today, bound)
            except _Refused as why:
                self.refuse(i, why)

    def refuse(self, i: int, why: _Refused) -> None:
        self.settled[i] = _row(self.rows[i], self.left.pop(i, None), "rejected", why=why)

    def settle(self, i: int, outcome: str, receipt: str = "", done: PaymentDone | None = None) -> None:
        self.settled[i] = _row(self.rows[i], self.left.pop(i), outcome, receipt=receipt, done=done)

    def against_accounts(self, accounts: Mapping[str, tuple[int, str]]) -> None:
        for i, good in list(self.left.items()):
            found = accounts.get(good.number)
            if found is None:
                self.refuse(i, _Refused("unknown_account", f"没有户号为 {good.number} 的用户。",
                                        f"No account has the number {good.number}."))
            elif found[1] == AccountStatus.CLOSED.value:
                self.refuse(i, _Refused("closed_account", f"户号 {good.number} 已销户，不能再收费：请与银行核对后"
                                        "退回这笔款。", f"Account {good.number} is closed; no payment can be taken "
                                        "(return it to the bank)."))
            else:
                good.account_id = found[0]

    def against_file(self) -> None:
        """A reference the file holds again: paid once when the rows agree, refused in all of them otherwise."""
        by_ref: dict[str, list[int]] = defaultdict(list)
        for i, ref in self.refs.items():
            by_ref[ref].append(i)
        for ref, at in by_ref.items():
            if len(at) == 1:
                continue
            if all(i in self.left for i in at) and len({(self.left[i].number, self.left[i].amount) for i in at}) == 1:
                for i in at[1:]:
                    self.settle(i, "already_imported")
                continue
            why = _conflict(self.rows, ref, at)
            for i in at:
                if i in self.left:  # a row refused already keeps its own reason
                    self.refuse(i, why)

    def against_earlier(self, session: Session, before: Mapping[str, list[Receipt]]) -> None:
        for i, good in list(self.left.items()):
            if good.reference in before:
                seen = _already(session, good, before[good.reference])
                if isinstance(seen, _Refused):
                    self.refuse(i, seen)
                else:
                    self.settle(i, seen[0], seen[1].number)


def import_file(session: Session, actor: Actor, source: ReadingFile, *, method: str,
                dry_run: bool = False) -> PaymentImport:
    """Check every row of ``source``; unless ``dry_run``, pay its good rows in this transaction."""
    require(session, actor, "ledger.post")
    method = check_method(method)
    rows = _Sorting(source.rows, method, business_day.today(session), amount_bound(session))
    rows.against_accounts(_accounts(session, [g.number for g in rows.left.values()]))
    rows.against_file()
    rows.against_earlier(session, _paid_before(session, method, [g.reference for g in rows.left.values()]))
    for i, good in list(rows.left.items()):  # in file order: each payment sees the ones before it
        done = None if dry_run else payments.take_payment(
            session, actor, good.account_id, amount=good.amount, method=method, reference=good.reference,
            idempotency_key=submission_key(method, good.reference))
        rows.settle(i, "already_imported" if done is not None and done.replayed else "paid",
                    done.receipt_number if done else "", done)
    ordered = tuple(rows.settled[i] for i in range(len(source.rows)))
    paid = [r for r in ordered if r.done is not None and not r.done.replayed]
    result = PaymentImport(source.path, source.encoding, method, dry_run, source, ordered,
                           changes=payments.PAID if paid else NONE)
    if not dry_run:
        audit.record(session, actor, "cashier.payment", "file", shown(source.path.name, 200),
                     after={"file": source.path.name, "encoding": source.encoding, "method": method,
                            **result.counts(), "amount": result.total, "paid_on": _by_day(paid)})
    return result


def _row(row: FileRow, good: _Good | None, outcome: str, *, why: _Refused | None = None, receipt: str = "",
         done: PaymentDone | None = None) -> Row:
    """A result row: the checked values, or (a row refused by its own checks) its cells as they were."""
    code, zh, en = (why.code, why.zh, why.en) if why else ("", "", "")
    if good is None:
        return Row(row, outcome, code, zh, en, account_number=shown(row.fields["account"], 40),
                   reference=shown(row.fields["reference"], 64))
    return Row(row, outcome, code, zh, en, good.account_id or None, good.number, good.amount, good.reference,
               good.day, receipt, done)


def _by_day(paid: Sequence[Row]) -> dict[str, list[str]]:
    """The receipts by the day the file says each was paid (the audit keeps the file's dates)."""
    days: dict[str, list[str]] = defaultdict(list)
    for r in paid:
        days[r.paid_on.isoformat() if r.paid_on else ""].append(r.receipt_number)
    return dict(days)


def write_rejects(result: PaymentImport, to: Path | None = None) -> Path | None:
    """The rejects file (after the commit): beside the input, where an old one goes when nothing was
    rejected (what lies there belongs to the last import); or at ``to``, written even when empty."""
    rejected = result.rejected_rows()
    if rejected or to is not None:
        return files.write_rejects(result.source, rejected, to)
    stale = files.rejects_path(result.path)
    try:
        stale.unlink(missing_ok=True)
    except OSError as exc:
        where, why = shown(str(stale), 260), shown(exc.strerror or str(exc), 80)
        raise ValidationError(f"旧的拒收文件删不掉：{where}（{why}）。",
                              f"The old rejects file cannot be removed: {where} ({why}).") from exc
    return None
