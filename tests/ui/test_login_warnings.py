"""The login dialog warns from the third wrong password how many tries remain (the count from the
service), keeps its layout when the lockout words appear, and clears an old error on a demo pick."""

from __future__ import annotations

import pytest

from gasdesk.ui.login import LoginDialog
from gasdesk.ui.runner import Runner


@pytest.fixture
def dialog(qtbot, runner: Runner) -> LoginDialog:  # type: ignore[no-untyped-def]
    dlg = LoginDialog(runner, demo_mode=True, counter="C01")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def wrong(qtbot, dialog: LoginDialog) -> str:  # type: ignore[no-untyped-def]
    dialog.login.setText("clerk")
    dialog.password.setText("not-the-password")
    dialog.error.clear()
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.error.text()) and dialog.submit_button.isEnabled(), timeout=5_000)
    return dialog.error.text()


def test_a_known_counter_starts_at_the_login_name(dialog: LoginDialog) -> None:
    assert dialog.focusWidget() is dialog.login


def test_the_third_wrong_password_says_how_many_tries_remain(qtbot, dialog: LoginDialog) -> None:  # type: ignore[no-untyped-def]
    assert [wrong(qtbot, dialog) for _ in range(2)] == ["登录名或密码不正确。"] * 2
    assert wrong(qtbot, dialog) == "登录名或密码不正确。再输错 2 次，该用户将被锁定 15 分钟。"
    assert wrong(qtbot, dialog) == "登录名或密码不正确。再输错 1 次，该用户将被锁定 15 分钟。"
    table = dialog.demo_table
    assert table is not None
    before = (table.geometry(), dialog.height())
    assert wrong(qtbot, dialog) == "密码连续错误 5 次，该用户已锁定 15 分钟。"
    assert dialog.focusWidget() is dialog.password
    # The lockout words take their reserved place: the demo table keeps its place and every row shows.
    assert (table.geometry(), dialog.height()) == before
    last = table.rowCount() - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()


def test_picking_a_demo_user_clears_the_old_error(qtbot, dialog: LoginDialog) -> None:  # type: ignore[no-untyped-def]
    wrong(qtbot, dialog)
    assert dialog.error.isVisible()
    dialog.fill_demo(2)
    assert dialog.error.text() == "" and dialog.error.isHidden()
