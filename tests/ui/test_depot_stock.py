"""The depot's stock tab as a keeper meets it: a batch of empties scanned and sent to the plant
with F9, a refused batch listing its cylinder's reasons, a physical count that differs explained
and recorded, the stock sheet on Ctrl+P; custody from the exchange screen on Ctrl+K."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from tests.ui.test_depot_exchange import keeper, scan, stocked  # noqa: F401  (fixtures)

from gasdesk.db import Database
from gasdesk.models import StockCount
from gasdesk.services.core.actor import Actor
from gasdesk.services.depot import cylinders
from gasdesk.ui.depot import DepotWorkplace
from gasdesk.ui.depot.custody_dialog import CustodyDialog
from gasdesk.ui.depot.stock_page import StockPage
from gasdesk.ui.pdf_preview import PdfPreview


@pytest.fixture
def place(qtbot, open_window: Callable[..., object], stocked: str) -> DepotWorkplace:  # type: ignore[no-untyped-def]  # noqa: F811
    window = open_window("depot", counter="D01")
    window.activateWindow()  # type: ignore[attr-defined]
    shown = window.show_workplace("depot")  # type: ignore[attr-defined]
    assert isinstance(shown, DepotWorkplace)
    qtbot.waitUntil(lambda: shown.exchange.find.hasFocus(), timeout=5_000)
    return shown


def _stock_tab(qtbot, place: DepotWorkplace) -> StockPage:  # type: ignore[no-untyped-def]
    qtbot.keyClick(place.exchange.find, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(place.stock.scan.hasFocus, timeout=5_000)
    return place.stock


def _previewed() -> bool:
    return any(isinstance(w, PdfPreview) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_empties_scanned_and_sent_to_the_plant_with_f9(qtbot, place: DepotWorkplace, demo_db: Database,
                                                       keeper: Actor) -> None:  # noqa: F811
    with demo_db.write() as s:
        cylinders.register(s, keeper, "M-01~03", size="YSP35.5", made_on="2022-03-01", last_inspected_on="2025-06-01",
                           state="empty", key="t-m")
    page = _stock_tab(qtbot, place)
    page.document.setText("CZ-2026-5")
    page.scan.setFocus()
    for serial in ("M-01", "M-02", "F-01"):  # F-01 is full: the batch is refused with its reason
        scan(qtbot, serial)
    assert page.serials == ["M-01", "M-02", "F-01"]
    qtbot.keyClick(page.scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "F-01" in page.message.text() and "不是空瓶在库" in page.message.text(), timeout=5_000)
    page.listed.setCurrentRow(2)
    qtbot.keyClick(page.listed, Qt.Key.Key_Delete)  # take F-01 off the list
    assert page.serials == ["M-01", "M-02"]
    qtbot.keyClick(page.scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "CZ-2026-5" in page.message.text(), timeout=5_000)
    assert page.serials == []
    with demo_db.read() as s:
        assert [cylinders.get(s, x).state for x in ("M-01", "M-02", "M-03")] == ["at_plant", "at_plant", "empty"]


def test_a_count_that_differs_is_explained_and_recorded(qtbot, place: DepotWorkplace, demo_db: Database) -> None:
    page = _stock_tab(qtbot, place)
    page.mode.setCurrentIndex(page.mode.findData("count"))
    page.scan.setFocus()
    scan(qtbot, "F-01")
    qtbot.waitUntil(lambda: "少 1" in page.summary.text(), timeout=5_000)  # F-02 is not found
    qtbot.keyClick(page.scan, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "请写明原因" in page.message.text() and page.detail.hasFocus(), timeout=5_000)
    page.detail.insert("F-02 在充装站未回")
    qtbot.keyClick(page.detail, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "盘点已保存" in page.message.text(), timeout=5_000)
    with demo_db.read() as s:
        row = s.scalars(select(StockCount)).one()
        assert (row.counted, row.explanation) == (1, "F-02 在充装站未回")


def test_the_stock_sheet_opens_with_ctrl_p(qtbot, place: DepotWorkplace) -> None:
    page = _stock_tab(qtbot, place)
    qtbot.keyClick(page.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(_previewed, timeout=10_000)


def test_ctrl_k_keeps_the_customers_own_cylinder_against_a_slip(qtbot, place: DepotWorkplace, stocked: str,  # noqa: F811
                                                                 demo_db: Database, keeper: Actor) -> None:  # noqa: F811
    with demo_db.write() as s:
        cylinders.register(s, keeper, "OWN-7", size="YSP12", made_on="2022-03-01", last_inspected_on="2025-06-01",
                           owner=stocked, key="t-own")
    page = place.exchange
    scan(qtbot, stocked)
    qtbot.waitUntil(lambda: page.customer is not None, timeout=5_000)
    page.find.setFocus()
    qtbot.keyClick(page.find, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CustodyDialog), timeout=5_000)
    dialog = QApplication.activeModalWidget()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.serials.hasFocus, timeout=5_000)  # type: ignore[attr-defined]
    scan(qtbot, "OWN-7")  # the only field: Enter saves
    qtbot.waitUntil(lambda: "D01-K-0000001" in page.message.text(), timeout=5_000)
    qtbot.waitUntil(_previewed, timeout=10_000)
    with demo_db.read() as s:
        assert cylinders.get(s, "OWN-7").state == "in_custody"


def test_the_days_coupons_are_handed_in_and_the_shift_closes_from_the_stock_tab(  # type: ignore[no-untyped-def]
        qtbot, place: DepotWorkplace, stocked: str, demo_db: Database, keeper: Actor) -> None:  # noqa: F811
    from gasdesk.models import CouponHandover
    from gasdesk.services.depot import exchange
    from gasdesk.ui.counter.shift_dialog import ShiftDialog
    from gasdesk.ui.depot.coupon_dialog import CouponHandInDialog

    page = _stock_tab(qtbot, place)
    qtbot.keyClick(page.scan, Qt.Key.Key_F9, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "今天没有收回气票" in page.message.text(), timeout=5_000)
    with demo_db.write() as s:
        exchange.exchange(s, keeper, stocked, [exchange.Pair("E-01", "F-01")], coupons=["Q0002"], key="t-x")
    qtbot.keyClick(page.scan, Qt.Key.Key_F9, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CouponHandInDialog), timeout=5_000)
    dialog = QApplication.activeModalWidget()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.counts["YSP35.5"], timeout=5_000)  # type: ignore[attr-defined]
    assert dialog.counts["YSP35.5"].value() == 1  # type: ignore[attr-defined]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    scan(qtbot, "刘会计")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # no difference to explain
    qtbot.waitUntil(lambda: "刘会计" in page.message.text(), timeout=5_000)
    with demo_db.read() as s:
        row = s.scalars(select(CouponHandover)).one()
        assert (row.size, row.expected, row.counted, row.received_by) == ("YSP35.5", 1, 1, "刘会计")
    page.window().activateWindow()  # the dialog has closed: the keeper is back on the tab
    page.scan.setFocus()
    qtbot.waitUntil(page.scan.hasFocus, timeout=5_000)
    qtbot.keyClick(page.scan, Qt.Key.Key_F9, Qt.KeyboardModifier.ControlModifier)  # the keeper's cash: the shift close
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ShiftDialog), timeout=5_000)
