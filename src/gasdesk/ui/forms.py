"""Keyboard-first forms: Enter moves to the next field; on the last field it submits.

Counter staff type a form top to bottom without the mouse. ``EnterNavigation``
takes the fields in typing order and the submit action; Enter on a field moves
the focus on, Enter on the last one submits. Buttons keep their own Enter/Space.

The focus rules of every form live here, once: a form opens on its first field still to
fill (a text field already filled is skipped; a choice's default is a proposal to confirm);
a refusal that names its field (``ValidationError.field``, the form's attribute of that
name) puts the cursor there with the text selected; and a field with a check that needs no
database (``check_on_leave``: phone, ID number, amount) says what is wrong as it is left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.core.errors import GasdeskError, ValidationError
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
        focus_field(enabled[enabled.index(current) + 1])


def focus_field(field: QWidget) -> None:
    """Put the cursor in ``field`` with its text selected, so typing replaces it."""
    field.setFocus(Qt.FocusReason.TabFocusReason)
    select_all = getattr(field, "selectAll", None)
    if callable(select_all):
        select_all()
    elif isinstance(field, QComboBox) and field.lineEdit() is not None:
        field.lineEdit().selectAll()


def _filled(field: QWidget) -> bool:
    """A text field that already holds text (typed, or loaded); choices always count as to confirm."""
    if isinstance(field, QLineEdit):
        return bool(field.text()) or field.isReadOnly()
    return False


def first_to_fill(fields: Sequence[QWidget], within: QWidget) -> QWidget | None:
    usable = [f for f in fields
              if f.isEnabled() and f.isVisibleTo(within) and f.focusPolicy() != Qt.FocusPolicy.NoFocus]
    return next((f for f in usable if not _filled(f)), usable[0] if usable else None)


class LeaveCheck(QObject):
    """A check a field passes as it is left, with no database: the same function the service
    calls (identity.validate_phone, money.money), so the rule is written once."""

    judged = Signal(str)  # what is wrong, in words; "" when the field is right (or left empty)

    def __init__(self, field: QLineEdit, check: Callable[[str], object]) -> None:
        super().__init__(field)
        self.field, self.check = field, check
        field.installEventFilter(self)

    def problem(self) -> str:
        text = self.field.text()
        if not text.strip():
            return ""  # empty: judged on save, where the service knows whether it is required
        try:
            self.check(text)
        except GasdeskError as exc:
            return exc.text()
        except ValueError:
            return QCoreApplication.translate("FormDialog", "Not a valid amount: %1").replace("%1", text.strip())
        return ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent) and event.reason() in (
                Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.MouseFocusReason,
                Qt.FocusReason.OtherFocusReason):  # not when a message box or a menu takes the window
            self.judged.emit(self.problem())
        return False


def check_on_leave(field: QLineEdit, check: Callable[[str], object]) -> QLineEdit:
    """Give ``field`` a check run as it is left; a FormDialog shows the words under the form."""
    LeaveCheck(field, check)
    return field


def fit_to_screen(widget: QWidget, width: int, height: int) -> bool:
    """Size ``widget`` to width × height, or less where the screen's free area (taskbar excluded)
    is smaller (a 1366×768 counter screen). True when it had to be made smaller and the screen
    still holds the widget's minimum size (then a main window is best maximised)."""
    screen = widget.screen() or QApplication.primaryScreen()
    room = screen.availableGeometry() if screen is not None else None
    if room is None:
        widget.resize(width, height)
        return False
    # Leave room for the window frame and title bar the geometry does not count; never below the
    # widget's own minimum (a screen smaller than that gets the minimum: maximising would cut it).
    least = widget.minimumSize()
    fitted_w = max(min(width, room.width() - 16), least.width())
    fitted_h = max(min(height, room.height() - 48), least.height())
    widget.resize(fitted_w, fitted_h)
    return (fitted_w, fitted_h) != (width, height) and fitted_w <= room.width() and fitted_h <= room.height()


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
        self._faulty: QWidget | None = None  # the field whose words are shown under the form
        self._shown = False
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
        for field in self.fields:
            for check in field.findChildren(LeaveCheck, options=Qt.FindChildOption.FindDirectChildrenOnly):
                check.judged.connect(lambda text, field=field: self._judged(field, text))
        self.focus_first()

    def focus_first(self) -> None:
        """The first field still to fill gets the cursor (again on first show: rows hidden since)."""
        field = first_to_fill(self.fields, self)
        if field is not None:
            focus_field(field)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.focus_first()

    def _judged(self, field: QWidget, text: str) -> None:
        if text:
            self._faulty = field
            show_form_error(self.error, text)
        elif self._faulty is field:  # corrected: its words go
            self._faulty = None
            show_form_error(self.error, "")

    def field_at_fault(self, exc: BaseException) -> QWidget | None:
        """The form's field a refusal names (its attribute of that name), if it is one of the fields."""
        name = exc.field if isinstance(exc, ValidationError) else None
        field = getattr(self, name, None) if name else None
        return field if isinstance(field, QWidget) and field in self.fields else None

    # subclasses: return the service call, or None after calling self.complain(...)
    def save(self) -> Callable[[Any], Any] | None:
        raise NotImplementedError

    def complain(self, text: str, field: QWidget | None = None) -> None:
        show_form_error(self.error, text)
        self._faulty = field
        if field is not None:
            focus_field(field)

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
        box = show_error(self, exc)
        field = self.field_at_fault(exc)
        if field is not None:
            box.finished.connect(lambda _r: focus_field(field))


def password_pair_problem(first: str, second: str) -> str:
    """The typing mistakes a form catches before asking the services."""
    if not first:
        return QCoreApplication.translate("FormDialog", "Please enter a password.")
    if first != second:
        return QCoreApplication.translate("FormDialog", "The two passwords differ; please type them again.")
    return ""
