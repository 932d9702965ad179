"""Money back at the counter with a supervisor's approval: prepayment refunded on Alt+K with its
refund receipt, and a closed shift's cash remitted to finance on Shift+F9."""

from __future__ import annotations

from decimal import Decimal

import shiboken6
from PySide6.QtCore import Qt
from sqlalchemy import select
from test_counter_payments import ALT, account_page, enter, focused, office, pdf_text  # noqa: F401 (office: a fixture)

from gasdesk.db import Database
from gasdesk.models import Receipt, Remittance
from gasdesk.ui.counter.refund_dialog import RefundHeldDialog
from gasdesk.ui.counter.remit_dialog import RemitDialog
from gasdesk.ui.pdf_preview import PdfPreview
from gasdesk.ui.runner import Runner


def test_a_prepayment_is_refunded_from_the_keyboard_with_approval_and_its_receipt(  # type: ignore[no-untyped-def]
        qtbot, runner: Runner, demo_db: Database, office) -> None:  # noqa: F811
    page = account_page(qtbot, runner, demo_db, office, office.account_at("in_service"))  # 300.00 prepaid
    assert "refund_held" in page.action_buttons
    qtbot.keyClick(page, Qt.Key.Key_K, ALT)
    qtbot.waitUntil(lambda: isinstance(page.dialog, RefundHeldDialog), timeout=5_000)
    dialog = page.dialog
    assert dialog.windowTitle() == "退预存或押金" and dialog.what.currentText() == "预存  ¥300.00"
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.what, timeout=5_000)
    enter(qtbot)  # prepayment
    assert focused() is dialog.amount and dialog.amount.text() == "300.00"
    qtbot.keyClicks(focused(), "500")  # more than is held: refused by the service, after the approval
    enter(qtbot)
    enter(qtbot)  # cash
    assert focused() is dialog.reason
    focused().insert("用户搬家")
    enter(qtbot)
    qtbot.keyClicks(focused(), "super")
    enter(qtbot)
    qtbot.keyClicks(focused(), "super123")
    enter(qtbot)
    qtbot.waitUntil(lambda: "超过该户预存 300.00 元" in dialog.error.text(), timeout=5_000)
    assert focused() is dialog.amount  # the cursor back where the refusal points
    qtbot.keyClicks(focused(), "120")  # selected: typed over
    dialog.password.setText("super123")
    dialog.submit()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=10_000)
    qtbot.waitUntil(lambda: isinstance(page.dialog, PdfPreview), timeout=10_000)
    text = pdf_text(page.dialog.pdf_bytes)
    assert "退款" in text and "壹佰贰拾元整" in text
    page.dialog.reject()
    with demo_db.read() as s:
        refund = s.scalars(select(Receipt).where(Receipt.kind == "refund").order_by(Receipt.id.desc())).first()
        assert refund is not None and (refund.amount, refund.account_id) == (Decimal("120.00"), page.detail.summary.id)
    qtbot.waitUntil(lambda: page.detail.balances.prepayment_credit == Decimal("180.00"), timeout=5_000)


def test_a_closed_shift_is_remitted_on_shift_f9(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, office) -> None:  # noqa: F811
    from cashier_support import pay, with_open_bills

    from gasdesk.services.cashier import approval, shift_close

    pay(office, with_open_bills(office), "352.50", tendered="400")
    with demo_db.write() as s:
        boss = approval.check(s, office.clerk, "super", "super123").approver
        shift = shift_close.open_shift_of(s, office.clerk)
        shift_id, cash = shift.id, shift_close.shift_report.money_in(s, shift.id)[1]
        shift_close.close_shift(s, office.clerk, counted=f"1x{int(cash)},0.01x{int(cash % 1 * 100)}", approver=boss)
    counter = open_counter()
    assert counter.buttons["remit"].text() == "解缴现金  Shift+F9"
    qtbot.keyClick(counter.search.box, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(counter.dialog, RemitDialog), timeout=5_000)
    dialog = counter.dialog
    qtbot.waitUntil(lambda: dialog.shift.count() > 0, timeout=10_000)
    waiting = [dialog.shift.itemData(i).shift_id for i in range(dialog.shift.count())]
    assert shift_id in waiting
    dialog.shift.setCurrentIndex(waiting.index(shift_id))
    assert dialog.amount.text() == f"¥{cash:,.2f}"
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.shift, timeout=5_000)
    enter(qtbot)
    assert focused() is dialog.received_by
    enter(qtbot)
    enter(qtbot)  # no receiver named: refused in words
    qtbot.waitUntil(lambda: "财务" in dialog.error.text(), timeout=5_000)
    dialog.received_by.insert("李会计")
    dialog.submit()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10_000)
    with demo_db.read() as s:
        row = s.scalars(select(Remittance).where(Remittance.shift_id == shift_id)).one()
        assert (row.amount, row.received_by, row.handed_by) == (cash, "李会计", office.clerk.user_id)
