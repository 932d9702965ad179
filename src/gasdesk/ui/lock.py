"""The idle lock: covers the window until the same user types their password again.

Too many wrong passwords lock the user in the services (as at sign-in); the
lock screen then gives way to the login dialog, where someone else may sign in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gasdesk.services.core.actor import Actor
from gasdesk.services.office import users
from gasdesk.services.office.users import LoginOutcome
from gasdesk.ui.forms import EnterNavigation, error_label, show_form_error
from gasdesk.ui.login import password_field
from gasdesk.ui.messages import error_text
from gasdesk.ui.names import role_title
from gasdesk.ui.runner import Runner


def _attempt_unlock(session, actor: Actor, password: str) -> tuple[LoginOutcome, bool]:  # type: ignore[no-untyped-def]
    """One transaction: check the password, and say whether the user is now locked out."""
    outcome = users.verify_unlock(session, actor, password)
    return outcome, outcome.actor is None and users.is_locked(session, actor.user_id)


class LockScreen(QWidget):
    unlocked = Signal()
    signed_out = Signal(str)  # why (shown on the login dialog), empty when the user chose to

    def __init__(self, runner: Runner, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.actor = runner, actor
        self.setObjectName("lockScreen")
        title = QLabel(self.tr("The workstation is locked"))
        title.setObjectName("dialogTitle")
        who = QLabel(self.tr("Signed in: %1 (%2, %3)").replace("%1", actor.name).replace("%2", actor.login)
                     .replace("%3", role_title(actor.role)))
        prompt = QLabel(self.tr("Type your password to continue:"))
        self.password = password_field()
        self.password.setObjectName("unlockPassword")
        self.error = error_label()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        switch = QPushButton(self.tr("Sign out"))
        switch.clicked.connect(lambda: self.signed_out.emit(""))
        buttons = QHBoxLayout()
        buttons.addWidget(switch)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(460)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(12)
        for widget in (title, who, prompt, self.password, self.error):
            inner.addWidget(widget)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        EnterNavigation([self.password], self.submit, self)

    def reset(self) -> None:
        self.password.clear()
        show_form_error(self.error, "")
        self.unlock_button.setEnabled(True)
        self.password.setFocus()

    def submit(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        password, actor = self.password.text(), self.actor
        self.unlock_button.setEnabled(False)
        self.runner.submit(lambda s: _attempt_unlock(s, actor, password), self._outcome, self._failed,
                           write=True, owner=self)

    def _outcome(self, result: tuple[LoginOutcome, bool]) -> None:
        outcome, locked_out = result
        self.unlock_button.setEnabled(True)
        if outcome.actor is not None:
            self.reset()
            self.unlocked.emit()
            return
        message = outcome.error.text() if outcome.error else ""
        if locked_out:
            self.signed_out.emit(message)
            return
        show_form_error(self.error, message)
        self.password.clear()
        self.password.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        show_form_error(self.error, error_text(exc))
