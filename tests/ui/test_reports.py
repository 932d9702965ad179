"""Registers (counter F8 and the reports workplace) and the gas-on sign-off sheet, driven from the GUI.

Documents are made by the services on the runner's worker; the tests wait for the files or
previews they produce and read them back (pypdfium2 for PDF text, openpyxl for workbooks).
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pypdfium2
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import AuditEntry
from gasdesk.services.accounts import gas_on_days, opening, records
from gasdesk.services.accounts.identity import id_check_char
from gasdesk.services.core.actor import Actor
from gasdesk.services.office import address
from gasdesk.ui import file_dialogs
from gasdesk.ui.counter.gas_on_days import GasOnDaysDialog
from gasdesk.ui.counter.page import CounterPage
from gasdesk.ui.pdf_preview import PdfPreview
from gasdesk.ui.reports import ReportsPage
from gasdesk.ui.reports import registers as registers_ui
from gasdesk.ui.reports.registers import RegistersDialog, RegistersForm

D = Decimal
FEES = records.ContractFees(D("200.00"), D("1500.00"), D("300.00"))
HOLDERS = (("柳如烟", "501", "32010219800101123"), ("石敢当", "502", "32010219800101131"))


def pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def two_accounts(db: Database, clerk: Actor, *, installed: bool = False) -> tuple[str, str, list[int]]:
    """Two signed accounts in the first compound of the first area (setup through the services)."""
    ids = []
    with db.write() as s:
        area = address.tree(s, clerk)[0]
        compound = area.compounds[0]
        for name, room, body in HOLDERS:
            a = opening.apply(s, clerk, account_type="residential",
                               holder=records.HolderInput(name, body + id_check_char(body), "13800001111"),
                               premises=records.PremisesInput(compound_id=compound.id, building="7", unit="1",
                                                               room=room))
            opening.sign_contract(s, clerk, a.id, fees=FEES, paid=FEES.total, method="cash",
                                   idempotency_key=f"reports-{room}")
            if installed:
                opening.plan_installation(s, clerk, a.id, planned_on=date.today(), installer_team="安装一队")
                opening.mark_installed(s, clerk, a.id)
            ids.append(a.id)
    return area.name, compound.name, ids


def open_registers(qtbot, page: CounterPage) -> RegistersForm:  # type: ignore[no-untyped-def]
    qtbot.keyClick(page.search.box, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: isinstance(page.dialog, RegistersDialog) and page.dialog.isVisible(), timeout=5_000)
    form = page.dialog.form  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: form.area.count() > 1, timeout=5_000)
    return form


def choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    combo.setCurrentIndex(index)


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The save dialog answers with ``path``; returns the names it was offered."""
    offered: list[str] = []

    def answer(_parent, _title, _purpose, suggested, _filter, chosen, **_kw):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        chosen(path)

    monkeypatch.setattr(file_dialogs, "save_file", answer)
    return offered


