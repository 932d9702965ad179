"""The depot's exchange screen as a keeper meets it, keys only: the customer by number and Enter,
the empty and the full scanned (a scanner types the serial and Enter), a coupon scanned and Enter;
an overdue empty refused on screen with its reason and logged; a new customer registered with F3;
a cash exchange printing its receipt."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import CylinderRefusal, DepositSlip, Receipt
from gasdesk.services.core.actor import Actor
from gasdesk.services.depot import coupons, customers, cylinders, deposits, movements
from gasdesk.services.depot.machine import CylinderEvent
from gasdesk.ui.depot.customer_dialog import CustomerDialog
from gasdesk.ui.depot.exchange_page import ExchangePage
from gasdesk.ui.depot.money_dialogs import CouponSaleDialog, DepositRefundDialog, LendDialog, LostSlipRefundDialog
from gasdesk.ui.pdf_preview import PdfPreview


def scan(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """What a barcode scanner does: the code's keys into the focused field, then Enter."""
    widget = QApplication.focusWidget()
    assert widget is not None
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:  # an input method's commit: QTest types ASCII keys only
        widget.insert(text)  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Return)


@pytest.fixture
def keeper(demo_db: Database) -> Actor:
    from tests.ui.conftest import _sign_in  # type: ignore[import-not-found]

    return _sign_in(demo_db, "depot", "D01")


@pytest.fixture
def stocked(demo_db: Database, keeper: Actor) -> str:
    """A household holding company empties E-01 (in date) and OLD-01 (overdue); F-01, F-02 full in
    stock; a sold book of coupons Q0001..Q0005. Returns the customer's number."""
    with demo_db.write() as s:
        c = customers.register(s, keeper, name="李四", id_number="110101199003074514", phone="13912345678",
                               address="城东路 9 号").customer
        cylinders.register(s, keeper, "E-01", size="YSP35.5", made_on="2022-03-01", last_inspected_on="2024-03-01",
                           key="t-e")
        cylinders.register(s, keeper, "OLD-01", size="YSP35.5", made_on="2019-03-01",
                           last_inspected_on="2022-03-01", key="t-o")
        cylinders.register(s, keeper, "F-01~02", size="YSP35.5", made_on="2022-03-01",
                           last_inspected_on="2025-06-01", key="t-f")
        txn = movements.open_transaction(s, keeper, "loan", "t-loan")
        for serial in ("E-01", "OLD-01"):
            movements.record(s, txn, cylinders.get(s, serial), "hand_out", "with_customer", holder_id=c.id)
        coupons.receive(s, keeper, "Q0001~0005", size="YSP35.5", face_value="115", per_book=5)
        coupons.sell_book(s, keeper, c.number, "Q0001", method="cash", key="t-sale")
    return c.number


@pytest.fixture
def page(qtbot, open_window: Callable[..., object], stocked: str) -> ExchangePage:  # type: ignore[no-untyped-def]
    window = open_window("depot", counter="D01")
    window.activateWindow()  # type: ignore[attr-defined]
    shown = window.show_workplace("depot").exchange  # type: ignore[attr-defined]
    assert isinstance(shown, ExchangePage)
    qtbot.waitUntil(lambda: shown.find.hasFocus(), timeout=5_000)
    return shown


def test_a_regular_customer_exchanges_by_coupon_with_scans_and_enter(qtbot, page: ExchangePage, stocked: str,
                                                                     demo_db: Database) -> None:
    scan(qtbot, stocked)  # the customer's number, Enter
    qtbot.waitUntil(lambda: page.customer is not None and page.scan.hasFocus(), timeout=5_000)
    scan(qtbot, "E-01")
    qtbot.waitUntil(lambda: page.pairs == [["E-01"]], timeout=5_000)
    scan(qtbot, "F-01")
    qtbot.waitUntil(lambda: page.pairs == [["E-01", "F-01"]] and page.coupon.hasFocus(), timeout=5_000)
    scan(qtbot, "Q0002")  # the coupon
    qtbot.keyClick(page.coupon, Qt.Key.Key_Return)  # Enter on the empty field completes
    qtbot.waitUntil(lambda: "Q0002" in page.message.text(), timeout=5_000)
    assert page.pairs == [] and page.find.hasFocus()
    with demo_db.read() as s:
        assert cylinders.get(s, "F-01").state == "with_customer"
        assert cylinders.get(s, "E-01").state == "empty"
        assert s.scalar(select(coupons.Coupon.status).where(coupons.Coupon.serial == "Q0002")) == "redeemed"


