"""收费 at the account page, as a clerk meets it: Alt+S opens with the amount due typed in, Enter
through cash takes it and the roll receipt opens to print; the receipt is voided from the 收据
tab with the supervisor's password typed into the same dialog."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import Compound, Receipt
from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.core.actor import Actor
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter.account_page import AccountPage
from gasdesk.ui.counter.payment_dialog import PaymentDialog
from gasdesk.ui.counter.void_dialog import VoidDialog
from gasdesk.ui.pdf_preview import PdfPreview
from gasdesk.ui.runner import Runner

for folder in ("accounts", "billing", "cashier", "printing"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / folder))
from accounts_support import Office  # noqa: E402
from cashier_support import with_open_bills  # noqa: E402
from printing_support import pdf_text  # noqa: E402

ALT = Qt.KeyboardModifier.AltModifier


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


def enter(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def account_page(qtbot, runner: Runner, demo_db: Database, office: Office,  # type: ignore[no-untyped-def]
                 aid: int | None = None) -> AccountPage:
    """The clerk's account page, shown, on ``aid`` or an account with two open bills (91.50 and 261.00)."""
    aid = aid or with_open_bills(office)
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
    return page


def test_a_clerk_takes_cash_for_two_bills_with_four_keys_and_voids_it_with_approval(  # type: ignore[no-untyped-def]
        qtbot, runner: Runner, demo_db: Database, office: Office) -> None:
    page = account_page(qtbot, runner, demo_db, office)

    qtbot.keyClick(page, Qt.Key.Key_S, ALT)  # 1: Alt+S
    qtbot.waitUntil(lambda: isinstance(page.dialog, PaymentDialog), timeout=5_000)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.amount.text() == "352.50", timeout=5_000)
    assert dialog.total.text() == "¥352.50"
    assert "¥91.50" in dialog.items.text() and "¥261.00" in dialog.items.text()
    qtbot.waitUntil(lambda: focused() is dialog.amount, timeout=5_000)
    enter(qtbot)  # 2: the amount due, as it stands
    assert focused() is dialog.method
    enter(qtbot)  # 3: cash
    assert focused() is dialog.tendered
    qtbot.keyClicks(dialog.tendered, "400")
    assert dialog.outcome.text().startswith("找零：¥47.50")
    enter(qtbot)  # 4: taken
    qtbot.waitUntil(lambda: isinstance(page.dialog, PdfPreview), timeout=10_000)
    preview = page.dialog
    assert preview.document is not None and (preview.document.id, preview.document.copy) == ("C01-A-0000002", False)
    assert "叁佰伍拾贰元伍角整" in pdf_text(preview.pdf_bytes) and "¥47.50" in pdf_text(preview.pdf_bytes)
    preview.reject()
    qtbot.waitUntil(lambda: page.receipts_tab.model.rowCount() == 2, timeout=5_000)  # with the opening fees'
    assert page.tabs.tabText(7) == "收据 (2)  Alt+8"

    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)  # back on the page
    qtbot.keyClick(page, Qt.Key.Key_8, ALT)
    assert focused() is page.receipts_tab.view
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: isinstance(page.dialog, VoidDialog), timeout=5_000)
    void = page.dialog
    assert void.windowTitle() == "作废收据"
    void.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is void.reason, timeout=5_000)
    focused().insert("收错金额")  # typed through the input method (QTest types ASCII only)
    enter(qtbot)
    qtbot.keyClicks(focused(), "super")
    enter(qtbot)
    qtbot.keyClicks(focused(), "wrong")
    enter(qtbot)
    qtbot.waitUntil(lambda: "密码" in void.error.text(), timeout=5_000)  # refused, nothing voided
    qtbot.keyClicks(void.password, "super123")
    enter(qtbot)
    qtbot.waitUntil(lambda: not shiboken6.isValid(void), timeout=10_000)  # closed (and deleted) once voided
    qtbot.waitUntil(lambda: page.receipts_tab.model.data(page.receipts_tab.model.index(0, 6)) == "作废",
                    timeout=5_000)
    with demo_db.read() as s:
        assert s.scalar(select(Receipt.status).where(Receipt.number == "C01-A-0000002")) == "void"
    assert page.detail is not None and page.detail.balances.balance == Decimal("352.50")  # the bills open again


