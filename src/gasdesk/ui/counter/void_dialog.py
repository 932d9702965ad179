"""作废 / 退款 a receipt at the counter, with a supervisor's approval given on the spot: the reason,
then the supervisor types their login and password into the same small dialog.

The approval is checked first, in a transaction of its own (a wrong password counts toward the
supervisor's lock even though nothing is voided), then the void, or the refund when the
receipt's shift is already closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget

from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.cashier import approval, refunds
from gasdesk.services.cashier.receipts import ReceiptRow
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.forms import focus_field, show_form_error
from gasdesk.ui.messages import error_text

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class VoidDialog(CounterDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, receipt: ReceiptRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.receipt = receipt
        self.refund = not receipt.shift_open  # its shift is closed: the money goes back as a refund
        self.setWindowTitle(self.tr("Refund a receipt") if self.refund else self.tr("Void a receipt"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Refund (Enter)") if self.refund else self.tr("Void (Enter)"))
        self.reason = self.add_row(self.tr("&Reason:"), QLineEdit())
        self.reason.setMaxLength(200)
        self.login = self.add_row(self.tr("Supervisor's &login:"), QLineEdit())
        self.password = self.add_row(self.tr("Supervisor's &password:"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        what = self.tr("Receipt %1, %2, %3.").replace("%1", receipt.number).replace(
            "%2", fmt.yuan(receipt.amount)).replace("%3", fmt.day(receipt.business_date))
        if self.refund:
            what += "\n" + self.tr("Its shift is closed: the money goes back as a refund in today's shift, with a "
                                   "refund receipt.")
        else:
            what += "\n" + self.tr("The whole payment is reversed and the bills it paid are open again; the "
                                   "receipt keeps its number, marked void.")
        self.finish(what + "\n" + self.tr("A supervisor approves it here with their password."))

    def save(self) -> Call | None:  # not used: submit() asks for the approval first
        return None

    def submit(self) -> None:
        if not self.buttons.isEnabled():
            return
        show_form_error(self.error, "")
        if not self.reason.text().strip():
            self.complain(self.tr("Give the reason."), self.reason)
            return
        if not self.login.text().strip() or not self.password.text():
            self.complain(self.tr("The supervisor types their login and password."),
                          self.login if not self.login.text().strip() else self.password)
            return
        actor, login, password = self.actor, self.login.text(), self.password.text()
        self.buttons.setEnabled(False)
        self.runner.submit(lambda s: approval.check(s, actor, login, password), self._approved, self._failed,
                           write=True, owner=self)

    def _approved(self, checked: approval.Approval) -> None:
        if checked.approver is None:
            self.buttons.setEnabled(True)
            self.password.clear()
            self.complain(error_text(checked.error) if checked.error else "", self.password)
            return
        approver, actor, key = checked.approver, self.actor, self.idempotency_key
        number, reason = self.receipt.number, self.reason.text()
        step = refunds.refund_receipt if self.refund else refunds.void_receipt
        self.runner.submit(lambda s: step(s, actor, number, reason, approver=approver, idempotency_key=key),
                           self._done, self._refused, write=True, owner=self)

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.complain(error_text(exc), self.reason)
        focus_field(self.reason)
