"""Keyboard-first forms: Enter moves to the next field; on the last field it submits.

Counter staff type a form top to bottom without the mouse. ``EnterNavigation``
takes the fields in typing order and the submit action; Enter on a field moves
the focus on, Enter on the last one submits. Buttons keep their own Enter/Space.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from gasdesk.ui.messages import show_error

if TYPE_CHECKING:
    from gasdesk.ui.runner import Runner

_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class EnterNavigation(QObject):
    def __init__(self, fields: Sequence[QWidget], submit: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent or fields[0])
        self._fields = list(fields)
        self._submit = submit
        for field in self._fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.key() not in _ENTER:
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if isinstance(watched, QComboBox) and watched.view().isVisible():
            return False  # Enter picks the item in an open drop-down
        self.advance(watched)  # type: ignore[arg-type]
        return True

    def advance(self, current: QWidget) -> None:
        enabled = [f for f in self._fields if f.isEnabled() and not f.isHidden()]
        if current not in enabled or current is enabled[-1]:
            self._submit()
            return
        nxt = enabled[enabled.index(current) + 1]
        nxt.setFocus(Qt.FocusReason.TabFocusReason)
        select_all = getattr(nxt, "selectAll", None)
        if callable(select_all):
            select_all()


def error_label() -> QLabel:
    """The inline place where a form says, in words, what is wrong."""
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e; font-weight: 600;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_form_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class FormDialog(QDialog):
    """A small form that saves through the runner: fields in typing order, OK/Cancel, Enter to move on.

    Subclasses add rows, then call ``finish()``; ``save()`` builds the service call.
    On success the dialog closes and emits ``saved(result)``; a refusal is shown in
    a message box and the form stays open with what was typed. (Strings here use an
    explicit context: PySide's ``self.tr`` would look them up under the subclass.)
    """

    saved = Signal(object)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.form = QFormLayout()
        self.form.setVerticalSpacing(10)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.fields: list[QWidget] = []
        self.setMinimumWidth(440)

    def add_row(self, label: str, field: QWidget) -> QWidget:
        self.form.addRow(label, field)
        self.fields.append(field)
        return field

    def finish(self, intro: str = "") -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        EnterNavigation(self.fields, self.submit, self)
        if self.fields:
            self.fields[0].setFocus()

    # subclasses: return the service call, or None after calling self.complain(...)
    def save(self) -> Callable[[Any], Any] | None:
        raise NotImplementedError

    def complain(self, text: str, field: QWidget | None = None) -> None:
        show_form_error(self.error, text)
        if field is not None:
            field.setFocus()

    def submit(self) -> None:
        if not self.buttons.isEnabled():
            return
        show_form_error(self.error, "")
        fn = self.save()
        if fn is None:
            return
        self.buttons.setEnabled(False)
        self.runner.submit(fn, self._done, self._failed, write=True, owner=self,
                           busy_text=QCoreApplication.translate("FormDialog", "Saving…"))

    def _done(self, result: object) -> None:
        self.accept()
        self.saved.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self, exc)


def password_pair_problem(first: str, second: str) -> str:
    """The typing mistakes a form catches before asking the services."""
    if not first:
        return QCoreApplication.translate("FormDialog", "Please enter a password.")
    if first != second:
        return QCoreApplication.translate("FormDialog", "The two passwords differ; please type them again.")
    return ""
