"""Taking a payment (收费): money received against an account's open bills oldest first, then its
other charges, each bill's late fee charged on the part paid, anything over put to prepayment
(预存); the receipt is issued in the same transaction.

A retried submit (a double Enter, a crash before the reply) carries the form's idempotency key:
it returns the first payment and its receipt, never a second posting nor a second number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Bill, LedgerAllocation, LedgerEntry, Receipt, ReceiptKind
from gasdesk.money import money
from gasdesk.services import ledger
from gasdesk.services.accounts.records import load
from gasdesk.services.cashier import due as dues
from gasdesk.services.cashier import fees as counter_fees
from gasdesk.services.cashier import receipts
from gasdesk.services.core import audit, business_day, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.ledger import shifts

PAID = frozenset({Change.LEDGER, Change.ACCOUNT})
_REFERENCE = re.compile(r"[0-9A-Za-z][0-9A-Za-z_\-/.]{0,63}")


@dataclass(frozen=True)
class Allocation:
    charge_id: int
    bill_id: int | None
    amount: Decimal

    def json(self) -> dict[str, object]:
        return {"charge_id": self.charge_id, "bill_id": self.bill_id, "amount": f"{self.amount:.2f}"}


@dataclass(frozen=True)
class PaymentDone(Changed):
    receipt_id: int
    receipt_number: str
    posting_id: int
    account_id: int
    amount: Decimal
    allocations: tuple[Allocation, ...]
    late_fee: Decimal  # charged with this payment (its own allocations are not listed)
    prepayment: Decimal  # put to prepayment by this payment
    change: Decimal  # cash handed back (0.00 for other methods)
    balances: ledger.Balances
    replayed: bool = False
    fees: tuple[counter_fees.Fee, ...] = ()  # the fee list's items charged with this payment
    changes: frozenset[Change] = field(default=PAID, kw_only=True)

    def json(self) -> dict[str, object]:
        return {"receipt_number": self.receipt_number, "posting_id": self.posting_id,
                "allocations": [a.json() for a in self.allocations], "late_fee": f"{self.late_fee:.2f}",
                "fees": [{"kind": f.kind, "amount": f"{f.amount:.2f}"} for f in self.fees],
                "prepayment": f"{self.prepayment:.2f}", "change": f"{self.change:.2f}",
                "amount": f"{self.amount:.2f}", "balance": f"{self.balances.available:.2f}",
                "replayed": self.replayed}


def clean_reference(method: str, reference: str | None) -> str:
    """The reference number of a non-cash payment (the POS slip's, the app's order number): required
    for every method but cash, digits and Latin letters (full-width ones are read as such)."""
    text = unicodedata.normalize("NFKC", reference or "").strip()
    if method == "cash":
        if text:
            raise ValidationError("现金收款不填交易参考号。", "A cash payment has no reference number.",
                                  field="reference")
        return ""
    if not text:
        raise ValidationError("非现金收款须填写交易参考号（POS 签购单或支付凭证上的号码）。",
                              "A non-cash payment needs its reference number (from the card slip or the app).",
                              field="reference")
    if not _REFERENCE.fullmatch(text):
        raise ValidationError(f"交易参考号只能由字母、数字和 - _ / . 组成，最长 64 位：{text[:70]}",
                              "A reference number is letters, digits and - _ / . (at most 64).", field="reference")
    return text


def _result(session: Session, receipt: Receipt, replayed: bool) -> PaymentDone:
    """What a payment did, read back from its rows (the first time and on every replay)."""
    entries = list(session.scalars(select(LedgerEntry).where(LedgerEntry.posting_id == receipt.posting_id)))
    mine = {e.id: e for e in entries}
    rows = session.execute(
        select(LedgerAllocation.charge_entry_id, LedgerAllocation.amount, Bill.id)
        .outerjoin(Bill, Bill.charge_entry_id == LedgerAllocation.charge_entry_id)
        .where(LedgerAllocation.posting_id == receipt.posting_id).order_by(LedgerAllocation.id)).all()
    paid = tuple(Allocation(charge, bill, amount) for charge, amount, bill in rows if charge not in mine)
    late = sum((e.amount for e in entries if e.kind == "penalty"), Decimal("0.00"))
    prepaid = sum((e.amount for e in entries if e.kind == "prepayment"), Decimal("0.00"))
    charged = tuple(counter_fees.Fee(e.kind, e.amount) for e in entries if e.kind in counter_fees.COUNTER_FEES)
    assert receipt.account_id is not None
    return PaymentDone(receipt.id, receipt.number, receipt.posting_id, receipt.account_id, receipt.amount, paid,
                       late, prepaid, receipt.change_given or Decimal("0.00"),
                       ledger.balances(session, receipt.account_id), replayed, charged)


def split(due: dues.Due, received: Decimal, fees: Decimal = Decimal("0.00")) -> tuple[list[dues.Part], Decimal]:
    """How money received splits: the fees charged with it first, then what is due (dues.split)."""
    return dues.split(due, max(received - fees, Decimal("0.00")))


def take_payment(
    session: Session,
    actor: Actor,
    account_id: int,
    *,
    amount: Decimal | str,
    method: str,
    idempotency_key: str,
    tendered: Decimal | str | None = None,
    reference: str | None = None,
    fees: Iterable[tuple[str, Decimal | str | None]] = (),
) -> PaymentDone:
    """收费: ``amount`` received by ``method`` (cash: ``tendered`` handed over, the change worked out).

    ``fees`` (kind, amount or None for the fee list's) are the fee list's items charged with it
    (a meter, a call-out): the money pays them first, then the open bills."""
    require(session, actor, "ledger.post")
    key = ledger.submission_key(idempotency_key)
    first = ledger.find_posting(session, key)
    if first is not None:
        if first.account_id != account_id:
            raise Conflict("这个提交编号已用于另一个户号，请重新打开收费窗口。",
                           "This submission key was already used for another account; reopen the payment form.")
        receipt = session.scalar(select(Receipt).where(Receipt.posting_id == first.id))
        if receipt is None:
            raise Conflict("这个提交编号已用于另一笔业务，请重新打开收费窗口。",
                           "This submission key was already used for something else; reopen the payment form.")
        return _result(session, receipt, replayed=True)
    account = load(session, account_id)
    if account.status == "closed":
        raise Conflict("该户已销户，不能再收费。", "The account is closed; no payment can be taken.")
    received = money(amount)
    payment = ledger.Payment(received, method, None if tendered in (None, "") else money(tendered, signed=False))
    ref = clean_reference(method, reference)
    charged = counter_fees.checked(session, fees)
    shift = shifts.todays(session, actor)
    owed = dues.amount_due(session, account.id, shift.business_date)
    parts, over = split(owed, received, sum((f.amount for f in charged), Decimal("0.00")))
    lines = [ledger.Line(f.kind, f.amount, reason=labels.LEDGER_KIND[f.kind].zh) for f in charged]
    lines += [ledger.Line("penalty", p.fee, reason=f"滞纳金：账单 {p.item.bill_id}，逾期 {p.item.late_days} 天")
              for p in parts if p.fee > 0]
    if over > 0:
        lines.append(ledger.Line("prepayment", over, reason="预存"))
    posted = ledger.record(session, actor, account.id, lines, payment=payment, idempotency_key=key,
                           action="cashier.payment", memo="收费", shift=shift)
    receipt = receipts.issue(session, actor, posted, ReceiptKind.PAYMENT, method=method, reference=ref,
                             amount=received, tendered=payment.tendered, change=posted.change_given or None)
    done = _result(session, receipt, replayed=False)
    audit.record(session, actor, "cashier.payment", "account", account.id,
                 after={"receipt": receipt.number, "amount": received, "method": method, "reference": ref,
                        "fees": [[f.kind, f.amount] for f in charged], "late_fee": done.late_fee,
                        "prepayment": done.prepayment, "posting_id": posted.posting_id})
    return done


def quote(session: Session, actor: Actor, account_id: int) -> dues.Due:
    """What the counter shows before it takes a payment: the open items oldest bill first, each
    with its late fee to today's business date, and the total that pays them off."""
    require(session, actor, "ledger.post")
    load(session, account_id)
    return dues.amount_due(session, account_id, business_day.today(session))
