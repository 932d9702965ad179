"""Changes to an account: rename, phones, transfer, meters, suspend/resume, settle, close,
reversing a ledger entry, attaching a file. Each dialog is one service call."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from gasdesk.services import ledger
from gasdesk.services.accounts import attachments, changes, closing
from gasdesk.services.accounts.identity import validate_id_number
from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.accounts.records import HolderInput
from gasdesk.services.core import labels
from gasdesk.services.core.errors import Conflict
from gasdesk.ui import file_dialogs
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.counter.opening_dialogs import holder_fields, household_field, meter_digits_field
from gasdesk.ui.forms import check_on_leave, focus_field, show_form_error
from gasdesk.ui.messages import error_text

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

ZERO = Decimal("0.00")


# The closing settlement's key reads as closing (Alt+X closes), never Alt+S: a clerk who wants to
# take money must not land in a settlement that empties the account.
SETTLE_KEY = "Alt+Shift+X"


def held_text(b: ledger.Balances) -> str:
    """What the account holds for the customer, in words: prepayment, deposits, credit, arrears."""
    parts = [
        QCoreApplication.translate("Counter", "prepayment %1").replace("%1", fmt.yuan(b.prepayment_credit)),
        QCoreApplication.translate("Counter", "deposits %1").replace("%1", fmt.yuan(b.deposits)),
        QCoreApplication.translate("Counter", "credit %1").replace("%1", fmt.yuan(b.credit)),
        QCoreApplication.translate("Counter", "arrears %1").replace("%1", fmt.yuan(b.arrears)),
    ]
    joined = QCoreApplication.translate("Counter", ", ").join(parts)
    return QCoreApplication.translate("Counter", "The account holds: %1.").replace("%1", joined)


class RenameDialog(CounterDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Rename the holder"))
        self.name = self.add_row(self.tr("New holder &name:"), QLineEdit())
        self.id_number = self.add_row(self.tr("New &ID card number:"), QLineEdit())
        self.id_number.setPlaceholderText(self.tr("only if it changes too (family change)"))
        check_on_leave(self.id_number, validate_id_number)  # type: ignore[arg-type]
        self.reason = self.add_row(self.tr("&Reason:"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("e.g. 户主变更为配偶"))
        self.finish(self.tr("Same premises, same account and number; only the holder's name changes. "
                            "For a new owner use Transfer (Alt+T)."))

    def save(self) -> Call | None:
        actor, account_id = self.actor, self.account_id
        name, id_number, reason = self.name.text(), self.id_number.text().strip() or None, self.reason.text()
        return (lambda s: changes.rename(s, actor, account_id, name, id_number=id_number, reason=reason))


class PhonesDialog(CounterDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Change the phone numbers"))
        self.phone = self.add_row(self.tr("&Phone:"), QLineEdit(detail.summary.phone))
        self.phone2 = self.add_row(self.tr("&Second phone:"), QLineEdit(detail.summary.phone2))
        self.finish()

    def save(self) -> Call | None:
        actor, account_id, phone, phone2 = self.actor, self.account_id, self.phone.text(), self.phone2.text()
        return (lambda s: changes.update_phones(s, actor, account_id, phone, phone2))


class TransferDialog(CounterDialog):
    """过户: the new holder; the meter's transfer reading (where the old holder's use ends), required when
    a meter is fitted; the old holder's funds refunded, or carried over with their consent."""

    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Transfer to a new holder"))
        self.name, self.id_number, self.phone, self.phone2 = holder_fields(self)
        self.household = self.add_row(self.tr("Household si&ze:"), household_field(detail.summary.household_size))
        self.meter = next((m for m in detail.meters if m.active), None)
        self.reading: QLineEdit | None = None
        if self.meter is not None:  # the three checks judge it (a refusal names this field)
            self.reading = self.add_row(self.tr("&Transfer reading (m³):"), fmt.reading_field())
        self.funds = self.add_row(self.tr("Old holder's &funds:"), fmt.coded_combo({
            "refund": self.tr("Refund to the old holder now"),
            "carry_over": self.tr("Carry over to the new holder (old holder consents)"),
        }))
        self.method = self.add_row(self.tr("Refund &method:"), fmt.method_combo())
        self.consent = self.add_row(self.tr("Old holder's &consent:"), QLineEdit())
        self.consent.setPlaceholderText(self.tr("e.g. 原户主张三签字同意预付款和押金转给新户主"))
        self.funds.currentIndexChanged.connect(self._funds_changed)
        intro = held_text(detail.balances) + "\n" + self.tr(
            "Arrears must be paid before a transfer. The account number stays; the old contract ends and a new "
            "one starts.")
        if self.meter is not None:  # the meter's latest reading that counts (the checks compare with it)
            serial = self.meter.serial
            last = next((r for r in detail.readings if r.meter_serial == serial and r.value is not None
                         and r.status != "superseded"), None)
            shown = f"{fmt.m3(last.value)} ({fmt.day(last.date)})" if last else fmt.m3(self.meter.last_reading)
            intro += "\n" + self.tr("Meter %1, last reading %2: read it now; the old holder's use ends at the "
                                    "transfer reading.").replace("%1", serial).replace("%2", shown)
        self.finish(intro)
        self._funds_changed()
        self.setMinimumWidth(620)

    def _funds_changed(self) -> None:
        carry = self.funds.currentData() == "carry_over"
        self.method.setEnabled(not carry)
        self.consent.setEnabled(carry)

    def save(self) -> Call | None:
        reading = None
        if self.reading is not None:
            reading = self.reading.text().strip()
            if not reading:
                self.complain(self.tr("Enter the meter's transfer reading (meter %1).").replace(
                    "%1", self.meter.serial if self.meter else ""), self.reading)
                return None
        actor, account_id, key = self.actor, self.account_id, self.idempotency_key
        holder = HolderInput(self.name.text(), self.id_number.text(), self.phone.text(), self.phone2.text())
        funds, method, consent = self.funds.currentData(), self.method.currentData(), self.consent.text()
        size = self.household.value()
        return (lambda s: changes.transfer(
            s, actor, account_id, holder=holder, funds=funds, idempotency_key=key, consent=consent, method=method,
            household_size=size, reading=reading))


