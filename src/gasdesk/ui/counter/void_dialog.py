"""作废 / 退款 a receipt at the counter, with a supervisor's approval given on the spot: the void,
or the refund when the receipt's shift is already closed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.cashier import refunds
from gasdesk.services.cashier.receipts import ReceiptRow
from gasdesk.services.core.actor import Actor
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.approved import ApprovedDialog
from gasdesk.ui.counter.base import Call

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class VoidDialog(ApprovedDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, receipt: ReceiptRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, detail, parent)
        self.receipt = receipt
        self.refund = not receipt.shift_open  # its shift is closed: the money goes back as a refund
        self.setWindowTitle(self.tr("Refund a receipt") if self.refund else self.tr("Void a receipt"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Refund (Enter)") if self.refund else self.tr("Void (Enter)"))
        self.add_approval()
        what = self.tr("Receipt %1, %2, %3.").replace("%1", receipt.number).replace(
            "%2", fmt.yuan(receipt.amount)).replace("%3", fmt.day(receipt.business_date))
        if self.refund:
            what += "\n" + self.tr("Its shift is closed: the money goes back as a refund in today's shift, with a "
                                   "refund receipt.")
        else:
            what += "\n" + self.tr("The whole payment is reversed and the bills it paid are open again; the "
                                   "receipt keeps its number, marked void.")
        self.finish(what + "\n" + self.tr("A supervisor approves it here with their password."))

    def approved(self, approver: Actor) -> Call:
        actor, key, number, reason = self.actor, self.idempotency_key, self.receipt.number, self.reason_text()
        step = refunds.refund_receipt if self.refund else refunds.void_receipt
        return lambda s: step(s, actor, number, reason, approver=approver, idempotency_key=key)