def press(qtbot, form: RegistersForm, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(form.kind, key, Qt.KeyboardModifier.ControlModifier)


def test_a_clerk_saves_a_compound_register_as_pdf_from_the_counter(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in, tmp_path: Path, monkeypatch) -> None:
    area, compound, _ids = two_accounts(demo_db, sign_in("clerk"))
    page = open_counter()
    assert page.buttons["registers"].text().endswith("F8")
    form = open_registers(qtbot, page)
    choose(form.area, area)
    assert form.compound.isEnabled()
    choose(form.compound, compound)
    target = tmp_path / "register.pdf"
    offered = save_to(monkeypatch, target)
    press(qtbot, form, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: target.exists() and not form.is_running(), timeout=20_000)
    assert Path(offered[0]).name == f"用户登记册-{area}-{compound}.pdf"
    text = pdf_text(target.read_bytes())
    assert "用户登记册（按区域登记造册）" in text
    assert f"范围：{area}" in text and compound in text
    assert "柳如烟" in text and "石敢当" in text
    assert not list(tmp_path.glob("*.tmp"))  # written under a temporary name, then renamed (gasdesk.files)
    assert form.error.isHidden()


def test_the_register_exports_to_excel_and_reads_back(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in, tmp_path: Path, monkeypatch) -> None:
    area, compound, _ids = two_accounts(demo_db, sign_in("clerk"))
    form = open_registers(qtbot, open_counter())
    choose(form.area, area)
    target = tmp_path / "register"  # no extension typed: .xlsx is added
    save_to(monkeypatch, target)
    press(qtbot, form, Qt.Key.Key_E)
    saved = tmp_path / "register.xlsx"
    qtbot.waitUntil(lambda: saved.exists() and not form.is_running(), timeout=20_000)
    wb = load_workbook(io.BytesIO(saved.read_bytes()))
    assert wb.sheetnames == ["登记册", "状态统计"]
    rows = [[c.value for c in r] for r in wb["登记册"].iter_rows(min_row=2)]
    assert [(r[0], r[1], r[3]) for r in rows] == [(area, compound, "柳如烟"), (area, compound, "石敢当")]
    assert all("*" in r[4] and r[4] != HOLDERS[0][2] for r in rows)  # ID numbers masked


def test_a_reversed_date_range_is_refused_in_chinese(qtbot, open_counter) -> None:  # type: ignore[no-untyped-def]
    form = open_registers(qtbot, open_counter())
    form.kind.setCurrentIndex(form.kind.findData("new"))
    assert form.date_from.isVisible() and not form.compound.isVisible()
    form.date_from.setDate(QDate(2026, 3, 1))
    form.date_to.setDate(QDate(2026, 2, 1))
    press(qtbot, form, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: form.error.isVisible(), timeout=5_000)
    assert form.error.text() == "开始日期 2026-03-01 晚于结束日期 2026-02-01。"
    assert form.dialog is None  # no preview


def test_the_new_account_list_by_signing_date_saves_as_pdf_and_excel(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in, tmp_path: Path, monkeypatch) -> None:
    two_accounts(demo_db, sign_in("clerk"))
    form = open_registers(qtbot, open_counter())
    form.kind.setCurrentIndex(form.kind.findData("new"))
    form.basis.setCurrentIndex(form.basis.findData("signed"))
    form.date_from.setDate(QDate.currentDate().addDays(-7))
    save_to(monkeypatch, tmp_path / "new.xlsx")
    press(qtbot, form, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: (tmp_path / "new.xlsx").exists() and not form.is_running(), timeout=20_000)
    ws = load_workbook(tmp_path / "new.xlsx")["新开户"]
    assert ws.cell(1, 1).value == "签约日期"
    assert sorted(ws.cell(r, 4).value for r in (2, 3)) == sorted(h[0] for h in HOLDERS)
    assert ws.max_row == 3


@pytest.mark.parametrize("login", ["super", "admin"])
def test_the_reports_workplace_previews_a_register_for_supervisor_and_admin(  # type: ignore[no-untyped-def]
        qtbot, open_window, demo_db: Database, sign_in, login: str) -> None:
    _area, compound, _ids = two_accounts(demo_db, sign_in("clerk"))
    window = open_window(login)
    assert "reports" in window.workplace_names()
    page = window.show_workplace("reports")
    assert isinstance(page, ReportsPage)
    form = page.registers
    qtbot.waitUntil(lambda: form.area.count() > 1, timeout=5_000)
    form.buttons["preview"].click()
    qtbot.waitUntil(lambda: isinstance(form.dialog, PdfPreview) and form.dialog.isVisible(), timeout=20_000)
    preview = form.dialog
    assert preview.page_count >= 1  # type: ignore[union-attr]
    assert compound in pdf_text(preview.pdf_bytes) and "柳如烟" in pdf_text(preview.pdf_bytes)  # type: ignore[union-attr]
    preview.reject()  # type: ignore[union-attr]


def test_a_register_too_long_to_preview_offers_the_pdf_file(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in, tmp_path: Path, monkeypatch) -> None:
    two_accounts(demo_db, sign_in("clerk"))
    monkeypatch.setattr(registers_ui, "PREVIEW_LIMIT", 1)
    form = open_registers(qtbot, open_counter())
    press(qtbot, form, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: isinstance(form.dialog, QMessageBox) and form.dialog.isVisible(), timeout=20_000)
    box = form.dialog
    assert box.text().startswith("这份清单共 2 户，太长，不便在屏幕上预览。")  # type: ignore[union-attr]
    target = tmp_path / "long.pdf"
    save_to(monkeypatch, target)
    box.button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: target.exists() and not form.is_running(), timeout=20_000)
    assert "柳如烟" in pdf_text(target.read_bytes())


def test_the_gas_on_sheet_prints_from_the_counter_and_a_reprint_is_a_copy(  # type: ignore[no-untyped-def]
        qtbot, open_counter, demo_db: Database, sign_in, tmp_path: Path) -> None:
    from gasdesk.models import PrintJob

    clerk = sign_in("clerk")
    _area, compound, ids = two_accounts(demo_db, clerk, installed=True)
    with demo_db.write() as s:
        compound_id = address.tree(s, clerk)[0].compounds[0].id
        event = gas_on_days.plan_event(s, clerk, compound_id, planned_on=date.today() + timedelta(days=1),
                                  installer_team="安装一队")
    page = open_counter()
    qtbot.keyClick(page.search.box, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: isinstance(page.dialog, GasOnDaysDialog) and page.dialog.isVisible(), timeout=5_000)
    days = page.dialog
    qtbot.waitUntil(lambda: len(days.households.rows) == 2, timeout=5_000)  # type: ignore[union-attr]

    def print_once() -> PdfPreview:
        before = days.dialog  # type: ignore[union-attr]
        qtbot.keyClick(days.events_view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: isinstance(days.dialog, PdfPreview) and days.dialog is not before  # type: ignore[union-attr]
                        and days.dialog.isVisible(), timeout=20_000)  # type: ignore[union-attr]
        return days.dialog  # type: ignore[union-attr,return-value]

    first = print_once()
    assert first.page_count == 1
    assert first.windowTitle() == "点火通气签收单"
    text = pdf_text(first.pdf_bytes)
    assert "点火通气签收单" in text and f"小区：{compound}" in text and "柳如烟" in text and "副本" not in text
    printed = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:  # a PDF file for a printer: no real one needed
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(printed))
        return p

    with qtbot.waitSignal(first.spooled, timeout=20_000):
        assert first.print_now(pdf_printer, "PDF")
    qtbot.waitUntil(lambda: not days.ctx.runner.is_busy(), timeout=10_000)  # type: ignore[union-attr]  # job recorded
    assert printed.exists() and not first.print_button.isEnabled()
    first.reject()
    qtbot.waitUntil(lambda: days.isActiveWindow(), timeout=5_000)  # type: ignore[union-attr]  # keys ready again
    second = print_once()
    assert second.windowTitle() == "点火通气签收单（副本）"
    assert "副本 COPY" in pdf_text(second.pdf_bytes)
    with demo_db.read() as s:
        logged = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "gas_on_event",
                                                                AuditEntry.entity_id == str(event.id))))
        printed_jobs = [(j.copy, j.outcome) for j in s.scalars(select(PrintJob))]
    assert logged == ["gas_on.plan", "print.reprint"]
    assert printed_jobs == [(False, "printed")]
    assert ids  # both households listed on the sheet
