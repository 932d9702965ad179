"""The receipt (收据) on paper: the 80 mm thermal roll at the counter, or an A5 sheet.

Both show the same things: the office, 收款收据 or 退款收据, the receipt's number, counter, clerk,
time and business day, the account, the items paid (each bill or charge, then 预存), the total in
figures and in capitals, how it was paid, the cash tendered and the change, and the balance after.
A voided receipt says 作废 under its title; a reprint carries the core's 副本 COPY mark.

The roll prints black only (a thermal head prints no shades): dashed rules, no backgrounds, one
label-and-value pair a line, every column measured to fit the 72 mm the printer reaches. The A5
sheet has a two-column header block, a ruled item table and a signature line. What is printed is
the receipts service's to decide (``ReceiptDoc``); this module only lays it out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from gasdesk.money import amount_in_words
from gasdesk.services.cashier.receipt_doc import ReceiptDoc
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.printing.fonts import PdfFont, cjk_font
from gasdesk.services.printing.layout import Styles, data_table, escape, render, styles
from gasdesk.services.printing.pages import ROLL, page_kind

LAYOUTS = {"roll": ROLL, "a5": "A5"}
FOOTER = "请妥善保管本收据；如有疑问请持收据到营业厅查询。"
DEFAULT_COMPANY = "燃气营业厅"
_RED = colors.HexColor("#B00000")
_RULE = colors.HexColor("#777777")
_PAD = 2.0  # points: cell padding of the label-and-value blocks

Pair = tuple[str, str]


def yuan(value: Decimal) -> str:
    """¥1,234.50; a negative amount as −¥5.00 (the sign before the currency, as a clerk writes it)."""
    return f"{'-' if value < 0 else ''}¥{abs(value):,.2f}"


def balance_text(value: Decimal) -> str:
    """The balance after: what is left in prepayment, or 欠费 and what is still owed."""
    return f"欠费 {yuan(-value)}" if value < 0 else yuan(value)


def _title(doc: ReceiptDoc) -> str:
    return doc.title or ("退款收据" if doc.kind == "refund" else "收款收据")


def _item_rows(doc: ReceiptDoc) -> list[tuple[str, str, Decimal]]:
    rows = [(item.label, item.detail, item.amount) for item in doc.items]
    if doc.prepayment > 0:
        rows.append(("预存", "存入预存款", doc.prepayment))
    return rows


def _number_label(doc: ReceiptDoc) -> str:
    return f"{doc.title}号" if doc.title else "收据号"


def _refund(doc: ReceiptDoc) -> bool:
    return doc.kind == "refund"


def _payment_rows(doc: ReceiptDoc) -> list[list[Pair]]:
    """How it was paid, in rows of at most two pairs: the method and the balance, the reference
    alone on its row (a 28-digit WeChat number needs the width), the cash tendered and the change."""
    first = [("退款方式" if _refund(doc) else "付款方式", doc.method)]
    rows = [first + ([("余额", balance_text(doc.balance_after))] if doc.show_balance else [])]
    if doc.reference:
        rows.append([("交易参考号", doc.reference)])
    cash = [(name, yuan(value)) for name, value in (("实收", doc.tendered), ("找零", doc.change)) if value is not None]
    return rows + ([cash] if cash else [])


def _text(value: str) -> str:
    # A paragraph folds runs of spaces into one: a detail's wide gap (period  volume) becomes an
    # ideographic space, which every CJK font has (a no-break space is missing from STSong-Light).
    return re.sub(" {2,}", "\u3000", escape(value))


def _label_width(labels: Sequence[str], style: ParagraphStyle) -> float:
    return max(stringWidth(f"{label}：", style.fontName, style.fontSize) for label in labels) + 2 * _PAD


def _pairs_table(rows: Sequence[Sequence[Pair]], widths: Sequence[float], label: ParagraphStyle,
                 value: ParagraphStyle, *, ruled: bool = False) -> Table:
    """Label-and-value pairs, as many to a row as ``widths`` has pairs of columns; a row with
    fewer pairs lets its last value run across the rest (an address)."""
    cols = len(widths)
    cells: list[list[object]] = []
    spans: list[tuple[object, ...]] = []
    grounds: list[tuple[object, ...]] = []  # per label cell: a column's ground would show through a span
    for r, row in enumerate(rows):
        line: list[object] = []
        for name, text in row:
            grounds.append(("BACKGROUND", (len(line), r), (len(line), r), colors.HexColor("#F1F4F8")))
            line += [Paragraph(escape(name if ruled else f"{name}："), label), Paragraph(_text(text), value)]
        if len(line) < cols:
            spans.append(("SPAN", (len(line) - 1, r), (cols - 1, r)))
            line += [""] * (cols - len(line))
        cells.append(line)
    table = Table(cells, colWidths=list(widths), hAlign="LEFT")
    style: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2 if not ruled else 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 if not ruled else 2.5),
        *spans,
    ]
    if ruled:  # the sheet's header block: a box with light rules, the labels on a pale ground
        style += [("BOX", (0, 0), (-1, -1), 0.6, _RULE), ("INNERGRID", (0, 0), (-1, -1), 0.3, _RULE)]
        style += grounds
    table.setStyle(TableStyle(style))
    return table


def _dashes(space: float = 1.2 * mm) -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.6, color=colors.black, dash=(2, 1.5), spaceBefore=space,
                      spaceAfter=space)


def _sized(name: str, parent: ParagraphStyle, size: float, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, fontSize=size, leading=size * 1.35, **kw)


def _roll_story(doc: ReceiptDoc, st: Styles, width: float) -> list[Flowable]:
    body, small = st.body, _sized("receipt_detail", st.body, st.body.fontSize - 1.5, leftIndent=1.5 * mm)
    right = ParagraphStyle("receipt_right", parent=body, alignment=2)
    story: list[Flowable] = [
        Paragraph(escape(doc.company or DEFAULT_COMPANY), _sized("receipt_company", st.title, body.fontSize + 2,
                                                                 spaceAfter=0.8 * mm)),
        Paragraph(escape(_title(doc)), _sized("receipt_title", st.title, body.fontSize + 5, spaceAfter=0)),
    ]
    if doc.status == "void":
        story.append(Paragraph("★ 作废 VOID ★", _sized("receipt_void", st.title, body.fontSize + 5,
                                                       spaceBefore=1 * mm, spaceAfter=0)))

    def block(pairs: Sequence[Pair]) -> Table:
        labels = _label_width([name for name, _v in pairs], body)
        return _pairs_table([[p] for p in pairs], [labels, width - labels], body, body)

    story += [
        _dashes(2 * mm),
        block([(_number_label(doc), doc.number), ("时间", f"{doc.issued_at:%Y-%m-%d %H:%M}"),
               ("营业日", doc.business_date.isoformat()), ("柜台", doc.counter),
               ("经办人" if _refund(doc) else "收款员", doc.clerk)]),
        _dashes(),
        block([("户号", doc.account_number), ("户名", doc.holder), ("地址", doc.address)]),
        _dashes(),
    ]
    # Items: the label with its detail under it in small print, the amount at the right edge,
    # the amount column as wide as its widest figure so nothing reaches past the print width.
    rows = _item_rows(doc)
    figures = [yuan(amount) for _l, _d, amount in rows] + ["金额"]
    amount_w = max(stringWidth(f, body.fontName, body.fontSize) for f in figures) + 2 * _PAD + 1
    cells: list[list[object]] = [[Paragraph("项目 / 明细", body), Paragraph("金额", right)]]
    for label, detail, amount in rows:
        what = [Paragraph(escape(label), body)] + ([Paragraph(_text(detail), small)] if detail else [])
        cells.append([what, Paragraph(yuan(amount), right)])
    items = Table(cells, colWidths=[width - amount_w, amount_w], hAlign="LEFT")
    items.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
    ]))
    total_label = "退款合计" if _refund(doc) else "合计"
    total = Table([[Paragraph(total_label, _sized("receipt_total_label", body, body.fontSize + 2)),
                    Paragraph(yuan(doc.amount), st.amount)]], colWidths=[width * 0.35, width * 0.65], hAlign="LEFT")
    total.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
                               ("RIGHTPADDING", (0, 0), (-1, -1), _PAD)]))
    story += [items, _dashes(), total, block([("大写", amount_in_words(doc.amount))]), _dashes(),
              block(sorted((pair for row in _payment_rows(doc) for pair in row), key=lambda p: p[0] == "余额")),
              _dashes()]  # one pair a line, the balance last: what the customer reads going home
    story += [Paragraph(escape(note), small) for note in doc.notes]
    return story


def _a5_story(doc: ReceiptDoc, st: Styles, width: float) -> list[Flowable]:
    body = st.body
    label_style = _sized("receipt_label", body, body.fontSize, textColor=colors.HexColor("#333333"))
    story: list[Flowable] = [
        Paragraph(escape(doc.company or DEFAULT_COMPANY), _sized("receipt_company", st.title, body.fontSize + 3,
                                                                 spaceAfter=1 * mm)),
        Paragraph(escape(_title(doc)), _sized("receipt_title", st.title, body.fontSize + 9, spaceAfter=0)),
        HRFlowable(width=34 * mm, thickness=0.8, color=colors.black, spaceBefore=0.6 * mm, spaceAfter=0.5 * mm),
        HRFlowable(width=34 * mm, thickness=0.8, color=colors.black, spaceBefore=0, spaceAfter=2 * mm),
        Paragraph(f"{_number_label(doc)}：<font color='#B00000'>{escape(doc.number)}</font>",
                  ParagraphStyle("receipt_number", parent=body, alignment=2)),
        Spacer(1, 1.5 * mm),
    ]
    if doc.status == "void":  # boxed in red above the account, where nobody reads past it
        void = Table([[Paragraph("作废 VOID　本收据已作废，不作收款凭证", _sized(
            "receipt_void", st.title, body.fontSize + 4, textColor=_RED, spaceAfter=0))]], colWidths=[width])
        void.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, _RED), ("TOPPADDING", (0, 0), (-1, -1), 3),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        story += [void, Spacer(1, 2 * mm)]
    # Two columns of pairs: the customer at the left, the counter's side at the right.
    clerk, when = ("经办人", "退款时间") if _refund(doc) else ("收款员", "收款时间")
    labels = _label_width(["交易参考号"], label_style)
    value_w = width / 2 - labels
    story += [
        _pairs_table([
            [("户号", doc.account_number), (when, f"{doc.issued_at:%Y-%m-%d %H:%M}")],
            [("户名", doc.holder), ("营业日", doc.business_date.isoformat())],
            [("柜台", doc.counter), (clerk, doc.clerk)],
            [("地址", doc.address)],
        ], [labels, value_w, labels, value_w], label_style, body, ruled=True),
        Spacer(1, 3 * mm),
    ]
    amount_mm, label_mm = 30.0, 30.0
    detail_mm = width / mm - amount_mm - label_mm
    rows = [(label, detail, yuan(amount)) for label, detail, amount in _item_rows(doc)]
    story += data_table(["项目", "明细", "金额"], rows, widths_mm=[label_mm, detail_mm, amount_mm],
                        right_aligned={2}, st=st)
    # The total continues the item table's grid: 合计, the capitals, the figure.
    total = Table([[Paragraph("退款合计" if _refund(doc) else "合计", body),
                    Paragraph(f"人民币（大写）：{escape(amount_in_words(doc.amount))}", body),
                    Paragraph(yuan(doc.amount), st.amount)]],
                  colWidths=[label_mm * mm, detail_mm * mm, amount_mm * mm])
    total.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#E3E8EE")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),  # as the item table's cells: the columns line up
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    signer = "经办人" if _refund(doc) else "收款人"
    signature = Table([[Paragraph("收款单位（盖章）：", body),
                        Paragraph(f"{signer}：{escape(doc.clerk)}　签字 ________________",
                                  ParagraphStyle("receipt_sign", parent=body, alignment=2))]],
                      colWidths=[width * 0.4, width * 0.6])
    signature.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD)]))
    # The total, the payment and the signature stay on one page: a receipt's figures are never parted.
    story.append(KeepTogether([
        total,
        Spacer(1, 3 * mm),
        _pairs_table(_payment_rows(doc), [labels, value_w, labels, value_w], label_style, body, ruled=True),
        *[Paragraph(escape(note), body) for note in doc.notes],
        Spacer(1, 10 * mm),
        signature,
    ]))
    return story


def receipt_pdf(doc: ReceiptDoc, layout: str = "roll", *, font: PdfFont | None = None,
                invariant: bool = False) -> bytes:
    """The receipt as PDF bytes: ``layout`` "roll" (the 80 mm thermal roll) or "a5" (an A5 sheet,
    portrait). ``font``: the office's (fonts.configured_font); ``invariant``: reproducible bytes."""
    page = LAYOUTS.get(layout)
    if page is None:
        raise ValidationError("收据版式只能是 roll（80 毫米卷纸）或 a5。",
                              f"A receipt layout is roll (the 80 mm roll) or a5, not {layout!r}.")
    kind = page_kind(page)
    font = font or cjk_font()
    st = styles(kind.base_size, font)
    story = _roll_story(doc, st, kind.frame_width) if kind.roll else _a5_story(doc, st, kind.frame_width)
    return render(story, page=page, title=f"{_title(doc)} {doc.number}", footer=FOOTER, copy_mark=doc.copy,
                  invariant=invariant, font=font)
