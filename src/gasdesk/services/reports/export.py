"""Spreadsheet exports: the one xlsx writer, with spreadsheet formula injection neutralised.

Every export goes through ``xlsx_bytes``. A text cell that a spreadsheet would read as a
formula (it starts with = + - @, or a tab / carriage return that hides such a start) is
written with a leading single quote, so ``=HYPERLINK(...)`` typed as a holder's name stays
text in Excel, WPS and LibreOffice, and stays text if someone re-saves the file as CSV
(OWASP's advice for CSV injection).

The writer streams rows (openpyxl write-only mode) from the DataFrames: pandas' own
``to_excel`` builds every cell as an object first, about three times the memory for a
register of tens of thousands of accounts.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EMPTY_TEXT = "（无记录）"
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def neutralise(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made plain text; other values as they are."""
    if isinstance(value, str):
        # XML cannot carry most control characters; an imported name with one must not stop the export.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


@dataclass(frozen=True)
class XlsxSheet:
    """One sheet: a DataFrame written as a header row and data rows.

    ``widths`` are in characters (a CJK character counts about 2); columns not named get a
    width from their header. ``money`` and ``dates`` name the columns given a number format.
    """

    name: str
    frame: pd.DataFrame
    widths: Mapping[str, float] = field(default_factory=dict)
    money: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    empty_text: str = EMPTY_TEXT


def sheet_name(text: str) -> str:
    """Excel refuses names over 31 characters or with []:*?/\\ in them."""
    return _SHEET_NAME_BAD.sub("_", text).strip("'")[:31] or "Sheet"


def display_width(text: str) -> float:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _plain(value: object) -> object:
    """A cell value openpyxl writes exactly: no NaN / NA, no float for money, no numpy scalars."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str | Decimal | date | datetime):
        return value.item()  # numpy int64 and friends
    return neutralise(value)


def _rows(ws: WriteOnlyWorksheet, sheet: XlsxSheet) -> Iterator[list[object]]:
    columns = [str(c) for c in sheet.frame.columns]
    formats = {i: MONEY_FORMAT for i, c in enumerate(columns) if c in sheet.money}
    formats |= {i: DATE_FORMAT for i, c in enumerate(columns) if c in sheet.dates}
    for record in sheet.frame.itertuples(index=False, name=None):
        row: list[object] = []
        for i, raw in enumerate(record):
            value = _plain(raw)
            if i in formats and value is not None:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = formats[i]
                row.append(cell)
            else:
                row.append(value)
        yield row


def _write_sheet(wb: Workbook, sheet: XlsxSheet) -> None:
    ws = wb.create_sheet(sheet_name(sheet.name))
    columns = [str(c) for c in sheet.frame.columns]
    # Write-only sheets take their layout before the first row.
    for i, name in enumerate(columns, start=1):
        width = sheet.widths.get(name, display_width(name) + 4)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
    header = []
    for name in columns:
        cell = WriteOnlyCell(ws, value=neutralise(name))
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(horizontal="center")
        header.append(cell)
    ws.append(header)
    if sheet.frame.empty:
        ws.append([sheet.empty_text])
        return
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(sheet.frame) + 1}"
    for row in _rows(ws, sheet):
        ws.append(row)


def xlsx_bytes(sheets: Sequence[XlsxSheet]) -> bytes:
    """The workbook of these sheets, in order, as bytes (the caller picks the file)."""
    wb = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(wb, sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
