"""The one title-and-table printout: registers, lists, route sheets, sign-off sheets, stock sheets.

A ``Sheet`` is a title block (office, title, subtitle lines, notes), one or more ``Table``s
(each optionally headed, numbered, and split into sections by its ``group_by`` columns) and
footer lines (signatures). ``sheet_pdf`` lays it out on any paper of ``pages``: on A4/A5 with a
footer naming the printout, who printed it and when, and the page number; on the 80 mm roll as
one page as long as its content. A table's rows are a DataFrame (reports, which also export
the same ``Sheet`` to xlsx: reports.tables) or plain row sequences (a sign-off sheet).

``SheetSpec`` and ``table_sheet`` are the short form for a sheet of one plain table.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from gasdesk.services.printing.fonts import PdfFont
from gasdesk.services.printing.layout import EMPTY_TEXT, Styles, _cell, data_table, escape, render, styles
from gasdesk.services.printing.pages import page_kind

__all__ = ["EMPTY_TEXT", "INVARIANT_STAMP", "Col", "Sheet", "SheetSpec", "Table", "_cell", "cell_text",
           "escape", "render", "sheet_pdf", "styles", "table_sheet"]

# A fixed stamp for reproducible test output (reportlab's invariant mode fixes the rest).
INVARIANT_STAMP = datetime(2000, 1, 1)


@dataclass(frozen=True)
class Col:
    """A column: its header, width on paper (None: as wide as reportlab finds) and kind of value."""

    name: str
    width_mm: float | None
    kind: str = "text"  # text | date | money | count
    xlsx_width: float | None = None  # characters; default from the PDF width

    @property
    def right_aligned(self) -> bool:
        return self.kind in ("money", "count")


@dataclass(frozen=True)
class Table:
    """One table of a sheet (and one sheet of its workbook, named ``sheet``).

    ``group_by`` columns split the table into sections headed by their values (a register per
    compound); in the workbook they stay ordinary columns. ``numbered`` adds a 序号 column
    counting within each section. ``rows`` is a DataFrame with the columns' names, or rows of
    values in the columns' order (then no ``group_by``).
    """

    sheet: str
    frame: pd.DataFrame | Sequence[Sequence[object]]
    columns: Sequence[Col]
    heading: str = ""
    group_by: Sequence[str] = ()
    numbered: bool = True
    unit: str = "户"  # what a section's count counts
    row_height_mm: float | None = None  # room to sign by hand


@dataclass(frozen=True)
class Sheet:
    title: str
    tables: Sequence[Table]
    subtitle_lines: Sequence[str] = ()
    office: str = ""
    printed_by: str = ""
    page: str = "A4-landscape"  # a name in pages.PAGE_KINDS
    notes: Sequence[str] = field(default_factory=tuple)  # small print under the title
    footer_lines: Sequence[str] = ()  # after the last table, kept together: signature lines
    copy_mark: bool = False  # a reprint: 副本 on every page


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


def _table_flowables(table: Table, st: Styles) -> list[Flowable]:
    shown = [c for c in table.columns if c.name not in table.group_by]
    headers = (["序号"] if table.numbered else []) + [c.name for c in shown]
    widths = ([10.0] if table.numbered else []) + [c.width_mm for c in shown]
    widths_mm = None if any(w is None for w in widths) else widths
    offset = 1 if table.numbered else 0
    right = {i + offset for i, c in enumerate(shown) if c.right_aligned}
    kinds = [c.kind for c in shown]

    def rows(part: pd.DataFrame | Sequence[Sequence[object]]) -> Iterator[list[str]]:
        records = (part[[c.name for c in shown]].itertuples(index=False, name=None)
                   if isinstance(part, pd.DataFrame) else part)
        for seq, record in enumerate(records, start=1):
            cells = [cell_text(v, k) for v, k in zip(record, kinds, strict=True)]
            yield ([str(seq)] if table.numbered else []) + cells

    def grid(part: pd.DataFrame | Sequence[Sequence[object]]) -> list[Flowable]:
        return data_table(headers, rows(part), widths_mm=widths_mm, right_aligned=right,  # type: ignore[arg-type]
                          row_height_mm=table.row_height_mm, st=st)

    out: list[Flowable] = []
    if table.heading:
        out += [CondPageBreak(30 * mm), Paragraph(escape(table.heading), st.section), Spacer(1, 1.5 * mm)]
    frame = table.frame
    if not table.group_by or not isinstance(frame, pd.DataFrame) or frame.empty:
        return out + grid(frame)
    for i, (keys, part) in enumerate(frame.groupby(list(table.group_by), sort=False, dropna=False)):
        keys = keys if isinstance(keys, tuple) else (keys,)
        out += [Spacer(1, 3 * mm)] if i else []
        out += [CondPageBreak(25 * mm), Paragraph(escape(_section_title(keys, len(part), table.unit)), st.section),
                Spacer(1, 1 * mm)]
        out += grid(part)
    return out


def sheet_pdf(sheet: Sheet, *, font: PdfFont | None = None, invariant: bool = False,
              printed_at: datetime | None = None) -> bytes:
    """The sheet as PDF bytes. ``font``: the office's (fonts.configured_font); ``invariant`` and
    a fixed ``printed_at`` make the bytes reproducible (tests)."""
    kind = page_kind(sheet.page)
    st = styles(kind.base_size, font)
    story: list[Flowable] = []
    if sheet.office:
        story.append(Paragraph(escape(sheet.office), st.subtitle))
    story.append(Paragraph(escape(sheet.title), st.title))
    story += [Paragraph(escape(line), st.subtitle) for line in sheet.subtitle_lines]
    # Notes explain the columns: under the title, where they cannot end up alone on a last page.
    story += [Paragraph(escape(line), st.small) for line in sheet.notes]
    story.append(Spacer(1, 3 * mm))
    for i, table in enumerate(sheet.tables):
        # Space only between tables: a trailing spacer that misses the page would start a blank one.
        story += ([Spacer(1, 4 * mm)] if i else []) + _table_flowables(table, st)
    if sheet.footer_lines:
        # Signature lines stay together, and no trailing spacer can start a blank last page.
        block: list[Flowable] = [Spacer(1, 5 * mm)]
        for i, line in enumerate(sheet.footer_lines):
            block += ([Spacer(1, 2 * mm)] if i else []) + [Paragraph(escape(line), st.body)]
        story.append(KeepTogether(block))
    stamp = printed_at or (INVARIANT_STAMP if invariant else datetime.now())
    by = f"打印：{sheet.printed_by}  " if sheet.printed_by else ""
    footer = f"{by}{stamp:%Y-%m-%d %H:%M}"
    if not kind.roll:  # a sheet's pages name the printout; a roll says it once, at its top
        footer = f"{sheet.title}    {footer}"
    return render(story, page=sheet.page, title=sheet.title, footer=footer, copy_mark=sheet.copy_mark,
                  invariant=invariant, font=font)


@dataclass
class SheetSpec:
    """A sheet of one plain table (rows in the columns' order), in short."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths_mm: Sequence[float] | None = None
    subtitle_lines: Sequence[str] = ()
    footer_lines: Sequence[str] = ()  # e.g. signature lines, printed after the table
    right_aligned: set[int] = field(default_factory=set)  # column indexes (amounts, numbers)
    page: str = "A4"
    office: str = ""
    printed_by: str = ""
    printed_at: datetime | None = None
    copy_mark: bool = False  # a reprint carries 副本 on every page
    row_height_mm: float | None = None  # room to sign by hand

    def sheet(self) -> Sheet:
        widths: Sequence[float | None] = self.widths_mm or [None] * len(self.columns)
        cols = [Col(name, w, "count" if i in self.right_aligned else "text")
                for i, (name, w) in enumerate(zip(self.columns, widths, strict=True))]
        table = Table(self.title, self.rows, cols, numbered=False, row_height_mm=self.row_height_mm)
        return Sheet(self.title, [table], subtitle_lines=self.subtitle_lines, office=self.office,
                     printed_by=self.printed_by, page=self.page, footer_lines=self.footer_lines,
                     copy_mark=self.copy_mark)


def table_sheet(spec: SheetSpec, *, font: PdfFont | None = None, invariant: bool = False) -> bytes:
    """Render a SheetSpec (through ``sheet_pdf``, like every sheet)."""
    return sheet_pdf(spec.sheet(), font=font, invariant=invariant, printed_at=spec.printed_at)
