"""Importing a handheld's or a spreadsheet's file of readings (Ctrl+I): read, check, then store.

The file is read in the background with a progress bar (imports.read), then checked without
storing (a dry run) and the counts shown with the first rejected rows and their reasons; Enter
("Import") stores the good rows in one transaction (imports.import_file) and the rejected rows
are written beside the file (imports.write_rejects), whose path is then shown. Every refusal is
the service's own words, in the dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.readings import imports
from gasdesk.services.readings.files import FileRow, ReadingFile
from gasdesk.services.readings.imports import ImportResult
from gasdesk.ui import file_dialogs
from gasdesk.ui.forms import error_label, fit_to_screen, show_form_error
from gasdesk.ui.messages import error_text
from gasdesk.ui.tables import Column, RowsModel, table_view

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

FOLDER = "readings_import"  # the folder last used for imports
SHOWN_REJECTS = 100  # rejected rows listed in the dialog (all of them go to the rejects file)


class _Progress(QObject):
    """Carries the reader's progress calls from the worker thread to the bar (a queued signal)."""

    step = Signal(int, int)


def choose_file(parent: QWidget, chosen: Any) -> QWidget:
    title = QCoreApplication.translate("ImportDialog", "Import readings")
    kinds = QCoreApplication.translate("ImportDialog", "Readings files (*.csv *.txt *.xlsx *.xlsm);;CSV (*.csv *.txt);;"
                                                       "Excel (*.xlsx *.xlsm);;All files (*)")
    return file_dialogs.open_file(parent, title, FOLDER, kinds, chosen)


