"""Routes (抄表册管理), driven as a reader drives them: the keyboard only. A route is made, a taken
code is refused in the service's words, a compound is assigned with the counts said, an account
is added by its number (and moved from another route), and Ctrl+Down reorders what is stored."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import Account, Compound, Route, RouteStop
from gasdesk.services.core.actor import Actor
from gasdesk.services.readings import routes
from gasdesk.ui.context import AppContext
from gasdesk.ui.readings.route_admin import RouteAdminDialog
from gasdesk.ui.readings.route_forms import CompoundAssignDialog, MoveStopDialog, RouteForm
from gasdesk.ui.runner import Runner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "accounts"))
from accounts_support import Office  # (the accounts tests' factory: accounts at any status)
from test_counter import focused, press, type_enter  # (keys as a clerk types them; Chinese by IME)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def office(demo_db: Database, sign_in: Callable[[str], Actor]) -> Office:
    """The demo office's people; new accounts go to 东湖小区 (the demo template has none there)."""
    with demo_db.read() as s:
        compound = s.scalars(select(Compound).where(Compound.name == "东湖小区")).one()
    return Office(demo_db, sign_in("clerk"), sign_in("super"), sign_in("reader"), sign_in("admin"),
                  compound.area_id, compound.id, itertools.count(1))


@pytest.fixture
def open_admin(qtbot, demo_db: Database, runner: Runner, office: Office) -> Iterator[Callable[[], RouteAdminDialog]]:  # type: ignore[no-untyped-def]
    def make(actor: Actor | None = None) -> RouteAdminDialog:
        runner.actor = actor = actor or office.reader
        dialog = RouteAdminDialog(AppContext(demo_db, runner, actor, demo=True))
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        dialog.activateWindow()
        qtbot.waitActive(dialog)
        qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
        return dialog

    yield make


def wait_form(qtbot, dialog: RouteAdminDialog, kind: type) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(dialog.dialog, kind) and shiboken6.isValid(dialog.dialog)
                    and dialog.dialog.isActiveWindow(), timeout=10_000)
    return dialog.dialog  # type: ignore[return-value]


def add_route(office: Office, code: str, name: str) -> routes.RouteInfo:
    with office.db.write() as s:
        return routes.add_route(s, office.reader, code, name, reader_login_or_id="reader", days="5")


def number_of(office: Office, account_id: int) -> str:
    with office.db.read() as s:
        number = s.get(Account, account_id).number  # type: ignore[union-attr]
    assert number
    return number


def stored_order(office: Office, route_id: int) -> list[int]:
    with office.db.read() as s:
        return list(s.scalars(select(RouteStop.account_id).where(RouteStop.route_id == route_id)
                              .order_by(RouteStop.position)))


def choose(dialog: RouteAdminDialog, code: str) -> None:
    row = next(i for i, r in enumerate(dialog.routes.rows) if r.code == code)
    dialog.routes_view.setCurrentIndex(dialog.routes.index(row, 0))


def shown_stops(dialog: RouteAdminDialog) -> list[int]:
    return [s.account_id for s in dialog.stops.rows]


