"""Opening an account (开户), one dialog per step, each one service call:
application → contract & fees (numbered in the same transaction) → installation plan →
installed → gas-on (meter serial, initial reading) → in service.

F2 runs the application and the contract; the later steps are taken when they happen (the
account page's keys, the compound gas-on day). Dates of what has happened stop at today."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.accounts import opening
from gasdesk.services.accounts.identity import validate_id_number, validate_phone
from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.accounts.records import ContractFees, HolderInput, PremisesInput
from gasdesk.services.core import labels
from gasdesk.services.office import address
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.forms import check_on_leave

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

STREET = -1  # the compound combo's "street address" choice (shops, factories)


def holder_fields(dialog: CounterDialog) -> tuple[QLineEdit, QLineEdit, QLineEdit, QLineEdit]:
    """Name, ID number, phone, second phone: the same four rows for an application and a transfer."""
    name = dialog.add_row(QCoreApplication.translate("Counter", "Holder &name:"), QLineEdit())
    id_number = dialog.add_row(QCoreApplication.translate("Counter", "&ID card number:"), QLineEdit())
    id_number.setMaxLength(24)
    id_number.setPlaceholderText(QCoreApplication.translate("Counter", "18 characters; X allowed at the end"))
    phone = dialog.add_row(QCoreApplication.translate("Counter", "&Phone:"), QLineEdit())
    phone.setPlaceholderText(QCoreApplication.translate("Counter", "mobile 13812345678 or landline 010-12345678"))
    phone2 = dialog.add_row(QCoreApplication.translate("Counter", "Second phone:"), QLineEdit())
    phone2.setPlaceholderText(QCoreApplication.translate("Counter", "optional"))
    check_on_leave(id_number, validate_id_number)  # type: ignore[arg-type]
    check_on_leave(phone, validate_phone)  # type: ignore[arg-type]
    check_on_leave(phone2, validate_phone)  # type: ignore[arg-type]
    return name, id_number, phone, phone2  # type: ignore[return-value]


def past_date_field() -> QDateEdit:
    """The date of something that has happened: today or earlier (the service refuses a later one too)."""
    field = fmt.date_field()
    field.setMaximumDate(QDate.currentDate())
    return field


def household_field(value: int = 1) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(1, 30)
    spin.setValue(value)
    spin.setMaximumWidth(100)
    return spin


class ApplicationDialog(CounterDialog):
    """申请: type, holder, household, address (area → compound → building/unit/room, or street)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("New account — application (F2)"))
        self.type = self.add_row(self.tr("Account &type:"), fmt.coded_combo(fmt.named(labels.ACCOUNT_TYPE)))
        self.name, self.id_number, self.phone, self.phone2 = holder_fields(self)
        self.household = self.add_row(self.tr("Household si&ze:"), household_field())
        self.area = self.add_row(self.tr("&Area:"), QComboBox())
        self.compound = self.add_row(self.tr("&Compound:"), QComboBox())
        self.building = self.add_row(self.tr("&Building:"), QLineEdit())
        self.unit = self.add_row(self.tr("&Unit:"), QLineEdit())
        self.room = self.add_row(self.tr("&Room:"), QLineEdit())
        self.street = self.add_row(self.tr("&Street address:"), QLineEdit())
        self.street.setPlaceholderText(self.tr("e.g. 建设路 18 号 1 楼 (shops and factories)"))
        for field, hint in ((self.building, "3"), (self.unit, "2"), (self.room, "501")):
            field.setMaximumWidth(120)  # type: ignore[attr-defined]
            field.setPlaceholderText(hint)  # type: ignore[attr-defined]
        self.tree: list[address.AreaInfo] = []
        self.area.currentIndexChanged.connect(self._fill_compounds)
        self.compound.currentIndexChanged.connect(self._street_or_flat)
        self.finish(self.tr("Type the application top to bottom; Enter moves to the next field and, on the last "
                            "one, saves. The address is one open account per flat or shop."))
        self.setMinimumWidth(600)
        self._street_or_flat()
        actor = ctx.actor
        ctx.runner.submit(lambda s: address.tree(s, actor), self._set_tree, write=False, owner=self)

    def _set_tree(self, tree: list[address.AreaInfo]) -> None:
        self.tree = [a for a in tree if a.active]
        self.area.blockSignals(True)
        self.area.clear()
        for area in self.tree:
            self.area.addItem(f"{area.code} {area.name}", area.id)
        self.area.blockSignals(False)
        self._fill_compounds()

    def _fill_compounds(self) -> None:
        area = next((a for a in self.tree if a.id == self.area.currentData()), None)
        self.compound.blockSignals(True)
        self.compound.clear()
        for c in area.compounds if area else []:
            if c.active:
                self.compound.addItem(c.name, c.id)
        self.compound.addItem(self.tr("— Street address (shop, factory) —"), STREET)
        self.compound.blockSignals(False)
        self._street_or_flat()

    def _street_or_flat(self) -> None:
        street = self.compound.currentData() == STREET
        for field in (self.building, self.unit, self.room):
            field.setVisible(not street)
            self.form.labelForField(field).setVisible(not street)
        self.street.setVisible(street)
        self.form.labelForField(self.street).setVisible(street)

    def choose(self, area_name: str, compound_name: str | None = None) -> None:
        """Pick the area and compound by name (the keyboard does the same with the combos)."""
        self.area.setCurrentIndex(next(i for i in range(self.area.count()) if area_name in self.area.itemText(i)))
        if compound_name is not None:
            self.compound.setCurrentIndex(self.compound.findText(compound_name))

    def save(self) -> Call | None:
        if self.area.currentData() is None:
            self.complain(self.tr("The address list is still loading; please try again."), self.area)
            return None
        holder = HolderInput(self.name.text(), self.id_number.text(), self.phone.text(), self.phone2.text())
        if self.compound.currentData() == STREET:
            premises = PremisesInput(area_id=self.area.currentData(), street=self.street.text())
        else:
            premises = PremisesInput(compound_id=self.compound.currentData(), building=self.building.text(),
                                     unit=self.unit.text(), room=self.room.text())
        kind, size, actor = self.type.currentData(), self.household.value(), self.actor
        return (lambda s: opening.apply(s, actor, account_type=kind, holder=holder, premises=premises,
                                         household_size=size))


