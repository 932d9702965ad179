"""Administration: sign-in and lock settings, the fee list, this workstation's printers, a hot backup of
the database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gasdesk.backup import Backup, backup_as
from gasdesk.files import private_folder
from gasdesk.services.core import labels as names
from gasdesk.services.core import settings
from gasdesk.services.printing import sample
from gasdesk.ui import file_dialogs, printer
from gasdesk.ui.context import AppContext
from gasdesk.ui.forms import EnterNavigation
from gasdesk.ui.messages import error_text, show_error, show_info

SETTING_KEYS = ("idle_lock_minutes", "max_failed_logins", "lockout_minutes")
FEE_KEYS = settings.FEE_KEYS  # amounts typed as text: the service's money parser checks them, in words
# When the three checks hold a reading: the factor and floor are exact decimals typed as text (the
# service's volume parser checks them), the cycles whole numbers.
READING_TEXT_KEYS = ("reading_spike_factor", "reading_spike_floor_m3")
READING_SPIN_KEYS = ("reading_average_cycles", "reading_zero_cycles")
TEST_PAGES = {"roll": "roll80", "A4": "A4", "A5": "A5"}  # printer class -> the paper of its test page


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.values: dict[str, str] = {}
        self.spins: dict[str, QSpinBox] = {}
        labels = {
            "idle_lock_minutes": self.tr("Lock the workstation after idle minutes:"),
            "max_failed_logins": self.tr("Wrong passwords before a user is locked:"),
            "lockout_minutes": self.tr("Minutes a locked user must wait:"),
        }
        group = QGroupBox(self.tr("Sign-in and locking"))
        form = QFormLayout(group)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for key in SETTING_KEYS:
            spin = QSpinBox()
            spin.setRange(1, 1440)
            spin.setMinimumWidth(140)
            spin.setObjectName(key)
            self.spins[key] = spin
            form.addRow(labels[key], spin)
        depot_group = self._depot_group()
        fees_group = self._fees_group()
        checks_group = self._checks_group()
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save)
        self.save_error = QLabel()
        self.save_error.setObjectName("settingsError")
        self.save_error.setWordWrap(True)
        self.save_error.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.save_error.hide()
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.save_error, 1)
        save_row.addStretch(0)  # the button keeps its size while no refusal is shown
        EnterNavigation([*self.spins.values(), *self.checks.values(), *self.fees.values()], self.save, self)

        printers_group = self._printers_group()

        backup_group = QGroupBox(self.tr("Backup"))
        self.backup_button = QPushButton(self.tr("Back up the database now…"))
        self.backup_button.clicked.connect(self.choose_backup_file)
        self.backup_status = QLabel(self.tr("A hot copy of the live database, checked for integrity after writing."))
        self.backup_status.setWordWrap(True)
        row = QHBoxLayout(backup_group)
        row.addWidget(self.backup_button)
        row.addWidget(self.backup_status, 1)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        first = QVBoxLayout()  # sign-in above the depot's one setting
        first.addWidget(group)
        first.addWidget(depot_group)
        first.addStretch(1)
        top.addLayout(first)
        for box in (fees_group, checks_group):
            top.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(save_row)
        layout.addWidget(printers_group)
        layout.addWidget(backup_group)
        layout.addStretch(1)
        self.refresh()

    def _depot_group(self) -> QGroupBox:
        """调瓶点: how long a full cylinder must stay in date to be handed out (services.depot.checks)."""
        group = QGroupBox(self.tr("LPG depot"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        spin = QSpinBox()
        spin.setRange(1, 1440)
        spin.setMinimumWidth(140)
        spin.setObjectName("depot_due_soon_days")
        spin.setSuffix(self.tr(" days"))
        self.spins["depot_due_soon_days"] = spin
        form.addRow(self.tr("A full cylinder goes out only if in date for:"), spin)
        return group

    def _fees_group(self) -> QGroupBox:
        """The fee list the contract form starts from (the clerk may charge another amount)."""
        group = QGroupBox(self.tr("Fee list (¥)"))
        form = QFormLayout(group)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        names = {
            "fee_opening": self.tr("Opening fee:"),
            "fee_installation_residential": self.tr("Installation fee, residential:"),
            "fee_installation_commercial": self.tr("Installation fee, commercial:"),
            "fee_installation_industrial": self.tr("Installation fee, industrial:"),
            "fee_installation_public": self.tr("Installation fee, public institution:"),
            "fee_meter": self.tr("Meter fee (with the installation, or a meter sold at the counter):"),
            "fee_prepayment": self.tr("Default prepayment:"),
            "fee_service_call": self.tr("Call-out service fee (at the counter):"),
            "fee_reconnection": self.tr("Reconnection fee (at the counter):"),
        }
        self.fees: dict[str, QLineEdit] = {}
        for key in FEE_KEYS:
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.setMinimumWidth(140)
            self.fees[key] = edit
            form.addRow(names[key], edit)
        return group

    def _checks_group(self) -> QGroupBox:
        """抄表检查: when a reading is held for a supervisor (services.readings.checks), named as the
        settings table names them."""
        group = QGroupBox(self.tr("Reading checks"))
        group.setObjectName("readingChecks")
        form = QFormLayout(group)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.checks: dict[str, QLineEdit | QSpinBox] = {}
        for key in (*READING_TEXT_KEYS, *READING_SPIN_KEYS):
            field: QLineEdit | QSpinBox
            if key in READING_TEXT_KEYS:
                field = QLineEdit()
                field.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                field = QSpinBox()
                field.setRange(1, 1440)  # the service's bounds for a whole-number setting
            field.setObjectName(key)
            field.setMinimumWidth(140)
            self.checks[key] = field
            form.addRow(self.tr("%1:").replace("%1", names.text(names.SETTING, key)), field)
        note = QLabel(self.tr("A reading is held for a supervisor when its use is above the factor times the "
                              "usual use of the period and above the least use, or after that many periods "
                              "in a row without use."))
        note.setWordWrap(True)
        note.setMaximumWidth(380)
        note.setStyleSheet("color: #5b6b7f;")
        form.addRow(note)
        return group

    # ---- printers (per machine: the preferences file, not the database) ----------------------

    def _printers_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Printers of this computer"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        labels = {
            "roll": self.tr("Receipt printer (80 mm roll):"),
            "A4": self.tr("Office printer for A4:"),
            "A5": self.tr("Office printer for A5:"),
        }
        installed = printer.available_printers()
        self.printer_combos: dict[str, QComboBox] = {}
        for printer_class in printer.PRINTER_CLASSES:
            combo = QComboBox()
            combo.setObjectName(f"printer_{printer_class}")
            combo.setMinimumWidth(280)
            combo.addItem(self.tr("The system's default printer"), "")
            for name in installed:
                combo.addItem(name, name)
            chosen = printer.chosen_printer(printer_class)
            if chosen and chosen not in installed:  # kept, and shown as missing, until changed
                combo.addItem(self.tr("%1 (not installed)").replace("%1", chosen), chosen)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.currentIndexChanged.connect(lambda _i, c=printer_class: self._choose_printer(c))
            self.printer_combos[printer_class] = combo
            test = QPushButton(self.tr("Print a test page"))
            test.setObjectName(f"test_page_{printer_class}")
            test.clicked.connect(lambda _checked=False, c=printer_class: self.print_test_page(c))
            row = QHBoxLayout()
            row.addWidget(combo)
            row.addWidget(test)
            row.addStretch(1)
            form.addRow(labels[printer_class], row)
        self.printers_status = QLabel(self.tr("Printouts print 1:1 on the printer chosen for their paper."))
        self.printers_status.setWordWrap(True)
        form.addRow("", self.printers_status)
        return group

    def _choose_printer(self, printer_class: str) -> None:
        combo = self.printer_combos[printer_class]
        printer.choose_printer(printer_class, str(combo.currentData() or ""))
        self.printers_status.setText(self.tr("Saved for this computer: %1").replace("%1", combo.currentText()))

    def print_test_page(self, printer_class: str, make_printer: printer.MakePrinter | None = None) -> None:
        """A test page on the paper of ``printer_class``: made by the print core on the runner, printed on
        the print thread like any printout (``make_printer``: another printer, for tests)."""
        found = (self.printer_combos[printer_class].currentText(), make_printer) if make_printer else \
            printer.printer_for(printer_class)
        if found is None:
            self.printers_status.setText(self.tr("No printer is installed on this computer."))
            return
        name, make = found
        actor, page = self.ctx.actor, TEST_PAGES[printer_class]
        self.printers_status.setText(self.tr("Printing on %1…").replace("%1", name))
        self.ctx.runner.submit(lambda s: sample.printer_test_page(s, actor, page),
                               lambda pdf: self.ctx.printer.submit(pdf, make, self._test_page_done, target=name),
                               write=False, owner=self)

    def _test_page_done(self, result: printer.Spooled) -> None:
        if not shiboken6.isValid(self):
            return
        self.printers_status.setText(
            self.tr("Test page sent to %1.").replace("%1", result.target) if result.ok else
            self.tr("Not printed: %1").replace("%1", result.error))

    def refresh(self) -> None:
        self.ctx.runner.submit(lambda s: settings.all_settings(s), self._show, write=False, owner=self)

    def _show(self, values: dict[str, str]) -> None:
        self.values = values
        for key, spin in self.spins.items():
            spin.setValue(int(values[key]))
        for key, edit in self.fees.items():
            edit.setText(values[key])
        for key, field in self.checks.items():
            if isinstance(field, QSpinBox):
                field.setValue(int(values[key]))
            else:
                field.setText(values[key])

    def typed(self) -> dict[str, str]:
        return {**{k: str(spin.value()) for k, spin in self.spins.items()},
                **{k: edit.text().strip() for k, edit in self.fees.items()},
                **{k: str(f.value()) if isinstance(f, QSpinBox) else f.text().strip() for k, f in self.checks.items()}}

    def save(self) -> None:
        changed = {k: v for k, v in self.typed().items() if v != self.values.get(k)}
        self.save_error.hide()
        if not changed:
            show_info(self, self.tr("Nothing has changed."))
            return
        actor = self.ctx.actor
        self.ctx.runner.submit(lambda s: settings.save_many(s, actor, changed), lambda _r: self.refresh_saved(),
                               self._refused, owner=self, busy_text=self.tr("Saving…"))

    def refresh_saved(self) -> None:
        """Show what was stored (an amount as the service wrote it: 200 → 200.00)."""
        self.ctx.runner.submit(lambda s: settings.all_settings(s), self._saved, write=False, owner=self)

    def _saved(self, values: dict[str, str]) -> None:
        self._show(values)
        show_info(self, self.tr("Settings saved."))

    def _refused(self, exc: BaseException) -> None:
        """The refusal in the service's words beside the button; the field it names gets the focus."""
        self.save_error.setText(error_text(exc))
        self.save_error.show()
        key = getattr(exc, "field", None)
        field = (self.fees.get(key) or self.checks.get(key)) if isinstance(key, str) else None
        if field is not None:
            field.setFocus()
            field.selectAll()

    def choose_backup_file(self) -> None:
        db_path = self.ctx.db.path
        folder = db_path.parent / "backups" if db_path else Path.home()
        name = f"{db_path.stem if db_path else 'gasdesk'}-{datetime.now():%Y%m%d-%H%M%S}.db"
        if db_path is not None:
            private_folder(folder)  # where `gasdesk backup` writes too: the dialog opens there
        self.file_dialog = file_dialogs.save_file(self, self.tr("Back up the database to"), file_dialogs.BACKUPS, name,
                                                  self.tr("SQLite database (*.db)"), self.backup_to,
                                                  default_folder=folder)

    def backup_to(self, dest: Path) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self.backup_button.setEnabled(False)
        self.backup_status.setText(self.tr("Backing up…"))
        self.ctx.runner.submit_call(lambda: backup_as(db, actor, dest), self._backed_up, self._backup_failed,
                                    busy_text=self.tr("Backing up the database…"), owner=self)

    def _backed_up(self, done: Backup) -> None:
        self.backup_button.setEnabled(True)
        text = self.tr("Backup written and checked: %1").replace("%1", str(done.path))
        if done.head is not None:
            text += "\n" + self.tr("Chain head %1, kept beside it in %2").replace("%1", str(done.head)).replace(
                "%2", done.path.name + ".head")
        self.backup_status.setText(text)

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.backup_status.setText(error_text(exc))
        show_error(self, exc)
