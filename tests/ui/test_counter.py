"""The counter, driven as a clerk drives it: the keyboard only, from the search box to an
account in service, found again by pinyin initials, renamed, transferred, its meter replaced,
settled and closed."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import LedgerEntry
from gasdesk.services import ledger
from gasdesk.services.accounts import opening, records
from gasdesk.services.accounts.identity import id_check_char
from gasdesk.services.office import address
from gasdesk.ui.counter import change_dialogs, opening_dialogs
from gasdesk.ui.counter.gas_on_days import GasOnDaysDialog, OutcomeDialog, PlanDayDialog
from gasdesk.ui.counter.page import CounterPage

D = Decimal
ENTER = Qt.Key.Key_Return


def valid_id(body17: str) -> str:
    return body17 + id_check_char(body17)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Keys for ASCII; Chinese arrives as the input method delivers it, a committed string."""
    for part in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if part.isascii():
            qtbot.keyClicks(focused(), part)
        else:
            event = QInputMethodEvent()
            event.setCommitString(part)
            QApplication.sendEvent(focused(), event)


def type_enter(qtbot, text: str = "") -> None:  # type: ignore[no-untyped-def]
    """Type into whatever has the focus, then Enter: exactly what a clerk does."""
    type_text(qtbot, text)
    press(qtbot, ENTER)


def wait_dialog(qtbot, owner, kind: type) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(owner.dialog, kind) and shiboken6.isValid(owner.dialog)
                    and owner.dialog.isVisible() and owner.dialog.isActiveWindow(), timeout=10_000)
    return owner.dialog


def wait_status(qtbot, page: CounterPage, status: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.account.detail is not None and page.account.detail.summary.status == status,
                    timeout=10_000)


def open_new_account(qtbot, page: CounterPage, name: str, id_number: str,  # type: ignore[no-untyped-def]
                     room: str) -> opening_dialogs.ApplicationDialog:
    press(qtbot, Qt.Key.Key_F2)
    dialog = wait_dialog(qtbot, page, opening_dialogs.ApplicationDialog)
    qtbot.waitUntil(lambda: dialog.compound.count() > 1, timeout=5_000)
    assert focused() is dialog.type
    type_enter(qtbot)  # residential
    type_enter(qtbot, name)
    type_enter(qtbot, id_number)
    type_enter(qtbot, "139 1234 5678")
    type_enter(qtbot)  # no second phone
    assert focused() is dialog.household
    press(qtbot, Qt.Key.Key_Up)  # 2 people
    type_enter(qtbot)
    type_enter(qtbot)  # first area
    assert focused() is dialog.compound
    type_enter(qtbot)  # its first compound
    type_enter(qtbot, "30")
    type_enter(qtbot, "1")
    assert focused() is dialog.room
    type_enter(qtbot, room)  # the last field: Enter saves
    return dialog  # type: ignore[return-value]