class ImportDialog(QDialog):
    """One file's import: read (progress), dry run (counts, rejects), import, rejects file."""

    imported = Signal(object)  # the ImportResult once stored

    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.path = ctx, path
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import readings — %1").replace("%1", path.name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.source: ReadingFile | None = None
        self.dry: ImportResult | None = None
        self.result: ImportResult | None = None
        self.rejects_path: Path | None = None
        self.storing = False

        self.file_label = QLabel(self.tr("File: %1").replace("%1", str(path)))
        self.file_label.setWordWrap(True)
        self.stage = QLabel(self.tr("Reading the file…"))
        self.stage.setObjectName("importStage")
        self.stage.setWordWrap(True)
        self.stage.setStyleSheet("font-weight: 600;")
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.bar.setRange(0, 0)
        self.bar.setFormat("%p%")
        self.error = error_label()
        self.rejects = RowsModel([
            Column(self.tr("Row"), lambda r: r[0].line, align_right=True),
            Column(self.tr("Account no."), lambda r: r[0].fields.get("account", "")),
            Column(self.tr("Meter"), lambda r: r[0].fields.get("meter", "")),
            Column(self.tr("Reading"), lambda r: r[0].fields.get("reading", ""), align_right=True),
            Column(self.tr("Date"), lambda r: r[0].fields.get("date", "")),
            Column(self.tr("Reason"), lambda r: r[2]),
        ], self)
        self.rejects_view = table_view(self.rejects, stretch=5)
        self.rejects_view.setObjectName("importRejects")
        self.rejects_view.hide()
        self.rejects_title = QLabel()
        self.rejects_title.hide()

        self.import_button = QPushButton(self.tr("Import (Enter)"))
        self.import_button.setObjectName("importStore")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.store)
        self.other_button = QPushButton(self.tr("Another file… (Ctrl+O)"))
        self.other_button.setAutoDefault(False)
        self.other_button.clicked.connect(self.another_file)
        self.close_button = QPushButton(self.tr("Close (Esc)"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+O"), self, self.another_file)
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.file_label)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.error)
        layout.addWidget(self.rejects_title)
        layout.addWidget(self.rejects_view, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 960, 560)
        self.dialog: QWidget | None = None
        self.read()

    # ---- the steps ----------------------------------------------------------

    def read(self) -> None:
        progress = _Progress(self)
        progress.step.connect(self._progress)
        path = self.path

        def work() -> ReadingFile:
            return imports.read(path, lambda done, total: progress.step.emit(done, total))

        self.ctx.runner.submit_call(work, self._read, self._failed, owner=self,
                                    busy_text=self.tr("Reading the file…"))

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)  # the size is not known: the bar moves without a figure

    def _read(self, source: ReadingFile) -> None:
        self.source = source
        rows = len(source.rows)
        self.bar.setRange(0, max(rows, 1))
        self.bar.setValue(max(rows, 1))
        self.stage.setText(self.tr("Checking %1 rows (nothing is stored yet)…").replace("%1", f"{rows:,}"))
        actor = self.ctx.actor
        self.ctx.runner.submit(lambda s: imports.import_file(s, actor, source, dry_run=True), self._checked,
                               self._failed, write=False, owner=self, busy_text=self.tr("Checking the readings…"))

    def counts_text(self, result: ImportResult) -> str:
        c = result.counts()
        return (self.tr("accepted %1, held %2, already imported %3, rejected %4")
                .replace("%1", f"{c['accepted']:,}").replace("%2", f"{c['held']:,}")
                .replace("%3", f"{c['already_imported']:,}").replace("%4", f"{c['rejected']:,}"))

    def _checked(self, result: ImportResult) -> None:
        self.dry = result
        encoding = result.encoding.upper() if result.encoding != "xlsx" else "Excel"
        self.stage.setText(
            self.tr("Checked, nothing stored yet. %1 rows (%2): %3. Enter imports the accepted and held rows "
                    "together.").replace("%1", f"{result.rows:,}").replace("%2", encoding)
            .replace("%3", self.counts_text(result)))
        self._show_rejects(result.rejected_rows())
        self.import_button.setEnabled(True)
        self.import_button.setFocus()

    def _show_rejects(self, rejected: list[tuple[FileRow, str, str]]) -> None:
        self.rejects.set_rows(rejected[:SHOWN_REJECTS])
        if rejected:
            title = (self.tr("Rejected rows (the first %1 of %2):") if len(rejected) > SHOWN_REJECTS
                     else self.tr("Rejected rows (%2):"))
            self.rejects_title.setText(title.replace("%1", str(SHOWN_REJECTS)).replace("%2", f"{len(rejected):,}"))
        self.rejects_title.setVisible(bool(rejected))
        self.rejects_view.setVisible(bool(rejected))

    def store(self) -> None:
        if self.dry is None or self.storing or self.result is not None:
            return
        source, actor = self.dry.source, self.ctx.actor
        self.storing = True
        self.import_button.setEnabled(False)
        self.other_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.stage.setText(self.tr("Importing…"))
        self.ctx.runner.submit(lambda s: imports.import_file(s, actor, source), self._stored, self._store_failed,
                               write=True, owner=self, busy_text=self.tr("Importing the readings…"))

    def _stored(self, result: ImportResult) -> None:
        self.result = result
        self.imported.emit(result)
        # Written after the commit, as the command does: the file names the rows that were not stored.
        self.ctx.runner.submit_call(lambda: imports.write_rejects(result), self._rejects_written,
                                    self._rejects_failed, owner=self)

    def _rejects_written(self, path: Path | None) -> None:
        self.storing = False
        self.rejects_path = path
        result = self.result
        assert result is not None
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        counts = self.counts_text(result)
        if path is not None:
            text = (self.tr("Imported: %1. The rejected rows, with their reasons, are in %2")
                    .replace("%1", counts).replace("%2", str(path)))
        else:
            text = self.tr("Imported: %1. No row was rejected.").replace("%1", counts)
        self.stage.setText(text)
        self.stage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show_rejects(result.rejected_rows())
        self.close_button.setEnabled(True)
        self.other_button.setEnabled(True)
        self.close_button.setFocus()

    def _rejects_failed(self, exc: BaseException) -> None:
        self.storing = False
        self.close_button.setEnabled(True)
        self.stage.setText(self.tr("Imported, but the rejects file could not be written."))
        show_form_error(self.error, error_text(exc))

    def _failed(self, exc: BaseException) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.stage.setText(self.tr("Not imported."))
        show_form_error(self.error, error_text(exc))
        self.other_button.setFocus()

    def _store_failed(self, exc: BaseException) -> None:
        self.storing = False
        self.close_button.setEnabled(True)
        self.other_button.setEnabled(True)
        self._failed(exc)
        self.stage.setText(self.tr("Nothing was imported: not one row of the file was stored."))

    # ---- closing ------------------------------------------------------------

    def another_file(self) -> None:
        if self.storing:
            return
        parent = self.parentWidget()

        def chosen(path: Path) -> None:
            self.close()
            if parent is not None and hasattr(parent, "import_path"):
                parent.import_path(path)

        self.dialog = choose_file(self, chosen)

    def reject(self) -> None:
        if self.storing:  # the store is on its way: the rejects file follows it, the dialog waits
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.storing:
            event.ignore()
            return
        super().closeEvent(event)
