"""Preview a printout and send it to a printer or a file.

Printouts arrive as PDF bytes from the services. PDFium (pypdfium2) rasterises
the pages, for the screen at screen resolution and for the printer at the
printer's, so no Qt add-on module is needed.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


def page_image(page: pdfium.PdfPage, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
    return image.copy()  # detach from PDFium's buffer before it is freed


def render_pages(pdf_bytes: bytes, dpi: float = 96) -> list[QImage]:
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        return [page_image(doc[i], dpi) for i in range(len(doc))]
    finally:
        doc.close()


def print_pdf(pdf_bytes: bytes, printer: QPrinter) -> int:
    """Paint each page onto the printer at its own resolution; returns the page count."""
    doc = pdfium.PdfDocument(pdf_bytes)
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        raise OSError("printer could not start")
    try:
        dpi = min(printer.resolution(), 300)
        for i in range(len(doc)):
            if i:
                printer.newPage()
            image = page_image(doc[i], dpi)
            target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
            scaled = image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(target.topLeft(), scaled.toSizeF()), image)
        return len(doc)
    finally:
        painter.end()
        doc.close()


class PdfPreview(QDialog):
    """Shows every page; Ctrl+P prints, Ctrl+S saves the PDF, Esc closes."""

    def __init__(self, pdf_bytes: bytes, title: str, suggested_name: str = "gasdesk.pdf",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf_bytes = pdf_bytes
        self.suggested_name = suggested_name
        self.setWindowTitle(title)
        self.resize(820, 900)
        pages = QWidget()
        col = QVBoxLayout(pages)
        col.setSpacing(12)
        for image in render_pages(pdf_bytes):
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
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print… (Ctrl+P)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(self.tr("Save PDF… (Ctrl+S)"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_dialog)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_dialog)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.pdf_bytes, printer)
        except OSError:
            QMessageBox.warning(self, self.tr("Print"), self.tr("The printer could not be started. Check that it "
                                                                "is switched on and has paper."))

    def save_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), self.suggested_name, "PDF (*.pdf)")
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        try:
            path.write_bytes(self.pdf_bytes)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save PDF"), self.tr("The file could not be written: %1")
                                .replace("%1", str(exc)))