def test_a_reader_makes_routes_with_the_keyboard_alone(qtbot, open_admin, office: Office) -> None:  # type: ignore[no-untyped-def]
    dialog = open_admin()
    assert dialog.heading.text() == "还没有抄表册：按 Ctrl+N 新建第一个。"
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = wait_form(qtbot, dialog, RouteForm)
    assert focused() is form.code
    type_enter(qtbot, "a01")
    type_enter(qtbot, "阳光花园一册")
    assert focused() is form.reader and form.reader.currentText() == "李抄表（reader）"  # a reader: themselves
    type_enter(qtbot)
    assert focused() is form.cycle and form.cycle.currentText() == "每月"
    type_enter(qtbot)
    assert focused() is form.days and not form.months.isEnabled()  # monthly: no months to choose
    type_enter(qtbot, "5，6")  # the last field: Enter saves
    qtbot.waitUntil(lambda: [r.code for r in dialog.routes.rows] == ["A01"], timeout=10_000)
    row = [dialog.routes.data(dialog.routes.index(0, c)) for c in range(dialog.routes.columnCount())]
    assert row == ["A01", "阳光花园一册", "李抄表", "每月", "5,6", "0", "在用"]
    assert dialog.result.text() == "抄表册 A01 已保存：每月 5、6 日。"

    press(qtbot, Qt.Key.Key_N, CTRL)  # a bimonthly one, read in the even months
    form = wait_form(qtbot, dialog, RouteForm)
    type_enter(qtbot, "B01")
    type_enter(qtbot, "东湖小区")
    type_enter(qtbot)
    press(qtbot, Qt.Key.Key_Down)  # every two months
    type_enter(qtbot)
    assert focused() is form.days and form.months.isEnabled()
    type_enter(qtbot, "12")
    press(qtbot, Qt.Key.Key_Down)  # even months
    type_enter(qtbot)
    qtbot.waitUntil(lambda: [r.code for r in dialog.routes.rows] == ["A01", "B01"], timeout=10_000)
    assert dialog.routes.data(dialog.routes.index(1, 3)) == "每两月（双月）"
    assert dialog.current_route().code == "B01"  # type: ignore[union-attr]
    with office.db.read() as s:
        stored = s.scalars(select(Route).where(Route.code == "B01")).one()
        assert (stored.name, stored.cycle, stored.days, stored.odd_months, stored.reader_id) == \
            ("东湖小区", "bimonthly", "12", False, office.reader.user_id)


def test_a_taken_code_is_refused_in_the_services_words_and_the_cursor_goes_back_to_it(  # type: ignore[no-untyped-def]
        qtbot, open_admin, office: Office) -> None:
    add_route(office, "A01", "阳光花园一册")
    dialog = open_admin()
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = wait_form(qtbot, dialog, RouteForm)
    type_enter(qtbot, "A01")
    type_enter(qtbot, "又一册")
    type_enter(qtbot)
    type_enter(qtbot)
    type_enter(qtbot, "8")
    qtbot.waitUntil(lambda: form.error.isVisible(), timeout=10_000)
    assert form.error.text() == "抄表册编号 A01 已经有了，请换一个编号。"
    assert form.isVisible() and focused() is form.code and form.code.selectedText() == "A01"
    type_enter(qtbot, "a02")  # typed over the selection; the other fields keep what was typed
    for _ in range(4):  # name, reader, cycle, days: Enter on the last saves
        press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [r.code for r in dialog.routes.rows] == ["A01", "A02"], timeout=10_000)

    press(qtbot, Qt.Key.Key_N, CTRL)  # days the service's own parser refuses: said as the form is saved
    form = wait_form(qtbot, dialog, RouteForm)
    type_enter(qtbot, "A03")
    type_enter(qtbot, "三册")
    type_enter(qtbot)
    type_enter(qtbot)
    type_enter(qtbot, "32")
    assert form.error.text() == "抄表日“32”无效：应为 1 到 31 之间的日子，几个日子用逗号分开，例如 5 或 5,6。"
    assert focused() is form.days and form.days.selectedText() == "32"


