"""The counter's dialogs a supervisor approves on the spot (a void, a refund, the shift's close):
the dialog's own fields, the reason, then the supervisor types their login and password into the
same small dialog.

The approval is checked first, in a transaction of its own (a wrong password counts toward the
supervisor's lock even though nothing is done), then the dialog's step with the approver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QWidget

from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.cashier import approval
from gasdesk.services.core.actor import Actor
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.forms import focus_field, show_form_error
from gasdesk.ui.messages import error_text

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class ApprovedDialog(CounterDialog):
    """Subclasses add their fields, call ``add_approval()`` and give ``approved(approver)``."""

    def __init__(self, ctx: AppContext, detail: AccountDetail | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)

    def add_approval(self, *, reason: bool = True) -> None:
        """The reason (unless the dialog has its own) and the supervisor's login and password: the
        last rows of the form."""
        self.reason = self.add_row(self.tr("&Reason:"), QLineEdit()) if reason else None
        if self.reason is not None:
            self.reason.setMaxLength(200)
        self.login = self.add_row(self.tr("Supervisor's &login:"), QLineEdit())
        self.password = self.add_row(self.tr("Supervisor's &password:"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.after_refusal: QWidget = self.reason or self.login  # where the cursor goes after a refusal

    def reason_text(self) -> str:
        return self.reason.text() if self.reason is not None else ""

    def check(self) -> bool:
        """Hook: the dialog's own fields, before the supervisor is asked (complain and say False)."""
        return True

    def approved(self, approver: Actor) -> Call:
        """The step the supervisor approved, as the service call to run."""
        raise NotImplementedError

    def save(self) -> Call | None:  # not used: submit() asks for the approval first
        return None

    def submit(self) -> None:
        if not self.buttons.isEnabled():
            return
        show_form_error(self.error, "")
        if not self.check():
            return
        if self.reason is not None and not self.reason.text().strip():
            self.complain(self.tr("Give the reason."), self.reason)
            return
        if not self.login.text().strip() or not self.password.text():
            self.complain(self.tr("The supervisor types their login and password."),
                          self.login if not self.login.text().strip() else self.password)
            return
        actor, login, password = self.actor, self.login.text(), self.password.text()
        self.buttons.setEnabled(False)
        self.runner.submit(lambda s: approval.check(s, actor, login, password), self._checked, self._failed,
                           write=True, owner=self)

    def _checked(self, checked: approval.Approval) -> None:
        if checked.approver is None:
            self.buttons.setEnabled(True)
            self.password.clear()
            self.complain(error_text(checked.error) if checked.error else "", self.password)
            return
        self.runner.submit(self.approved(checked.approver), self._done, self._refused, write=True, owner=self)

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        field = self.field_at_fault(exc) or self.after_refusal
        self.complain(error_text(exc), field)
        focus_field(field)
