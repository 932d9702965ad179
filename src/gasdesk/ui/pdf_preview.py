"""Preview a printout and send it to this workstation's printer or to a file.

Printouts arrive as PDF bytes from the services. PDFium (pypdfium2) rasterises the pages for the
screen here, on the GUI thread; printing runs on the print thread (ui.printer), 1:1 on the
printer chosen for the paper. A document that counts its originals and copies (a print job's
``Document``) is recorded through the runner once it was printed or saved, and its preview
then prints no more: the next print is made again, as a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gasdesk.files import write_atomic
from gasdesk.services.core.errors import GasdeskError
from gasdesk.services.printing import jobs
from gasdesk.ui import file_dialogs
from gasdesk.ui.forms import fit_to_screen
from gasdesk.ui.printer import PDFIUM_LOCK, MakePrinter, PrintQueue, Spooled, printer_class_of, printer_for

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


def page_image(page: pdfium.PdfPage, dpi: float) -> QImage:
    with PDFIUM_LOCK:
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
        return image.copy()  # detach from PDFium's buffer before it is freed


def render_pages(pdf_bytes: bytes, dpi: float = 96) -> list[QImage]:
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf_bytes)
    try:
        return [page_image(doc[i], dpi) for i in range(len(doc))]
    finally:
        with PDFIUM_LOCK:
            doc.close()


def record_job(ctx: AppContext, document: jobs.Document, target: str, outcome: str, error: str = "") -> None:
    """Write the print job through the runner (a write of its own, after the spool or the save)."""
    actor = ctx.actor
    ctx.runner.submit(lambda s: jobs.record_document(s, actor, document, target=target, outcome=outcome,
                                                     error=error), write=True)


class PdfPreview(QDialog):
    """Shows every page; Ctrl+P prints on this machine's printer for the paper, Ctrl+S saves the PDF.

    With ``ctx`` and ``document`` the print or the save is recorded as a print job; a document
    printed or saved once is not printed again from the same preview (a second print is a copy,
    made anew by its service)."""

    spooled = Signal(object)  # a Spooled: the print thread is done with this printout
    saved = Signal(str)  # the path of the PDF just written

    def __init__(self, pdf_bytes: bytes, title: str, suggested_name: str = "gasdesk.pdf",
                 parent: QWidget | None = None, *, ctx: AppContext | None = None,
                 document: jobs.Document | None = None) -> None:
        super().__init__(parent)
        self.pdf_bytes = pdf_bytes
        self.suggested_name = suggested_name
        self.ctx, self.document = ctx, document
        self.queue = ctx.printer if ctx is not None else PrintQueue(self)
        self.printer_class = printer_class_of(pdf_bytes)
        self.dialog: QWidget | None = None  # the message last opened (tests look here)
        self.setWindowTitle(title)
        images = render_pages(pdf_bytes)
        # As wide as the widest page (an A4 register is landscape) and the scroll bar, so no page
        # scrolls sideways; narrower and shorter where the screen is smaller (1366×768).
        fit_to_screen(self, max([820, *(image.width() + 64 for image in images)]), 900)
        pages = QWidget()
        col = QVBoxLayout(pages)
        col.setSpacing(12)
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setStyleSheet("background: white; border: 1px solid #bbb;")
            col.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.page_count = col.count()
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #777; }")
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print (Ctrl+P)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(self.tr("Save PDF… (Ctrl+S)"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.print_button.clicked.connect(lambda: self.print_now())
        self.save_button.clicked.connect(self.save_dialog)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, lambda: self.print_now())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_dialog)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    # ---- printing ---------------------------------------------------------------------------

    def print_now(self, make_printer: MakePrinter | None = None, target: str = "") -> bool:
        """Send the PDF to the print thread: to ``make_printer``'s printer, else to the one chosen
        for the paper on this machine. False when there is no printer or nothing may be printed."""
        if not self.print_button.isEnabled():
            return False
        if make_printer is None:
            found = printer_for(self.printer_class)
            if found is None:
                self._say(self.tr("No printer is set up for this paper on this computer. An administrator chooses"
                                  " one under Administration → Settings and backup → Printers of this computer."),
                          warn=True)
                return False
            target, make_printer = found
        self._busy(True, self.tr("Printing on %1…").replace("%1", target or self.tr("the printer")))
        ctx, document = self.ctx, self.document

        def done(result: Spooled) -> None:
            # The job is recorded even when the preview was closed meanwhile.
            if ctx is not None and document is not None:
                record_job(ctx, document, result.target, result.outcome, result.error)
            if shiboken6.isValid(self):
                self._spooled(result)

        self.queue.submit(self.pdf_bytes, make_printer, done, target=target)
        return True

    def _spooled(self, result: Spooled) -> None:
        if result.ok:
            self._busy(False, self.tr("Sent to %1 (%2 pages).").replace("%1", result.target)
                       .replace("%2", str(result.pages)))
            self._used_up()
        else:
            self._busy(False, "")
            self._say(self.tr("Not printed: %1. Check that the printer is switched on and has paper, then print"
                              " again.").replace("%1", result.error), warn=True)
        self.spooled.emit(result)

    def _busy(self, busy: bool, text: str) -> None:
        self.status.setText(text)
        self.print_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    def _used_up(self) -> None:
        """A counted document (its original or a copy) was printed or saved: not again from here."""
        if self.document is None:
            return
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.status.setText(self.status.text() + " " + self.tr("To print it again, open it again: it will be a copy."))

    def _say(self, text: str, *, warn: bool = False) -> None:
        icon = QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Information
        box = QMessageBox(icon, self.windowTitle(), text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal: no nested event loop
        self.dialog = box

    # ---- saving -----------------------------------------------------------------------------

    def save_dialog(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.dialog = file_dialogs.save_file(self, self.tr("Save PDF"), file_dialogs.DOCUMENTS, self.suggested_name,
                                             "PDF (*.pdf)", self.save_to)

    def save_to(self, path: Path) -> bool:
        try:
            written = write_atomic(path, self.pdf_bytes)
        except GasdeskError as exc:
            if self.ctx is not None and self.document is not None:
                record_job(self.ctx, self.document, str(path), "failed", exc.text("en"))
            self._say(exc.text(), warn=True)
            return False
        if self.ctx is not None and self.document is not None:
            record_job(self.ctx, self.document, str(written.resolve()), "saved")
        self.status.setText(self.tr("Saved: %1").replace("%1", str(written)))
        self._used_up()
        self.saved.emit(str(written))
        return True


def preview_made(ctx: AppContext, parent: QWidget, make: Callable[[Any], tuple[Any, bytes]], title: str,
                 name: str, *, on_error: Callable[[BaseException], None] | None = None, busy_text: str = "",
                 write: bool = True) -> None:
    """Make a printout on the runner, then show it: ``make(session)`` returns (what it is, the PDF);
    a print-core document (a slip, a receipt) is recorded as a print job when printed or saved."""
    def show(made: tuple[Any, bytes]) -> None:
        first, pdf = made
        preview = PdfPreview(pdf, title, name, parent, ctx=ctx,
                             document=first if isinstance(first, jobs.Document) else None)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.open()

    ctx.runner.submit(make, show, on_error, write=write, busy_text=busy_text, owner=parent)
