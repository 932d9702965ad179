"""The held readings as a supervisor and a reader use them (keyboard only), the account page's
readings tab with its chart, the transfer reading, and the reading-check settings."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import Account, Compound, Meter, Reading
from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.core import settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.readings.store import ReadingInput, submit
from gasdesk.ui.admin.settings import SettingsPage
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter import change_dialogs
from gasdesk.ui.counter.account_page import AccountPage
from gasdesk.ui.readings.held import ConfirmDialog, CorrectDialog, FollowUpDialog, HeldList
from gasdesk.ui.runner import Runner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "accounts"))
from accounts_support import Office  # (the accounts tests' helpers: accounts at any status)

ENTER, CTRL = Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
START = date(2026, 2, 11)  # a month after accounts_support's gas-on day (2026-01-12, initial reading 0)


@pytest.fixture
def office(demo_db: Database, sign_in: Callable[[str], Actor]) -> Office:
    with demo_db.read() as s:
        compound = s.scalars(select(Compound).order_by(Compound.id)).first()
        assert compound is not None
        area_id, compound_id = compound.area_id, compound.id
    return Office(demo_db, sign_in("clerk"), sign_in("super"), sign_in("reader"), sign_in("admin"), area_id,
                  compound_id, itertools.count(1))


def number_and_serial(office: Office, aid: int) -> tuple[str, str]:
    with office.db.read() as s:
        meter = s.scalar(select(Meter).where(Meter.account_id == aid, Meter.removed_on.is_(None)))
        return s.get(Account, aid).number, meter.serial  # type: ignore[union-attr]


def monthly(office: Office, aid: int, values: list[str], start: date = START) -> list[str]:
    """Readings 30 days apart, entered by the reader through the store (the three checks)."""
    number, serial = number_and_serial(office, aid)
    rows = [ReadingInput(number, serial, v, start + timedelta(days=30 * i)) for i, v in enumerate(values)]
    with office.db.write() as s:
        return [o.outcome for o in submit(s, office.reader, rows, source="entry").outcomes]


def spiked(office: Office) -> int:
    """10 m³ a month, then a jump to 160 m³ (held: spike), then a month later 10 m³ (held: previous_held)."""
    aid = office.account_at("in_service")
    assert monthly(office, aid, ["10", "20", "30", "40", "200", "210"]) == ["accepted"] * 4 + ["held"] * 2
    return aid


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def held_list(qtbot, runner: Runner, db: Database, actor: Actor) -> HeldList:  # type: ignore[no-untyped-def]
    runner.actor = actor
    page = HeldList(AppContext(db, runner, actor))
    qtbot.addWidget(page)
    page.resize(1300, 500)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    qtbot.waitUntil(lambda: page.total is not None and not page.model.loading, timeout=10_000)
    page.view.setFocus()
    return page


def wait_dialog(qtbot, page: HeldList, kind: type) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(page.dialog, kind) and shiboken6.isValid(page.dialog)
                    and page.dialog.isVisible() and page.dialog.isActiveWindow(), timeout=10_000)
    return page.dialog  # type: ignore[return-value]


def cells(page: HeldList, row: int) -> list[str]:
    return [page.model.data(page.model.index(row, c)) for c in range(page.model.columnCount())]


def statuses(db: Database, aid: int) -> list[tuple[str, str, str]]:
    with db.read() as s:
        return [(f"{r.value:f}", r.status, r.reasons) for r in s.scalars(
            select(Reading).where(Reading.account_id == aid, Reading.kind == "actual").order_by(Reading.id))]


def test_a_held_spike_is_shown_in_words_and_the_supervisor_confirms_it_by_keyboard(  # type: ignore[no-untyped-def]
        qtbot, runner, demo_db: Database, office: Office) -> None:
    aid = spiked(office)
    number, serial = number_and_serial(office, aid)
    page = held_list(qtbot, runner, demo_db, office.supervisor)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["户号", "户名", "表号", "抄表日期", "读数", "上次读数", "用量", "原因", "录入人", "回访"]
    assert page.title.text() == "待审读数 2 条"
    assert cells(page, 0) == [
        number, "张三", serial, "2026-06-11", "200 m³", "40 m³ (2026-05-12)", "160 m³",
        "用量 160 立方米，超过近期平均用量（按 30 天折算 10 立方米）的 3 倍。", "reader", ""]
    assert cells(page, 1)[7] == "上次读数（2026-06-11，200）尚待处理，本次读数等它确认或更正后再计费。"
    assert set(page.buttons) == {"confirm", "correct", "follow_up", "refresh"}

    # Enter on the first line asks first; Esc leaves it held
    assert page.view.currentIndex().row() == 0
    qtbot.keyClick(page.view, ENTER)
    dialog = wait_dialog(qtbot, page, ConfirmDialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert (f"{number} · 张三 · {serial}\n2026-06-11 读数 200 m³；上次 40 m³（2026-05-12）；用量 160 m³\n"
            "待审原因：用量 160 立方米，超过近期平均用量（按 30 天折算 10 立方米）的 3 倍。\n"
            "确认这个读数无误吗？将按此读数计费。") in texts
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) and page.view.hasFocus(), timeout=5_000)

    # Ctrl+Enter, then Enter on the (optional) note confirms; the later reading is released with it
    qtbot.keyClick(page.view, ENTER, CTRL)
    dialog = wait_dialog(qtbot, page, ConfirmDialog)
    assert focused() is dialog.note
    dialog.note.insert("户主确认新装壁挂炉")  # (Chinese arrives from the input method, not as key presses)
    qtbot.keyClick(focused(), ENTER)
    qtbot.waitUntil(lambda: page.message.text() == "已确认；随之放行 1 条后续读数", timeout=10_000)
    qtbot.waitUntil(lambda: page.total == 0 and not page.model.rows, timeout=10_000)
    assert page.title.text() == "没有待审的读数。"
    assert [st for _v, st, _r in statuses(demo_db, aid)] == ["accepted"] * 6
    assert page.view.hasFocus()


def test_a_reader_corrects_but_never_confirms(qtbot, runner, demo_db: Database, office: Office) -> None:  # type: ignore[no-untyped-def]
    aid = spiked(office)
    page = held_list(qtbot, runner, demo_db, office.reader)
    assert set(page.buttons) == {"correct", "follow_up", "refresh"}
    qtbot.keyClick(page.view, ENTER, CTRL)  # no confirm for a reader: Enter, with Ctrl or not, corrects
    first = wait_dialog(qtbot, page, CorrectDialog)
    assert "确认" not in first.windowTitle()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(first) and page.view.hasFocus(), timeout=5_000)

    # Ctrl+R (or Enter, or F2) corrects; a bad value is refused in the service's words, the dialog stays
    qtbot.keyClick(page.view, Qt.Key.Key_R, CTRL)
    dialog = wait_dialog(qtbot, page, CorrectDialog)
    assert focused() is dialog.value
    qtbot.keyClicks(focused(), "abc")
    qtbot.keyClick(focused(), ENTER)
    qtbot.keyClick(focused(), ENTER)  # the note is optional: Enter saves
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.buttons.isEnabled(), timeout=10_000)
    assert dialog.error.text() == "气量“abc”不是数字，请只输入数字和小数点（如 1234.5）。"
    assert dialog.isVisible() and focused() is dialog.value and dialog.value.selectedText() == "abc"
    qtbot.keyClicks(focused(), "200")  # the same value: a supervisor confirms it instead
    qtbot.keyClick(focused(), ENTER)
    qtbot.keyClick(focused(), ENTER)
    qtbot.waitUntil(lambda: dialog.error.text() == "更正后的读数与原读数相同；如读数无误，请由主管确认。",
                    timeout=10_000)
    assert focused() is dialog.value

    # corrected to 50 (use 10): accepted; the later reading is judged again against it, now a spike itself
    qtbot.keyClicks(focused(), "50")
    qtbot.keyClick(focused(), ENTER)
    qtbot.keyClick(focused(), ENTER)
    qtbot.waitUntil(lambda: page.message.text() == "已更正为 50", timeout=10_000)
    qtbot.waitUntil(lambda: page.total == 1 and len(page.model.rows) == 1, timeout=10_000)
    assert page.model.rows[0].reasons == ("spike",)
    assert cells(page, 0)[4:7] == ["210 m³", "50 m³ (2026-06-11)", "160 m³"]
    assert statuses(demo_db, aid)[4:] == [("200.000", "superseded", "spike"), ("210.000", "held", "spike"),
                                          ("50.000", "accepted", "")]

    # Ctrl+F: a follow-up note for the household; empty is refused in words with the cursor in the note
    qtbot.keyClick(page.view, Qt.Key.Key_F, CTRL)
    follow = wait_dialog(qtbot, page, FollowUpDialog)
    qtbot.keyClick(focused(), ENTER)
    qtbot.waitUntil(lambda: follow.error.text() == "请写明回访内容（如：已电话告知户主，约定复查）。", timeout=10_000)
    assert focused() is follow.note
    follow.note.insert("已电话告知户主，约定复查")
    qtbot.keyClick(focused(), ENTER)
    number, _serial = number_and_serial(office, aid)
    qtbot.waitUntil(lambda: page.message.text() == f"已记下户号 {number} 的回访", timeout=10_000)
    qtbot.waitUntil(lambda: bool(page.model.rows) and page.model.rows[0].follow_ups == 1, timeout=10_000)
    assert cells(page, 0)[9] == "1"


def open_account(qtbot, runner: Runner, db: Database, actor: Actor, aid: int) -> AccountPage:  # type: ignore[no-untyped-def]
    runner.actor = actor
    page = AccountPage(AppContext(db, runner, actor))
    qtbot.addWidget(page)
    page.resize(1340, 700)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    shown: list[AccountDetail] = []
    page.load(aid, shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    return page


def test_the_account_page_lists_the_readings_with_their_use_under_a_chart(  # type: ignore[no-untyped-def]
        qtbot, runner, demo_db: Database, office: Office) -> None:
    aid = office.account_at("in_service")
    assert monthly(office, aid, ["10", "25", "200"]) == ["accepted", "accepted", "held"]
    _number, serial = number_and_serial(office, aid)
    page = open_account(qtbot, runner, demo_db, office.clerk, aid)
    assert page.tabs.tabText(5) == "抄表记录 (4)  Alt+6"
    model = page.readings_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["日期", "表号", "读数", "用量", "类型", "状态", "原因", "备注"]
    rows = [[model.data(model.index(r, c)) for c in range(7)] for r in range(model.rowCount())]
    assert rows == [
        ["2026-04-12", serial, "200 m³", "175 m³", "实抄", "待审", "用量突增"],
        ["2026-03-13", serial, "25 m³", "15 m³", "实抄", "已接受", ""],
        ["2026-02-11", serial, "10 m³", "10 m³", "实抄", "已接受", ""],
        ["2026-01-12", serial, "0 m³", "", "初始", "已接受", ""],
    ]
    chart = page.use_chart
    assert [(p.read_on, f"{p.use_m3:f}") for p in chart.points] == [
        (date(2026, 2, 11), "10.000"), (date(2026, 3, 13), "15.000"), (date(2026, 4, 12), "175.000")]
    assert [chart.month_label(p) for p in chart.points] == ["2月", "3月", "4月"]
    page.tabs.setCurrentIndex(5)
    qtbot.waitExposed(chart)
    assert not chart.grab().isNull()  # painted (bars, months, m³) without a fault
    bar = chart._bars[-1][0]
    assert chart.point_at(bar.center().toPoint()) is chart.points[-1]


def test_the_transfer_asks_for_the_meter_reading_and_refuses_one_below_the_last(  # type: ignore[no-untyped-def]
        qtbot, runner, demo_db: Database, office: Office) -> None:
    aid = office.account_at("in_service")
    monthly(office, aid, ["10", "20"])
    _number, serial = number_and_serial(office, aid)
    page = open_account(qtbot, runner, demo_db, office.clerk, aid)
    dialog = page.run_action("transfer")
    assert isinstance(dialog, change_dialogs.TransferDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isActiveWindow(), timeout=5_000)
    assert dialog.form.labelForField(dialog.reading).text() == "过户读数(&T)（立方米）："  # type: ignore[union-attr]
    dialog.name.setText("司马光")
    dialog.id_number.setText(office.holder().id_number)
    dialog.phone.setText("13700001111")
    dialog.funds.setCurrentIndex(dialog.funds.findData("carry_over"))
    dialog.consent.setText("原户主签字同意")
    dialog.submit()  # required where a meter is fitted
    assert dialog.error.text() == f"请填写燃气表 {serial} 的过户读数。"
    assert focused() is dialog.reading
    qtbot.keyClicks(focused(), "15")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.buttons.isEnabled(), timeout=10_000)
    assert dialog.error.text() == ("读数 15 小于上次读数 20（2026-03-13），按表走满一圈算用量为 99995 立方米，"
                                   "不合情理，请核对。")
    assert dialog.isVisible() and focused() is dialog.reading
    qtbot.keyClicks(focused(), "26.5")
    dialog.submit()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.summary.holder_name == "司马光", timeout=10_000)
    newest = page.detail.readings[0]  # type: ignore[union-attr]
    assert (newest.kind, f"{newest.value:f}", f"{newest.use_m3:f}", newest.status) == (
        "transfer", "26.500", "6.500", "accepted")
    assert page.readings_model.data(page.readings_model.index(0, 4)) == "过户"


def test_the_reading_checks_are_settings_saved_like_the_fees(  # type: ignore[no-untyped-def]
        qtbot, runner, demo_db: Database, sign_in) -> None:
    actor = sign_in("admin")
    runner.actor = actor
    page = SettingsPage(AppContext(demo_db, runner, actor))
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    qtbot.waitUntil(lambda: page.checks["reading_spike_factor"].text() == "3", timeout=5_000)
    labels_shown = [page.checks[k].parentWidget().layout().labelForField(page.checks[k]).text()  # type: ignore[union-attr]
                    for k in page.checks]
    assert labels_shown == ["用量突增倍数：", "用量突增下限（立方米）：", "平均用量取近几期：", "连续零用量期数："]
    assert page.checks["reading_average_cycles"].value() == 6  # type: ignore[union-attr]
    page.checks["reading_spike_factor"].setText("2.5")  # type: ignore[union-attr]
    page.checks["reading_spike_floor_m3"].setText("0")  # type: ignore[union-attr]
    page.save()
    qtbot.waitUntil(lambda: page.save_error.isVisible(), timeout=5_000)
    assert page.save_error.text() == "“用量突增下限（立方米）”必须大于零。"
    assert focused() is page.checks["reading_spike_floor_m3"]
    with demo_db.read() as s:
        assert settings.get(s, "reading_spike_factor") == "3"  # all or none
    page.checks["reading_spike_floor_m3"].setText("25")  # type: ignore[union-attr]
    page.checks["reading_zero_cycles"].setValue(4)  # type: ignore[union-attr]
    page.save()
    qtbot.waitUntil(lambda: not page.save_error.isVisible() and page.values.get("reading_zero_cycles") == "4",
                    timeout=5_000)
    with demo_db.read() as s:
        assert [settings.get(s, k) for k in page.checks] == ["2.5", "25", "6", "4"]