def test_an_overdue_empty_is_refused_with_its_reason_and_logged(qtbot, page: ExchangePage, stocked: str,
                                                                demo_db: Database) -> None:
    scan(qtbot, stocked)
    qtbot.waitUntil(lambda: page.scan.hasFocus(), timeout=5_000)
    scan(qtbot, "OLD-01")
    qtbot.waitUntil(lambda: "超过检验期" in page.message.text(), timeout=5_000)
    assert page.pairs == [] and "OLD-01" in page.message.text()
    qtbot.waitUntil(lambda: _refusals(demo_db) == [("OLD-01", "in", "inspection_overdue")], timeout=5_000)
    scan(qtbot, "F-02")  # a full one where an empty is awaited: not with the customer
    qtbot.waitUntil(lambda: "记录上不在用户处" in page.message.text(), timeout=5_000)


def _refusals(db: Database) -> list[tuple[str, str, str]]:
    with db.read() as s:
        return [(r.serial, r.direction, r.reasons) for r in s.scalars(select(CylinderRefusal))]


def test_a_new_customer_is_registered_with_f3_and_pays_cash(qtbot, page: ExchangePage, stocked: str,
                                                            demo_db: Database, keeper: Actor) -> None:
    qtbot.keyClick(page.find, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CustomerDialog), timeout=5_000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CustomerDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.account.hasFocus, timeout=5_000)
    qtbot.keyClick(dialog.account, Qt.Key.Key_Return)  # no account: on to the name
    for text in ("周七", "110101198806150010", "13812345678", "城西路 1 号"):
        scan(qtbot, text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the kind: household
    qtbot.waitUntil(lambda: page.customer is not None and page.customer.name == "周七", timeout=5_000)
    with demo_db.write() as s:  # the new customer brings a company empty they hold
        cylinders.register(s, keeper, "E-09", size="YSP35.5", made_on="2022-03-01", last_inspected_on="2024-03-01",
                           key="t-e9")
        txn = movements.open_transaction(s, keeper, "loan", "t-loan9")
        movements.move(s, txn, cylinders.get(s, "E-09"), CylinderEvent.HAND_OUT, holder_id=page.customer.id)
    page.window().activateWindow()  # the dialog has closed: the keeper is back on the screen
    page.scan.setFocus()
    qtbot.waitUntil(page.scan.hasFocus, timeout=5_000)
    scan(qtbot, "E-09")
    qtbot.waitUntil(lambda: page.pairs == [["E-09"]], timeout=5_000)
    scan(qtbot, "F-02")
    qtbot.waitUntil(lambda: len(page.pairs[-1]) == 2, timeout=5_000)
    qtbot.keyClick(page, Qt.Key.Key_F7)
    scan(qtbot, "115")
    qtbot.waitUntil(lambda: "D01-A-" in page.message.text(), timeout=5_000)
    qtbot.waitUntil(lambda: any(isinstance(w, PdfPreview) for w in QApplication.topLevelWidgets()
                                if w.isVisible()), timeout=10_000)
    with demo_db.read() as s:
        assert [r.amount for r in s.scalars(select(Receipt).order_by(Receipt.id))][-1] == 115


def test_the_movement_sheet_opens_with_ctrl_p(qtbot, page: ExchangePage) -> None:
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(isinstance(w, PdfPreview) and w.isVisible() for w in QApplication.topLevelWidgets()),
                    timeout=10_000)



def _form(qtbot, page: ExchangePage, key: Qt.Key, kind: type) -> object:  # type: ignore[no-untyped-def]
    qtbot.keyClick(page.find, key)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=5_000)
    dialog = QApplication.activeModalWidget()
    dialog.activateWindow()
    return dialog


