"""The main window: status bar, shortcuts, language choice."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from gasdesk.ui import prefs


def test_status_bar_names_user_role_counter_and_database(qtbot, open_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = open_window("super")
    assert window.status_user.text() == "用户：陈主管（super）"
    assert window.status_role.text() == "角色：主管"
    assert window.status_counter.text() == "柜台：C01"
    assert window.status_db.text() == f"数据库：{demo_db.display_name}"
    assert window.windowTitle() == "gasdesk — 燃气营业厅 [演示]"


def test_every_action_has_a_shortcut_and_ctrl_number_switches_workplace(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window("super")
    assert all(not a.shortcut().isEmpty() for a in window.actions())
    shortcuts = [a.shortcut().toString() for a in window.workplace_actions]
    assert shortcuts == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"]
    window.workplace_actions[2].trigger()
    assert window.nav.currentRow() == 2
    assert window.stack.currentWidget() is window.pages["depot"]


def test_choosing_english_is_remembered_for_the_next_start(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window("clerk")
    window.choose_language("en")
    assert prefs.get("lang") == "en"
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "下次启动" in boxes[0].text()


def test_about_opens_with_shift_f1(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window("reader")  # F1 is the manual (tests/ui/test_help.py)
    assert window.action_about.shortcut().toString() == "Shift+F1"
    window.action_about.trigger()
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and boxes[0].windowTitle() == "关于 gasdesk"
