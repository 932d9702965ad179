"""The opening as a clerk meets it: F2 runs the application and the contract (its fees from the
office's fee list) and stops at the number; the later steps wait for the day they happen, their
dates never after today; the compound gas-on day (F7) works from the keyboard as it opens."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from sqlalchemy import select
from test_counter import ENTER, focused, open_new_account, press, type_enter, valid_id, wait_dialog

from gasdesk.db import Database
from gasdesk.models import AuditEntry
from gasdesk.services.accounts import changes, gas_on_days, opening, records
from gasdesk.services.office import address
from gasdesk.ui.counter import change_dialogs, opening_dialogs
from gasdesk.ui.counter.gas_on_days import GasOnDaysDialog
from gasdesk.ui.counter.payment_dialog import PaymentDialog
from gasdesk.ui.reports.registers import RegistersDialog

D = Decimal


def open_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def test_the_opening_stops_after_the_number_with_the_fee_list_and_a_changed_fee_recorded(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database) -> None:
    page = open_counter()
    open_new_account(qtbot, page, "欧阳明月", valid_id("11010519900307123"), "601")
    contract = wait_dialog(qtbot, page.account, opening_dialogs.ContractDialog)
    # the residential list fills the form: the clerk checks it and changes what differs
    qtbot.waitUntil(lambda: contract.opening_fee.text() == "200.00", timeout=5_000)
    assert (contract.installation_fee.text(), contract.prepayment.text()) == ("1500.00", "300.00")
    assert contract.total.text() == "¥2,000.00"
    assert contract.list_note.text() == "收费标准（居民）：开户费 ¥200.00，安装费 ¥1,500.00，预付款 ¥300.00。"
    contract.opening_fee.setFocus()
    contract.opening_fee.selectAll()
    type_enter(qtbot, "150")  # a part waived
    assert contract.total.text() == "¥1,950.00"
    assert contract.list_note.text().endswith("\n已改动：开户费（随合同记录在案）。")
    while focused() is not contract.received:
        press(qtbot, ENTER)
    press(qtbot, ENTER)  # received = total: saves

    number = wait_dialog(qtbot, page.account, opening_dialogs.NumberAssignedDialog)
    assigned = number.number
    press(qtbot, ENTER)
    qtbot.waitUntil(lambda: not shiboken6.isValid(number) and page.window().isActiveWindow(), timeout=5_000)
    qtbot.wait(300)  # nothing else opens: the installation is planned when it is arranged
    assert open_dialogs() == []
    assert not isinstance(page.account.dialog, opening_dialogs.PlanInstallDialog)
    detail = page.account.detail
    assert detail is not None and (detail.summary.number, detail.summary.status) == (assigned, "numbered")
    assert page.account.note.isVisible() and page.account.note.text() == "下一步：安排安装（Alt+P）"
    assert page.account.action_buttons["plan_install"].text() == "安排安装…  Alt+P"
    with demo_db.read() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.action == "account.contract",
                                                 AuditEntry.entity_id == str(detail.summary.id))).one()
    after = json.loads(row.after)
    assert (after["opening_fee"], after["opening_fee_list"], after["changed_from_list"]) == (
        "150.00", "200.00", ["opening_fee"])
    assert [(e.kind, e.amount) for e in detail.ledger if e.kind == "opening_fee"] == [("opening_fee", D("150.00"))]

    # the key still takes the next step when it happens
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    wait_dialog(qtbot, page.account, opening_dialogs.PlanInstallDialog)


def _installed(db: Database, clerk, rooms: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    """Accounts installed with their meters registered (setup through the services)."""
    ids = []
    with db.write() as s:
        compound = address.tree(s, clerk)[0].compounds[0]
        for n, room in enumerate(rooms):
            a = opening.apply(s, clerk, account_type="residential",
                              holder=records.HolderInput(f"住户{room}", valid_id(f"32010219800101{n:03d}"),
                                                         "13800001111"),
                              premises=records.PremisesInput(compound_id=compound.id, building="50", unit="1",
                                                             room=room))
            fees = records.ContractFees(D("200.00"), D("1500.00"), D("300.00"))
            opening.sign_contract(s, clerk, a.id, fees=fees, paid=fees.total, method="cash",
                                  idempotency_key=f"gas-on-kb-{room}")
            opening.plan_installation(s, clerk, a.id, planned_on=date.today(), installer_team="安装一队")
            opening.mark_installed(s, clerk, a.id)
            changes.register_meter(s, clerk, a.id, serial=f"KB-{room}", initial_reading=D("0"),
                                   installed_on=date.today())
            ids.append(a.id)
    return ids


def test_the_gas_on_day_works_from_the_keyboard_as_it_opens(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in) -> None:
    clerk = sign_in("clerk")
    ids = _installed(demo_db, clerk, ["701", "702", "703", "704"])
    with demo_db.write() as s:
        compound = address.tree(s, clerk)[0].compounds[0]
        event = gas_on_days.plan_event(s, clerk, compound.id, planned_on=date.today(), installer_team="安装一队")
        gas_on_days.mark(s, clerk, event.id, ids[0], "done")  # the first is on gas already
        gas_on_days.mark(s, clerk, event.id, ids[2], "done")  # and the third
    page = open_counter()
    press(qtbot, Qt.Key.Key_F7)
    days = wait_dialog(qtbot, page, GasOnDaysDialog)
    qtbot.waitUntil(lambda: len(days.households.rows) >= 4 and focused() is days.households_view, timeout=5_000)

    def current():  # type: ignore[no-untyped-def]
        return days.households.row(days.households_view.currentIndex().row())

    assert current().account_id == ids[1]  # the first household not yet done, without a click
    press(qtbot, Qt.Key.Key_D)  # the meter is registered: one key, one call
    # on to the next one not yet done, past the third (done already)
    qtbot.waitUntil(lambda: days.households.rows[1].outcome == "done" and current().account_id == ids[3],
                    timeout=5_000)
    assert focused() is days.households_view
    press(qtbot, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: days.households.rows[3].outcome == "absent", timeout=5_000)
    assert current().outcome != "done"  # never a row already done (only the absent one is left open)
    press(qtbot, Qt.Key.Key_Tab)  # Tab switches lists, as the hint says
    assert focused() is days.events_view
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is days.households_view

    # closed with Esc, F7 works again at once; and after F8's dialog too
    days.households_view.setFocus()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(days) and page.window().isActiveWindow(), timeout=5_000)
    press(qtbot, Qt.Key.Key_F8)
    registers = wait_dialog(qtbot, page, RegistersDialog)
    registers.reject()
    qtbot.waitUntil(lambda: page.window().isActiveWindow() and page.isAncestorOf(focused()), timeout=5_000)
    press(qtbot, Qt.Key.Key_F7)
    wait_dialog(qtbot, page, GasOnDaysDialog)


def test_the_date_fields_of_what_has_happened_stop_at_today_and_the_service_refuses_later(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in) -> None:
    clerk = sign_in("clerk")
    planned_id = _installed(demo_db, clerk, ["801"])[0]
    page = open_counter()
    page.open_account(planned_id)
    qtbot.waitUntil(lambda: page.account.detail is not None and page.window().isActiveWindow(), timeout=5_000)
    press(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    dialog = wait_dialog(qtbot, page.account, opening_dialogs.GasOnDialog)
    today = QDate.currentDate()
    assert dialog.date.maximumDate() == today
    dialog.date.setDate(today.addDays(3))  # not offered: the field keeps to today
    assert dialog.date.date() == today
    dialog.date.setFocus()
    press(qtbot, Qt.Key.Key_Up)  # the day section up: still today at most
    assert dialog.date.date() <= today
    dialog.reject()
    # a plan may lie ahead
    with demo_db.write() as s:
        fresh = opening.apply(s, clerk, account_type="residential",
                              holder=records.HolderInput("未来", valid_id("32010219800109991"), "13800001111"),
                              premises=records.PremisesInput(compound_id=address.tree(s, clerk)[0].compounds[0].id,
                                                             building="50", unit="2", room="802")).id
        fees = records.ContractFees(D("0"), D("0"), D("0"))
        opening.sign_contract(s, clerk, fresh, fees=fees, paid=fees.total, method="cash", idempotency_key="f-802")
        opening.plan_installation(s, clerk, fresh, planned_on=date.today() + timedelta(days=5), installer_team="一队")
    qtbot.waitUntil(lambda: page.window().isActiveWindow(), timeout=5_000)
    page.open_account(fresh)
    qtbot.waitUntil(lambda: page.account.detail is not None and page.account.detail.summary.id == fresh,
                    timeout=5_000)
    press(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    installed = wait_dialog(qtbot, page.account, opening_dialogs.InstalledDialog)
    assert installed.date.maximumDate() == today


def test_the_closing_settlement_is_named_so_and_keeps_off_alt_s(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in) -> None:
    clerk = sign_in("clerk")
    aid = _installed(demo_db, clerk, ["901"])[0]  # holds a prepayment of ¥300.00
    page = open_counter()
    page.open_account(aid)
    qtbot.waitUntil(lambda: page.account.detail is not None and page.window().isActiveWindow(), timeout=5_000)
    button = page.account.action_buttons["settle"]
    assert button.text().startswith("销户结算…  ") and "X" in button.text()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # Alt+S takes payments, never the settlement
    qtbot.waitUntil(lambda: isinstance(page.account.dialog, PaymentDialog), timeout=5_000)
    page.account.dialog.reject()
    qtbot.waitUntil(lambda: page.window().isActiveWindow(), timeout=5_000)
    press(qtbot, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    settle = wait_dialog(qtbot, page.account, change_dialogs.SettleDialog)
    assert settle.windowTitle() == "销户结算"
    assert settle.net.text() == "退还客户 ¥300.00 后销户"
    assert any("这是销户前的结算" in label.text() for label in settle.findChildren(QLabel))


def test_an_admin_keeps_the_fee_list_and_a_bad_amount_is_refused_in_words(  # type: ignore[no-untyped-def]
        qtbot, open_window, demo_db: Database) -> None:
    from gasdesk.services.core import settings

    window = open_window("admin")
    page = window.show_workplace("admin").settings
    fee = page.fees["fee_installation_commercial"]
    qtbot.waitUntil(lambda: fee.text() == "3000.00", timeout=5_000)
    fee.setText("三千")
    page.save()
    qtbot.waitUntil(lambda: not page.save_error.isHidden(), timeout=5_000)
    assert page.save_error.text() == "“商业安装费”：金额“三千”不是数字，请只输入数字和小数点（如 1500.00）。"
    assert fee.hasFocus() and fee.selectedText() == "三千"
    with demo_db.read() as s:
        assert settings.get(s, "fee_installation_commercial") == "3000.00"  # nothing stored
    fee.setText("3200")
    page.save()
    qtbot.waitUntil(lambda: fee.text() == "3200.00" and page.save_error.isHidden(), timeout=5_000)
    with demo_db.read() as s:
        assert settings.fee_list(s).installation_fee["commercial"] == D("3200.00")
