"""The administration workplace: users, the address tree, settings, backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from gasdesk.backup import read_head_file
from gasdesk.db import Database
from gasdesk.services.core import audit, labels, settings
from gasdesk.services.office import users
from gasdesk.startup import prepare
from gasdesk.ui.admin import AdminPage


def _admin_page(qtbot, open_window) -> AdminPage:  # type: ignore[no-untyped-def]
    window = open_window("admin")
    page = window.show_workplace("admin")
    assert isinstance(page, AdminPage)
    return page


def _message_boxes(widget) -> list[QMessageBox]:  # type: ignore[no-untyped-def]
    return [b for b in widget.findChildren(QMessageBox) if b.isVisible()]


def test_admin_adds_a_user_and_it_appears_in_the_table(qtbot, open_window, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = _admin_page(qtbot, open_window).users
    qtbot.waitUntil(lambda: len(page.model.rows) == 5, timeout=5_000)
    page.add_user()
    dialog = page.dialog
    dialog.login.setText("clerk2")
    dialog.name.setText("孙业务")
    clerk = list(labels.ROLE).index("clerk")
    dialog.role.setCurrentIndex(clerk)
    assert dialog.role.currentText() == "业务员"
    dialog.password.setText("pass-2")
    dialog.again.setText("pass-2")
    dialog.submit()
    qtbot.waitUntil(lambda: any(u.login == "clerk2" for u in page.model.rows), timeout=5_000)
    assert not dialog.isVisible()
    row = next(r for r in range(page.model.rowCount()) if page.model.rows[r].login == "clerk2")
    shown = [page.model.index(row, c).data() for c in range(4)]
    assert shown == ["clerk2", "孙业务", "业务员", "启用"]
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().login == "clerk2", timeout=5_000)


def test_a_refused_user_is_explained_and_the_form_stays(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    page = _admin_page(qtbot, open_window).users
    page.add_user()
    dialog = page.dialog
    dialog.login.setText("clerk")  # taken
    dialog.name.setText("重复")
    dialog.password.setText("x1")
    dialog.again.setText("x1")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(_message_boxes(dialog)), timeout=5_000)
    assert _message_boxes(dialog)[0].text() == "登录名“clerk”已被使用。"
    assert dialog.isVisible() and dialog.buttons.isEnabled()


def test_passwords_that_differ_are_caught_in_the_form(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    page = _admin_page(qtbot, open_window).users
    page.add_user()
    dialog = page.dialog
    dialog.password.setText("a")
    dialog.again.setText("b")
    dialog.submit()
    assert dialog.error.text() == "两次输入的密码不一致，请重新输入。"


def test_disable_reset_and_change_role(qtbot, open_window, demo_db: Database, sign_in) -> None:  # type: ignore[no-untyped-def]
    page = _admin_page(qtbot, open_window).users
    qtbot.waitUntil(lambda: len(page.model.rows) == 5, timeout=5_000)
    page.select_login("reader")
    page.toggle_active()
    question = _message_boxes(page)[0]
    question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.selected() is not None and not page.selected().active, timeout=5_000)
    assert page.model.index(page.model.rows.index(page.selected()), 3).data() == "已停用"

    page.reset_password()
    page.dialog.password.setText("temp-9")
    page.dialog.again.setText("temp-9")
    page.dialog.submit()
    qtbot.waitUntil(lambda: page.selected().must_change_password, timeout=5_000)

    page.change_role()
    page.dialog.role.setCurrentIndex(list(labels.ROLE).index("supervisor"))
    page.dialog.submit()
    qtbot.waitUntil(lambda: page.selected().role.value == "supervisor", timeout=5_000)
    with demo_db.read() as s:
        entries = [e["action"] for e in audit.recent(s, sign_in("admin"), entity="user", entity_id=page.selected().id)]
    assert entries[:3] == ["user.role", "user.reset_password", "user.disable"]


def test_the_last_admin_cannot_be_disabled_and_the_refusal_is_shown(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    page = _admin_page(qtbot, open_window).users
    qtbot.waitUntil(lambda: len(page.model.rows) == 5, timeout=5_000)
    page.select_login("admin")
    page.toggle_active()
    _message_boxes(page)[0].button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: any(b.text() == "不能停用自己的账号。" for b in _message_boxes(page)), timeout=5_000)


def test_address_add_area_and_compound(qtbot, open_window, demo_db: Database, sign_in) -> None:  # type: ignore[no-untyped-def]
    page = _admin_page(qtbot, open_window).address
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() == 3, timeout=5_000)
    page.add_area()
    page.dialog.code.setText("04")
    page.dialog.name.setText("高新区")
    page.dialog.submit()
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() == 4, timeout=5_000)
    area_item = page.tree.topLevelItem(3)
    assert (area_item.text(0), area_item.text(1), area_item.text(2)) == ("高新区", "04", "使用中")
    assert page.tree.currentItem() is area_item  # the new area is selected, ready for its compounds

    page.add_compound()
    assert page.dialog.windowTitle() == "添加小区"
    page.dialog.name.setText("科技花园")
    page.dialog.street.setText("科技路 5 号")
    page.dialog.submit()
    qtbot.waitUntil(lambda: page.tree.topLevelItem(3).childCount() == 1, timeout=5_000)
    child = page.tree.topLevelItem(3).child(0)
    assert (child.text(0), child.text(1), child.text(2)) == ("科技花园", "科技路 5 号", "使用中")

    page.tree.setCurrentItem(child)
    page.toggle_compound()
    _message_boxes(page)[0].button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.tree.topLevelItem(3).child(0).text(2) == "已停用", timeout=5_000)

    page.tree.setCurrentItem(page.tree.topLevelItem(3))
    page.rename_area()
    page.dialog.name.setText("高新技术开发区")
    page.dialog.submit()
    qtbot.waitUntil(lambda: page.tree.topLevelItem(3).text(0) == "高新技术开发区", timeout=5_000)


def test_address_refusal_is_shown(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    page = _admin_page(qtbot, open_window).address
    page.add_area()
    page.dialog.code.setText("01")  # used by 城东片区
    page.dialog.name.setText("新片区")
    page.dialog.submit()
    qtbot.waitUntil(lambda: bool(_message_boxes(page.dialog)), timeout=5_000)
    assert _message_boxes(page.dialog)[0].text() == "片区代码 01 已被使用。"


def test_settings_save_and_the_idle_lock_follows(qtbot, demo_db: Database, runner, sign_in) -> None:  # type: ignore[no-untyped-def]
    from gasdesk.ui.context import AppContext
    from gasdesk.ui.main_window import MainWindow

    actor = sign_in("admin")
    runner.actor = actor
    window = MainWindow(AppContext(demo_db, runner, actor))  # idle minutes from the settings
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.idle.interval() == 10 * 60_000, timeout=5_000)
    page = window.show_workplace("admin").settings
    qtbot.waitUntil(lambda: page.spins["idle_lock_minutes"].value() == 10, timeout=5_000)
    page.spins["idle_lock_minutes"].setValue(3)
    assert page.spins["depot_due_soon_days"].value() == 30  # the depot's hand-out margin, saved with them
    page.spins["depot_due_soon_days"].setValue(45)
    page.save()
    qtbot.waitUntil(lambda: window.idle.interval() == 3 * 60_000, timeout=5_000)
    with demo_db.read() as s:
        assert settings.get_int(s, "depot_due_soon_days") == 45


def test_backup_runs_in_the_background_and_is_audited(qtbot, open_window, demo_db: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                     sign_in) -> None:
    page = _admin_page(qtbot, open_window).settings
    dest = tmp_path / "copies" / "backup.db"
    page.backup_to(dest)
    qtbot.waitUntil(lambda: page.backup_button.isEnabled() and dest.exists(), timeout=10_000)
    kept = read_head_file(dest)
    assert kept is not None
    assert page.backup_status.text() == f"备份已写入并通过检查：{dest}\n校验链头 {kept}，已存入旁边的 backup.db.head"
    admin = sign_in("admin")
    with demo_db.read() as s:
        actions = [e["action"] for e in audit.recent(s, admin, limit=2)]
    assert actions == ["login", "db.backup"]
    copy = prepare(dest, create=False, upgrade=False)  # the copy opens and has the office's users
    try:
        with copy.read() as s:
            assert users.has_users(s)
    finally:
        copy.dispose()
