"""The readings workplace, driven as a meter reader drives it: the keyboard only. Type a day's
readings into the route's grid (Enter moves down), see each problem at once (red refused, amber
held) in the service's words, save the route in one go, import a handheld's file, print the sheet."""

from __future__ import annotations

import itertools
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton, QWidget
from sqlalchemy import func, select

from gasdesk.db import Database
from gasdesk.models import Account, AuditEntry, Meter, Reading
from gasdesk.services.core import business_day
from gasdesk.services.office import address
from gasdesk.services.readings import routes, store, views
from gasdesk.services.readings.store import ReadingInput
from gasdesk.ui.readings import entry_model as entry
from gasdesk.ui.readings.import_dialog import ImportDialog
from gasdesk.ui.readings.page import ReadingsPage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "accounts"))
from accounts_support import Office  # the accounts tests' office and accounts

D = Decimal
ENTER = Qt.Key.Key_Return
GAS_ON = date(2026, 1, 12)  # accounts_support's gas-on day, initial reading 0


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_enter(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), ENTER)


def editor_row(page: ReadingsPage) -> int:
    """The row whose reading (or note) editor has the keyboard."""
    widget = focused()
    assert isinstance(widget, QLineEdit) and widget.objectName() in ("readingEditor", "noteEditor"), widget
    return page.grid.current_row()


@pytest.fixture
def office(demo_db: Database, sign_in) -> Office:  # type: ignore[no-untyped-def]
    with demo_db.read() as s:
        admin = sign_in("admin")
        first = address.tree(s, admin)[0]
    return Office(demo_db, sign_in("clerk"), sign_in("super"), sign_in("reader"), admin, first.id,
                  first.compounds[0].id, itertools.count(1))


def today(db: Database) -> date:
    with db.read() as s:
        return business_day.today(s)


def history(office: Office, aid: int, values: list[str], last: date) -> None:
    """Monthly actual readings of an account, the last one on ``last``."""
    n = len(values)
    days = [last - timedelta(days=30 * (n - 1 - i)) for i in range(n)]
    number, serial = numbers(office, [aid])[0]
    with office.db.write() as s:
        outcomes = store.submit(s, office.reader, [ReadingInput(number, serial, v, d) for v, d in zip(values, days,
                                                                                                      strict=True)],
                                source="entry")
    assert [o.outcome for o in outcomes.outcomes] == ["accepted"] * n


def numbers(office: Office, aids: list[int]) -> list[tuple[str, str]]:
    """(account number, fitted meter serial) of each account."""
    with office.db.read() as s:
        return [(s.get(Account, aid).number, s.scalar(select(Meter.serial).where(
            Meter.account_id == aid, Meter.removed_on.is_(None)))) for aid in aids]


def discard(page: ReadingsPage) -> None:
    """What the test typed and did not save goes, so that closing the window asks nothing."""
    for r in page.model.rows:
        r.value, r.kind = "", entry.ACTUAL


@pytest.fixture
def route(office: Office) -> tuple[routes.RouteInfo, list[int]]:
    """Route A01 of the reader: four accounts in service, each read a month before today at 30 m³ a month."""
    aids = [office.account_at("in_service", name=n) for n in ("张一", "李二", "王三", "赵四")]
    day = today(office.db)
    for aid in aids:
        history(office, aid, ["30", "60", "90"], day - timedelta(days=30))
    with office.db.write() as s:
        info = routes.add_route(s, office.reader, "A01", "阳光花园一册", reader_login_or_id="reader", days="5")
        routes.assign_accounts(s, office.reader, info.id, aids)
    with office.db.read() as s:
        return routes.route_info(s, office.reader, info.id), aids


@pytest.fixture
def open_readings(qtbot, open_window):  # type: ignore[no-untyped-def]
    def open_page(login: str = "reader") -> ReadingsPage:
        window = open_window(login)
        window.activateWindow()
        qtbot.waitActive(window)
        page = window.show_workplace("readings")
        assert isinstance(page, ReadingsPage)
        qtbot.waitUntil(lambda: len(page.model.rows) > 0, timeout=10_000)
        return page

    return open_page


def stored(db: Database) -> list[tuple[str, str | None, str, str, str]]:
    with db.read() as s:
        rows = s.execute(select(Reading.kind, Reading.value, Reading.status, Reading.reasons, Reading.note)
                         .where(Reading.source == "entry", Reading.read_on == business_day.today(s))
                         .order_by(Reading.id)).all()
    return [(k, None if v is None else f"{v:.3f}", st, r, n) for k, v, st, r, n in rows]


