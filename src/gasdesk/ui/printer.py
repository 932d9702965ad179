"""The print thread: PDFs from the services go to this workstation's printers, 1:1, off the GUI.

A printout goes to the printer chosen for its paper (a receipt printer for the 80 mm roll, an
office printer for A4 and A5), picked once per machine on the administration's settings page and
kept in the per-machine preferences; with none chosen, the system's default printer. The spool
runs on a thread of its own (``PrintQueue``: a QThreadPool of one thread, never the runner's
database worker, never the GUI thread: a slow or stuck printer driver freezes neither). Each page
is printed on paper of its own size at its own size: the roll as long as the PDF page, A4 and A5
as they are, never scaled to fit. When the spool is over the queue reports back on the GUI
thread, and the caller records the print job through the runner (services.printing.jobs).

PDFium is not thread-safe: every use of it here and in the preview holds ``PDFIUM_LOCK``.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QRectF, QRunnable, QSizeF, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from gasdesk.services.printing.pages import PRINTER_CLASSES, ROLL_WIDTH_MM, printer_class_for_size
from gasdesk.ui import prefs

PDFIUM_LOCK = threading.Lock()
PREF_KEY = "printers/{}"  # + a printer class: roll, A4, A5
MAX_DPI = 300  # rasterised at the printer's resolution up to this (thermal printers are 203 dpi)

MakePrinter = Callable[[], QPrinter]


# ---- which printer ----------------------------------------------------------------------------

def available_printers() -> list[str]:
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def chosen_printer(printer_class: str) -> str:
    """The printer chosen on this machine for ``printer_class`` ("" when none was chosen)."""
    return prefs.get(PREF_KEY.format(printer_class))


def choose_printer(printer_class: str, name: str) -> None:
    if printer_class not in PRINTER_CLASSES:
        raise ValueError(f"unknown printer class {printer_class!r}")
    prefs.put(PREF_KEY.format(printer_class), name)


def printer_class_of(pdf_bytes: bytes) -> str:
    """Which printer a PDF goes to, by the size of its first page."""
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf_bytes)
        try:
            width, height = doc[0].get_size()
        finally:
            doc.close()
    return printer_class_for_size(width, height)


def printer_for(printer_class: str) -> tuple[str, MakePrinter] | None:
    """The printer's name and how to open it (on the print thread), or None when there is none."""
    name = chosen_printer(printer_class) or QPrinterInfo.defaultPrinterName()
    if not name:
        return None

    def make() -> QPrinter:
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            missing = QCoreApplication.translate("Printer", "The printer %1 is not installed on this computer.")
            raise OSError(missing.replace("%1", name))
        return QPrinter(info, QPrinter.PrinterMode.HighResolution)

    return name, make


# ---- printing 1:1 -----------------------------------------------------------------------------

def page_layout(width_pt: float, height_pt: float) -> QPageLayout:
    """Paper of exactly the PDF page's size, no margins (the PDF has its own)."""
    landscape = width_pt > height_pt
    portrait = QSizeF(min(width_pt, height_pt), max(width_pt, height_pt))
    roll = abs(width_pt - ROLL_WIDTH_MM * 72 / 25.4) < 1.0
    policy = QPageSize.SizeMatchPolicy.ExactMatch if roll else QPageSize.SizeMatchPolicy.FuzzyMatch
    size = QPageSize(portrait, QPageSize.Unit.Point, "80 mm roll" if roll else "", policy)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def _page_image(doc: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    with PDFIUM_LOCK:
        bitmap = doc[index].render(scale=dpi / 72, rev_byteorder=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
        return image.copy()  # detach from PDFium's buffer before it is freed


def print_pdf(pdf_bytes: bytes, printer: QPrinter) -> int:
    """Print every page 1:1 on paper of its own size; returns the page count (OSError: not printed)."""
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf_bytes)
        sizes = [doc[i].get_size() for i in range(len(doc))]
    try:
        printer.setFullPage(True)  # the painter's origin is the paper's corner
        if not printer.setPageLayout(page_layout(*sizes[0])):
            raise OSError(QCoreApplication.translate("Printer", "The printer does not take paper of this size."))
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(QCoreApplication.translate("Printer", "The printer could not be started."))
        try:
            for i, (width, height) in enumerate(sizes):
                if i:
                    printer.setPageLayout(page_layout(width, height))
                    printer.newPage()
                resolution = printer.resolution()
                image = _page_image(doc, i, min(resolution, MAX_DPI))
                # The page at its own size in the printer's pixels: 1:1, whatever the raster's dpi.
                painter.drawImage(QRectF(0, 0, width / 72 * resolution, height / 72 * resolution), image)
        finally:
            painter.end()
        if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
            raise OSError(QCoreApplication.translate("Printer", "The printer reported an error."))
        return len(sizes)
    finally:
        with PDFIUM_LOCK:
            doc.close()


# ---- the print thread -------------------------------------------------------------------------

@dataclass(frozen=True)
class Spooled:
    """How a print went: where to, how many pages, the error when it failed (and on which thread)."""

    target: str  # the printer's name, or the file a PDF printer wrote
    pages: int
    error: str
    thread_id: int

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def outcome(self) -> str:  # a print job's outcome (services.printing.jobs)
        return "printed" if self.ok else "failed"


class _Relay(QObject):
    done = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, ticket: int, pdf_bytes: bytes, target: str, make: MakePrinter, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._ticket, self._pdf, self._target, self._make, self._relay = ticket, pdf_bytes, target, make, relay

    def run(self) -> None:
        thread_id = threading.get_ident()
        try:
            printer = self._make()
            target = printer.outputFileName() or printer.printerName() or self._target
            pages = print_pdf(self._pdf, printer)
            del printer  # closed on this thread, where it was opened
            result = Spooled(target, pages, "", thread_id)
        except BaseException as exc:  # a failed print is reported, never lost on the thread
            result = Spooled(self._target, 0, str(exc) or type(exc).__name__, thread_id)
        self._relay.done.emit(self._ticket, result)


class PrintQueue(QObject):
    """Prints on one thread of its own, in order; each result comes back on the GUI thread."""

    spooled = Signal(object)  # every Spooled, after its own callback

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one print at a time: pages of two printouts never interleave
        self._pool.setExpiryTimeout(-1)  # the thread stays: a printer opened on it is opened there again
        self._relay = _Relay(self)
        self._relay.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._tickets = itertools.count(1)
        self._pending: dict[int, Callable[[Spooled], None] | None] = {}

    def submit(self, pdf_bytes: bytes, make_printer: MakePrinter, on_done: Callable[[Spooled], None] | None = None,
               *, target: str = "") -> int:
        """Print ``pdf_bytes`` on the printer ``make_printer`` opens (called on the print thread)."""
        ticket = next(self._tickets)
        self._pending[ticket] = on_done
        self._pool.start(_Job(ticket, pdf_bytes, target, make_printer, self._relay))
        return ticket

    def is_busy(self) -> bool:
        return bool(self._pending)

    def wait_done(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def _done(self, ticket: int, result: Spooled) -> None:
        on_done = self._pending.pop(ticket, None)
        if on_done is not None:
            on_done(result)
        self.spooled.emit(result)