class ContractDialog(CounterDialog):
    """签约: fees, money received, method; the total due and the change update as you type.
    The fees start from the office's fee list for the account's customer type; the clerk may
    charge another amount (the service records it beside the list's)."""

    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Contract and opening fees"))
        self.listed: opening.ListedFees | None = None
        self.opening_fee = self.add_row(self.tr("&Opening fee (¥):"), fmt.money_field())
        self.installation_fee = self.add_row(self.tr("&Installation fee (¥):"), fmt.money_field())
        self.prepayment = self.add_row(self.tr("&Prepayment (¥):"), fmt.money_field())
        self.deposit = self.add_row(self.tr("&Deposit (¥):"), fmt.money_field())
        self.list_note = QLabel()
        self.list_note.setObjectName("feeListNote")
        self.list_note.setWordWrap(True)
        self.list_note.setStyleSheet("color: #5b6b7f;")
        self.form.addRow("", self.list_note)
        self.total = QLabel()
        self.total.setObjectName("totalDue")
        self.total.setStyleSheet("font-size: 15pt; font-weight: 700; color: #1f3a5f;")
        self.form.addRow(self.tr("Total due:"), self.total)
        self.method = self.add_row(self.tr("Payment &method:"), fmt.method_combo())
        self.received = self.add_row(self.tr("Amount &received (¥):"), fmt.money_field(self.tr("= total due")))
        self.change = QLabel()
        self.change.setObjectName("change")
        self.change.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.form.addRow(self.tr("Change:"), self.change)
        for field in (self.opening_fee, self.installation_fee, self.prepayment, self.deposit, self.received):
            field.textChanged.connect(self._update)  # type: ignore[attr-defined]
        self.finish(self.tr("Empty fields count as 0. Leave the amount received empty when the customer pays "
                            "exactly the total. The account number is assigned when the contract is signed."))
        self._update()
        actor, account_id = self.actor, self.account_id
        ctx.runner.submit(lambda s: opening.listed_fees(s, actor, account_id), self._fill_listed, write=False,
                          owner=self)

    def _fee_fields(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return self.opening_fee, self.installation_fee, self.prepayment  # type: ignore[return-value]

    def _fill_listed(self, listed: opening.ListedFees) -> None:
        """The list's amounts in the fields the clerk has not typed in yet."""
        self.listed = listed
        for field, amount in zip(self._fee_fields(), self._listed_amounts(), strict=True):
            if not field.text():
                field.setText(str(amount))
                if field.hasFocus():
                    field.selectAll()  # typing replaces the list's amount
        self._update()

    def _listed_amounts(self) -> tuple[Decimal, Decimal, Decimal]:
        assert self.listed is not None
        f = self.listed.fees
        return f.opening_fee, f.installation_fee, f.prepayment

    def _list_text(self) -> str:
        """The list for this customer type, and what the clerk changed from it."""
        if self.listed is None:
            return ""
        li = self.listed
        text = self.tr("Fee list (%1): opening %2, installation %3, prepayment %4.").replace(
            "%1", fmt.name_of(labels.ACCOUNT_TYPE, li.account_type)).replace("%2", fmt.yuan(li.opening_fee)).replace(
            "%3", fmt.yuan(li.fees.installation_fee)).replace("%4", fmt.yuan(li.prepayment))
        if li.meter_fee:
            text += " " + self.tr("The installation fee includes the meter fee %1.").replace(
                "%1", fmt.yuan(li.meter_fee))
        names = (self.tr("opening fee"), self.tr("installation fee"), self.tr("prepayment"))
        changed = []
        for name, field, amount in zip(names, self._fee_fields(), self._listed_amounts(), strict=True):
            try:
                if fmt.read_money(field) != amount:
                    changed.append(name)
            except ValueError:
                changed.append(name)
        if changed:
            text += "\n" + self.tr("Changed from the list: %1 (recorded with the contract).").replace(
                "%1", self.tr(", ").join(changed))
        return text

    def fees(self) -> ContractFees:
        return ContractFees(*(fmt.read_money(f) for f in (self.opening_fee, self.installation_fee,  # type: ignore[arg-type]
                                                            self.prepayment, self.deposit)))

    def received_amount(self, total: Decimal) -> Decimal:
        return fmt.read_money(self.received) if self.received.text().strip() else total  # type: ignore[arg-type]

    def _update(self) -> None:
        note = self._list_text()
        if note != self.list_note.text():
            self.list_note.setText(note)
            self.list_note.setVisible(self.listed is not None)
            if self.isVisible():
                self.adjustSize()  # the note grows a line when an amount leaves the list
        try:
            total = self.fees().total
            change = self.received_amount(total) - total
        except ValueError:
            return
        self.total.setText(fmt.yuan(total))
        short = change < 0
        self.change.setText(self.tr("%1 short").replace("%1", fmt.yuan(-change)) if short else fmt.yuan(change))
        self.change.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {'#b3261e' if short else '#1b7a3a'};")

    def save(self) -> Call | None:
        try:
            fees = self.fees()
            received = self.received_amount(fees.total)
        except ValueError:
            self.complain(self.tr("An amount is not a valid number."), self.opening_fee)
            return None
        actor, account_id, key = self.actor, self.account_id, self.idempotency_key
        method = self.method.currentData()
        # The ledger takes the total; for cash the service records what was handed over and the
        # change, and refuses an amount short of the total in its own words.
        tendered = received if method == "cash" and self.received.text().strip() else None
        return (lambda s: opening.sign_contract(s, actor, account_id, fees=fees, paid=fees.total, method=method,
                                                 tendered=tendered, idempotency_key=key))


class NumberAssignedDialog(QDialog):
    """Shows the new number large, so the clerk can read it to the customer; Enter or Esc closes
    it and the account page shows the next step (the installation, when it is arranged)."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numberAssigned")
        self.setWindowTitle(self.tr("Account number assigned"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.number = number
        text = QLabel(self.tr("The contract is signed and the fees are posted. The account number is:"))
        text.setWordWrap(True)
        big = QLabel(fmt.spaced_number(number))
        big.setObjectName("assignedNumber")
        big.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        big.setStyleSheet("font-size: 28pt; font-weight: 700; color: #1f3a5f; padding: 12px; letter-spacing: 2px;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK (Enter)"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.addWidget(text)
        layout.addWidget(big)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)


class AssignNumberDialog(CounterDialog):
    """编号 for an account left at “contract signed” (signing numbers the account itself)."""

    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Assign the account number"))
        self.finish(self.tr("Assign the next number of the account's area now?"))

    def save(self) -> Call | None:
        actor, account_id = self.actor, self.account_id
        return (lambda s: opening.assign_number(s, actor, account_id))


class PlanInstallDialog(CounterDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Plan the installation"))
        s = detail.summary
        self.date = self.add_row(self.tr("Installation &date:"), fmt.date_field(s.install_planned_on))
        self.team = self.add_row(self.tr("Installer &team:"), QLineEdit(s.installer_team))
        self.team.setPlaceholderText(self.tr("e.g. 安装一队"))
        self.finish()

    def save(self) -> Call | None:
        actor, account_id = self.actor, self.account_id
        when, team = fmt.read_date(self.date), self.team.text()
        return (lambda s: opening.plan_installation(s, actor, account_id, planned_on=when, installer_team=team))


class InstalledDialog(CounterDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Installation done"))
        self.date = self.add_row(self.tr("Installed &on:"), past_date_field())
        self.finish()

    def save(self) -> Call | None:
        actor, account_id, when = self.actor, self.account_id, fmt.read_date(self.date)
        return (lambda s: opening.mark_installed(s, actor, account_id, installed_on=when))


def meter_digits_field(value: int = 5) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(3, 9)
    spin.setValue(value)
    spin.setMaximumWidth(100)
    return spin


class GasOnDialog(CounterDialog):
    """通气: the registered meter, or its serial and initial reading typed here."""

    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Gas on"))
        self.date = self.add_row(self.tr("Gas-on &date:"), past_date_field())
        fitted = next((m for m in detail.meters if m.active), None)
        self.serial = self.add_row(self.tr("Meter &serial:"), QLineEdit())
        self.initial_reading = self.add_row(self.tr("&Initial reading (m³):"), fmt.reading_field())
        self.digits = self.add_row(self.tr("Register di&gits:"), meter_digits_field())
        intro = ""
        if fitted is not None:
            for field in (self.serial, self.initial_reading, self.digits):
                field.setVisible(False)
            intro = self.tr("Meter %1 is registered (initial reading %2).").replace("%1", fitted.serial) \
                .replace("%2", fmt.m3(fitted.initial_reading))
        self.finish(intro)
        if fitted is not None:
            for field in (self.serial, self.initial_reading, self.digits):
                self.form.labelForField(field).setVisible(False)

    def save(self) -> Call | None:
        try:
            reading = fmt.read_reading(self.initial_reading)  # type: ignore[arg-type]
        except ValueError:
            self.complain(self.tr("The reading is not a valid number."), self.initial_reading)
            return None
        actor, account_id, when = self.actor, self.account_id, fmt.read_date(self.date)
        serial = self.serial.text().strip() or None  # type: ignore[attr-defined]
        digits = self.digits.value()  # type: ignore[attr-defined]
        return (lambda s: opening.gas_on(s, actor, account_id, on=when, serial=serial, initial_reading=reading,
                                          digits=digits))


class StartServiceDialog(CounterDialog):
    def __init__(self, ctx: AppContext, detail: AccountDetail, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, detail)
        self.setWindowTitle(self.tr("Put the account in service"))
        self.finish(self.tr("Gas is on and the meter is recorded. Put the account in service now? (Enter)"))

    def save(self) -> Call | None:
        actor, account_id = self.actor, self.account_id
        return (lambda s: opening.start_service(s, actor, account_id))
