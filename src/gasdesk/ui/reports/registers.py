"""Registers by area (按区域登记造册) and the new-account list (新开户清单): choose, preview, save, export.

One form, shown inline on the reports page and as a dialog at the counter (F8). Every
document is made by the register services on the runner's worker; the GUI only picks the
file and writes the bytes it gets back (gasdesk.files.write_atomic: a full disk or a crash
never leaves half a file under the chosen name). A register too long to show
on screen (more than PREVIEW_LIMIT accounts) is not previewed: the form says so and
offers to save it as a PDF instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gasdesk.files import write_atomic
from gasdesk.services.core.errors import GasdeskError
from gasdesk.services.office import address
from gasdesk.services.reports import registers
from gasdesk.ui import file_dialogs
from gasdesk.ui.forms import EnterNavigation, error_label, show_form_error
from gasdesk.ui.messages import ask, error_text, show_info

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

Session = Any  # the runner's session, handed to the services; the UI never looks inside it

# Accounts. The preview renders every page on the GUI thread at screen resolution: measured on the
# demo office, 3,000 accounts are 101 A4 pages, 1.1 s and 270 MB; 1,000 stay near 0.35 s and 90 MB.
PREVIEW_LIMIT = 1000


@dataclass(frozen=True)
class Choice:
    """What the form asks for, read once on the GUI thread and handed to the worker."""

    kind: str  # "register" or "new"
    area_id: int | None
    compound_id: int | None
    date_from: date
    date_to: date
    basis: registers.Basis
    stem: str  # the suggested file name, without its extension

    def size(self, s: Session, actor: Any) -> int:
        if self.kind == "register":
            return registers.area_register_size(s, actor, area_id=self.area_id, compound_id=self.compound_id)
        return registers.new_accounts_size(s, actor, **self._new_kw())

    def pdf(self, s: Session, actor: Any) -> bytes:
        if self.kind == "register":
            return registers.area_register_pdf(s, actor, area_id=self.area_id, compound_id=self.compound_id)
        return registers.new_accounts_pdf(s, actor, **self._new_kw())

    def xlsx(self, s: Session, actor: Any) -> bytes:
        if self.kind == "register":
            return registers.area_register_xlsx(s, actor, area_id=self.area_id, compound_id=self.compound_id)
        return registers.new_accounts_xlsx(s, actor, **self._new_kw())

    def _new_kw(self) -> dict[str, Any]:
        return {"date_from": self.date_from, "date_to": self.date_to, "area_id": self.area_id, "basis": self.basis}


def _date_edit(value: QDate) -> QDateEdit:
    field = QDateEdit(value)
    field.setDisplayFormat("yyyy-MM-dd")  # typed section by section: digits, arrows, Tab
    field.setCalendarPopup(True)
    field.setMaximumWidth(160)
    return field


class RegistersForm(QWidget):
    """The choice of register and its three outputs: preview, PDF file, Excel file."""

    written = Signal(str)  # the path of a file just saved

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registersForm")
        self.ctx = ctx
        self.dialog: QWidget | None = None  # the preview or message last opened (tests look here)
        self._running = False
        self._tree: list[address.AreaInfo] = []

        self.kind = QComboBox()
        self.kind.addItem(self.tr("Register by area (按区域登记造册)"), "register")
        self.kind.addItem(self.tr("New-account list (新开户清单)"), "new")
        self.area = QComboBox()
        self.area.addItem(self.tr("All areas"), None)
        self.compound = QComboBox()
        self.compound.addItem(self.tr("All compounds"), None)
        today = QDate.currentDate()
        self.date_from = _date_edit(QDate(today.year(), today.month(), 1))
        self.date_to = _date_edit(today)
        self.basis = QComboBox()
        self.basis.addItem(self.tr("Gas-on date (account opened)"), "opened")
        self.basis.addItem(self.tr("Contract signing date"), "signed")
        self.basis.addItem(self.tr("Application date"), "applied")
        for combo in (self.kind, self.area, self.compound, self.basis):
            combo.setMinimumWidth(260)
            combo.setMaximumWidth(440)

        self.form = QFormLayout()
        self.form.setVerticalSpacing(10)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.addRow(self.tr("&Report:"), self.kind)
        self.form.addRow(self.tr("&Area:"), self.area)
        self.form.addRow(self.tr("&Compound:"), self.compound)
        self.form.addRow(self.tr("&From:"), self.date_from)
        self.form.addRow(self.tr("&To:"), self.date_to)
        self.form.addRow(self.tr("&Basis:"), self.basis)

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5b6b7f;")
        self.error = error_label()
        self.progress_text = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # how long a register takes is not known in advance
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress_text)
        busy_row.addWidget(self.progress)
        busy_row.addStretch(1)
        self._show_progress(False)

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, key, slot in (
            ("preview", self.tr("Preview"), "Ctrl+P", self.preview),
            ("pdf", self.tr("Save PDF…"), "Ctrl+S", self.save_pdf),
            ("xlsx", self.tr("Export Excel…"), "Ctrl+E", self.save_xlsx),
        ):
            button = QPushButton(f"{text}  {key}")
            button.setObjectName(f"registers_{name}")
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[name] = button
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.buttons["preview"].setDefault(True)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addLayout(busy_row)
        layout.addLayout(row)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.area.currentIndexChanged.connect(self._area_changed)
        self.navigation = EnterNavigation(
            [self.kind, self.area, self.compound, self.date_from, self.date_to, self.basis], self.preview, self)
        ctx.runner.busy.connect(self._runner_busy)
        self._kind_changed()
        actor = ctx.actor
        ctx.runner.submit(lambda s: address.tree(s, actor), self._set_tree, self._failed, write=False, owner=self)

    # ---- the choice -------------------------------------------------------

    def _set_tree(self, tree: list[address.AreaInfo]) -> None:
        self._tree = tree
        for area in tree:
            self.area.addItem(f"{area.name}（{area.code}）", area.id)

    def _area_changed(self) -> None:
        area_id = self.area.currentData()
        self.compound.blockSignals(True)
        self.compound.clear()
        self.compound.addItem(self.tr("All compounds"), None)
        for area in self._tree:
            if area.id == area_id:
                for c in area.compounds:
                    self.compound.addItem(c.name if c.active else self.tr("%1 (disabled)").replace("%1", c.name),
                                          c.id)
        self.compound.blockSignals(False)
        self._kind_changed()

    def _kind_changed(self) -> None:
        register = self.kind.currentData() == "register"
        self.form.setRowVisible(self.compound, register)
        self.compound.setEnabled(register and self.area.currentData() is not None)
        for field in (self.date_from, self.date_to, self.basis):
            self.form.setRowVisible(field, not register)
        self.note.setText(
            self.tr("Every account of the chosen area or compound in address order, with the status counts of each"
                    " compound.") if register else
            self.tr("The accounts whose chosen date falls between the two dates, both included, by date."))
        show_form_error(self.error, "")

    def choice(self) -> Choice:
        kind = str(self.kind.currentData())
        area_id, compound_id = self.area.currentData(), self.compound.currentData()
        date_from, date_to = self.date_from.date().toPython(), self.date_to.date().toPython()
        if kind == "register":
            compound_id = compound_id if area_id is not None else None
            parts = [self.tr("Register")]
            if area_id is not None:
                parts.append(next(a.name for a in self._tree if a.id == area_id))
            if compound_id is not None:
                parts.append(self.compound.currentText())
            stem = "-".join(parts)
        else:
            compound_id = None
            stem = "-".join((self.tr("New accounts"), f"{date_from:%Y%m%d}", f"{date_to:%Y%m%d}"))
        return Choice(kind, area_id, compound_id, date_from, date_to, self.basis.currentData(), stem)

    # ---- the outputs ------------------------------------------------------

    def preview(self) -> None:
        choice, actor = self.choice(), self.ctx.actor

        def work(s: Session) -> tuple[int, bytes | None]:
            n = choice.size(s, actor)  # counted first: a huge register is never made only to be refused
            return n, (choice.pdf(s, actor) if n <= PREVIEW_LIMIT else None)

        self._run(work, lambda result: self._previewed(choice, *result), self.tr("Preparing the preview…"))

    def _previewed(self, choice: Choice, count: int, pdf: bytes | None) -> None:
        if pdf is None:
            self.dialog = ask(
                self, self.tr("This list has %1 accounts: too long to show on screen. Save it as a PDF file instead?"
                              " (Open the file to read or print it.)").replace("%1", f"{count:,}"),
                self.save_pdf, title=self.tr("Too long to preview"))
            return
        from gasdesk.ui.pdf_preview import PdfPreview

        preview = PdfPreview(pdf, choice.stem, f"{choice.stem}.pdf", self, ctx=self.ctx)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = preview
        preview.open()

    def save_pdf(self) -> None:
        self._save("pdf", self.tr("PDF files (*.pdf)"), lambda c, s, a: c.pdf(s, a))

    def save_xlsx(self) -> None:
        self._save("xlsx", self.tr("Excel workbooks (*.xlsx)"), lambda c, s, a: c.xlsx(s, a))

    def _save(self, ext: str, file_filter: str, make: Callable[[Choice, Session, Any], bytes]) -> None:
        if self._running:
            return
        choice, actor = self.choice(), self.ctx.actor

        def chosen(path: Path) -> None:
            if path.suffix.lower() != f".{ext}":
                path = path.with_name(f"{path.name}.{ext}")
            self._run(lambda s: make(choice, s, actor), lambda data: self._write(path, data),
                      self.tr("Preparing %1…").replace("%1", path.name))

        self.dialog = file_dialogs.save_file(self, self.tr("Save as"), file_dialogs.DOCUMENTS, f"{choice.stem}.{ext}",
                                             file_filter, chosen)

    def _write(self, path: Path, data: bytes) -> None:
        try:
            write_atomic(path, data)
        except GasdeskError as exc:  # a missing or read-only folder, a full disk: the old file is intact
            show_form_error(self.error, exc.text())
            return
        self.dialog = show_info(self, self.tr("Saved: %1").replace("%1", str(path)), self.tr("Registers"))
        self.written.emit(str(path))

    # ---- running in the background ---------------------------------------

    def _run(self, work: Callable[[Session], Any], then: Callable[[Any], None], busy_text: str) -> None:
        if self._running:
            return  # one document at a time: a second key press is not a second report
        show_form_error(self.error, "")
        self._set_running(True, busy_text)

        def done(result: Any) -> None:
            self._set_running(False)
            then(result)

        # Reads only: the register services write nothing, so no write lock is held while they run.
        self.ctx.runner.submit(work, done, self._failed, write=False, busy_text=busy_text, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self._set_running(False)
        show_form_error(self.error, error_text(exc))

    def _set_running(self, running: bool, text: str = "") -> None:
        self._running = running
        self.progress_text.setText(text)
        for button in self.buttons.values():
            button.setEnabled(not running)
        if not running:
            self._show_progress(False)

    def _runner_busy(self, busy: bool, _text: str) -> None:
        """The runner says busy after 600 ms: only then show the bar here (quick work never flickers)."""
        self._show_progress(busy and self._running)

    def _show_progress(self, visible: bool) -> None:
        self.progress_text.setVisible(visible)
        self.progress.setVisible(visible)

    def is_running(self) -> bool:
        return self._running


class RegistersDialog(QDialog):
    """The form on its own, for the counter (F8)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registersDialog")
        self.setWindowTitle(self.tr("Registers (F8)"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form = RegistersForm(ctx, self)
        heading = QLabel(self.tr("Registers and new-account lists"))
        heading.setObjectName("dialogTitle")
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(self.form)
        layout.addLayout(bottom)
        self.setMinimumWidth(560)
        self.form.kind.setFocus()