def wait_checked(qtbot, page: ReadingsPage, row: int, state: str) -> None:  # type: ignore[no-untyped-def]
    try:
        qtbot.waitUntil(lambda: page.model.state(row) == state, timeout=10_000)
    except Exception:
        print("DEBUG", page.model.rows[row], page.notice.text(), page.checker.in_flight, page.model.day)
        raise


def test_a_reader_types_the_days_readings_row_by_row_and_each_is_checked_at_once(
        qtbot, route, open_readings) -> None:  # type: ignore[no-untyped-def]
    page = open_readings()
    assert [r.code for r in page.routes.rows] == ["A01"]
    assert page.heading.text() == "A01 阳光花园一册 · 抄表员 李抄表 · 每月 5 日 · 4 户"
    assert editor_row(page) == 0  # the reader's first route is open, the cursor in its first reading cell
    qtbot.keyClick(focused(), Qt.Key.Key_F6)  # F6: the route list; Enter opens the route picked there
    assert page.routes_view.hasFocus()
    qtbot.keyClick(page.routes_view, ENTER)
    assert editor_row(page) == 0
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["序号", "户号", "地址", "表号", "上次读数", "上次日期", "本次读数", "类型", "用量", "问题",
                       "备注"]
    assert page.model.text(0, entry.C_PREV) == "90"

    type_enter(qtbot, "115")
    assert editor_row(page) == 1  # Enter: the next meter's reading cell
    wait_checked(qtbot, page, 0, "accepted")
    assert page.model.text(0, entry.C_USE) == "25"
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None

    type_enter(qtbot, "80")  # below the previous 90: refused, red, the service's words
    assert editor_row(page) == 2
    wait_checked(qtbot, page, 1, "rejected")
    words = ("读数 80 小于上次读数 90（%s），按表走满一圈算用量为 99990 立方米，不合情理，请核对。"
             % (today(page.ctx.db) - timedelta(days=30)))
    assert page.model.text(1, entry.C_PROBLEM) == "读数变小：" + words  # the reason's name, then its words
    assert page.model.data(page.model.index(1, entry.C_PROBLEM), Qt.ItemDataRole.ToolTipRole) == "读数变小：" + words
    assert words in page.detail.text()
    assert page.model.data(page.model.index(1, entry.C_NUMBER), Qt.ItemDataRole.BackgroundRole) == entry.RED

    type_enter(qtbot, "900")  # 810 m³ against 30 a month: held, amber
    wait_checked(qtbot, page, 2, "held")
    assert page.model.text(2, entry.C_PROBLEM).startswith("用量突增：用量 810 立方米，超过近期平均用量")
    assert page.model.data(page.model.index(2, entry.C_ADDRESS), Qt.ItemDataRole.BackgroundRole) == entry.AMBER

    assert editor_row(page) == 3
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # no access: on to the note
    assert focused().objectName() == "noteEditor" and page.grid.current_row() == 3
    assert page.model.text(3, entry.C_KIND) == "未入户"
    typed = QInputMethodEvent()  # Chinese comes as the input method commits it
    typed.setCommitString("家中无人")
    QApplication.sendEvent(focused(), typed)
    qtbot.keyClick(focused(), ENTER)
    wait_checked(qtbot, page, 3, "accepted")
    assert stored(page.ctx.db) == []  # checked, nothing stored yet
    assert page.model.rows[3].note == "家中无人"
    discard(page)


