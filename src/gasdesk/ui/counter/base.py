"""The counter's dialogs: one service call each, the refusal shown inline, what was typed kept.

Builds on forms.FormDialog (Enter moves to the next field, Enter on the last submits, Esc
cancels). A refusal from the service is written under the form in the service's own words,
not in a message box: the clerk reads it, corrects the field and presses Enter again.
A dialog that posts money makes its idempotency key when it opens and reuses it on every
retry, so a double Enter or a retry after a lost answer posts once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from gasdesk.services.accounts.page import AccountDetail
from gasdesk.ui.forms import FormDialog
from gasdesk.ui.messages import error_text

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

Call = Callable[[Any], Any]  # the service call a dialog's save() returns (its result says what changed)


class CounterDialog(FormDialog):
    """``save()`` returns fn(session) or None after ``complain()``; ``saved(result)`` on success."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, detail: AccountDetail | None = None) -> None:
        super().__init__(ctx.runner, parent)
        self.ctx = ctx
        self.actor = ctx.actor
        self.detail = detail
        self.idempotency_key = uuid.uuid4().hex  # made when the form opens, reused on retry
        self.setObjectName(type(self).__name__)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(QCoreApplication.translate("CounterDialog", "OK (Enter)"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(QCoreApplication.translate("CounterDialog", "Cancel (Esc)"))
        self.setMinimumWidth(520)

    @property
    def account_id(self) -> int:
        assert self.detail is not None
        return self.detail.summary.id

    def heading(self) -> str:
        """The account the dialog works on, as the first line of the form."""
        if self.detail is None:
            return ""
        s = self.detail.summary
        number = s.number or QCoreApplication.translate("CounterDialog", "(no number yet)")
        return f"{number} · {s.holder_name} · {s.address}"

    def finish(self, intro: str = "") -> None:
        head = self.heading()
        if head:
            label = QLabel(head)
            label.setObjectName("dialogSubtitle")
            label.setWordWrap(True)
            self.form.insertRow(0, label)
        super().finish(intro)

    def _failed(self, exc: BaseException) -> None:  # inline, in the service's words
        self.buttons.setEnabled(True)
        self.complain(error_text(exc), self.field_at_fault(exc))  # the cursor back in the field at fault
        self.refused(exc)

    def refused(self, exc: BaseException) -> None:
        """Hook: a dialog may offer the next step (e.g. settling before closing)."""