def test_a_compound_is_assigned_and_the_counts_are_said_in_words(qtbot, open_admin, office: Office) -> None:  # type: ignore[no-untyped-def]
    first, second, third = (office.account_at("in_service") for _ in range(3))
    office.account_at("installed")  # not read yet: not counted
    elsewhere = add_route(office, "Z09", "别的册")
    with office.db.write() as s:
        routes.assign_accounts(s, office.reader, elsewhere.id, [second])
    add_route(office, "A01", "东湖一册")
    dialog = open_admin()
    choose(dialog, "A01")
    qtbot.waitUntil(lambda: dialog.heading.text().startswith("A01 东湖一册"), timeout=10_000)
    press(qtbot, Qt.Key.Key_G, CTRL)
    form = wait_form(qtbot, dialog, CompoundAssignDialog)
    qtbot.waitUntil(lambda: form.compound.count() > 1, timeout=10_000)
    assert focused() is form.compound
    for _ in range(form.compound.findText("城东片区 · 东湖小区")):
        press(qtbot, Qt.Key.Key_Down)
    assert form.compound.currentText() == "城东片区 · 东湖小区"
    type_enter(qtbot)
    qtbot.waitUntil(lambda: dialog.result.text() != "", timeout=10_000)
    assert dialog.result.text() == "已加入 2 户；1 户已在其他抄表册，未移动。"
    qtbot.waitUntil(lambda: shown_stops(dialog) == [first, third], timeout=10_000)
    assert dialog.heading.text() == "A01 东湖一册 · 每月 5 日 · 共 2 户"
    qtbot.waitUntil(lambda: dialog.routes.data(dialog.routes.index(0, 5)) == "2", timeout=10_000)  # A01 (then Z09)
    assert stored_order(office, elsewhere.id) == [second]


def test_an_account_number_typed_joins_the_route_and_one_from_another_route_is_moved(  # type: ignore[no-untyped-def]
        qtbot, open_admin, office: Office) -> None:
    fresh, taken = office.account_at("in_service"), office.account_at("gas_on")
    other = add_route(office, "Z09", "别的册")
    with office.db.write() as s:
        routes.assign_accounts(s, office.reader, other.id, [taken])
    route = add_route(office, "A01", "东湖一册")
    dialog = open_admin()
    choose(dialog, "A01")
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert focused() is dialog.number
    type_enter(qtbot, number_of(office, fresh))
    qtbot.waitUntil(lambda: shown_stops(dialog) == [fresh], timeout=10_000)
    assert dialog.result.text() == f"已加入户号 {number_of(office, fresh)}，第 1 户。"
    assert dialog.number.text() == "" and focused() is dialog.number  # ready for the next scan
    type_enter(qtbot, number_of(office, taken))
    qtbot.waitUntil(lambda: shown_stops(dialog) == [fresh, taken], timeout=10_000)
    assert dialog.result.text() == f"户号 {number_of(office, taken)} 原在其他抄表册，已移到本册，第 2 户。"
    assert dialog.current_stop().account_id == taken  # type: ignore[union-attr]
    assert stored_order(office, route.id) == [fresh, taken] and stored_order(office, other.id) == []
    wrong = number_of(office, fresh)[:-1] + str((int(number_of(office, fresh)[-1]) + 1) % 10)
    type_enter(qtbot, wrong)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.error.text() == "户号校验位不对，请核对后重新输入。"
    assert focused() is dialog.number and dialog.number.selectedText() == wrong


def test_ctrl_down_moves_the_chosen_stop_and_the_order_stored_is_the_new_one(  # type: ignore[no-untyped-def]
        qtbot, open_admin, office: Office) -> None:
    a, b, c = (office.account_at("in_service") for _ in range(3))
    route = add_route(office, "A01", "东湖一册")
    with office.db.write() as s:
        routes.assign_accounts(s, office.reader, route.id, [a, b, c])
    dialog = open_admin()
    qtbot.waitUntil(lambda: shown_stops(dialog) == [a, b, c], timeout=10_000)
    press(qtbot, Qt.Key.Key_Tab)  # routes → stops
    assert focused() is dialog.stops_view and dialog.current_stop().account_id == a  # type: ignore[union-attr]
    press(qtbot, Qt.Key.Key_Down, CTRL)
    qtbot.waitUntil(lambda: shown_stops(dialog) == [b, a, c], timeout=10_000)
    assert dialog.stops_view.currentIndex().row() == 1 and dialog.current_stop().account_id == a  # type: ignore[union-attr]
    assert [s.position for s in dialog.stops.rows] == [1, 2, 3]
    press(qtbot, Qt.Key.Key_Down, CTRL)
    qtbot.waitUntil(lambda: shown_stops(dialog) == [b, c, a], timeout=10_000)
    assert dialog.stops_view.currentIndex().row() == 2
    assert stored_order(office, route.id) == [b, c, a]
    press(qtbot, Qt.Key.Key_Up, CTRL)
    qtbot.waitUntil(lambda: shown_stops(dialog) == [b, a, c], timeout=10_000)
    assert stored_order(office, route.id) == [b, a, c] and focused() is dialog.stops_view


