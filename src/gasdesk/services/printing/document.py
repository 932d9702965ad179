"""The one way printouts are laid out: page sizes, CJK styles, a titled table sheet.

Services build their PDFs through ``table_sheet`` (lists, registers, sign-off
sheets) or compose flowables with ``styles()`` and ``render()`` (receipts).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
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

from gasdesk.services.errors import ValidationError
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
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=page_footer,
                                       onPageEnd=copy_overlay if copy_mark else None)])

    try:
        doc.build(story)
    except LayoutError as exc:
        raise ValidationError(
            "打印内容过大，无法排版到纸张上。", f"The printout does not fit the paper: {exc}"
        ) from exc
    return buf.getvalue()


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

    header = [Paragraph(escape(c), st.head) for c in spec.columns]
    body = [
        [Paragraph(escape(v), st.cell_right if i in spec.right_aligned else st.cell) for i, v in enumerate(row)]
        for row in spec.rows
    ]
    if not body:
        body = [[Paragraph("（无记录）", st.cell)] + [""] * (len(spec.columns) - 1)]
    widths = [w * mm for w in spec.widths_mm] if spec.widths_mm else None
    heights = None
    if spec.row_height_mm:
        heights = [None] + [spec.row_height_mm * mm] * len(body)
    table = LongTable([header, *body], colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#2F5D8A")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F1F4F8")]),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    story.append(table)
    if spec.footer_lines:
        story.append(Spacer(1, 5 * mm))
        for line in spec.footer_lines:
            story.append(Paragraph(escape(line), st.body))
            story.append(Spacer(1, 2 * mm))
    printed_at = spec.printed_at or datetime.now()
    footer = f"{printed_at:%Y-%m-%d %H:%M}"
    if spec.printed_by:
        footer = f"打印：{spec.printed_by}  {footer}"
    return render(story, page=spec.page, title=spec.title, footer=footer, copy_mark=spec.copy_mark,
                  invariant=invariant)
