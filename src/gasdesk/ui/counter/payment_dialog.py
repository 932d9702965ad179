"""收费: the payment form of the account page (Alt+S), keyboard first.

It opens with what is due (each open bill oldest first, then other charges, with late fees) and
the amount field holding the total, selected: for a full cash payment the clerk presses Enter
through the method (cash) and the cash tendered (empty: exactly the amount) and the payment is
taken; the receipt then prints on the roll (receipt_print). Typing another amount pays part or
more (the rest to prepayment); the change is worked out as the cash tendered is typed.

A fee from the fee list (a meter, a call-out, a reconnection) is added on Alt+F: arrow to it, Enter
on its amount (the list's, changeable) and Enter again to the amount received, which now includes it.
The fee row stays out of the Enter path, so the full cash payment keeps its few keys.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from gasdesk.money import AmountRefused, money
from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.cashier import due as dues
from gasdesk.services.cashier import fees as counter_fees
from gasdesk.services.cashier import payments
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.forms import EnterNavigation, focus_field
from gasdesk.ui.messages import error_text

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

BIG = "font-size: 15pt; font-weight: 700;"


class PaymentDialog(CounterDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Take a payment"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Take payment (Enter)"))
        self.due: dues.Due | None = None
        self.items = QLabel(self.tr("Working out what is due…"))
        self.items.setObjectName("dueItems")
        self.items.setWordWrap(True)
        self.items.setTextFormat(Qt.TextFormat.RichText)
        self.form.addRow(self.tr("Due:"), self.items)
        self.total = QLabel()
        self.total.setObjectName("dueTotal")
        self.total.setStyleSheet(BIG)
        self.fee = QComboBox()
        self.fee.setObjectName("feeItem")
        self.fee.addItem(self.tr("(none)"), None)
        self.fee_amount = fmt.money_field()
        self.fee_amount.setObjectName("feeAmount")
        self.fee_amount.setEnabled(False)
        fee_row = QHBoxLayout()
        fee_row.addWidget(self.fee, 1)
        fee_row.addWidget(self.fee_amount)
        self.form.addRow(self.tr("&Fee:"), fee_row)
        label = self.form.labelForField(fee_row)
        if isinstance(label, QLabel):
            label.setBuddy(self.fee)
        self.form.addRow(self.tr("To pay off:"), self.total)
        self.amount = self.add_row(self.tr("&Amount received (¥):"), fmt.money_field())
        self.method = self.add_row(self.tr("Payment &method:"), fmt.method_combo())
        self.tendered = self.add_row(self.tr("Cash &tendered (¥):"), fmt.money_field(self.tr("= the amount")))
        self.reference = self.add_row(self.tr("&Reference no.:"), QLineEdit())
        self.reference.setMaxLength(64)
        self.reference.setPlaceholderText(self.tr("from the card slip or the app"))
        self.outcome = QLabel()
        self.outcome.setObjectName("paymentOutcome")
        self.outcome.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1f3a5f;")
        self.outcome.setWordWrap(True)
        self.form.addRow("", self.outcome)
        self._filled_in = ""  # the amount this form put in the field (replaced as the fee changes)
        for field in (self.amount, self.tendered):
            field.textChanged.connect(self._update)
        self.fee.currentIndexChanged.connect(self._fee_changed)
        self.fee_amount.textChanged.connect(self._show_total)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.finish()
        EnterNavigation([self.fee, self.fee_amount], lambda: focus_field(self.amount), self)
        self._method_changed()
        actor, account_id = self.actor, self.account_id
        ctx.runner.submit(lambda s: (payments.quote(s, actor, account_id), counter_fees.fee_items(s)),
                          self._quoted, self._not_quoted, write=False, owner=self)

    def _quoted(self, found: tuple[dues.Due, list[counter_fees.FeeItem]]) -> None:
        due, items = found
        for item in items:
            listed = f"  {fmt.yuan(item.listed)}" if item.listed else ""
            self.fee.addItem(item.label.text(self.ctx.lang) + listed, item)
        self.due = due
        lines = []
        for x in due.items:
            label = x.label.text(self.ctx.lang)
            fee = x.late_fee(x.open)
            late = self.tr(" + late fee %1 (%2 days)").replace("%1", fmt.yuan(fee)).replace(
                "%2", str(x.late_days)) if fee else ""
            lines.append(f"{label} {x.detail}  <b>{fmt.yuan(x.open)}</b>{late}")
        if not lines:
            lines.append(self.tr("Nothing is owed; a payment goes to prepayment."))
        if due.prepayment:
            lines.append(self.tr("Prepayment held: %1").replace("%1", fmt.yuan(due.prepayment)))
        self.items.setText("<br>".join(lines))
        self.adjustSize()  # the list of what is due came in after the form was laid out
        self._show_total()
        if self.amount.hasFocus():
            self.amount.selectAll()

    def _fee(self) -> tuple[str, Decimal] | None:
        """The fee chosen and its amount, or None (none chosen, or its amount not a valid one)."""
        item = self.fee.currentData()
        if item is None:
            return None
        try:
            amount = money(self.fee_amount.text() or "0", signed=False)
        except AmountRefused:
            return None
        return (item.kind, amount) if amount > 0 else None

    def _fee_changed(self) -> None:
        item = self.fee.currentData()
        self.fee_amount.setEnabled(item is not None)
        self.fee_amount.setText(f"{item.listed:.2f}" if item is not None and item.listed else "")
        self._show_total()

    def _show_total(self) -> None:
        """To pay off: what is due and the fee chosen; the amount field follows unless the clerk typed one."""
        if self.due is None:
            return
        fee = self._fee()
        total = self.due.total + (fee[1] if fee else Decimal("0.00"))
        self.total.setText(fmt.yuan(total))
        if self.amount.text() == self._filled_in:
            self._filled_in = f"{total:.2f}" if total > 0 else ""
            self.amount.setText(self._filled_in)
        self._update()

    def _not_quoted(self, exc: BaseException) -> None:
        self.items.setText(error_text(exc))

    def _cash(self) -> bool:
        return self.method.currentData() == "cash"

    def _method_changed(self) -> None:
        cash = self._cash()
        for field, shown in ((self.tendered, cash), (self.reference, not cash)):
            field.setVisible(shown)
            self.form.labelForField(field).setVisible(shown)
        self._update()

    def _update(self) -> None:
        try:
            amount = money(self.amount.text() or "0")
            tendered = money(self.tendered.text()) if self._cash() and self.tendered.text() else None
        except AmountRefused:
            self.outcome.setText("")
            return
        parts = []
        if tendered is not None and tendered >= amount:
            parts.append(self.tr("Change: %1").replace("%1", fmt.yuan(tendered - amount)))
        elif tendered is not None:
            parts.append(self.tr("Tendered is %1 short").replace("%1", fmt.yuan(amount - tendered)))
        if self.due is not None and amount > 0:
            fee = self._fee()
            fee_amount = fee[1] if fee else Decimal("0.00")
            _parts, over = payments.split(self.due, amount, fee_amount)
            owed = self.due.total + fee_amount
            if over > 0:
                parts.append(self.tr("%1 to prepayment").replace("%1", fmt.yuan(over)))
            elif amount < owed:
                parts.append(self.tr("%1 still owed after this").replace("%1", fmt.yuan(owed - amount)))
        self.outcome.setText("    ".join(parts))

    def save(self) -> Call | None:
        try:
            amount = money(self.amount.text())
        except AmountRefused as exc:
            self.complain(error_text(exc), self.amount)
            return None
        try:
            tendered = money(self.tendered.text()) if self._cash() and self.tendered.text().strip() else None
        except AmountRefused as exc:
            self.complain(error_text(exc), self.tendered)
            return None
        if amount <= 0:
            self.complain(self.tr("Type the amount received."), self.amount)
            return None
        item = self.fee.currentData()
        fees = [(item.kind, self.fee_amount.text().strip() or "0")] if item is not None else []
        actor, account_id, key = self.actor, self.account_id, self.idempotency_key
        method, reference = self.method.currentData(), self.reference.text() if not self._cash() else None
        return (lambda s: payments.take_payment(s, actor, account_id, amount=amount, method=method,
                                                tendered=tendered, reference=reference, idempotency_key=key,
                                                fees=fees))
