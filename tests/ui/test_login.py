"""The login dialog, the forced password change, and the first-start dialog."""

from __future__ import annotations

import pytest

from gasdesk.db import Database
from gasdesk.services import demo
from gasdesk.services.office import users
from gasdesk.ui.context import AppContext
from gasdesk.ui.login import FirstAdminDialog, LoginDialog
from gasdesk.ui.main_window import MainWindow
from gasdesk.ui.runner import Runner

ROLE_WORKPLACES = {
    "admin": ["reports", "admin"],
    "clerk": ["counter"],
    "reader": ["readings"],
    "depot": ["depot"],
    "super": ["counter", "readings", "depot", "reports"],
}
TITLES_ZH = {"counter": "柜台", "readings": "抄表", "depot": "调瓶点", "reports": "报表", "admin": "系统管理"}


@pytest.fixture
def dialog(qtbot, runner: Runner) -> LoginDialog:  # type: ignore[no-untyped-def]
    dlg = LoginDialog(runner, demo_mode=True, counter="C01")
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_wrong_password_shows_the_reason_and_stays(qtbot, dialog: LoginDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.login.setText("clerk")
    dialog.password.setText("not-the-password")
    with qtbot.assertNotEmitted(dialog.signed_in):
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5_000)
    assert dialog.error.text() == "登录名或密码不正确。"
    assert dialog.isVisible()
    assert dialog.password.text() == ""
    assert dialog.submit_button.isEnabled()


def test_enter_moves_to_the_next_field_then_signs_in(qtbot, dialog: LoginDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.counter.setFocus()
    qtbot.keyClick(dialog.counter, "\r")
    assert dialog.login.hasFocus()
    qtbot.keyClicks(dialog.login, "depot")
    qtbot.keyClick(dialog.login, "\r")
    assert dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, "depot123")
    with qtbot.waitSignal(dialog.signed_in, timeout=5_000) as signal:
        qtbot.keyClick(dialog.password, "\r")
    actor = signal.args[0]
    assert (actor.login, actor.role.value, actor.counter) == ("depot", "depot", "C01")


def test_demo_users_are_shown_and_a_click_fills_the_fields(qtbot, dialog: LoginDialog) -> None:  # type: ignore[no-untyped-def]
    table = dialog.demo_table
    assert table is not None and table.rowCount() == len(demo.DEMO_USERS)
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [u[0] for u in demo.DEMO_USERS]
    dialog.fill_demo(2)
    assert (dialog.login.text(), dialog.password.text()) == ("reader", "reader123")


def test_demo_passwords_are_not_shown_outside_demo_mode(qtbot, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    dlg = LoginDialog(runner, demo_mode=False)
    qtbot.addWidget(dlg)
    assert dlg.demo_table is None


@pytest.mark.parametrize("login", list(ROLE_WORKPLACES))
def test_each_demo_role_sees_exactly_its_workplaces(qtbot, dialog: LoginDialog, runner: Runner,  # type: ignore[no-untyped-def]
                                                    demo_db: Database, login: str) -> None:
    row = [u[0] for u in demo.DEMO_USERS].index(login)
    dialog.fill_demo(row)
    with qtbot.waitSignal(dialog.signed_in, timeout=5_000) as signal:
        dialog.submit()
    actor = signal.args[0]
    runner.actor = actor
    window = MainWindow(AppContext(demo_db, runner, actor, demo=True))
    qtbot.addWidget(window)
    window.show()
    expected = ROLE_WORKPLACES[login]
    assert window.workplace_names() == expected
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [TITLES_ZH[n] for n in expected]
    for name in expected:  # every workplace opens
        page = window.show_workplace(name)
        assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5_000)


def test_reset_password_forces_a_change_at_sign_in(qtbot, dialog: LoginDialog, demo_db: Database,  # type: ignore[no-untyped-def]
                                                    sign_in) -> None:
    admin = sign_in("admin")
    with demo_db.write() as s:
        clerk = next(u for u in users.list_users(s, admin) if u.login == "clerk")
        users.reset_password(s, admin, clerk.id, "temp-1")
    dialog.login.setText("clerk")
    dialog.password.setText("temp-1")
    dialog.submit()
    qtbot.waitUntil(lambda: getattr(dialog, "change_dialog", None) is not None, timeout=5_000)
    change = dialog.change_dialog
    change.new.setText("brand-new-1")
    change.again.setText("brand-new-2")
    change.submit()
    assert change.error.text() == "两次输入的密码不一致，请重新输入。"
    change.again.setText("brand-new-1")
    with qtbot.waitSignal(dialog.signed_in, timeout=5_000):
        change.submit()
    with demo_db.write() as s:
        assert users.authenticate(s, "clerk", "brand-new-1").must_change_password is False


def test_first_start_creates_the_administrator(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    runner = Runner(db)
    dlg = FirstAdminDialog(runner)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.name.setText("张管理")
    dlg.password.setText("first-pass")
    dlg.again.setText("first-pass")
    with qtbot.waitSignal(dlg.created, timeout=5_000) as signal:
        dlg.submit()
    assert signal.args == ["admin"]
    with db.read() as s:
        assert users.has_users(s)
    runner.wait_done()


def test_escape_does_not_end_the_program(qtbot, dialog: LoginDialog) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    with qtbot.assertNotEmitted(dialog.rejected):
        qtbot.keyClick(dialog.login, Qt.Key.Key_Escape)
    assert dialog.isVisible()