class RegisterMeterDialog(CounterDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Register the meter"))
        self.serial = self.add_row(self.tr("Meter &serial:"), QLineEdit())
        self.initial_reading = self.add_row(self.tr("&Initial reading (m³):"), fmt.reading_field())
        self.digits = self.add_row(self.tr("Register di&gits:"), meter_digits_field())
        self.model = self.add_row(self.tr("&Model:"), QLineEdit())
        self.model.setPlaceholderText(self.tr("optional, e.g. G2.5 膜式表"))
        self.date = self.add_row(self.tr("Fitted &on:"), fmt.date_field())
        self.finish()

    def save(self) -> Call | None:
        try:
            initial = fmt.read_reading(self.initial_reading) or ZERO  # type: ignore[arg-type]
        except ValueError:
            self.complain(self.tr("The reading is not a valid number."), self.initial_reading)
            return None
        actor, account_id, serial = self.actor, self.account_id, self.serial.text()
        digits, model, when = self.digits.value(), self.model.text(), fmt.read_date(self.date)
        return (lambda s: changes.register_meter(s, actor, account_id, serial=serial, initial_reading=initial,
                                                         installed_on=when, digits=digits, model=model))


class ReplaceMeterDialog(CounterDialog):
    """换表: the old meter's final reading; the new meter's serial and initial reading."""

    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Replace the meter"))
        old = next((m for m in detail.meters if m.active), None)
        self.final = self.add_row(self.tr("Old meter's &final reading (m³):"), fmt.reading_field())
        self.serial = self.add_row(self.tr("New meter &serial:"), QLineEdit())
        self.initial_reading = self.add_row(self.tr("New meter's &initial reading (m³):"), fmt.reading_field())
        self.initial_reading.setText("0")
        self.digits = self.add_row(self.tr("Register di&gits:"), meter_digits_field(old.digits if old else 5))
        self.date = self.add_row(self.tr("Replaced &on:"), fmt.date_field())
        intro = ""
        if old is not None:
            intro = self.tr("Old meter %1: initial reading %2, last known reading %3.").replace("%1", old.serial) \
                .replace("%2", fmt.m3(old.initial_reading)).replace("%3", fmt.m3(old.last_reading))
        self.finish(intro)

    def save(self) -> Call | None:
        try:
            final = fmt.read_reading(self.final)  # type: ignore[arg-type]
            initial = fmt.read_reading(self.initial_reading) or ZERO  # type: ignore[arg-type]
        except ValueError:
            self.complain(self.tr("A reading is not a valid number."), self.final)
            return None
        if final is None:
            self.complain(self.tr("Enter the old meter's final reading."), self.final)
            return None
        actor, account_id, serial = self.actor, self.account_id, self.serial.text()
        digits, when = self.digits.value(), fmt.read_date(self.date)
        return (lambda s: changes.replace_meter(s, actor, account_id, final_reading=final, new_serial=serial,
                                                        new_initial_reading=initial, on=when, digits=digits))


class SuspendDialog(CounterDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Suspend the supply"))
        self.reason = self.add_row(self.tr("&Reason:"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("e.g. 用户申请暂停用气 / 安全隐患"))
        self.finish()

    def save(self) -> Call | None:
        actor, account_id, reason = self.actor, self.account_id, self.reason.text()
        return (lambda s: changes.suspend(s, actor, account_id, reason))


class ResumeDialog(CounterDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Resume the supply"))
        self.finish(self.tr("Resume the gas supply of this account now? (Enter)"))

    def save(self) -> Call | None:
        actor, account_id = self.actor, self.account_id
        return (lambda s: changes.resume(s, actor, account_id))


class SettleDialog(CounterDialog):
    """销户结算: bill the gas to the final reading, release prepayment and deposits, charge any other
    settlement, pay out or take the net, so the account can be closed. Not a payment: the cashier's
    收费 takes money on an account that stays open. The gas is quoted as the final reading is typed
    (the service's own bill, rolled back), so the net shown is the one the settlement posts."""

    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None, *,
                 final: str = "", on: date | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Closing settlement"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Settle for closing (Enter)"))
        self.gas = Decimal("0.00")
        self.has_meter = any(m.active for m in detail.meters)
        self.final = self.add_row(self.tr("&Final reading (m³):"), fmt.reading_field())
        self.read_on = self.add_row(self.tr("Read &on:"), fmt.date_field(on))
        self.gas_label = QLabel()
        self.gas_label.setObjectName("settleGas")
        self.gas_label.setWordWrap(True)
        self.form.addRow(self.tr("Gas to it:"), self.gas_label)
        for widget in (self.final, self.read_on, self.gas_label):
            widget.setVisible(self.has_meter)
            self.form.labelForField(widget).setVisible(self.has_meter)
        self.charge = self.add_row(self.tr("Other &charge (¥):"), fmt.money_field())
        self.charge.setToolTip(self.tr("Anything else owed at closing (the gas is billed from the final reading)"))
        self.method = self.add_row(self.tr("Payment &method:"), fmt.method_combo())
        self.net = QLabel()
        self.net.setObjectName("settleNet")
        self.net.setStyleSheet("font-size: 14pt; font-weight: 700;")
        self.form.addRow(self.tr("At closing:"), self.net)
        self.quote_timer = QTimer(self, singleShot=True, interval=300)
        self.quote_timer.timeout.connect(self._quote)
        self.final.textChanged.connect(self.quote_timer.start)
        self.read_on.dateChanged.connect(self.quote_timer.start)
        self.charge.textChanged.connect(self._update)
        self.finish(held_text(detail.balances) + "\n" + self.tr(
            "This settles the account for closing: the gas to the final reading is billed, prepayment and "
            "deposits are released, any other charge is added and the net is paid out or collected, leaving "
            "¥0.00; then close the account (Alt+X). It is not for taking a payment."))
        self.final.setText(final)
        self._update()

    def focus_first(self) -> None:
        if self.final.text() or not self.has_meter:  # the reading came from the closing: on to the charge
            focus_field(self.charge)
        else:
            super().focus_first()

    def _quote(self) -> None:
        try:
            final = fmt.read_reading(self.final)
        except ValueError:
            final = None
        self.gas = Decimal("0.00")
        if final is None:
            self.gas_label.setText(self.tr("type the final reading"))
            self._update()
            return
        actor, account_id, on = self.actor, self.account_id, fmt.read_date(self.read_on)
        self.gas_label.setText(self.tr("working it out…"))
        self.ctx.runner.submit(lambda s: closing.quote_final(s, actor, account_id, final, on),
                               self._quoted, self._not_quoted, owner=self)

    def _quoted(self, gas: Decimal) -> None:
        self.gas = gas
        self.gas_label.setStyleSheet("")
        self.gas_label.setText(self.tr("gas billed %1").replace("%1", fmt.yuan(gas)))
        self._update()

    def _not_quoted(self, exc: BaseException) -> None:
        self.gas = Decimal("0.00")
        self.gas_label.setStyleSheet("color: #b3261e;")
        self.gas_label.setText(error_text(exc))
        self._update()

    def _update(self) -> None:
        b = self.detail.balances  # type: ignore[union-attr]
        try:
            net = b.settlement_net(fmt.read_money(self.charge) + self.gas)
        except ValueError:
            return
        if net < 0:
            self.net.setText(self.tr("refund %1 to the customer and close").replace("%1", fmt.yuan(-net)))
        elif net > 0:
            self.net.setText(self.tr("collect %1 from the customer and close").replace("%1", fmt.yuan(net)))
        else:
            self.net.setText(self.tr("nothing to pay or collect: ready to close"))

    def save(self) -> Call | None:
        try:
            charge = fmt.read_money(self.charge)
        except ValueError:
            self.complain(self.tr("The amount is not a valid number."), self.charge)
            return None
        try:
            final = fmt.read_reading(self.final) if self.has_meter else None
        except ValueError:
            self.complain(self.tr("The reading is not a valid number."), self.final)
            return None
        actor, account_id, key, method = self.actor, self.account_id, self.idempotency_key, self.method.currentData()
        on = fmt.read_date(self.read_on)
        return (lambda s: closing.settle_for_closing(s, actor, account_id, method=method, idempotency_key=key,
                                                     settlement_charge=charge, final_reading=final, read_on=on))


class CloseDialog(CounterDialog):
    """销户: the final reading; when the account still holds money, the closing settlement first
    (SETTLE_KEY, as on the account page)."""

    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Close the account"))
        meter = next((m for m in detail.meters if m.active), None)
        self.final = self.add_row(self.tr("&Final reading (m³):"), fmt.reading_field())
        self.date = self.add_row(self.tr("Closed &on:"), fmt.date_field())
        self.settle_button = QPushButton(self.tr("Closing settlement first… (%1)").replace(
            "%1", QKeySequence(SETTLE_KEY).toString(QKeySequence.SequenceFormat.NativeText)))
        self.settle_button.setObjectName("settleFirst")
        self.settle_button.clicked.connect(self.settle)
        self.settle_button.hide()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.settle_button)
        self.form.addRow(row)
        intro = self.tr("The account must owe nothing and hold nothing (prepayment, deposits) to be closed.")
        if meter is not None:
            intro += "\n" + self.tr("Meter %1, last known reading %2.").replace("%1", meter.serial) \
                .replace("%2", fmt.m3(meter.last_reading))
        else:
            self.final.setVisible(False)
        self.finish(intro)
        if meter is None:
            self.form.labelForField(self.final).setVisible(False)
        QShortcut(QKeySequence(SETTLE_KEY), self, self._settle_if_offered)
        self.dialog: SettleDialog | None = None

    def refused(self, exc: BaseException) -> None:
        if isinstance(exc, Conflict) and "settle" in self.detail.allowed_actions:  # type: ignore[union-attr]
            self.settle_button.show()
            self.settle_button.setFocus()

    def _settle_if_offered(self) -> None:
        if self.settle_button.isVisible():
            self.settle()

    def settle(self) -> None:
        dialog = SettleDialog(self.ctx, self.detail, self, final=self.final.text(),  # type: ignore[arg-type]
                              on=fmt.read_date(self.date))
        dialog.saved.connect(self._settled)
        self.dialog = dialog
        dialog.open()

    def _settled(self, result: object) -> None:
        if self.dialog is not None and self.dialog.has_meter:  # the reading the settlement billed
            self.final.setText(self.dialog.final.text())
            self.date.setDate(self.dialog.read_on.date())
        self.settle_button.hide()
        show_form_error(self.error, "")
        note = self.tr("Settled. Press Enter to close the account.")
        self.error.setText(note)
        self.error.setStyleSheet("color: #1b7a3a; font-weight: 600;")
        self.error.show()
        self.activateWindow()
        (self.final if self.final.isVisible() else self.date).setFocus()

    def complain(self, text: str, field: QWidget | None = None) -> None:
        self.error.setStyleSheet("color: #b3261e; font-weight: 600;")
        super().complain(text, field)

    def save(self) -> Call | None:
        try:
            final = fmt.read_reading(self.final)  # type: ignore[arg-type]
        except ValueError:
            self.complain(self.tr("The reading is not a valid number."), self.final)
            return None
        actor, account_id, when = self.actor, self.account_id, fmt.read_date(self.date)
        return (lambda s: closing.close(s, actor, account_id, final_reading=final, closed_on=when))


class ReverseDialog(CounterDialog):
    """冲正 (supervisor): the mirror entry of one ledger entry, with a reason."""

    def __init__(self, ctx: AppContext, detail: AccountDetail, entry: ledger.EntryInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Reverse a ledger entry"))
        self.entry = entry
        self.reason = self.add_row(self.tr("&Reason:"), QLineEdit())
        self.finish(self.tr("Reverse entry %1: %2 %3 (%4)? The entry stays; a reversal pointing at it is added.")
                    .replace("%1", str(entry.id)).replace("%2", fmt.name_of(labels.LEDGER_KIND, entry.kind))
                    .replace("%3", fmt.yuan(entry.amount))
                    .replace("%4", fmt.day(entry.created_at)))

    def save(self) -> Call | None:
        actor, entry_id, reason, key = self.actor, self.entry.id, self.reason.text(), self.idempotency_key
        return (lambda s: ledger.reverse(s, actor, entry_id, reason, idempotency_key=key))


class AttachDialog(CounterDialog):
    """A contract scan or ID photo; the file is read on the worker and stored by its hash."""

    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Attach a file"))
        self.kind = self.add_row(self.tr("&Kind:"), fmt.coded_combo(fmt.named(labels.ATTACHMENT_KIND), "contract"))
        self.path = QLineEdit()
        browse = QPushButton(self.tr("&Browse… (Ctrl+O)"))
        browse.clicked.connect(self.browse)
        QShortcut(QKeySequence("Ctrl+O"), self, self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.addRow(self.tr("&File:"), row)
        self.fields.append(self.path)
        self.finish()

    def browse(self) -> None:
        self.file_dialog = file_dialogs.open_file(
            self, self.tr("Choose a file"), file_dialogs.ATTACHMENTS,
            self.tr("Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"),
            lambda path: self.path.setText(str(path)))

    def save(self) -> Call | None:
        path = Path(self.path.text().strip())
        if not self.path.text().strip() or not path.is_file():
            self.complain(self.tr("Choose an existing file."), self.path)
            return None
        actor, account_id, kind = self.actor, self.account_id, self.kind.currentData()
        return (lambda s: attachments.add(s, actor, account_id, kind=kind, filename=path.name,
                                          data=path.read_bytes()))