def test_ctrl_s_stores_the_good_rows_in_one_go_and_leaves_the_refused_ones(
        qtbot, route, open_readings) -> None:  # type: ignore[no-untyped-def]
    page = open_readings()
    page.focus_grid()
    type_enter(qtbot, "115")
    type_enter(qtbot, "80")
    type_enter(qtbot, "900")
    qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # an estimate
    qtbot.keyClicks(focused(), "112")
    assert page.model.text(3, entry.C_KIND) == "估抄"
    db = page.ctx.db
    with db.read() as s:
        audits = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "readings.entry"))
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(page.notice.text()), timeout=10_000)
    assert page.notice.text() == "已保存：接受 2，待审 1；拒收 1 行未保存，请改正"
    assert stored(db) == [("actual", "115.000", "accepted", "", ""), ("actual", "900.000", "held", "spike", ""),
                          ("estimated", "112.000", "accepted", "", "")]
    with db.read() as s:  # one transaction, one audit row
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "readings.entry")) == audits + 1
    assert [page.model.state(i) for i in range(4)] == ["saved", "rejected", "saved_held", "saved"]
    assert page.model.text(1, entry.C_PROBLEM).startswith("读数变小：读数 80 小于上次读数 90")
    assert page.model.text(0, entry.C_PROBLEM) == "已保存"
    assert page.model.text(2, entry.C_PROBLEM) == "已保存，待审：用量突增"
    assert page.model.text(2, entry.C_PREV) == "90"  # saved here: the reading before it is still shown
    assert editor_row(page) == 1  # the cursor on the refused row, to correct it
    assert not page.model.editable_at(0, entry.C_VALUE)  # a saved row is not typed over
    qtbot.waitUntil(lambda: "已抄 1" in page.progress.text(), timeout=10_000)
    start = today(db).replace(day=1)
    assert page.progress.text() == f"本期（{start} 至 {views.cycle_window('monthly', True, start)[1]}）共 4 户：" \
        "已抄 1，未抄 1，待审 1，估抄 1，未入户 0"

    type_enter(qtbot, "95")  # corrected
    wait_checked(qtbot, page, 1, "accepted")
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.notice.text() == "已保存：接受 1，待审 0。", timeout=10_000)
    assert page.model.unsaved() == 0
    qtbot.waitUntil(lambda: "未抄 0" in page.progress.text(), timeout=10_000)


def test_leaving_the_route_with_readings_not_saved_asks_first(qtbot, route, office: Office,
                                                             open_readings) -> None:  # type: ignore[no-untyped-def]
    with office.db.write() as s:
        routes.add_route(s, office.reader, "B02", "东湖小区一册", reader_login_or_id="super", days="9")
    page = open_readings()
    qtbot.waitUntil(lambda: len(page.routes.rows) == 2, timeout=5_000)
    assert [r.code for r in page.routes.rows] == ["A01", "B02"]  # the reader's own first
    page.focus_grid()
    qtbot.keyClicks(focused(), "115")
    page.focus_routes()
    qtbot.keyClick(page.routes_view, Qt.Key.Key_Down)
    qtbot.keyClick(page.routes_view, ENTER)
    box = page.dialog
    assert isinstance(box, QMessageBox) and box.text() == "抄表册 A01 有 1 行读数尚未保存。不保存就打开抄表册 B02 吗？"
    box.button(QMessageBox.StandardButton.No).click()  # stay
    assert page.route is not None and page.route.code == "A01"
    assert page.model.rows[0].value == "115"
    page.focus_routes()
    qtbot.keyClick(page.routes_view, Qt.Key.Key_Down)
    qtbot.keyClick(page.routes_view, ENTER)
    page.dialog.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.model.rows == [], timeout=5_000)  # B02 has no stops yet
    assert page.route is not None and page.route.code == "B02" and page.model.unsaved() == 0


def test_a_handhelds_file_is_read_checked_then_imported_with_its_rejects_written(
        qtbot, route, office: Office, open_readings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _info, aids = route
    (n1, m1), (n2, m2) = numbers(office, aids[:2])
    day = today(office.db)
    bad = n2[:-1] + str((int(n2[-1]) + 1) % 10)
    path = tmp_path / "handheld.csv"
    path.write_bytes(("户号,表号,本次读数,抄表日期,备注\r\n"
                      f"{n1},{m1},115,{day:%Y/%m/%d},\r\n"
                      f"{bad},{m2},130,{day},\r\n"
                      f"{n1},{m1},115,{day},\r\n").encode("gb18030"))
    page = open_readings()
    page.import_path(path)
    dialog = page.dialog
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(lambda: dialog.dry is not None, timeout=10_000)
    assert dialog.stage.text() == ("已检查，尚未保存。共 3 行（GB18030）：接受 1，待审 0，已导入 1，拒收 1。"
                                   "按 Enter 把接受和待审的行一起导入。")
    assert dialog.rejects.rowCount() == 1
    assert dialog.rejects.data(dialog.rejects.index(0, 5)) == f"户号 {bad} 的校验位不对，请核对。"
    assert dialog.bar.value() == dialog.bar.maximum()
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Reading).where(Reading.source == "import")) == 0
    qtbot.waitUntil(lambda: dialog.import_button.hasFocus(), timeout=5_000)
    qtbot.keyClick(dialog.import_button, ENTER)
    qtbot.waitUntil(lambda: dialog.rejects_path is not None, timeout=10_000)
    rejects = tmp_path / "handheld.rejected.csv"
    assert dialog.rejects_path == rejects and rejects.is_file()
    assert dialog.stage.text() == f"已导入：接受 1，待审 0，已导入 1，拒收 1。拒收的行及原因已写入 {rejects}"
    assert "check_digit" in rejects.read_text(encoding="utf-8-sig")
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Reading).where(Reading.source == "import")) == 1
    qtbot.waitUntil(lambda: page.model.state(0) == "saved", timeout=10_000)  # the grid shows what is stored


