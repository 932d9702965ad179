"""Bills on screen: the account page's 账单 tab (each bill, what is open of it, its breakdown that
follows ↑/↓) and the reader's save naming the bills it made and the readings that wait for a tariff."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import Account, BillStatus, Compound
from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.core import business_day, labels, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.readings import routes
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter.account_page import AccountPage
from gasdesk.ui.readings import entry_model as entry
from gasdesk.ui.readings.page import ReadingsPage
from gasdesk.ui.runner import Runner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "accounts"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "billing"))
from accounts_support import Office  # the accounts tests' office and accounts
from billing_support import load_residential, read  # a tariff and a reading, as the billing tests write them

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def office(demo_db: Database, sign_in: Callable[[str], Actor]) -> Office:
    with demo_db.read() as s:
        compound = s.scalars(select(Compound).order_by(Compound.id)).first()
        assert compound is not None
        area_id, compound_id = compound.area_id, compound.id
    return Office(demo_db, sign_in("clerk"), sign_in("super"), sign_in("reader"), sign_in("admin"), area_id,
                  compound_id, itertools.count(1))


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def due_day(db: Database) -> str:
    with db.read() as s:
        return str(business_day.today(s) + timedelta(days=settings.get_int(s, "bill_due_days")))


def cells(model, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_every_bill_status_has_both_names() -> None:
    assert set(labels.BILL_STATUS) == {s.value for s in BillStatus}
    assert labels.text(labels.BILL_STATUS, "posted") == "已出账"
    assert labels.text(labels.BILL_STATUS, "reversed", "en") == "reversed"


def test_the_bills_tab_lists_each_bill_with_what_is_open_and_its_breakdown(  # type: ignore[no-untyped-def]
        qtbot, runner: Runner, demo_db: Database, office: Office) -> None:
    load_residential(office)  # 2.61 up to 350 m³ a year
    load_residential(office, ("350", "2.8375"), ("500", "3.40"), (None, "4.25"), on=date(2026, 3, 1))
    aid = office.account_at("in_service")  # gas-on 2026-01-12 at 0, 300.00 prepaid
    read(office, aid, "150", date(2026, 2, 11))  # 150 × 2.61 = 391.50, 300.00 of it paid from the prepayment
    read(office, aid, "400", date(2026, 3, 13))  # 250 m³ over 30 days, cut at the price change on 03-01
    runner.actor = office.clerk
    page = AccountPage(AppContext(demo_db, runner, office.clerk))
    qtbot.addWidget(page)
    page.resize(1340, 700)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    shown: list[AccountDetail] = []
    page.load(aid, shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)

    assert page.tabs.tabText(6) == "账单 (2)  Alt+7"
    qtbot.keyClick(page, Qt.Key.Key_7, ALT)
    tab = page.bills_tab
    assert page.tabs.currentWidget() is tab and focused() is tab.view
    bills, lines = tab.model, tab.lines
    assert [bills.headerData(c, Qt.Orientation.Horizontal) for c in range(bills.columnCount())] == [
        "账期", "用量", "金额", "未缴", "到期日", "状态"]
    due = due_day(demo_db)
    # 02-12～02-28 (17 days): floor(250000 l × 17 / 30) = 141666 l × 2.61 = 369.75 (150 → 291.666 m³ in
    # the year); 03-01～03-13 the remaining 108334 l: 58.334 m³ to 350 × 2.8375 = 165.52, 50 m³ × 3.40 = 170.00
    assert [cells(bills, r) for r in range(bills.rowCount())] == [
        ["2026-02-12～2026-03-13", "250 m³", "¥705.27", "¥705.27", due, "已出账"],
        ["2026-01-13～2026-02-11", "150 m³", "¥391.50", "¥91.50", due, "已出账"],
    ]
    assert [lines.headerData(c, Qt.Orientation.Horizontal) for c in range(lines.columnCount())] == [
        "分段起止", "天数", "价格表生效日", "价格年度起", "阶梯", "用量", "单价", "金额"]
    assert [cells(lines, r) for r in range(lines.rowCount())] == [
        ["2026-02-12～2026-02-28", "17", "2024-01-01", "2026-01-01", "1", "141.666 m³", "¥2.61", "¥369.75"],
        ["2026-03-01～2026-03-13", "13", "2026-03-01", "2026-01-01", "1", "58.334 m³", "¥2.8375", "¥165.52"],
        ["2026-03-01～2026-03-13", "13", "2026-03-01", "2026-01-01", "2", "50 m³", "¥3.40", "¥170.00"],
    ]
    assert tab.caption.text() == "2026-02-12～2026-03-13 的明细：3 行，合计 ¥705.27，未缴 ¥705.27"

    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # the breakdown follows the bill picked
    assert [cells(lines, r) for r in range(lines.rowCount())] == [
        ["2026-01-13～2026-02-11", "30", "2024-01-01", "2026-01-01", "1", "150 m³", "¥2.61", "¥391.50"]]
    assert tab.caption.text() == "2026-01-13～2026-02-11 的明细：1 行，合计 ¥391.50，未缴 ¥91.50"

    page.reload()  # a reload keeps the bill picked
    qtbot.waitUntil(lambda: page.detail is not None and page.detail is not shown[0], timeout=10_000)
    assert tab.current() is not None and tab.current().period_to == date(2026, 2, 11)  # type: ignore[union-attr]
    assert lines.rowCount() == 1


def test_the_readers_save_names_the_bills_and_the_readings_waiting_for_a_tariff(  # type: ignore[no-untyped-def]
        qtbot, office: Office, open_window) -> None:
    load_residential(office)
    aids = [office.account_at("in_service", name=n) for n in ("张一", "李二")]
    with office.db.write() as s:
        s.get(Account, aids[1]).type = "commercial"  # no commercial tariff: its reading waits
        info = routes.add_route(s, office.reader, "A01", "阳光花园一册", reader_login_or_id="reader", days="5")
        routes.assign_accounts(s, office.reader, info.id, aids)
    window = open_window("reader")
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.show_workplace("readings")
    assert isinstance(page, ReadingsPage)
    qtbot.waitUntil(lambda: len(page.model.rows) == 2, timeout=10_000)
    assert page.buttons["notices"].text() == "调价通知…  (Ctrl+T)"

    page.focus_grid()
    for value in ("100", "50"):
        qtbot.keyClicks(focused(), value)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: bool(page.notice.text()), timeout=10_000)
    # 100 m³ from the initial reading, all in tier 1 at 2.61
    said = "已保存：接受 2，待审 0；出账 1 张，共 ¥261.00；1 条读数待定气价。"
    assert page.notice.text() == said
    waits = "已保存，未出账：2026-01-13 没有生效的商业气价"
    assert page.model.text(1, entry.C_PROBLEM) == waits
    # The grid reloads what is stored: the billed reading says so, the waiting one keeps its reason.
    qtbot.waitUntil(lambda: page.model.text(0, entry.C_PROBLEM) == "已保存，已出账", timeout=10_000)
    assert page.model.text(1, entry.C_PROBLEM) == waits
    assert page.notice.text() == said  # the save's words stay under the reloaded grid


def test_ctrl_t_opens_the_price_change_notices(qtbot, office: Office, open_window) -> None:  # type: ignore[no-untyped-def]
    from gasdesk.ui.readings.price_notices import PriceNoticesDialog

    window = open_window("reader")
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.show_workplace("readings")
    assert isinstance(page, ReadingsPage)
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: isinstance(page.dialog, PriceNoticesDialog) and page.dialog.isVisible(), timeout=5_000)
    page.dialog.reject()  # type: ignore[union-attr]


def test_the_closing_settlement_quotes_the_gas_to_the_final_reading_and_posts_that(  # type: ignore[no-untyped-def]
        qtbot, runner: Runner, demo_db: Database, office: Office) -> None:
    from gasdesk.ui.counter.change_dialogs import SettleDialog

    load_residential(office)  # 2.61 up to 350 m³ a year
    aid = office.account_at("in_service")  # gas-on 2026-01-12 at 0, 300.00 prepaid
    runner.actor = office.clerk
    ctx = AppContext(demo_db, runner, office.clerk)
    page = AccountPage(ctx)
    qtbot.addWidget(page)
    page.show()
    shown: list[AccountDetail] = []
    page.load(aid, shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    dialog = SettleDialog(ctx, shown[0], page, final="50", on=date(2026, 2, 11))
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.charge, timeout=5_000)  # on to any other charge
    qtbot.waitUntil(lambda: dialog.gas_label.text() == "计收气费 ¥130.50", timeout=5_000)
    assert dialog.net.text() == "退还客户 ¥169.50 后销户"  # 300.00 prepaid − 130.50 of gas
    assert [b.volume_m3 for b in bills_of(demo_db, aid)] == []  # a quote keeps nothing
    dialog.final.setText("49")
    qtbot.waitUntil(lambda: dialog.gas_label.text() == "计收气费 ¥127.89", timeout=5_000)
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    qtbot.keyClick(dialog.charge, Qt.Key.Key_Return)  # on to the method: cash
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # saves
    qtbot.waitUntil(lambda: bool(saved), timeout=5_000)
    assert [b.total for b in bills_of(demo_db, aid)] == [Decimal("127.89")]


def bills_of(db: Database, aid: int):  # type: ignore[no-untyped-def]
    from gasdesk.models import Bill

    with db.read() as s:
        return list(s.scalars(select(Bill).where(Bill.account_id == aid)))