def test_a_clerk_opens_an_account_with_the_keyboard_alone(qtbot, open_counter, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    page = open_counter()
    open_new_account(qtbot, page, "欧阳明月", valid_id("11010519900307123"), "101")

    contract = wait_dialog(qtbot, page.account, opening_dialogs.ContractDialog)
    assert page.account.detail is not None and page.account.detail.summary.status == "application"
    qtbot.waitUntil(lambda: contract.listed is not None, timeout=5_000)  # the fee list fills the form
    contract.opening_fee.setFocus()
    contract.opening_fee.selectAll()
    type_enter(qtbot, "200")
    type_enter(qtbot, "1500")
    type_enter(qtbot, "300")
    type_enter(qtbot)  # no deposit
    assert contract.total.text() == "¥2,000.00"
    type_enter(qtbot)  # cash
    qtbot.keyClicks(focused(), "2100")
    assert contract.change.text() == "¥100.00"
    press(qtbot, ENTER)

    number = wait_dialog(qtbot, page.account, opening_dialogs.NumberAssignedDialog)
    assigned = number.number
    assert len(assigned) == 9 and assigned.startswith("01")
    with demo_db.read() as s:  # the cash handed over and the change are the service's record, not the form's
        cash = s.execute(select(LedgerEntry.amount, LedgerEntry.tendered, LedgerEntry.change_given)
                         .where(LedgerEntry.kind == "payment").order_by(LedgerEntry.id.desc()).limit(1)).one()
    assert tuple(cash) == (D("-2000.00"), D("2100.00"), D("100.00"))
    press(qtbot, ENTER)

    # the opening stops at the number: the later steps are taken, with their keys, when they happen
    qtbot.waitUntil(lambda: page.window().isActiveWindow() and not shiboken6.isValid(number), timeout=5_000)
    assert page.account.note.text() == "下一步：安排安装（Alt+P）"
    for key, dialog_type, typed in (
        (Qt.Key.Key_P, opening_dialogs.PlanInstallDialog, ["", "安装一队"]),
        (Qt.Key.Key_I, opening_dialogs.InstalledDialog, [""]),
        (Qt.Key.Key_G, opening_dialogs.GasOnDialog, ["", "gt-2026-0001", "0", ""]),  # 5 digits: Enter saves
        (Qt.Key.Key_E, opening_dialogs.StartServiceDialog, [""]),
    ):
        qtbot.waitUntil(lambda: page.window().isActiveWindow(), timeout=5_000)
        press(qtbot, key, Qt.KeyboardModifier.AltModifier)
        wait_dialog(qtbot, page.account, dialog_type)
        for text in typed:
            type_enter(qtbot, text)
    wait_status(qtbot, page, "in_service")

    detail = page.account.detail
    assert detail is not None
    s, b = detail.summary, detail.balances
    assert (s.number, s.holder_name, s.household_size, s.phone) == (assigned, "欧阳明月", 2, "139****5678")  # masked
    assert s.address.endswith(" 30栋1单元101")
    assert (b.balance, b.prepayment_credit, b.deposits) == (D("0.00"), D("300.00"), D("0.00"))
    assert [m.serial for m in detail.meters if m.active] == ["GT-2026-0001"]
    assert s.installer_team == "安装一队"
    assert page.account.money_card.values["prepayment"].text() == "¥300.00"
    assert page.account.number.text() == f"{assigned[:2]} {assigned[2:8]} {assigned[8]}"
    # the history keeps every step
    actions = [h.action for h in detail.history]
    for step in ("apply", "sign", "number", "plan_install", "install", "gas_on", "start_service"):
        assert f"account.{step}" in actions


def test_found_by_pinyin_initials_renamed_transferred_meter_replaced_settled_and_closed(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database) -> None:
    page = open_counter()
    open_new_account(qtbot, page, "欧阳明月", valid_id("11010519900307123"), "102")
    contract = wait_dialog(qtbot, page.account, opening_dialogs.ContractDialog)
    qtbot.waitUntil(lambda: contract.listed is not None, timeout=5_000)
    contract.opening_fee.setFocus()
    for amount in ("200", "1500", "300", "", ""):
        type_enter(qtbot, amount)
    type_enter(qtbot)  # received = total
    wait_dialog(qtbot, page.account, opening_dialogs.NumberAssignedDialog)
    press(qtbot, Qt.Key.Key_Escape)  # Esc or Enter: the page waits with the next step as a hint
    qtbot.waitUntil(lambda: "plan_install" in page.account.action_buttons and page.window().isActiveWindow(),
                    timeout=5_000)
    account_id = page.account.detail.summary.id  # type: ignore[union-attr]
    for key, dialog_type, typed in (
        (Qt.Key.Key_P, opening_dialogs.PlanInstallDialog, ["", "安装二队"]),
        (Qt.Key.Key_I, opening_dialogs.InstalledDialog, [""]),
        (Qt.Key.Key_G, opening_dialogs.GasOnDialog, ["", "GT-2026-0100", "3.5", ""]),
        (Qt.Key.Key_E, opening_dialogs.StartServiceDialog, [""]),
    ):
        qtbot.waitUntil(lambda: page.window().isActiveWindow(), timeout=5_000)
        press(qtbot, key, Qt.KeyboardModifier.AltModifier)
        wait_dialog(qtbot, page.account, dialog_type)
        for text in typed:
            type_enter(qtbot, text)
    wait_status(qtbot, page, "in_service")

    # Esc back to the search; F3 and the pinyin initials find it; Enter opens it
    press(qtbot, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.search
    press(qtbot, Qt.Key.Key_F3)
    assert focused() is page.search.box
    type_text(qtbot, "oymy")
    qtbot.waitUntil(lambda: bool(page.search.model.rows) and page.search.shown == page.search.sent, timeout=5_000)
    assert page.search.model.rows[0].account_id == account_id
    assert page.search.model.rows[0].holder_name == "欧阳明月"
    page.account.detail = None
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.account and page.account.detail is not None,
                    timeout=5_000)
    assert page.account.detail.summary.id == account_id  # type: ignore[union-attr]

    # rename (Alt+R)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    wait_dialog(qtbot, page.account, change_dialogs.RenameDialog)
    type_enter(qtbot, "欧阳明日")
    type_enter(qtbot)
    type_enter(qtbot, "家庭变更")
    qtbot.waitUntil(lambda: page.account.detail.summary.holder_name == "欧阳明日", timeout=5_000)  # type: ignore[union-attr]

    # transfer (Alt+T): prepayment carried over with the old holder's consent
    qtbot.waitUntil(lambda: page.window().isActiveWindow(), timeout=5_000)
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    transfer = wait_dialog(qtbot, page.account, change_dialogs.TransferDialog)
    type_enter(qtbot, "司马光")
    type_enter(qtbot, valid_id("42010219850615432"))
    type_enter(qtbot, "13700001111")
    type_enter(qtbot)
    type_enter(qtbot)  # household size
    assert focused() is transfer.reading  # the meter is fitted: its transfer reading is asked for
    type_enter(qtbot, "3.5")  # not turned since the gas-on today
    assert focused() is transfer.funds
    press(qtbot, Qt.Key.Key_Down)  # carry over
    type_enter(qtbot)
    assert focused() is transfer.consent  # the refund method is skipped
    type_enter(qtbot, "原户主签字同意")
    qtbot.waitUntil(lambda: page.account.detail.summary.holder_name == "司马光", timeout=5_000)  # type: ignore[union-attr]
    detail = page.account.detail
    assert detail.balances.prepayment_credit == D("300.00")  # type: ignore[union-attr]
    assert [(c.kind, c.status) for c in detail.contracts] == [("opening", "ended"), ("transfer", "open")]  # type: ignore[union-attr]

    # replace the meter (Alt+M)
    qtbot.waitUntil(lambda: page.window().isActiveWindow(), timeout=5_000)
    press(qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    wait_dialog(qtbot, page.account, change_dialogs.ReplaceMeterDialog)
    type_enter(qtbot, "12.5")
    type_enter(qtbot, "GT-2026-0200")
    type_enter(qtbot)  # initial 0
    type_enter(qtbot)  # digits
    type_enter(qtbot)  # today
    qtbot.waitUntil(lambda: [m.serial for m in page.account.detail.meters if m.active] == ["GT-2026-0200"],  # type: ignore[union-attr]
                    timeout=5_000)
    old = next(m for m in page.account.detail.meters if not m.active)  # type: ignore[union-attr]
    assert (old.serial, old.final_reading) == ("GT-2026-0100", D("12.500"))

    # close (Alt+X): refused while the prepayment is held; the closing settlement (Alt+Shift+X), then Enter closes
    qtbot.waitUntil(lambda: page.window().isActiveWindow(), timeout=5_000)
    press(qtbot, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    close = wait_dialog(qtbot, page.account, change_dialogs.CloseDialog)
    type_enter(qtbot, "20")
    type_enter(qtbot)
    qtbot.waitUntil(lambda: close.settle_button.isVisible(), timeout=5_000)
    assert close.error.text() == "该户还有预付款 300.00 元未结清，请先办理销户结算（退款）再销户。"
    press(qtbot, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    settle = wait_dialog(qtbot, close, change_dialogs.SettleDialog)
    assert settle.windowTitle() == "销户结算"
    qtbot.keyClicks(focused(), "35.5")
    assert settle.net.text() == "退还客户 ¥264.50 后销户"
    press(qtbot, ENTER)
    type_enter(qtbot)  # cash: saves
    qtbot.waitUntil(lambda: close.error.text() == "已结清。按回车键销户。" and close.isActiveWindow(), timeout=5_000)
    assert focused() is close.final
    press(qtbot, ENTER)
    press(qtbot, ENTER)
    wait_status(qtbot, page, "closed")
    detail = page.account.detail
    assert detail.balances == ledger.Balances(D("0.00"), D("0.00"), D("0.00"))  # type: ignore[union-attr]
    assert [(e.kind, e.amount) for e in detail.ledger[:4]] == [  # type: ignore[union-attr]
        ("refund", D("264.50")), ("prepayment_refund", D("-300.00")), ("settlement", D("35.50")),
        ("payment", D("-2000.00"))]
    assert [m.final_reading for m in detail.meters] == [D("12.500"), D("20.000")]  # type: ignore[union-attr]
    assert "close" not in page.account.action_buttons


def test_an_invalid_id_number_is_refused_in_the_services_words_and_nothing_is_stored(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in) -> None:
    page = open_counter()
    body = "11010519900307123"
    wrong = body + ("0" if id_check_char(body) != "0" else "1")
    dialog = open_new_account(qtbot, page, "欧阳明月", wrong, "103")
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5_000)
    assert dialog.error.text() == "身份证号码校验位不对，请核对后重新输入。"
    assert dialog.isVisible() and dialog.name.text() == "欧阳明月" and dialog.room.text() == "103"
    with demo_db.read() as s:
        from gasdesk.services.accounts import search

        assert [h for h in search.search(s, sign_in("clerk"), "欧阳明月") if h.holder_name == "欧阳明月"] == []
    # corrected in place, Enter saves, and the contract step follows
    dialog.id_number.setText(valid_id(body))
    dialog.room.setFocus()
    press(qtbot, ENTER)
    wait_dialog(qtbot, page.account, opening_dialogs.ContractDialog)


def signed_account(db: Database, clerk, name: str, room: str,  # type: ignore[no-untyped-def]
                   id_body: str = "32010219800101123") -> tuple[int, str]:
    """Setup through the services (not under test): an account signed and numbered."""
    with db.write() as s:
        compound = address.tree(s, clerk)[0].compounds[0]
        a = opening.apply(s, clerk, account_type="residential",
                           holder=records.HolderInput(name, valid_id(id_body), "13800001111"),
                           premises=records.PremisesInput(compound_id=compound.id, building="40", unit="1", room=room))
        fees = records.ContractFees(D("200.00"), D("1500.00"), D("300.00"))
        signed = opening.sign_contract(s, clerk, a.id, fees=fees, paid=D("2000.00"), method="cash",
                                        idempotency_key=f"setup-{room}")
    return a.id, signed.number


def test_a_scanned_number_opens_the_account_and_a_bad_check_digit_is_hinted(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in) -> None:
    account_id, number = signed_account(demo_db, sign_in("clerk"), "钱多多", "201")
    page = open_counter()
    qtbot.keyClicks(page.search.box, number)
    press(qtbot, ENTER)  # the scanner's Enter arrives before the debounce: searched and opened at once
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.account and page.account.detail is not None,
                    timeout=5_000)
    assert page.account.detail.summary.id == account_id  # type: ignore[union-attr]
    press(qtbot, Qt.Key.Key_F3)
    assert focused() is page.search.box and page.search.box.selectedText() == number
    mistyped = number[:-1] + str((int(number[-1]) + 1) % 10)  # the check digit catches it
    qtbot.keyClicks(focused(), mistyped)
    assert page.stack.currentWidget() is page.search  # typing goes back to the results
    qtbot.waitUntil(lambda: page.search.hint.isVisible() and page.search.shown == page.search.sent, timeout=5_000)
    assert page.search.hint.text() == "户号校验位不对，请核对后重新输入。"
    assert page.search.model.rows == []
    assert page.search.count.text() == f"没有找到与“{mistyped}”相符的用户。"
    press(qtbot, Qt.Key.Key_Escape)
    assert page.search.box.text() == ""


def test_a_compound_gas_on_day_is_planned_and_marked_with_the_keyboard(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in) -> None:
    clerk = sign_in("clerk")
    installed = []
    for room, body in (("301", "32010219800101123"), ("302", "32010219800101131")):
        account_id, _number = signed_account(demo_db, clerk, f"住户{room}", room, body)
        with demo_db.write() as s:
            opening.plan_installation(s, clerk, account_id, planned_on=date.today(), installer_team="安装一队")
            opening.mark_installed(s, clerk, account_id)
        installed.append(account_id)
    page = open_counter()
    press(qtbot, Qt.Key.Key_F7)
    days = wait_dialog(qtbot, page, GasOnDaysDialog)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    plan = wait_dialog(qtbot, days, PlanDayDialog)
    qtbot.waitUntil(lambda: plan.compound.count() > 0, timeout=5_000)
    type_enter(qtbot)  # the first compound
    type_enter(qtbot)  # today
    type_enter(qtbot, "安装一队")
    type_enter(qtbot)  # no note: saves
    qtbot.waitUntil(lambda: len(days.households.rows) == 2 and days.isActiveWindow(), timeout=5_000)
    days.households_view.setFocus()
    days.households_view.setCurrentIndex(days.households.index(0, 0))
    press(qtbot, Qt.Key.Key_D)  # done: no meter registered yet, so its serial and reading are asked
    wait_dialog(qtbot, days, OutcomeDialog)
    type_enter(qtbot, "GT-7001")
    type_enter(qtbot, "0")
    type_enter(qtbot)
    qtbot.waitUntil(lambda: days.households.rows[0].outcome == "done" and days.isActiveWindow(), timeout=5_000)
    days.households_view.setFocus()
    days.households_view.setCurrentIndex(days.households.index(1, 0))
    press(qtbot, Qt.Key.Key_A)  # nobody at home: one key, no form
    qtbot.waitUntil(lambda: days.households.rows[1].outcome == "absent", timeout=5_000)
    assert [(r.outcome_zh, r.meter_serial) for r in days.households.rows] == [("已通气", "GT-7001"), ("不在家", "")]
    assert days.events.rows[0].done == 1 and days.events.rows[0].absent == 1
    with demo_db.read() as s:
        assert [records.account_summary(s, clerk, i).status for i in installed] == ["gas_on", "installed"]


def test_a_supervisor_reverses_a_ledger_entry_with_a_reason(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in) -> None:
    _account_id, number = signed_account(demo_db, sign_in("clerk"), "钱多多", "202")
    page = open_counter("super")
    qtbot.keyClicks(page.search.box, number)
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: page.account.detail is not None and page.window().isActiveWindow(), timeout=5_000)
    assert "reverse" in page.account.action_buttons
    fee = next(i for i, e in enumerate(page.account.detail.ledger) if e.kind == "opening_fee")  # type: ignore[union-attr]
    page.account.ledger_view.setCurrentIndex(page.account.ledger_model.index(fee, 0))
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    wait_dialog(qtbot, page.account, change_dialogs.ReverseDialog)
    type_enter(qtbot, "开户费收错")
    qtbot.waitUntil(lambda: page.account.detail.ledger[0].kind == "reversal", timeout=5_000)  # type: ignore[union-attr]
    top = page.account.detail.ledger[0]  # type: ignore[union-attr]
    assert (top.amount, top.reason) == (D("-200.00"), "开户费收错")
    assert page.account.detail.balances.balance == D("-200.00")  # type: ignore[union-attr]
    assert page.account.money_card.values["credit"].text() == "¥200.00"


def test_a_clerk_sees_no_reverse_button(qtbot, open_counter, demo_db: Database, sign_in) -> None:  # type: ignore[no-untyped-def]
    account_id, _number = signed_account(demo_db, sign_in("clerk"), "钱多多", "203")
    page = open_counter()
    page.open_account(account_id)
    qtbot.waitUntil(lambda: page.account.detail is not None, timeout=5_000)
    assert "reverse" not in page.account.action_buttons
    assert set(page.account.action_buttons) == {"plan_install", "rename", "update_phones", "register_meter",
                                                "settle", "close", "attach", "post_payment", "refund_held"}