def test_a_supervisor_gives_a_route_to_any_enabled_reader_or_supervisor(qtbot, open_admin, office: Office) -> None:  # type: ignore[no-untyped-def]
    dialog = open_admin(office.supervisor)
    press(qtbot, Qt.Key.Key_N, CTRL)
    form = wait_form(qtbot, dialog, RouteForm)
    assert [form.reader.itemText(i) for i in range(form.reader.count())] == ["李抄表（reader）", "陈主管（super）"]


def test_a_stop_is_moved_to_another_route_and_another_taken_off(qtbot, open_admin, office: Office) -> None:  # type: ignore[no-untyped-def]
    a, b, c = (office.account_at("in_service") for _ in range(3))
    route, other = add_route(office, "A01", "东湖一册"), add_route(office, "A02", "东湖二册")
    with office.db.write() as s:
        routes.assign_accounts(s, office.reader, route.id, [a, b, c])
    dialog = open_admin()
    qtbot.waitUntil(lambda: shown_stops(dialog) == [a, b, c], timeout=10_000)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_M, CTRL)  # the first stop to A02, the only other route in use
    form = wait_form(qtbot, dialog, MoveStopDialog)
    assert form.target.currentText() == "A02 东湖二册（李抄表）"
    type_enter(qtbot)
    qtbot.waitUntil(lambda: shown_stops(dialog) == [b, c], timeout=10_000)
    assert dialog.result.text() == f"户号 {number_of(office, a)} 已移到抄表册 A02，第 1 户。"
    assert stored_order(office, other.id) == [a] and dialog.current_stop().account_id == b  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: focused() is dialog.stops_view, timeout=10_000)
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: dialog.dialog is not None and dialog.dialog.isVisible(), timeout=10_000)
    assert dialog.dialog.text() == f"将户号 {number_of(office, b)}（张三）移出抄表册 A01？其后的用户依次前移。"  # type: ignore[union-attr]
    qtbot.keyClick(dialog.dialog, Qt.Key.Key_Y)  # 是(&Y)
    qtbot.waitUntil(lambda: shown_stops(dialog) == [c], timeout=10_000)
    assert dialog.result.text() == f"户号 {number_of(office, b)} 已移出抄表册 A01。"
    assert stored_order(office, route.id) == [c]


def test_f2_changes_the_chosen_route_and_can_take_it_out_of_use(qtbot, open_admin, office: Office) -> None:  # type: ignore[no-untyped-def]
    route = add_route(office, "A01", "东湖一册")
    dialog = open_admin()
    press(qtbot, Qt.Key.Key_F2)
    form = wait_form(qtbot, dialog, RouteForm)
    assert form.code.isReadOnly() and focused() is form.reader  # the filled name is skipped
    type_enter(qtbot)
    type_enter(qtbot)
    assert focused() is form.days and form.days.selectedText() == "5"
    type_enter(qtbot, "7,8")
    assert focused() is form.active and form.active.isChecked()  # type: ignore[union-attr]
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.routes.data(dialog.routes.index(0, 6)) == "停用", timeout=10_000)
    assert dialog.routes.data(dialog.routes.index(0, 4)) == "7,8"
    with office.db.read() as s:
        stored = s.get(Route, route.id)
        assert stored is not None and (stored.days, stored.active) == ("7,8", False)
