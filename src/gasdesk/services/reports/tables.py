"""One report model, two renderers: a titled set of DataFrames to a PDF or to an xlsx workbook.

Every tabular report (registers, new-account lists, later the cashier's and readers' lists)
describes its columns once (``Col``: header, PDF width, kind) and hands a ``Report`` to
``report_pdf`` or ``report_xlsx``; no report lays out a table of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from gasdesk.services.printing.document import data_table, escape, render, styles
from gasdesk.services.reports.export import XlsxSheet, display_width, xlsx_bytes

# A fixed stamp for reproducible test output (reportlab's invariant mode fixes the rest).
INVARIANT_STAMP = datetime(2000, 1, 1)


@dataclass(frozen=True)
class Col:
    """A column: its header (the DataFrame's column name), PDF width and kind of value."""

    name: str
    width_mm: float
    kind: str = "text"  # text | date | money | count
    xlsx_width: float | None = None  # characters; default from the PDF width

    @property
    def right_aligned(self) -> bool:
        return self.kind in ("money", "count")


@dataclass(frozen=True)
class ReportTable:
    """One table of a report: a PDF section and an xlsx sheet.

    ``group_by`` columns split the PDF into sections headed by their values (a register per
    compound); in the workbook they stay ordinary columns, so the sheet can be filtered.
    A PDF table numbers its rows (序号) within each section.
    """

    sheet: str
    frame: pd.DataFrame
    columns: Sequence[Col]
    heading: str = ""
    group_by: Sequence[str] = ()
    numbered: bool = True
    unit: str = "户"  # what a section's count counts


@dataclass(frozen=True)
class Report:
    title: str
    tables: Sequence[ReportTable]
    subtitle_lines: Sequence[str] = ()
    office: str = ""
    printed_by: str = ""
    page: str = "A4-landscape"
    notes: Sequence[str] = field(default_factory=tuple)  # small print under the title


def cell_text(value: object, kind: str) -> str:
    """How a value reads on paper: dates as 2026-01-12, money with two decimals, blanks empty."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if kind == "money" and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _section_title(keys: tuple[object, ...], count: int, unit: str) -> str:
    label = " · ".join(str(k) for k in keys if k not in (None, ""))
    return f"{label or '（未分组）'}（{count} {unit}）"


def _table_flowables(table: ReportTable, st) -> list[Flowable]:  # type: ignore[no-untyped-def]
    shown = [c for c in table.columns if c.name not in table.group_by]
    headers = (["序号"] if table.numbered else []) + [c.name for c in shown]
    widths = ([10.0] if table.numbered else []) + [c.width_mm for c in shown]
    offset = 1 if table.numbered else 0
    right = {i + offset for i, c in enumerate(shown) if c.right_aligned}
    kinds = [c.kind for c in shown]
    names = [c.name for c in shown]

    def rows(frame: pd.DataFrame):  # type: ignore[no-untyped-def]
        for seq, record in enumerate(frame[names].itertuples(index=False, name=None), start=1):
            cells = [cell_text(v, k) for v, k in zip(record, kinds, strict=True)]
            yield ([str(seq)] if table.numbered else []) + cells

    out: list[Flowable] = []
    if table.heading:
        out += [CondPageBreak(30 * mm), Paragraph(escape(table.heading), st.section), Spacer(1, 1.5 * mm)]
    if not table.group_by or table.frame.empty:
        return out + data_table(headers, rows(table.frame), widths_mm=widths, right_aligned=right, st=st)
    for i, (keys, part) in enumerate(table.frame.groupby(list(table.group_by), sort=False, dropna=False)):
        keys = keys if isinstance(keys, tuple) else (keys,)
        out += [Spacer(1, 3 * mm)] if i else []
        out += [CondPageBreak(25 * mm), Paragraph(escape(_section_title(keys, len(part), table.unit)), st.section),
                Spacer(1, 1 * mm)]
        out += data_table(headers, rows(part), widths_mm=widths, right_aligned=right, st=st)
    return out


def report_pdf(report: Report, *, invariant: bool = False, printed_at: datetime | None = None) -> bytes:
    """The report as PDF bytes: title block, each table (in sections when grouped), notes, page numbers."""
    st = styles()
    story: list[Flowable] = []
    if report.office:
        story.append(Paragraph(escape(report.office), st.subtitle))
    story.append(Paragraph(escape(report.title), st.title))
    story += [Paragraph(escape(line), st.subtitle) for line in report.subtitle_lines]
    # Notes explain the columns: under the title, where they cannot end up alone on a last page.
    story += [Paragraph(escape(line), st.small) for line in report.notes]
    story.append(Spacer(1, 3 * mm))
    for i, table in enumerate(report.tables):
        # Space only between tables: a trailing spacer that misses the page would start a blank one.
        story += ([Spacer(1, 4 * mm)] if i else []) + _table_flowables(table, st)
    stamp = printed_at or (INVARIANT_STAMP if invariant else datetime.now())
    footer = f"{report.title}    打印：{report.printed_by}  {stamp:%Y-%m-%d %H:%M}"
    return render(story, page=report.page, title=report.title, footer=footer, invariant=invariant)


def report_xlsx(report: Report) -> bytes:
    """The report as a workbook: one sheet per table, all columns (grouping columns included)."""
    sheets = []
    for table in report.tables:
        cols = list(table.columns)
        sheets.append(XlsxSheet(
            name=table.sheet,
            frame=table.frame[[c.name for c in cols]],
            widths={c.name: c.xlsx_width or max(display_width(c.name) + 4, c.width_mm / 2.0) for c in cols},
            money=frozenset(c.name for c in cols if c.kind == "money"),
            dates=frozenset(c.name for c in cols if c.kind == "date"),
        ))
    return xlsx_bytes(sheets)