def test_a_file_that_is_not_a_table_is_refused_in_words(qtbot, route, open_readings,
                                                       tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    page = open_readings()
    page.import_path(path)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert dialog.error.text() == f"文件是空的（0 字节）：{path}。请检查是否选错了文件。"
    assert not dialog.import_button.isEnabled()


def test_ctrl_p_previews_the_route_sheet(qtbot, route, open_readings) -> None:  # type: ignore[no-untyped-def]
    from gasdesk.ui.pdf_preview import PdfPreview

    page = open_readings()
    page.focus_grid()
    qtbot.keyClick(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(page.dialog, PdfPreview) and shiboken6.isValid(page.dialog), timeout=10_000)
    preview = page.dialog
    assert preview.windowTitle() == "抄表单 A01"
    assert preview.page_count == 1
    preview.reject()


def test_who_sees_what(qtbot, route, open_window, open_readings) -> None:  # type: ignore[no-untyped-def]
    assert "readings" not in open_window("clerk").workplace_names()
    page = open_readings("reader")
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["抄表录入", "待审读数"]
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.held is not None, timeout=5_000)
    names = {b.objectName() for b in page.held.findChildren(QPushButton)}
    assert "held_correct" in names and "held_confirm" not in names  # a reader corrects, never confirms
    boss = open_readings("super")
    boss.tabs.setCurrentIndex(1)
    assert "held_confirm" in {b.objectName() for b in boss.held.findChildren(QPushButton)}


def test_closing_the_program_with_readings_not_saved_asks_first(qtbot, route, open_readings) -> None:  # type: ignore[no-untyped-def]
    page = open_readings()
    page.focus_grid()
    qtbot.keyClicks(focused(), "115")
    window = page.window()
    window.close()
    assert window.isVisible()  # not closed: asked first
    box = page.dialog
    assert isinstance(box, QMessageBox)
    assert box.text() == "抄表册 A01 有 1 行读数尚未保存。仍要关闭 gasdesk 并放弃这些读数吗？"
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)


def test_f1_opens_the_readings_manual(qtbot, route, open_readings) -> None:  # type: ignore[no-untyped-def]
    page = open_readings()
    text = page.window().show_help().browser.toPlainText()
    assert text.startswith("抄表 使用说明")
    assert "Ctrl+E 估抄" in text and "Ctrl+N 未入户" in text and "GB18030" in text and "上次读数待审" in text


def test_choosing_another_workplace_with_readings_not_saved_offers_to_go_back(
        qtbot, route, open_readings) -> None:  # type: ignore[no-untyped-def]
    page = open_readings("super")
    page.focus_grid()
    qtbot.keyClicks(focused(), "115")
    window = page.window()
    window.show_workplace("counter")
    box = page.dialog
    assert isinstance(box, QMessageBox) and box.text() == (
        "抄表册 A01 有 1 行读数尚未保存。它们留在录入表中，直到您保存（Ctrl+S）或退出程序。")
    next(b for b in box.buttons() if b.text() == "回到抄表录入").click()
    qtbot.waitUntil(lambda: window.current_workplace().name == "readings", timeout=5_000)
    assert page.model.rows[0].value == "115"  # nothing typed was lost
    discard(page)


def test_ctrl_b_opens_the_routes_administration(qtbot, route, open_readings) -> None:  # type: ignore[no-untyped-def]
    from gasdesk.ui.readings.route_admin import RouteAdminDialog

    page = open_readings()
    qtbot.keyClick(focused(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(page.dialog, RouteAdminDialog) and page.dialog.isVisible(), timeout=5_000)
    page.dialog.reject()