def _preview_shown() -> bool:
    return any(isinstance(w, PdfPreview) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_f10_lends_a_company_cylinder_against_a_deposit_and_prints_the_slip(qtbot, page: ExchangePage, stocked: str,
                                                                            demo_db: Database) -> None:
    qtbot.keyClick(page.find, Qt.Key.Key_F10)  # no customer yet: told to find one
    qtbot.waitUntil(lambda: "F2" in page.message.text(), timeout=5_000)
    scan(qtbot, stocked)
    qtbot.waitUntil(lambda: page.customer is not None, timeout=5_000)
    page.find.setFocus()
    dialog = _form(qtbot, page, Qt.Key.Key_F10, LendDialog)
    assert isinstance(dialog, LendDialog)
    qtbot.waitUntil(dialog.serials.hasFocus, timeout=5_000)
    scan(qtbot, "F-01")
    for _ in range(3):  # cash; no tendered amount; no reference: Enter on the last submits
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Y" in page.message.text() and "F-01" not in page.message.text(), timeout=5_000)
    qtbot.waitUntil(_preview_shown, timeout=10_000)
    with demo_db.read() as s:
        slip = s.scalars(select(DepositSlip)).one()
        assert (slip.size, slip.count, cylinders.get(s, "F-01").state) == ("YSP35.5", 1, "with_customer")
        assert slip.number in page.message.text()


def test_f11_sells_the_book_of_a_scanned_coupon_with_a_receipt(qtbot, page: ExchangePage, stocked: str,
                                                             demo_db: Database, keeper: Actor) -> None:
    with demo_db.write() as s:
        coupons.receive(s, keeper, "Q0006~0010", size="YSP35.5", face_value="115", per_book=5)
    scan(qtbot, stocked)
    qtbot.waitUntil(lambda: page.customer is not None, timeout=5_000)
    page.find.setFocus()
    dialog = _form(qtbot, page, Qt.Key.Key_F11, CouponSaleDialog)
    assert isinstance(dialog, CouponSaleDialog)
    qtbot.waitUntil(dialog.serial.hasFocus, timeout=5_000)
    scan(qtbot, "Q0008")
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Q0006–Q0010" in page.message.text() and "575" in page.message.text(), timeout=5_000)
    qtbot.waitUntil(_preview_shown, timeout=10_000)
    with demo_db.read() as s:
        sold = s.scalars(select(coupons.Coupon.status).where(coupons.Coupon.serial.between("Q0006", "Q0010")))
        assert set(sold) == {"sold"}
        assert [r.amount for r in s.scalars(select(Receipt).order_by(Receipt.id))][-1] == 575


def _lent(demo_db: Database, keeper: Actor, customer: str) -> str:
    with demo_db.write() as s:
        return deposits.lend(s, keeper, customer, ["F-01"], method="cash", key="t-lend").slip_number


def test_f12_refunds_the_deposit_against_its_slip_with_a_refund_receipt(qtbot, page: ExchangePage, stocked: str,
                                                                        demo_db: Database, keeper: Actor) -> None:
    slip = _lent(demo_db, keeper, stocked)
    scan(qtbot, stocked)
    qtbot.waitUntil(lambda: page.customer is not None, timeout=5_000)
    page.find.setFocus()
    dialog = _form(qtbot, page, Qt.Key.Key_F12, DepositRefundDialog)
    assert isinstance(dialog, DepositRefundDialog)
    qtbot.waitUntil(dialog.slip.hasFocus, timeout=5_000)
    scan(qtbot, slip)
    scan(qtbot, "F-01")
    for _ in range(2):  # cash; no reference: Enter on the last submits
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: slip in page.message.text() and "D01-R-" in page.message.text(), timeout=5_000)
    qtbot.waitUntil(_preview_shown, timeout=10_000)
    with demo_db.read() as s:
        assert s.scalars(select(DepositSlip).where(DepositSlip.number == slip)).one().status == "refunded"
        assert cylinders.get(s, "F-01").state == "empty"


def test_shift_f12_refunds_a_lost_slip_only_with_a_supervisors_password(qtbot, page: ExchangePage, stocked: str,
                                                                        demo_db: Database, keeper: Actor) -> None:
    slip = _lent(demo_db, keeper, stocked)
    scan(qtbot, stocked)
    qtbot.waitUntil(lambda: page.customer is not None, timeout=5_000)
    page.find.setFocus()
    qtbot.keyClick(page.find, Qt.Key.Key_F12, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), LostSlipRefundDialog), timeout=5_000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, LostSlipRefundDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.serials.hasFocus, timeout=5_000)
    for text in ("F-01", "", "", "super", "wrong"):  # cylinder, cash, no reference, a wrong password
        scan(qtbot, text)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.password.hasFocus(), timeout=5_000)
    with demo_db.read() as s:
        assert s.scalars(select(DepositSlip).where(DepositSlip.number == slip)).one().status == "held"
    scan(qtbot, "super123")
    qtbot.waitUntil(lambda: slip in page.message.text(), timeout=5_000)
    with demo_db.read() as s:
        done = s.scalars(select(DepositSlip).where(DepositSlip.number == slip)).one()
        assert done.status == "refunded" and done.lost_approved_by is not None
