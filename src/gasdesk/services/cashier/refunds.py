"""Voids (作废) and refunds (退款), each with a supervisor's approval given on the spot.

A receipt is voided only while its shift is open, by the clerk who issued it at its counter: the
void reverses the whole posting (ledger.void_posting) in that same shift, keeps the receipt's
number with the status void, and reopens the bills it paid. After the shift is closed the money
goes back as a refund in the current shift, with a refund receipt (series R) naming the first.
Prepayment (预存) and deposits (押金) held are refunded the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Receipt, ReceiptKind, ReceiptStatus, Shift
from gasdesk.money import money
from gasdesk.services import ledger
from gasdesk.services.accounts.records import load
from gasdesk.services.cashier import receipts
from gasdesk.services.cashier.payments import clean_reference
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.permissions import require

MONEY_BACK = frozenset({Change.LEDGER, Change.ACCOUNT})


@dataclass(frozen=True)
class Voided(Changed):
    receipt_number: str
    void_posting_id: int
    balances: ledger.Balances
    replayed: bool = False


@dataclass(frozen=True)
class Refunded(Changed):
    receipt_number: str  # the refund receipt's
    posting_id: int
    amount: Decimal
    balances: ledger.Balances
    replayed: bool = False


def _reason(text: str) -> str:
    reason = (text or "").strip()
    if not reason:
        raise ValidationError("作废或退款必须写明原因。", "A void or a refund needs a reason.", field="reason")
    if len(reason) > 200:
        raise ValidationError("原因最多 200 字。", "The reason is at most 200 characters.", field="reason")
    return reason


def void_receipt(session: Session, actor: Actor, number: str, reason: str, *, approver: Actor,
                 idempotency_key: str) -> Voided:
    """作废 a receipt of an open shift (the issuing clerk, at its counter, with ``approver``)."""
    require(session, actor, "receipt.void")
    receipt = receipts.find(session, number)
    key = ledger.submission_key(idempotency_key)
    done = ledger.find_posting(session, key)
    if done is not None and done.voids == receipt.posting_id:  # a retry: the void already made
        return Voided(receipt.number, done.id, ledger.party_balances(session, receipt.party_id), True,
                      changes=MONEY_BACK)
    why = _reason(reason)
    if receipt.status == ReceiptStatus.VOID:
        raise Conflict(f"收据 {receipt.number} 已作废，不能重复作废。", f"Receipt {receipt.number} is already void.")
    if receipt.kind != ReceiptKind.PAYMENT:
        raise Conflict("退款收据不能作废。", "A refund receipt cannot be voided.")
    shift = session.get(Shift, receipt.shift_id)
    assert shift is not None
    if shift.status != "open":
        raise Conflict(f"收据 {receipt.number} 所在班次（{shift.business_date}）已结班，不能作废；请改为办理退款。",
                       f"The shift of receipt {receipt.number} ({shift.business_date}) is closed: refund it instead.")
    if (receipt.user_id, receipt.counter_id) != (actor.user_id, actor.counter_id):
        raise Conflict("只能由开具收据的收款员在原柜台申请作废。",
                       "Only the clerk who issued the receipt can void it, at its counter.")
    posted = ledger.void_posting(session, actor, receipt.posting_id, why, idempotency_key=key, approver=approver)
    receipt.status = ReceiptStatus.VOID.value
    receipt.void_posting_id = posted.posting_id
    receipt.void_reason, receipt.voided_by, receipt.void_approved_by = why, actor.user_id, approver.user_id
    receipt.voided_at = datetime.now(UTC)
    session.flush()
    audit.record(session, actor, "receipt.void", "account", receipt.account_id or "",
                 after={"receipt": receipt.number, "amount": receipt.amount, "reason": why,
                        "approved_by": approver.login, "posting_id": posted.posting_id})
    return Voided(receipt.number, posted.posting_id, posted.balances, changes=MONEY_BACK)


def _replayed(session: Session, key: str, account_id: int | None) -> Refunded | None:
    first = ledger.find_posting(session, key)
    if first is None:
        return None
    receipt = session.scalar(select(Receipt).where(Receipt.posting_id == first.id))
    if receipt is None or receipt.kind != ReceiptKind.REFUND or receipt.account_id != account_id:
        raise Conflict("这个提交编号已用于另一笔业务，请重新打开窗口。",
                       "This submission key was already used for something else; reopen the form.")
    return Refunded(receipt.number, first.id, receipt.amount, ledger.party_balances(session, receipt.party_id),
                    True, changes=MONEY_BACK)


def refund_receipt(session: Session, actor: Actor, number: str, reason: str, *, approver: Actor,
                   idempotency_key: str) -> Refunded:
    """退款 of a payment whose shift is closed: its whole posting mirrored in today's shift."""
    require(session, actor, "ledger.refund")
    require(session, approver, "ledger.approve")
    original = receipts.find(session, number)
    key = ledger.submission_key(idempotency_key)
    first = _replayed(session, key, original.account_id)
    if first is not None:
        return first
    why = _reason(reason)
    if original.kind != ReceiptKind.PAYMENT or original.status != ReceiptStatus.ISSUED:
        raise Conflict(f"收据 {original.number} 不是有效的收款收据，不能退款。",
                       f"Receipt {original.number} is not an issued payment receipt.")
    shift = session.get(Shift, original.shift_id)
    if shift is not None and shift.status == "open":
        raise Conflict(f"收据 {original.number} 的班次还没有结班：请直接作废。",
                       f"The shift of receipt {original.number} is still open: void it instead.")
    if session.scalar(select(Receipt.number).where(Receipt.refund_of == original.id)) is not None:
        raise Conflict(f"收据 {original.number} 已退过款。", f"Receipt {original.number} was already refunded.")
    posted = ledger.mirror_posting(session, actor, original.posting_id, reason=why, idempotency_key=key,
                                   action="cashier.refund", approved_by=approver.user_id)
    receipt = receipts.issue(session, actor, posted, ReceiptKind.REFUND, method=original.method,
                             reference=original.reference, amount=original.amount, refund_of=original.id)
    audit.record(session, actor, "cashier.refund", "account", original.account_id or "",
                 after={"receipt": receipt.number, "of": original.number, "amount": original.amount,
                        "reason": why, "approved_by": approver.login})
    return Refunded(receipt.number, posted.posting_id, receipt.amount, posted.balances, changes=MONEY_BACK)


