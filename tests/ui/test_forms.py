"""Enter moves to the next field; on the last it submits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QVBoxLayout

from gasdesk.ui.forms import EnterNavigation


def test_enter_walks_the_fields_and_submits_on_the_last(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = QDialog()
    first, combo, last = QLineEdit(), QComboBox(), QLineEdit()
    combo.addItems(["a", "b"])
    layout = QVBoxLayout(form)
    for w in (first, combo, last):
        layout.addWidget(w)
    submitted: list[bool] = []
    EnterNavigation([first, combo, last], lambda: submitted.append(True), form)
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert combo.hasFocus() and not submitted
    qtbot.keyClick(combo, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert last.hasFocus() and not submitted
    qtbot.keyClick(last, Qt.Key.Key_Return)
    assert submitted == [True]
    last.setEnabled(False)  # a disabled field is skipped: the combo is now the last
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert submitted == [True, True]