def test_the_shift_closes_from_the_counted_notes_with_a_supervisors_password(  # type: ignore[no-untyped-def]
        qtbot, runner: Runner, demo_db: Database, office: Office) -> None:
    from cashier_support import pay

    from gasdesk.models import Shift
    from gasdesk.ui.counter.shift_dialog import ShiftDialog

    aid = with_open_bills(office)  # the opening fees were taken in cash in this shift too
    pay(office, aid, "352.50", tendered="400")
    runner.actor = office.clerk
    ctx = AppContext(demo_db, runner, office.clerk)
    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    dialog = ShiftDialog(ctx, host)
    dialog.open()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=5_000)
    expected = dialog.report.cash_expected
    assert f"钱箱应有现金 ¥{expected:,.2f}" in dialog.figures.text() and "C01-A-0000002" in dialog.figures.text()
    hundreds, rest = divmod(expected, 100)
    dialog.pieces[Decimal("100")].setText(str(int(hundreds)))
    dialog.pieces[Decimal("0.01")].setText(str(int(rest * 100) - 1))  # a fen short
    assert dialog.counted.text().endswith("短款 ¥0.01")
    dialog.login.setText("super")
    dialog.password.setText("super123")
    dialog.submit()
    qtbot.waitUntil(lambda: "差额原因" in dialog.error.text(), timeout=5_000)  # a difference needs its why
    dialog.explanation.insert("点钞少一分")
    dialog.password.setText("super123")
    dialog.submit()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: any(isinstance(w, PdfPreview) for w in host.findChildren(QWidget)), timeout=10_000)
    preview = next(w for w in host.findChildren(PdfPreview))
    assert "日结单" in pdf_text(preview.pdf_bytes) and "点钞少一分" in pdf_text(preview.pdf_bytes)
    with demo_db.read() as s:
        assert s.scalars(select(Shift.status).where(Shift.user_id == office.clerk.user_id)).all() == ["closed"]


def test_a_call_out_fee_is_added_on_alt_f_and_paid_with_the_bills(  # type: ignore[no-untyped-def]
        qtbot, runner: Runner, demo_db: Database, office: Office) -> None:
    page = account_page(qtbot, runner, demo_db, office)
    qtbot.keyClick(page, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: isinstance(page.dialog, PaymentDialog), timeout=5_000)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.amount.text() == "352.50", timeout=5_000)
    qtbot.waitUntil(lambda: focused() is dialog.amount, timeout=5_000)
    qtbot.keyClick(focused(), Qt.Key.Key_F, ALT)  # the fee row
    assert focused() is dialog.fee
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # 燃气表费 (none on the list)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # 上门服务费 ¥30.00
    assert dialog.fee.currentText() == "上门服务费  ¥30.00"
    assert (dialog.fee_amount.text(), dialog.total.text(), dialog.amount.text()) == ("30.00", "¥382.50", "382.50")
    enter(qtbot)
    assert focused() is dialog.fee_amount
    qtbot.keyClicks(focused(), "40")  # the call-out took longer: the clerk charges 40
    assert (dialog.total.text(), dialog.amount.text()) == ("¥392.50", "392.50")
    enter(qtbot)
    assert focused() is dialog.amount
    enter(qtbot)
    enter(qtbot)  # cash
    enter(qtbot)  # tendered: exactly the amount
    qtbot.waitUntil(lambda: isinstance(page.dialog, PdfPreview), timeout=10_000)
    text = pdf_text(page.dialog.pdf_bytes)
    assert "上门服务费" in text and "¥40.00" in text and "¥392.50" in text
    page.dialog.reject()
    with demo_db.read() as s:
        assert s.scalar(select(Receipt.amount).where(Receipt.number == "C01-A-0000002")) == Decimal("392.50")