HELD = {"prepayment": ("预存", "prepayment"), "deposit": ("押金", "deposit")}  # bucket -> its words


def refund_held(session: Session, actor: Actor, account_id: int, amount: Decimal | str, *, bucket: str,
                method: str, reason: str, approver: Actor, idempotency_key: str,
                reference: str | None = None) -> Refunded:
    """退预存 / 退押金: part or all of the prepayment or deposit held paid back, with a refund receipt."""
    require(session, actor, "ledger.refund")
    require(session, approver, "ledger.approve")
    if bucket not in HELD:
        raise ValidationError("只能退预存或押金。", "Only prepayment or a deposit is refunded.", field="bucket")
    key = ledger.submission_key(idempotency_key)
    first = _replayed(session, key, account_id)
    if first is not None:
        return first
    why = _reason(reason)
    account = load(session, account_id)
    back = money(amount)
    money_held = ledger.balances(session, account.id)
    held = money_held.prepayment_credit if bucket == "prepayment" else money_held.deposits
    zh, en = HELD[bucket]
    if back <= 0:
        raise ValidationError("退款金额必须大于 0 元。", "The refund must be more than 0.", field="amount")
    if back > held:
        raise ValidationError(f"退款 {back} 元超过该户{zh} {held} 元。",
                              f"The refund {back} is more than the {held} {en} held.", field="amount")
    ref = clean_reference(method, reference)
    posted = ledger.record(session, actor, account.id, [ledger.Line(f"{bucket}_refund", -back),
                                                        ledger.Line("refund", back, method)],
                           idempotency_key=key, action="cashier.refund", memo=f"退{zh}：{why}"[:200],
                           approved_by=approver.user_id)
    receipt = receipts.issue(session, actor, posted, ReceiptKind.REFUND, method=method, reference=ref, amount=back)
    audit.record(session, actor, "cashier.refund", "account", account.id,
                 after={"receipt": receipt.number, "amount": back, "held": bucket, "reason": why,
                        "approved_by": approver.login})
    return Refunded(receipt.number, posted.posting_id, back, posted.balances, changes=MONEY_BACK)


def refund_prepayment(session: Session, actor: Actor, account_id: int, amount: Decimal | str, **kw: Any) -> Refunded:
    """退预存 (refund_held of the prepayment)."""
    return refund_held(session, actor, account_id, amount, bucket="prepayment", **kw)
