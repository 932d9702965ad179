"""The idle lock: it covers the window, the same user's password opens it, wrong ones lock the user out."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog

from gasdesk.db import Database
from gasdesk.services.core import settings


def _lock(qtbot, open_window):  # type: ignore[no-untyped-def]
    window = open_window("clerk", idle_ms=60)
    qtbot.waitUntil(window.is_locked, timeout=3_000)
    return window


def test_idle_locks_and_the_password_unlocks(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _lock(qtbot, open_window)
    screen = window.lock_screen
    assert window.cover.currentWidget() is screen
    assert not window.action_lock.isEnabled() and not window.workplace_actions[0].isEnabled()
    screen.password.setText("wrong")
    screen.submit()
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=5_000)
    assert screen.error.text() == "登录名或密码不正确。"
    assert window.is_locked()
    screen.password.setText("clerk123")
    with qtbot.waitSignal(screen.unlocked, timeout=5_000):
        screen.submit()
    assert not window.is_locked()
    assert window.action_lock.isEnabled()
    assert window.idle.is_running()


def test_open_forms_are_hidden_while_locked_and_come_back(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window("admin")
    window.show_workplace("admin").users.add_user()
    dialog = window.findChild(QDialog, "addUserDialog")
    dialog.login.setText("half-typed")
    window.lock()
    assert not dialog.isVisible()
    window.lock_screen.password.setText("admin123")
    with qtbot.waitSignal(window.lock_screen.unlocked, timeout=5_000):
        window.lock_screen.submit()
    assert dialog.isVisible() and dialog.login.text() == "half-typed"


def test_repeated_wrong_passwords_lock_the_user_and_return_to_login(qtbot, open_window, demo_db: Database,  # type: ignore[no-untyped-def]
                                                                    sign_in) -> None:
    with demo_db.write() as s:
        settings.set_value(s, sign_in("admin"), "max_failed_logins", "2")
    window = _lock(qtbot, open_window)
    screen = window.lock_screen
    screen.password.setText("wrong-1")
    screen.submit()
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=5_000)
    screen.password.setText("wrong-2")
    with qtbot.waitSignal(window.signed_out, timeout=5_000) as signal:
        screen.submit()
    assert signal.args == ["密码连续错误 2 次，该用户已锁定 15 分钟。"]


def test_ctrl_l_locks_at_once(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window("reader")
    window.activateWindow()  # the focus goes to a widget of the active window only
    qtbot.waitActive(window)
    window.action_lock.trigger()
    assert window.is_locked()
    assert window.lock_screen.password.hasFocus()
    assert QApplication.focusWidget() is window.lock_screen.password
