"""The one way printouts are laid out: page sizes, CJK styles, a titled table sheet.

Services build their PDFs through ``table_sheet`` (lists, registers, sign-off
sheets) or compose flowables with ``styles()`` and ``render()`` (receipts).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from gasdesk.services.core.errors import ValidationError
from gasdesk.services.printing.fonts import cjk_font

PAGE_SIZES = {
    "A4": A4,
    "A4-landscape": landscape(A4),
    "A5": A5,
    "A5-landscape": landscape(A5),
}


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    section: ParagraphStyle  # a heading inside a printout (a compound's part of a register)
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    head: ParagraphStyle
    small: ParagraphStyle


def styles(base_size: float = 9.5) -> Styles:
    font = cjk_font().name

    def style(name: str, size: float, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.35, wordWrap="CJK", **kw)

    return Styles(
        title=style("title", base_size + 6, alignment=1, spaceAfter=2 * mm),
        subtitle=style("subtitle", base_size, alignment=1, textColor=colors.HexColor("#444444")),
        section=style("section", base_size + 1.5, spaceBefore=1 * mm, textColor=colors.HexColor("#1F3F5F")),
        body=style("body", base_size),
        cell=style("cell", base_size - 0.5),
        cell_right=style("cell_right", base_size - 0.5, alignment=2),
        head=style("head", base_size - 0.5, alignment=1, textColor=colors.white),
        small=style("small", base_size - 2, textColor=colors.HexColor("#555555")),
    )


def escape(text: object) -> str:
    """Paragraph text is mini-HTML; names and addresses are plain text."""
    return str("" if text is None else text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class SheetSpec:
    """A titled table printout: registers, route sheets, sign-off sheets, stock sheets."""

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


def _no_overlay(_canvas, _doc) -> None:  # type: ignore[no-untyped-def]
    pass


def render(story: list[Flowable], *, page: str = "A4", title: str = "", footer: str = "",
           copy_mark: bool = False, invariant: bool = False,
           margins_mm: tuple[float, float, float, float] = (12, 12, 14, 14),
           pagesize: tuple[float, float] | None = None) -> bytes:
    """Lay out flowables into PDF bytes with page numbers and an optional copy mark."""
    size = pagesize or PAGE_SIZES[page]
    font = cjk_font().name
    buf = io.BytesIO()
    left, right, top, bottom = (m * mm for m in margins_mm)
    doc = BaseDocTemplate(buf, pagesize=size, leftMargin=left, rightMargin=right, topMargin=top,
                          bottomMargin=bottom, title=title, author="gasdesk", creator="gasdesk",
                          invariant=int(invariant))

    def page_footer(canvas, doc_) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        text = f"{footer}    第 {doc_.page} 页" if footer else f"第 {doc_.page} 页"
        canvas.drawRightString(size[0] - right, bottom / 2, text)
        canvas.restoreState()

    def copy_overlay(canvas, _doc) -> None:  # type: ignore[no-untyped-def]
        # Drawn after the page's content, so table shading cannot hide it.
        canvas.saveState()
        canvas.setFont(font, 46)
        canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.25))
        canvas.translate(size[0] / 2, size[1] / 2)
        canvas.rotate(30)
        canvas.drawCentredString(0, 0, "副本 COPY")
        canvas.restoreState()

    frame = Frame(left, bottom, size[0] - left - right, size[1] - top - bottom, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    # PageTemplate calls onPageEnd unconditionally: pass a no-op, never None (multi-page sheets).
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=page_footer,
                                       onPageEnd=copy_overlay if copy_mark else _no_overlay)])

    try:
        doc.build(story)
    except LayoutError as exc:
        raise ValidationError(
            "打印内容过大，无法排版到纸张上。", f"The printout does not fit the paper: {exc}"
        ) from exc
    return buf.getvalue()


EMPTY_TEXT = "（无记录）"
_PAD = 3.0  # left/right cell padding, points


def _cell(text: str, width: float | None, style: ParagraphStyle) -> str | Paragraph:
    """A plain string when it fits on one line (cheap to lay out), else a wrapping Paragraph."""
    if width is not None and "\n" not in text:
        room = width - 2 * _PAD
        # No CJK glyph is wider than 1 em: short texts need no measuring at all.
        if len(text) * style.fontSize <= room or stringWidth(text, style.fontName, style.fontSize) <= room:
            return text
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def data_table(columns: Sequence[str], rows: Iterable[Sequence[object]], *,
               widths_mm: Sequence[float] | None = None, right_aligned: Set[int] = frozenset(),
               row_height_mm: float | None = None, st: Styles | None = None,
               empty_text: str = EMPTY_TEXT) -> list[Flowable]:
    """A header + rows table as flowables, the header repeated on every page.

    Layout stays linear in the row count (tens of thousands of rows): cells that fit are
    plain strings, and the rows become tables a page at a time (_PagedRows). An empty
    table shows one row saying so.
    """
    st = st or styles()
    widths = [w * mm for w in widths_mm] if widths_mm else None
    header = [Paragraph(escape(c), st.head) for c in columns]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#2F5D8A")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F1F4F8")]),
        ("FONTNAME", (0, 1), (-1, -1), st.cell.fontName),
        ("FONTSIZE", (0, 1), (-1, -1), st.cell.fontSize),
        ("LEADING", (0, 1), (-1, -1), st.cell.leading),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        *[("ALIGN", (i, 1), (i, -1), "RIGHT") for i in right_aligned],
    ]

    def table(texts: list[list[str]]) -> Flowable:
        body = [[_cell(v, widths[i] if widths else None, st.cell_right if i in right_aligned else st.cell)
                 for i, v in enumerate(row)] for row in texts]
        heights = [None] + [row_height_mm * mm] * len(body) if row_height_mm else None
        t = LongTable([header, *body], colWidths=widths, rowHeights=heights, repeatRows=1)
        t.setStyle(TableStyle(style))
        return t

    texts = [["" if v is None else str(v) for v in row] for row in rows]
    if not texts:  # one row across the whole width saying so
        empty = LongTable([header, [empty_text] + [""] * (len(columns) - 1)], colWidths=widths, repeatRows=1)
        empty.setStyle(TableStyle([*style, ("SPAN", (0, 1), (-1, 1)), ("ALIGN", (0, 1), (-1, 1), "CENTER")]))
        return [empty]
    min_row = row_height_mm * mm if row_height_mm else st.cell.leading + 4  # one line + paddings
    return [_PagedRows(table, texts, min_row)]


class _PagedRows(Flowable):
    """Rows laid out a page at a time: each page gets a table of the rows that fit there.

    reportlab splits one long table by copying the rest of it at every page, which is
    quadratic in the row count and holds a style object per cell of the whole table. Here
    only a page's worth of rows (plus a margin) becomes a table at any time, the header is
    repeated on every page, and tens of thousands of rows lay out in linear time.
    """

    def __init__(self, make: Callable[[list[list[str]]], Flowable], rows: list[list[str]], min_row: float,
                 start: int = 0) -> None:
        super().__init__()
        self._make, self._rows, self._min_row, self._start = make, rows, min_row, start
        self._probe: Flowable | None = None
        self._probe_at: tuple[float, float] = (0.0, 0.0)
        self._last = False

    def _window(self, ah: float) -> tuple[Flowable, bool]:
        """A table of more rows than can fit in ``ah``, and whether it holds all the rest."""
        end = self._start + int(ah / self._min_row) + 2
        return self._make(self._rows[self._start:end]), end >= len(self._rows)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._probe, self._last = self._window(ah)
        self._probe_at = (aw, ah)
        w, h = self._probe.wrap(aw, ah)
        return w, (h if self._last else max(h, ah + 1))  # rows left over: it does not fit here

    def split(self, aw: float, ah: float) -> list[Flowable]:
        # The frame splits right after wrapping at the same size: reuse that window.
        if self._probe is None or self._probe_at != (aw, ah):
            self.wrap(aw, ah)
        window, last = self._probe, self._last
        assert window is not None
        parts = window.split(aw, ah)
        if not parts:
            return []  # not even the header and one row fit: the next frame
        first = parts[0]
        taken = len(first._cellvalues) - 1  # data rows placed (row 0 is the header)
        if last and len(parts) == 1:
            return [first]
        return [first, _PagedRows(self._make, self._rows, self._min_row, self._start + taken)]

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:  # type: ignore[no-untyped-def]
        assert self._probe is not None, "drawn before wrap"
        self._probe.drawOn(canvas, x, y, _sW)


def table_sheet(spec: SheetSpec, *, invariant: bool = False) -> bytes:
    """Render a SheetSpec: title, subtitle lines, a repeating-header table, footer lines."""
    st = styles()
    story: list[Flowable] = []
    if spec.office:
        story.append(Paragraph(escape(spec.office), st.subtitle))
    story.append(Paragraph(escape(spec.title), st.title))
    for line in spec.subtitle_lines:
        story.append(Paragraph(escape(line), st.subtitle))
    story.append(Spacer(1, 3 * mm))

    story.extend(data_table(spec.columns, spec.rows, widths_mm=spec.widths_mm, right_aligned=spec.right_aligned,
                            row_height_mm=spec.row_height_mm, st=st))
    if spec.footer_lines:
        # Signature lines stay together, and no trailing spacer can start a blank last page.
        block: list[Flowable] = [Spacer(1, 5 * mm)]
        for i, line in enumerate(spec.footer_lines):
            block += ([Spacer(1, 2 * mm)] if i else []) + [Paragraph(escape(line), st.body)]
        story.append(KeepTogether(block))
    printed_at = spec.printed_at or datetime.now()
    footer = f"{printed_at:%Y-%m-%d %H:%M}"
    if spec.printed_by:
        footer = f"打印：{spec.printed_by}  {footer}"
    return render(story, page=spec.page, title=spec.title, footer=footer, copy_mark=spec.copy_mark,
                  invariant=invariant)
