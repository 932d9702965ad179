"""Receipts (收据): issued with their posting, listed, printed and reprinted (补打, with the copy
mark and a print job), in the two layouts of receipt_pdf.

Series: ``A`` numbers the payment receipts of a counter, ``R`` its refund receipts (numbers.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import (
    Account,
    Bill,
    Counter,
    LedgerAllocation,
    LedgerEntry,
    LpgCustomer,
    Receipt,
    ReceiptKind,
    Shift,
    User,
)
from gasdesk.models.cashier import SERIES
from gasdesk.services import ledger
from gasdesk.services.accounts.identity import mask_name
from gasdesk.services.accounts.records import load, summarize
from gasdesk.services.cashier import numbers
from gasdesk.services.cashier.receipt_doc import ReceiptDoc, ReceiptItem
from gasdesk.services.cashier.receipt_pdf import LAYOUTS, receipt_pdf
from gasdesk.services.core import audit, business_day, labels, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.ledger import history, shifts
from gasdesk.services.printing import jobs
from gasdesk.services.printing.fonts import configured_font

DOCUMENT_KIND = "receipt"


def issue(session: Session, actor: Actor, posted: ledger.PostingResult, kind: ReceiptKind, *, method: str,
          reference: str, amount: Decimal, tendered: Decimal | None = None, change: Decimal | None = None,
          refund_of: int | None = None) -> Receipt:
    """The receipt of a posting that moved money, numbered in its counter's series (same transaction)."""
    counter_id = shifts.counter_of(actor)
    assert posted.shift_id is not None and posted.business_date is not None, "a receipt is for money moved"
    series = SERIES[kind]
    seq, number = numbers.next_number(session, counter_id, actor.counter, series)
    receipt = Receipt(number=number, counter_id=counter_id, series=series, seq=seq, kind=kind.value,
                      posting_id=posted.posting_id, party_id=posted.party_id, account_id=posted.account_id,
                      amount=amount, method=method, reference=reference, tendered=tendered,
                      change_given=change if tendered is not None else None, refund_of=refund_of,
                      user_id=actor.user_id, shift_id=posted.shift_id, business_date=posted.business_date)
    if business_day.pinned(session):  # building history: issued on that day, not today
        receipt.created_at = history.moment(posted.business_date)
    session.add(receipt)
    session.flush()
    return receipt


def issue_for(session: Session, actor: Actor, posted: ledger.PostingResult, reference: str = "") -> Receipt | None:
    """The receipt of an account service's posting that moved money (the signing's fees, a
    closing settlement, a transfer's refund): a payment receipt for money in, a refund receipt
    for money out, none when no money moved (or on a replay, which has its receipt already)."""
    cash = [e for e in posted.entries if e.bucket == "money"]
    if not cash or posted.replayed:
        return None
    net = -sum((e.amount for e in cash), Decimal("0.00"))  # a payment's entry is negative
    if not net:
        return None
    kind = ReceiptKind.PAYMENT if net > 0 else ReceiptKind.REFUND
    tendered = next((e.tendered for e in cash if e.tendered is not None), None)
    return issue(session, actor, posted, kind, method=cash[0].method or "cash", reference=reference,
                 amount=abs(net), tendered=tendered, change=posted.change_given if tendered is not None else None)


def find(session: Session, number: str) -> Receipt:
    text = (number or "").strip().upper()
    receipt = session.scalar(select(Receipt).where(Receipt.number == text)) if text else None
    if receipt is None:
        raise NotFound(f"没有收据号为 {text[:30]} 的收据，请核对收据号（如 C01-A-0000123）。",
                       f"No receipt numbered {text[:30]} (e.g. C01-A-0000123).")
    return receipt


@dataclass(frozen=True)
class ReceiptRow:
    number: str
    series: str
    counter: str
    status: str
    kind: str
    amount: Decimal
    method: str
    account_number: str
    login: str
    created_at: datetime
    business_date: date
    shift_open: bool = False  # voidable while its shift is open; refunded after

    def json(self) -> dict[str, object]:
        return {"number": self.number, "series": self.series, "counter": self.counter, "status": self.status,
                "kind": self.kind, "amount": f"{self.amount:.2f}", "method": self.method,
                "account_number": self.account_number, "login": self.login,
                "created_at": self.created_at.isoformat(timespec="seconds"),
                "business_date": self.business_date.isoformat()}


def list_receipts(session: Session, actor: Actor, *, on: date | None = None, counter: str | None = None,
                  account_id: int | None = None, limit: int = 2000) -> list[ReceiptRow]:
    """Receipts by number, of a business day and/or a counter and/or an account."""
    require(session, actor, "receipt.view")
    return rows(session, on=on, counter=counter, account_id=account_id, limit=limit)


