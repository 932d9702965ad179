"""Money taken at a depot (an exchange, a coupon book, a deposit): one posting for the customer's
party in the keeper's shift of today, and its receipt from the cashier's series, in the caller's
transaction. The same path as the counter's payments, so the shift close and ``db check`` count it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.orm import Session

from gasdesk.models import Receipt, ReceiptKind
from gasdesk.money import money
from gasdesk.services import ledger
from gasdesk.services.cashier import receipts
from gasdesk.services.cashier.payments import clean_reference
from gasdesk.services.core.actor import Actor
from gasdesk.services.ledger import shifts


def take(session: Session, actor: Actor, party_id: int, lines: Sequence[ledger.Line], *, method: str,
         key: str, action: str, memo: str, reference: str | None = None,
         tendered: Decimal | str | None = None) -> tuple[ledger.PostingResult, Receipt]:
    """Post ``lines`` paid in full by ``method`` and issue the payment receipt."""
    total = sum((line.amount for line in lines), Decimal("0.00"))
    payment = ledger.Payment(total, method, None if tendered in (None, "") else money(tendered, signed=False))
    ref = clean_reference(method, reference)
    shift = shifts.todays(session, actor)
    posted = ledger.record(session, actor, None, lines, payment=payment, party_id=party_id,
                           idempotency_key=f"depot-{key}"[:64], action=action, memo=memo, shift=shift)
    receipt = receipts.issue(session, actor, posted, ReceiptKind.PAYMENT, method=method, reference=ref,
                             amount=total, tendered=payment.tendered, change=posted.change_given or None)
    return posted, receipt


def give_back(session: Session, actor: Actor, party_id: int, lines: Sequence[ledger.Line], *, method: str,
              key: str, action: str, memo: str, approved_by: int | None = None,
              reference: str | None = None) -> tuple[ledger.PostingResult, Receipt]:
    """Post ``lines`` with the money paid back by ``method`` and issue the refund receipt."""
    back = -sum((line.amount for line in lines), Decimal("0.00"))
    ref = clean_reference(method, reference)
    shift = shifts.todays(session, actor)
    posted = ledger.record(session, actor, None, [*lines, ledger.Line("refund", back, method)], party_id=party_id,
                           idempotency_key=f"depot-{key}"[:64], action=action, memo=memo, shift=shift,
                           approved_by=approved_by)
    receipt = receipts.issue(session, actor, posted, ReceiptKind.REFUND, method=method, reference=ref, amount=back)
    return posted, receipt
