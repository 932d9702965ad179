"""Administration: sign-in and lock settings, and a hot backup of the database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gasdesk.backup import backup_as
from gasdesk.services.core import settings
from gasdesk.ui.context import AppContext
from gasdesk.ui.forms import EnterNavigation
from gasdesk.ui.messages import error_text, show_error, show_info

SETTING_KEYS = ("idle_lock_minutes", "max_failed_logins", "lockout_minutes")


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
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)
        EnterNavigation(list(self.spins.values()), self.save, self)

        backup_group = QGroupBox(self.tr("Backup"))
        self.backup_button = QPushButton(self.tr("Back up the database now…"))
        self.backup_button.clicked.connect(self.choose_backup_file)
        self.backup_status = QLabel(self.tr("A hot copy of the live database, checked for integrity after writing."))
        self.backup_status.setWordWrap(True)
        row = QHBoxLayout(backup_group)
        row.addWidget(self.backup_button)
        row.addWidget(self.backup_status, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addWidget(backup_group)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.ctx.runner.submit(lambda s: settings.all_settings(s), self._show, write=False, owner=self)

    def _show(self, values: dict[str, str]) -> None:
        self.values = values
        for key, spin in self.spins.items():
            spin.setValue(int(values[key]))

    def save(self) -> None:
        changed = {k: str(spin.value()) for k, spin in self.spins.items() if str(spin.value()) != self.values.get(k)}
        if not changed:
            show_info(self, self.tr("Nothing has changed."))
            return
        actor = self.ctx.actor
        self.ctx.runner.submit(lambda s: settings.save_many(s, actor, changed), lambda _r: self._saved(changed),
                               owner=self, busy_text=self.tr("Saving…"))

    def _saved(self, changed: dict[str, str]) -> None:
        self.values.update(changed)
        show_info(self, self.tr("Settings saved."))

    def choose_backup_file(self) -> None:
        db_path = self.ctx.db.path
        folder = db_path.parent / "backups" if db_path else Path.home()
        name = f"{db_path.stem if db_path else 'gasdesk'}-{datetime.now():%Y%m%d-%H%M%S}.db"
        dest, _filter = QFileDialog.getSaveFileName(self, self.tr("Back up the database to"), str(folder / name),
                                                    self.tr("SQLite database (*.db)"))
        if dest:
            self.backup_to(Path(dest))

    def backup_to(self, dest: Path) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self.backup_button.setEnabled(False)
        self.backup_status.setText(self.tr("Backing up…"))
        self.ctx.runner.submit_call(lambda: backup_as(db, actor, dest), self._backed_up, self._backup_failed,
                                    busy_text=self.tr("Backing up the database…"), owner=self)

    def _backed_up(self, written: Path) -> None:
        self.backup_button.setEnabled(True)
        self.backup_status.setText(self.tr("Backup written and checked: %1").replace("%1", str(written)))

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.backup_status.setText(error_text(exc))
        show_error(self, exc)
