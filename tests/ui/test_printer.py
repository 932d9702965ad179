"""Printing: on the print thread (neither the GUI thread nor the runner's worker), 1:1, the job recorded.

A QPrinter writing a PDF file (QPrinter.OutputFormat.PdfFormat) stands in for the printer, so no
real printer is needed; the file it writes is read back for its page sizes and its ink.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pypdfium2
from PySide6.QtCore import QThread
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.units import mm
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.services.printing import jobs
from gasdesk.services.printing.sample import sample_pdf
from gasdesk.ui import prefs, printer
from gasdesk.ui.context import AppContext
from gasdesk.ui.pdf_preview import PdfPreview
from gasdesk.ui.printer import PrintQueue, Spooled
from gasdesk.ui.runner import Runner


def pdf_printer(path: Path, seen: dict[str, int] | None = None):  # type: ignore[no-untyped-def]
    """A factory the print thread calls: a QPrinter that writes ``path`` (and notes its thread)."""

    def make() -> QPrinter:
        if seen is not None:
            seen["factory"] = threading.get_ident()
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(path))
        p.setResolution(300)
        return p

    return make


def sizes_mm(path: Path) -> list[tuple[float, float]]:
    pdf = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return [(w / mm, h / mm) for w, h in (pdf[i].get_size() for i in range(len(pdf)))]
    finally:
        pdf.close()


def ink(path: Path) -> float:
    pdf = pypdfium2.PdfDocument(path.read_bytes())
    try:
        grey = np.asarray(pdf[0].render(scale=1, grayscale=True).to_pil().convert("L"))
    finally:
        pdf.close()
    return float((grey < 128).mean())


def test_printing_runs_on_the_print_thread_not_the_gui_nor_the_runner(qtbot, runner: Runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    worker: dict[str, int] = {}
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.submit_call(lambda: worker.setdefault("runner", threading.get_ident()))
    queue = PrintQueue()
    seen: dict[str, int] = {}
    out = tmp_path / "roll.pdf"
    results: list[tuple[Spooled, bool]] = []
    gui = QThread.currentThread()
    with qtbot.waitSignal(queue.spooled, timeout=20_000):
        queue.submit(sample_pdf(invariant=True), pdf_printer(out, seen),
                     lambda r: results.append((r, QThread.currentThread() is gui)))
    [(result, on_gui)] = results
    assert result.ok and result.outcome == "printed" and result.pages == 1
    assert result.target == str(out)
    assert on_gui  # the result comes back on the GUI thread
    main = threading.main_thread().ident
    assert result.thread_id == seen["factory"]  # the printer was opened on the print thread, too
    assert result.thread_id not in (main, worker["runner"])
    assert worker["runner"] != main


def test_the_roll_prints_1_to_1_on_paper_80_mm_wide_as_long_as_the_page(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = sample_pdf(invariant=True)
    source = pypdfium2.PdfDocument(pdf)
    width, height = (v / mm for v in source[0].get_size())
    source.close()
    out = tmp_path / "roll.pdf"
    queue = PrintQueue()
    with qtbot.waitSignal(queue.spooled, timeout=20_000):
        queue.submit(pdf, pdf_printer(out))
    [(w, h)] = sizes_mm(out)
    assert abs(w - width) < 0.5 and abs(h - height) < 0.5  # no scaling, no sheet of A4 around it
    assert ink(out) > 0.01  # the page was drawn, not a blank sheet


def test_a4_and_a5_print_at_their_own_size_a_page_each(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    queue = PrintQueue()
    for page, expected in (("A4", (210, 297)), ("A5", (148, 210)), ("A4-landscape", (297, 210))):
        out = tmp_path / f"{page}.pdf"
        with qtbot.waitSignal(queue.spooled, timeout=20_000):
            queue.submit(sample_pdf(page, invariant=True), pdf_printer(out))
        [(w, h)] = sizes_mm(out)
        assert abs(w - expected[0]) < 1 and abs(h - expected[1]) < 1, page


def test_a_printer_that_fails_is_reported_not_lost(qtbot) -> None:  # type: ignore[no-untyped-def]
    def broken() -> QPrinter:
        raise OSError("打印机未连接")

    queue = PrintQueue()
    with qtbot.waitSignal(queue.spooled, timeout=10_000) as signal:
        queue.submit(sample_pdf(invariant=True), broken, target="EPSON TM-T82")
    result = signal.args[0]
    assert (result.ok, result.outcome, result.target, result.error) == (False, "failed", "EPSON TM-T82", "打印机未连接")


def test_the_printer_is_chosen_once_per_paper_in_the_machine_preferences() -> None:
    assert printer.chosen_printer("roll") == ""
    printer.choose_printer("roll", "EPSON TM-T82")
    printer.choose_printer("A4", "HP LaserJet")
    assert (printer.chosen_printer("roll"), printer.chosen_printer("A4"), printer.chosen_printer("A5")) == (
        "EPSON TM-T82", "HP LaserJet", "")
    assert prefs.get("printers/roll") == "EPSON TM-T82"  # in the ini file of the data folder
    assert printer.printer_class_of(sample_pdf(invariant=True)) == "roll"
    assert printer.printer_class_of(sample_pdf("A5", invariant=True)) == "A5"


def test_the_preview_prints_on_the_print_thread_and_records_the_job(  # type: ignore[no-untyped-def]
        qtbot, demo_db: Database, runner: Runner, sign_in, tmp_path: Path) -> None:
    from gasdesk.models import PrintJob

    clerk = sign_in("clerk")
    runner.actor = clerk
    ctx = AppContext(demo_db, runner, clerk)
    with demo_db.read() as s:
        document = jobs.prepare(s, "receipt", "R-1")
    preview = PdfPreview(sample_pdf(invariant=True), "收据", "receipt.pdf", ctx=ctx, document=document)
    qtbot.addWidget(preview)
    out = tmp_path / "receipt.pdf"
    with qtbot.waitSignal(runner.finished, timeout=20_000):  # the job, written after the spool
        assert preview.print_now(pdf_printer(out))
    assert out.exists()
    assert not preview.print_button.isEnabled() and not preview.save_button.isEnabled()  # the original is used up
    assert not preview.print_now(pdf_printer(tmp_path / "again.pdf"))
    with demo_db.read() as s:
        rows = s.scalars(select(PrintJob)).all()
        assert jobs.next_is_copy(s, "receipt", "R-1")
    assert [(r.document_kind, r.document_id, r.copy, r.outcome, r.target) for r in rows] == [
        ("receipt", "R-1", False, "printed", str(out))]


def test_a_failed_print_is_recorded_as_failed_and_may_be_tried_again(  # type: ignore[no-untyped-def]
        qtbot, demo_db: Database, runner: Runner, sign_in, tmp_path: Path) -> None:
    from gasdesk.models import PrintJob

    clerk = sign_in("clerk")
    runner.actor = clerk
    ctx = AppContext(demo_db, runner, clerk)
    preview = PdfPreview(sample_pdf(invariant=True), "收据", ctx=ctx, document=jobs.Document("receipt", "R-2", False))
    qtbot.addWidget(preview)

    def offline() -> QPrinter:
        raise OSError("printer offline")

    with qtbot.waitSignal(runner.finished, timeout=20_000):
        preview.print_now(offline, "EPSON TM-T82")
    assert preview.print_button.isEnabled()  # nothing was printed: try again
    assert "printer offline" in preview.dialog.text()  # type: ignore[union-attr]
    with demo_db.read() as s:
        rows = s.scalars(select(PrintJob)).all()
        assert not jobs.next_is_copy(s, "receipt", "R-2")
    assert [(r.outcome, r.target, r.error) for r in rows] == [("failed", "EPSON TM-T82", "printer offline")]


def test_saving_from_the_preview_writes_atomically_and_records_a_saved_job(  # type: ignore[no-untyped-def]
        qtbot, demo_db: Database, runner: Runner, sign_in, tmp_path: Path) -> None:
    from gasdesk.models import PrintJob

    clerk = sign_in("clerk")
    runner.actor = clerk
    preview = PdfPreview(sample_pdf(invariant=True), "收据", ctx=AppContext(demo_db, runner, clerk),
                         document=jobs.Document("receipt", "R-3", False))
    qtbot.addWidget(preview)
    assert not preview.save_to(tmp_path / "missing" / "r.pdf")  # refused with words, recorded as failed
    assert "文件夹不存在" in preview.dialog.text()  # type: ignore[union-attr]
    target = tmp_path / "r.pdf"
    with qtbot.waitSignal(runner.finished, timeout=20_000):
        assert preview.save_to(target)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF")
    with demo_db.read() as s:
        outcomes = [(r.outcome, r.target) for r in s.scalars(select(PrintJob).order_by(PrintJob.id))]
    assert outcomes == [("failed", str(tmp_path / "missing" / "r.pdf")), ("saved", str(target.resolve()))]


def test_the_settings_page_chooses_the_printers_and_prints_a_test_page(  # type: ignore[no-untyped-def]
        qtbot, open_window, tmp_path: Path) -> None:
    printer.choose_printer("roll", "Gone TM-T82")  # chosen once, since uninstalled
    window = open_window("admin")
    page = window.show_workplace("admin").settings
    combos = page.printer_combos
    assert set(combos) == {"roll", "A4", "A5"}
    roll = combos["roll"]
    assert roll.currentData() == "Gone TM-T82" and "Gone TM-T82" in roll.currentText()  # shown, not lost
    assert combos["A4"].currentData() == ""  # the system's default printer
    roll.setCurrentIndex(0)
    assert printer.chosen_printer("roll") == ""
    out = tmp_path / "test-page.pdf"
    qtbot.waitUntil(lambda: "office_name" in page.values, timeout=5_000)
    with qtbot.waitSignal(window.ctx.printer.spooled, timeout=20_000) as signal:
        page.print_test_page("roll", pdf_printer(out))
    assert signal.args[0].ok and out.exists()
    [(w, _h)] = sizes_mm(out)
    assert abs(w - 80) < 0.5  # the roll's test page on roll paper
    assert "test-page.pdf" in page.printers_status.text()