def rows(session: Session, *, on: date | None = None, counter: str | None = None, account_id: int | None = None,
         limit: int = 2000) -> list[ReceiptRow]:
    """``list_receipts`` for a caller that checked its own permission (the account page)."""
    q = (select(Receipt, Counter.code, User.login, Account.number, Shift.status)
         .join(Counter, Counter.id == Receipt.counter_id).join(User, User.id == Receipt.user_id)
         .join(Shift, Shift.id == Receipt.shift_id).outerjoin(Account, Account.id == Receipt.account_id))
    if on is not None:
        q = q.where(Receipt.business_date == on)
    if counter:
        q = q.where(Counter.code == counter.strip().upper())
    if account_id is not None:
        q = q.where(Receipt.account_id == account_id)
    order = (Receipt.id.desc(),) if account_id is not None else (Receipt.counter_id, Receipt.series, Receipt.seq)
    found = session.execute(q.order_by(*order).limit(limit)).all()
    return [ReceiptRow(r.number, r.series, code, r.status, r.kind, r.amount, r.method, number or "", login,
                       r.created_at, r.business_date, shift == "open") for r, code, login, number, shift in found]


def _items(session: Session, receipt: Receipt) -> tuple[tuple[ReceiptItem, ...], Decimal]:
    """What the receipt's money paid (each bill and charge, as allocated), and what went to prepayment."""
    own = {e.id: e for e in session.scalars(select(LedgerEntry).where(LedgerEntry.posting_id == receipt.posting_id))}
    rows = session.execute(
        select(LedgerAllocation.charge_entry_id, LedgerAllocation.amount, LedgerEntry.kind, Bill)
        .join(LedgerEntry, LedgerEntry.id == LedgerAllocation.charge_entry_id)
        .outerjoin(Bill, Bill.charge_entry_id == LedgerAllocation.charge_entry_id)
        .where(LedgerAllocation.posting_id == receipt.posting_id, LedgerAllocation.reversal_of.is_(None))
        .order_by(LedgerAllocation.id)).all()
    items, prepaid = [], Decimal("0.00")
    for charge_id, amount, kind, bill in rows:
        if kind == "prepayment":
            prepaid += amount
            continue
        detail = f"{bill.period_from}～{bill.period_to}  {bill.volume_m3:.3f} m³" if bill is not None else ""
        if kind == "penalty":
            detail = own[charge_id].reason if charge_id in own else ""
        items.append(ReceiptItem(labels.text(labels.LEDGER_KIND, kind, "zh"), detail, amount))
    items.sort(key=lambda x: x.label == labels.text(labels.LEDGER_KIND, "penalty", "zh"))  # bills, then late fees
    if receipt.kind == ReceiptKind.REFUND:
        items = [ReceiptItem(labels.text(labels.LEDGER_KIND, e.kind, "zh"), e.reason, -e.amount)
                 for e in own.values() if e.bucket != "money"]
    return tuple(items), prepaid


def document(session: Session, actor: Actor, receipt: Receipt, *, copy: bool) -> ReceiptDoc:
    """The receipt as printed: the account, the items paid, the balance after it."""
    counter = session.get(Counter, receipt.counter_id)
    clerk = session.get(User, receipt.user_id)
    assert counter is not None and clerk is not None
    account = summarize(session, actor, load(session, receipt.account_id)) if receipt.account_id else None
    # an LPG customer's (the depot's exchange): their number, name and address as an account's
    lpg = None if account else session.scalar(select(LpgCustomer).where(LpgCustomer.party_id == receipt.party_id))
    number, name, address = ((account.number or "", account.holder_name, account.address) if account else
                             (lpg.number, lpg.name, lpg.address) if lpg else ("", "", ""))
    items, prepaid = _items(session, receipt)
    return ReceiptDoc(
        company=settings.get(session, "office_name"), counter=counter.code, clerk=f"{clerk.name}（{clerk.login}）",
        number=receipt.number, kind=receipt.kind, status=receipt.status,
        account_number=number, holder=mask_name(name) if name else "", address=address, items=items,
        prepayment=prepaid,
        method=labels.text(labels.PAYMENT_METHOD, receipt.method, "zh"), reference=receipt.reference,
        amount=receipt.amount, tendered=receipt.tendered, change=receipt.change_given,
        balance_after=_balance_after(session, receipt), issued_at=receipt.created_at.astimezone(),
        business_date=receipt.business_date, copy=copy)


def _balance_after(session: Session, receipt: Receipt) -> Decimal:
    """余额 right after the receipt's posting: prepayment less arrears, from the entries up to it."""
    return ledger.party_balances(session, receipt.party_id, up_to_posting=receipt.posting_id).available


def check_layout(layout: str) -> str:
    if layout not in LAYOUTS:
        raise ValidationError("收据版式只能是 roll（80 毫米卷纸）或 a5。", "A receipt layout is roll (80 mm) or a5.")
    return layout


def render(session: Session, actor: Actor, number: str, layout: str = "roll", *,
           reprint: bool = False) -> tuple[jobs.Document, bytes]:
    """The receipt's PDF for printing: the original the first time, a copy (副本) after, and
    always for a ``reprint`` (补打, audited); the caller records the print job once it is
    printed or saved (print only after commit)."""
    require(session, actor, "receipt.view")
    check_layout(layout)
    receipt = find(session, number)
    job = jobs.prepare(session, DOCUMENT_KIND, receipt.number)
    if reprint and not job.copy:
        job = jobs.Document(job.kind, job.id, True)
    if job.copy:
        audit.record(session, actor, "receipt.reprint", "account", receipt.account_id or "",
                     after={"receipt": receipt.number, "layout": layout})
    return job, receipt_pdf(document(session, actor, receipt, copy=job.copy), layout, font=configured_font(session))
