"""One report model, two outputs: a titled set of tables to a PDF (the print core) or an xlsx workbook.

Every tabular report (registers, new-account lists, later the cashier's and readers' lists)
describes its columns once (``Col``: header, PDF width, kind) and builds a ``Report``: the print
core's ``Sheet`` (services.printing.document), which ``sheet_pdf`` prints and ``report_xlsx``
exports; no report lays out a table of its own. ``Report``/``ReportTable``/``report_pdf`` are
the print core's ``Sheet``/``Table``/``sheet_pdf`` under the names the reports have always used.
"""

from __future__ import annotations

import pandas as pd

from gasdesk.services.printing.document import INVARIANT_STAMP, Col, Sheet, Table, cell_text, sheet_pdf
from gasdesk.services.reports.export import XlsxSheet, display_width, xlsx_bytes

Report = Sheet
ReportTable = Table
report_pdf = sheet_pdf

__all__ = ["INVARIANT_STAMP", "Col", "Report", "ReportTable", "cell_text", "report_pdf", "report_xlsx"]


def report_xlsx(report: Sheet) -> bytes:
    """The report as a workbook: one sheet per table, all columns (grouping columns included)."""
    sheets = []
    for table in report.tables:
        cols = list(table.columns)
        frame = table.frame
        if not isinstance(frame, pd.DataFrame):  # plain rows: a frame with the columns' names
            frame = pd.DataFrame(list(frame), columns=[c.name for c in cols])
        sheets.append(XlsxSheet(
            name=table.sheet,
            frame=frame[[c.name for c in cols]],
            widths={c.name: c.xlsx_width or max(display_width(c.name) + 4, (c.width_mm or 40) / 2.0) for c in cols},
            money=frozenset(c.name for c in cols if c.kind == "money"),
            dates=frozenset(c.name for c in cols if c.kind == "date"),
        ))
    return xlsx_bytes(sheets)
