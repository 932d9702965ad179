"""Administration keeps the registered counters: a new one is added with the keyboard, a sign-in
at it then works, and a disabled one refuses sign-ins."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gasdesk.db import Database
from gasdesk.services.office import users
from gasdesk.ui.admin import AdminPage


def _counters(qtbot, open_window):  # type: ignore[no-untyped-def]
    admin = open_window("admin").show_workplace("admin")
    assert isinstance(admin, AdminPage)
    admin.setCurrentWidget(admin.counters)
    page = admin.counters
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5_000)  # the demo office's C01, C02, D01
    return page


def test_an_admin_registers_a_counter_and_a_clerk_signs_in_at_it(qtbot, open_window, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = _counters(qtbot, open_window)
    assert [page.model.data(page.model.index(r, 0)) for r in range(3)] == ["C01", "C02", "D01"]
    assert page.model.data(page.model.index(2, 2)) == "调瓶点"
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5_000)
    dialog = page.dialog
    qtbot.keyClicks(dialog.code, "c03")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    dialog.name.setText("三号柜台")  # Chinese comes from an input method, not key presses
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=5_000)
    assert [page.model.data(page.model.index(2, c)) for c in range(4)] == ["C03", "三号柜台", "营业柜台", "使用中"]
    with demo_db.write() as s:
        outcome = users.authenticate(s, "clerk", "clerk123", "C03", counter_required=True)
    assert outcome.actor is not None and outcome.actor.counter == "C03"


def test_a_disabled_counter_refuses_sign_ins(qtbot, open_window, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = _counters(qtbot, open_window)
    page.table.setCurrentIndex(page.model.index(1, 0))  # C02
    page.toggle()
    boxes = [w for w in page.findChildren(QMessageBox) if w.isVisible()]
    boxes[0].button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.model.data(page.model.index(1, 3)) == "已停用", timeout=5_000)
    with demo_db.write() as s:
        outcome = users.authenticate(s, "clerk", "clerk123", "C02", counter_required=True)
    assert outcome.actor is None and outcome.error is not None
    assert outcome.error.zh == "柜台 C02（二号柜台）已停用。"
