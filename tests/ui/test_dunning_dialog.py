"""催缴 on a reader's round, driven by the keyboard: the route's households in arrears with their
aging, 1 / 2 / 3 marking the household picked and moving on, a mark typed twice refused in the
service's words, Ctrl+P previewing the route's notices; a clerk may look but not mark; Ctrl+U
opens it from the readings workplace on the route open there."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import Compound, DunningMark
from gasdesk.services.cashier import arrears
from gasdesk.services.core import business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.readings import routes
from gasdesk.ui.context import AppContext
from gasdesk.ui.pdf_preview import PdfPreview
from gasdesk.ui.readings.dunning import DunningDialog
from gasdesk.ui.readings.page import ReadingsPage
from gasdesk.ui.runner import Runner

# the service tests' helpers, as tests/services/conftest.py puts them on the path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "accounts"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "printing"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "billing"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "cashier"))
from accounts_support import Office  # (the accounts tests' factory: accounts at any status)
from billing_support import load_residential  # (a residential tariff)
from test_arrears import aged_bills  # (bills billed on their own days: due 2026-02-26 and 03-28)
from test_counter import focused, press  # (keys as a clerk types them)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def office(demo_db: Database, sign_in: Callable[[str], Actor]) -> Office:
    """The demo office's people; new accounts go to 东湖小区 (the demo template has none there)."""
    with demo_db.read() as s:
        compound = s.scalars(select(Compound).where(Compound.name == "东湖小区")).one()
    return Office(demo_db, sign_in("clerk"), sign_in("super"), sign_in("reader"), sign_in("admin"),
                  compound.area_id, compound.id, itertools.count(1))


def round_of_two(office: Office) -> tuple[int, list[int]]:
    load_residential(office)  # (the demo template holds no tariff)
    ids = [aged_bills(office, n) for n in ("赵一", "钱二")]
    with office.db.write() as s:
        route = routes.add_route(s, office.reader, "N01", "东湖一册", reader_login_or_id="reader")
        routes.assign_accounts(s, office.reader, route.id, ids)
    return route.id, ids


def opened(qtbot, office: Office, runner: Runner, actor: Actor, route_id: int) -> DunningDialog:  # type: ignore
    runner.actor = actor
    dialog = DunningDialog(AppContext(office.db, runner, actor, demo=True), route_id=route_id)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: dialog.households.rowCount() == 2, timeout=10_000)
    return dialog


def test_a_reader_marks_the_round_with_1_2_3_and_previews_the_notices(
        qtbot, demo_db: Database, runner: Runner, office: Office) -> None:  # type: ignore[no-untyped-def]
    route_id, ids = round_of_two(office)
    with demo_db.read() as s:
        today = business_day.today(s)
        expected = arrears.arrears(s, office.reader, route_id=route_id)
    dialog = opened(qtbot, office, runner, office.reader, route_id)
    assert dialog.current_route().code == "N01"  # type: ignore[union-attr]
    assert [r.account_id for r in dialog.households.rows] == ids  # walking order
    first = dialog.households.rows[0]
    assert (first.owed, first.aging.over_90, first.holder_name) == (expected.rows[0].owed, first.owed, "赵*")
    cells = [dialog.households.data(dialog.households.index(0, c)) for c in range(dialog.households.columnCount())]
    assert cells[2] == "赵*" and cells[4] == cells[8] != "" and cells[5] == cells[6] == cells[7] == ""
    qtbot.waitUntil(lambda: "欠费 2 户" in dialog.route.currentText(), timeout=10_000)  # the route's count follows
    assert focused() is dialog.route

    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.view and dialog.view.currentIndex().row() == 0
    press(qtbot, Qt.Key.Key_2)  # not at home
    qtbot.waitUntil(lambda: dialog.households.rows[0].last_mark is not None, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.view.currentIndex().row() == 1, timeout=10_000)  # on to the next household
    assert "赵*" in dialog.result.text()
    assert dialog.households.data(dialog.households.index(0, 11)) == f"不在家 {today.isoformat()}"
    assert dialog.households.data(dialog.households.index(0, 12)).endswith("（reader）")
    assert focused() is dialog.view
    press(qtbot, Qt.Key.Key_1)  # reached
    qtbot.waitUntil(lambda: dialog.households.rows[1].last_mark is not None, timeout=10_000)
    with demo_db.read() as s:
        marks = [(m.account_id, m.outcome, m.on) for m in s.scalars(select(DunningMark).order_by(DunningMark.id))]
    assert marks[-2:] == [(ids[0], "not_home", today), (ids[1], "reached", today)]

    press(qtbot, Qt.Key.Key_1)  # the same key again on the same household: refused in the service's words
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.error.text().endswith("已登记过“已送达”（李抄表（reader） 登记），不用重复登记。")

    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: isinstance(dialog.dialog, PdfPreview) and dialog.dialog.isVisible(), timeout=10_000)
    assert dialog.dialog.pdf_bytes.startswith(b"%PDF")  # type: ignore[union-attr]
    assert "N01" in dialog.dialog.windowTitle()  # type: ignore[union-attr]
    dialog.dialog.reject()  # type: ignore[union-attr]


def test_a_clerk_sees_the_arrears_and_prints_but_cannot_mark(
        qtbot, demo_db: Database, runner: Runner, office: Office) -> None:  # type: ignore[no-untyped-def]
    route_id, _ids = round_of_two(office)
    dialog = opened(qtbot, office, runner, office.clerk, route_id)
    assert not dialog.buttons["reached"].isEnabled() and dialog.buttons["print"].isEnabled()
    dialog.view.setFocus()
    press(qtbot, Qt.Key.Key_1)
    qtbot.wait(200)
    assert dialog.result.text() == "" and dialog.households.rows[0].last_mark is None


def test_ctrl_u_opens_it_from_the_readings_workplace_on_the_route_open_there(
        qtbot, office: Office, open_window) -> None:  # type: ignore[no-untyped-def]
    route_id, _ids = round_of_two(office)
    window = open_window("reader")
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.show_workplace("readings")
    assert isinstance(page, ReadingsPage)
    qtbot.waitUntil(lambda: page.route is not None, timeout=10_000)
    row = next(i for i, r in enumerate(page.routes.rows) if r.id == route_id)
    page.open_route_at(row)
    qtbot.waitUntil(lambda: page.route is not None and page.route.id == route_id, timeout=10_000)
    assert page.buttons["dunning"].text().endswith("(Ctrl+U)")
    page.focus_grid()
    press(qtbot, Qt.Key.Key_U, CTRL)
    qtbot.waitUntil(lambda: isinstance(page.dialog, DunningDialog) and page.dialog.isVisible(), timeout=10_000)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.households.rowCount() == 2, timeout=10_000)  # type: ignore[union-attr]
    assert dialog.current_route().id == route_id  # type: ignore[union-attr]
    dialog.reject()  # type: ignore[union-attr]
