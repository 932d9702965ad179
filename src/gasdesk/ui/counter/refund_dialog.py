"""退预存 / 退押金 at the counter (Alt+K): part or all of the prepayment or a deposit the account
holds paid back, with a supervisor's approval on the spot and a refund receipt that prints."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QWidget

from gasdesk.money import AmountRefused, money
from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.cashier import refunds
from gasdesk.services.core.actor import Actor
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.approved import ApprovedDialog
from gasdesk.ui.counter.base import Call
from gasdesk.ui.messages import error_text

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class RefundHeldDialog(ApprovedDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, detail, parent)
        self.setWindowTitle(self.tr("Refund prepayment or deposit"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Refund (Enter)"))
        b = detail.balances
        self.held: dict[str, Decimal] = {k: v for k, v in (("prepayment", b.prepayment_credit),
                                                           ("deposit", b.deposits)) if v > 0}
        self.what = self.add_row(self.tr("Refund &of:"), QComboBox())
        for bucket, amount in self.held.items():
            name = self.tr("Prepayment") if bucket == "prepayment" else self.tr("Deposit")
            self.what.addItem(f"{name}  {fmt.yuan(amount)}", bucket)
        self.amount = self.add_row(self.tr("&Amount (¥):"), fmt.money_field())
        self.method = self.add_row(self.tr("Paid back &by:"), fmt.method_combo())
        self.reference = self.add_row(self.tr("Re&ference no.:"), QLineEdit())
        self.reference.setMaxLength(64)
        self.add_approval()
        self.what.currentIndexChanged.connect(self._what_changed)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._what_changed()
        self._method_changed()
        self.finish(self.tr("The amount is all that is held unless you type less; a refund receipt prints. "
                            "A supervisor approves it here with their password."))

    def _what_changed(self) -> None:
        held = self.held.get(self.what.currentData(), Decimal("0.00"))
        self.amount.setText(f"{held:.2f}")
        self.amount.selectAll()

    def _method_changed(self) -> None:
        cash = self.method.currentData() == "cash"
        self.reference.setVisible(not cash)
        self.form.labelForField(self.reference).setVisible(not cash)

    def check(self) -> bool:
        try:
            amount = money(self.amount.text())
        except AmountRefused as exc:
            self.complain(error_text(exc), self.amount)
            return False
        if amount <= 0:
            self.complain(self.tr("Type the amount to refund."), self.amount)
            return False
        return True

    def approved(self, approver: Actor) -> Call:
        actor, key, account_id = self.actor, self.idempotency_key, self.account_id
        bucket, amount, method = self.what.currentData(), self.amount.text(), self.method.currentData()
        reference = self.reference.text() if method != "cash" else None
        reason = self.reason_text()
        return lambda s: refunds.refund_held(s, actor, account_id, amount, bucket=bucket, method=method,
                                             reason=reason, approver=approver, idempotency_key=key,
                                             reference=reference)
