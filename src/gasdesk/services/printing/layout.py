"""Laying printouts out: CJK styles, the page machinery per paper, long tables a page at a time.

``render`` turns flowables into PDF bytes on one of the papers of ``pages``: a sheet gets a
footer with the page number on every page; the 80 mm roll is measured first and built as one
page exactly as long as its content, its footer text printed as a last line. The one
title-and-table renderer (``document.sheet_pdf``) and every printout that composes its own
flowables (receipts) use it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from gasdesk.services.core.errors import ValidationError
from gasdesk.services.printing.fonts import PdfFont, cjk_font
from gasdesk.services.printing.pages import PageKind, page_kind

# The longest roll a printout may make (PDF viewers refuse pages over 200 inches).
ROLL_MAX_MM = 5000.0


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
    amount: ParagraphStyle  # a total on a receipt: large, right-aligned


def styles(base_size: float = 9.5, font: PdfFont | None = None) -> Styles:
    name = (font or cjk_font()).name

    def style(key: str, size: float, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(key, fontName=name, fontSize=size, leading=size * 1.35, wordWrap="CJK", **kw)

    return Styles(
        title=style("title", base_size + 6, alignment=1, spaceAfter=2 * mm),
        subtitle=style("subtitle", base_size, alignment=1, textColor=colors.HexColor("#444444")),
        section=style("section", base_size + 1.5, spaceBefore=1 * mm, textColor=colors.HexColor("#1F3F5F")),
        body=style("body", base_size),
        cell=style("cell", base_size - 0.5),
        cell_right=style("cell_right", base_size - 0.5, alignment=2),
        head=style("head", base_size - 0.5, alignment=1, textColor=colors.white),
        small=style("small", base_size - 2, textColor=colors.HexColor("#555555")),
        amount=style("amount", base_size + 3, alignment=2),
    )


def escape(text: object) -> str:
    """Paragraph text is mini-HTML; names and addresses are plain text."""
    return str("" if text is None else text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _no_overlay(_canvas, _doc) -> None:  # type: ignore[no-untyped-def]
    pass


def _too_big(exc: Exception) -> ValidationError:
    return ValidationError("打印内容过大，无法排版到纸张上。", f"The printout does not fit the paper: {exc}")


def _build(story: list[Flowable], kind: PageKind, size: tuple[float, float], *, title: str, footer: str,
           copy_mark: bool, invariant: bool, font: str) -> tuple[bytes, Frame, int]:
    """One build of the story on pages of ``size``: the PDF, its (last) frame, the page count."""
    buf = io.BytesIO()
    left, right, top, bottom = (m * mm for m in kind.margins_mm)
    doc = BaseDocTemplate(buf, pagesize=size, leftMargin=left, rightMargin=right, topMargin=top,
                          bottomMargin=bottom, title=title, author="gasdesk", creator="gasdesk",
                          invariant=int(invariant))
    pages = [0]

    def page_footer(canvas, doc_) -> None:  # type: ignore[no-untyped-def]
        pages[0] = doc_.page
        if not kind.numbered:
            return
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        text = f"{footer}    第 {doc_.page} 页" if footer else f"第 {doc_.page} 页"
        canvas.drawRightString(size[0] - right, bottom / 2, text)
        canvas.restoreState()

    def copy_overlay(canvas, _doc) -> None:  # type: ignore[no-untyped-def]
        # Drawn after the page's content, so table shading cannot hide it.
        canvas.saveState()
        canvas.setFont(font, min(46.0, size[0] / 8))
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
        doc.build(list(story))  # build consumes the list it is given; the roll builds twice
    except LayoutError as exc:
        raise _too_big(exc) from exc
    return buf.getvalue(), frame, pages[0]


def render(story: list[Flowable], *, page: str = "A4", title: str = "", footer: str = "",
           copy_mark: bool = False, invariant: bool = False, font: PdfFont | None = None) -> bytes:
    """Lay out flowables into PDF bytes on ``page`` (a name in pages.PAGE_KINDS).

    Sheets: a footer with ``footer`` and the page number on every page. The roll: one page as
    long as the content, ``footer`` printed as its last line, no page number. ``copy_mark``
    puts 副本 COPY across every page (and, on the roll, as its first line: a thermal printer
    prints no light shades)."""
    kind = page_kind(page)
    name = (font or cjk_font()).name
    options = {"title": title, "footer": footer, "copy_mark": copy_mark, "invariant": invariant, "font": name}
    if not kind.roll:
        assert kind.height is not None
        return _build(story, kind, (kind.width, kind.height), **options)[0]  # type: ignore[arg-type]
    st = styles(kind.base_size, font)
    story = list(story)
    if copy_mark:
        story.insert(0, Paragraph("—— 副本 COPY ——", st.title))
    if footer:
        story += [Spacer(1, 2 * mm), Paragraph(escape(footer), st.small)]
    _left, _right, top, bottom = (m * mm for m in kind.margins_mm)
    tall = ROLL_MAX_MM * mm
    _pdf, frame, pages = _build(story, kind, (kind.width, tall), **options)  # type: ignore[arg-type]
    if pages != 1:
        raise _too_big(ValueError(f"longer than {ROLL_MAX_MM:.0f} mm"))
    used = (tall - top) - frame._y  # the frame's top less where the last flowable ended
    height = top + used + bottom + 1.0  # a point of slack: the frame must not refuse the last line
    pdf, _frame, pages = _build(story, kind, (kind.width, height), **options)  # type: ignore[arg-type]
    assert pages == 1, "the measured roll spilled onto a second page"
    return pdf


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


