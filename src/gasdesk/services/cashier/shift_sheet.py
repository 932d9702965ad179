"""The shift closing sheet (日结单) on paper: an A4 sheet for the files, or the 80 mm roll at the counter.

Both show the same things: the office, 日结单 (or 班次报表 marked 未结班（预览） while the shift is
open), the counter, clerk, business day, shift and its times; the money in by method with its
total in figures and capitals, and what it paid by kind of charge; the receipts issued (first,
last, count) and the void and refund receipts one by one; the cash the drawer should hold and,
once closed, the cash counted by denomination, the difference (长款 / 短款 / 无差额) and why; who
closed, who confirmed, and the ledger chain's head at the close.

The A4 sheet is a ruled office form: a header grid, the two summaries side by side, the receipt
lists as paged tables, the cash count beside the cash check, and signature lines for the clerk,
the supervisor and finance. The roll prints black only (a thermal head prints no shades): dashed
rules, one label-and-value pair a line, every column measured to fit the 72 mm the printer reaches.
The figures are shift_report's; this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from datetime import datetime
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from gasdesk.money import amount_in_words
from gasdesk.services.cashier.receipt_pdf import yuan
from gasdesk.services.cashier.shift_close import counted_total, parse_counts
from gasdesk.services.cashier.shift_report import ZERO, Closing, ReceiptLine, ShiftReport
from gasdesk.services.core import labels
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.printing.document import INVARIANT_STAMP
from gasdesk.services.printing.fonts import PdfFont, cjk_font
from gasdesk.services.printing.layout import Styles, data_table, escape, render, styles
from gasdesk.services.printing.pages import ROLL, page_kind

LAYOUTS = {"a4": "A4", "roll": ROLL}
DEFAULT_COMPANY = "燃气营业厅"
PREVIEW = "未结班（预览）"
_MONO = "Courier"  # the chain head: hex digits read and compared one by one
_HEAD_BG = colors.HexColor("#2F5D8A")  # as layout.data_table's header: one look across the sheet
_GRID = colors.HexColor("#888888")
_PALE = colors.HexColor("#E3E8EE")
_RED = colors.HexColor("#B00000")
_PAD = 2.5  # points: cell padding

Pair = tuple[str, "str | Flowable"]
Count = tuple[str, int, Decimal]  # denomination as written, pieces, amount


# ---- the words both layouts print -------------------------------------------------------------

def _title(report: ShiftReport) -> str:
    return "日结单" if report.closing else "班次报表"


def _when(value: datetime) -> str:
    """Local time on paper: the report's times are UTC from the database (naive ones as given)."""
    return f"{value.astimezone() if value.tzinfo else value:%Y-%m-%d %H:%M}"


def _clerk(report: ShiftReport) -> str:
    return f"{report.name}（{report.login}）" if report.name else report.login


def _person(report: ShiftReport, login: str) -> str:
    # The closing names logins only; the shift's own clerk is known by name too.
    return _clerk(report) if login == report.login else login


def difference_text(value: Decimal) -> str:
    """Counted less expected, as a cashier says it: 长款 ¥3.00, 短款 ¥12.30, 无差额."""
    if not value:
        return "无差额"
    return f"{'长款' if value > 0 else '短款'} {yuan(abs(value))}"


def denomination_text(value: Decimal) -> str:
    """100 → 100元, 0.5 → 5角, 0.02 → 2分: the way the notes and coins are named."""
    if value >= 1:
        return f"{value.normalize():f}元"
    if value >= Decimal("0.1"):
        return f"{(value * 10).normalize():f}角"
    return f"{(value * 100).normalize():f}分"


def counted_rows(closing: Closing) -> tuple[list[Count], str]:
    """The count by denomination, largest first, and a warning when the stored count is unreadable
    or disagrees with the counted total (the sheet still prints: it is the record of the close)."""
    try:
        counts = parse_counts(closing.counts)
    except ValidationError:
        return [], f"点钞明细无法识别：{closing.counts}"
    rows = [(denomination_text(d), n, d * n) for d, n in sorted(counts.items(), reverse=True) if n]
    total = counted_total(counts)
    if total == closing.counted:
        return rows, ""
    return rows, f"注意：点钞明细合计 {yuan(total)} 与实点现金 {yuan(closing.counted)} 不符。"


def _chain(head: str) -> str:
    """The chain head in groups of eight: easier to compare by eye, and it wraps between groups."""
    return " ".join(head[i:i + 8] for i in range(0, len(head), 8)) if head else "—"


def _money_rows(table: labels.Table, amounts: dict[str, Decimal]) -> list[tuple[str, Decimal]]:
    return [(labels.text(table, code, "zh"), amount) for code, amount in amounts.items()]


def _header(report: ShiftReport) -> list[Pair]:
    c = report.closing
    return [("柜台", report.counter), ("收款员", _clerk(report)), ("营业日期", report.business_date.isoformat()),
            ("班次号", str(report.shift_id)), ("开班时间", _when(report.opened_at)),
            ("结班时间", _when(c.closed_at) if c else "未结班")]


def _receipt_pairs(report: ShiftReport, voids: Sequence[ReceiptLine], refunds: Sequence[ReceiptLine]) -> list[Pair]:
    """The range and count, then the voids' and refunds' count and sum, and how many stand."""
    count = len(report.receipts)

    def part(lines: Sequence[ReceiptLine]) -> str:
        return f"{len(lines)} 张，合计 {yuan(sum((r.amount for r in lines), ZERO))}" if lines else "无"

    return [("起始号码", report.first_number or "—"), ("终止号码", report.last_number or "—"),
            ("收据张数", f"共 {count} 张" if count else "本班未开收据"),
            ("作废", part(voids)), ("退款", part(refunds)), ("有效", f"{count - len(voids)} 张")]


def _cash_pairs(report: ShiftReport) -> list[Pair]:
    c = report.closing
    if c is None:
        return [("应有现金", yuan(report.cash_expected)), ("实点现金", "未结班，尚未点钞")]
    return [("应有现金", yuan(c.expected)), ("实点现金", yuan(c.counted)), ("差额", difference_text(c.difference)),
            ("差额说明", c.explanation or ("—" if not c.difference else "（未填写）"))]


def _closing_pairs(report: ShiftReport, c: Closing, chain: Flowable) -> list[Pair]:
    # The close's time is in the header already.
    return [("结班人", _person(report, c.closed_by)), ("确认主管", _person(report, c.approved_by)),
            ("账链校验码", chain)]


# ---- shared table machinery --------------------------------------------------------------------

def _sized(name: str, parent: ParagraphStyle, size: float | None = None, **kw: object) -> ParagraphStyle:
    size = size or parent.fontSize
    return ParagraphStyle(name, parent=parent, fontSize=size, leading=size * 1.35, **kw)


def _para(value: str | Flowable, style: ParagraphStyle) -> Flowable:
    return value if isinstance(value, Flowable) else Paragraph(escape(value), style)


def _pairs(rows: Sequence[Sequence[Pair]], widths: Sequence[float], label: ParagraphStyle, value: ParagraphStyle,
           *, ruled: bool) -> Table:
    """Label-and-value pairs, as many to a row as ``widths`` has pairs of columns; a row of fewer
    pairs lets its last value run to the right edge (an explanation, the chain head)."""
    cols = len(widths)
    cells: list[list[object]] = []
    style: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE" if ruled else "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2 if ruled else 1.0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 if ruled else 1.0),
    ]
    for r, row in enumerate(rows):
        line: list[object] = []
        for name, text in row:
            if ruled:  # per label cell: a column's ground would show through a span
                style.append(("BACKGROUND", (len(line), r), (len(line), r), _PALE))
            line += [Paragraph(escape(name if ruled else f"{name}："), label), _para(text, value)]
        if len(line) < cols:
            style.append(("SPAN", (len(line) - 1, r), (cols - 1, r)))
            line += [""] * (cols - len(line))
        cells.append(line)
    if ruled:
        style += [("BOX", (0, 0), (-1, -1), 0.6, _GRID), ("INNERGRID", (0, 0), (-1, -1), 0.3, _GRID)]
    table = Table(cells, colWidths=list(widths), hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _measure(texts: Sequence[str], style: ParagraphStyle) -> float:
    return max(stringWidth(t, style.fontName, style.fontSize) for t in texts) + 2 * _PAD + 1


# ---- A4 ----------------------------------------------------------------------------------------

def _grid(head: Sequence[str], rows: Sequence[Sequence[str]], widths_mm: Sequence[float], st: Styles, *,
          right: Set[int], total: Sequence[str] | None, empty: str = "（无）") -> Table:
    """A small ruled table (a summary, never paged) with the data_table's header and a 合计 row."""
    def line(values: Sequence[str]) -> list[Paragraph]:
        return [Paragraph(escape(v), st.cell_right if i in right else st.cell) for i, v in enumerate(values)]

    body = [line(r) for r in rows] or [[Paragraph(escape(empty), _sized("sheet_empty", st.cell, alignment=1))]
                                       + [""] * (len(head) - 1)]
    cells = [[Paragraph(escape(h), st.head) for h in head], *body] + ([line(total)] if total else [])
    table = Table(cells, colWidths=[w * mm for w in widths_mm], hAlign="LEFT")
    style: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if not rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    if total:
        style += [("BACKGROUND", (0, -1), (-1, -1), _PALE), ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black)]
    table.setStyle(TableStyle(style))
    return table


def _side_by_side(left: Flowable, right: Flowable | list[Flowable], width: float, left_w: float) -> Table:
    table = Table([[left, right]], colWidths=[left_w, width - left_w], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _section(text: str, st: Styles, *, keep: Sequence[Flowable] = ()) -> list[Flowable]:
    """A numbered heading; ``keep`` goes onto the page with it (a heading never ends a page alone)."""
    head = [Paragraph(escape(text), st.section), Spacer(1, 1.5 * mm), *keep]
    return [Spacer(1, 3.5 * mm), CondPageBreak(28 * mm), KeepTogether(head)]


def _receipt_list(title: str, lines: Sequence[ReceiptLine], st: Styles, *, refunds: bool) -> list[Flowable]:
    """The void or refund receipts one by one, paged as long as they run (their sums are above)."""
    if not lines:
        return []
    sub = _sized("sheet_sub", st.body, spaceBefore=2.5 * mm, spaceAfter=1 * mm)
    if refunds:
        head = ["序号", "收据号", "户号", "退款方式", "状态", "金额"]
        rows = [[str(i), r.number, r.account_number, labels.text(labels.PAYMENT_METHOD, r.method, "zh"),
                 labels.text(labels.RECEIPT_STATUS, r.status, "zh"), yuan(r.amount)]
                for i, r in enumerate(lines, start=1)]
    else:
        head = ["序号", "收据号", "户号", "收据类型", "付款方式", "金额"]
        rows = [[str(i), r.number, r.account_number, labels.text(labels.RECEIPT_KIND, r.kind, "zh"),
                 labels.text(labels.PAYMENT_METHOD, r.method, "zh"), yuan(r.amount)]
                for i, r in enumerate(lines, start=1)]
    # The heading stays with the first rows; the rest page on with the header repeated.
    return [CondPageBreak(20 * mm), Paragraph(escape(f"{title}明细（{len(lines)} 张）"), sub),
            *data_table(head, rows, widths_mm=[12, 46, 34, 30, 30, 34], right_aligned={0, 5}, st=st)]


def _signatures(st: Styles, width: float) -> Table:
    """Three signature lines with a date under each: the clerk hands over, the supervisor checks,
    finance receives the cash."""
    who = ("收款员签字", "主管签字", "财务接收人签字")
    label_w = _measure(["财务接收人签字："], st.body)
    blank_w = width / 3 - label_w
    sign = [x for w in who for x in (Paragraph(f"{w}：", st.body), "")]
    day = [x for _w in who for x in (Paragraph("日期：", _sized("sheet_day", st.body, alignment=2)), "")]
    table = Table([sign, day], colWidths=[label_w, blank_w] * 3, rowHeights=[11 * mm, 9 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        *[("LINEBELOW", (i, 0), (i, -1), 0.6, colors.black) for i in (1, 3, 5)],
        *[("RIGHTPADDING", (i, 0), (i, -1), 4 * mm) for i in (1, 3, 5)],
    ]))
    return table


def _a4_story(report: ShiftReport, st: Styles, width: float, company: str) -> list[Flowable]:
    body = st.body
    label = _sized("sheet_label", body, textColor=colors.HexColor("#333333"))
    c = report.closing
    story: list[Flowable] = [
        Paragraph(escape(company), _sized("sheet_company", st.title, body.fontSize + 3, spaceAfter=1 * mm)),
        Paragraph(escape(_title(report)), _sized("sheet_title", st.title, body.fontSize + 9, spaceAfter=0)),
        HRFlowable(width=30 * mm, thickness=0.8, color=colors.black, spaceBefore=0.8 * mm, spaceAfter=0.5 * mm),
        HRFlowable(width=30 * mm, thickness=0.8, color=colors.black, spaceBefore=0, spaceAfter=3 * mm),
    ]
    if c is None:  # boxed in red above everything: nobody files a preview as the close
        box = Table([[Paragraph(f"{PREVIEW}　本表为班次当前数据，不作结账凭证", _sized(
            "sheet_preview", st.title, body.fontSize + 3, textColor=_RED, spaceAfter=0))]], colWidths=[width])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, _RED), ("TOPPADDING", (0, 0), (-1, -1), 3),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        story += [box, Spacer(1, 3 * mm)]
    label_w = 20 * mm
    three = [label_w, width / 3 - label_w] * 3
    head = _header(report)
    story.append(_pairs([head[:3], head[3:]], three, label, body, ruled=True))

    # 一: the money by method beside what it paid, then the total in capitals across the width.
    story += _section("一、收款汇总", st)
    half, gap = 88.0, width / mm - 2 * 88.0
    by_method = [[n, yuan(a)] for n, a in _money_rows(labels.PAYMENT_METHOD, report.by_method)]
    methods = _grid(["收款方式", "金额"], by_method, [half - 36, 36], st, right={1}, total=["合计", yuan(report.total)],
                    empty="本班无收款")
    by_kind = [[n, yuan(a)] for n, a in _money_rows(labels.LEDGER_KIND, report.by_kind)]
    kinds = _grid(["收费项目", "金额"], by_kind, [half - 36, 36], st, right={1},
                  total=["合计", yuan(sum(report.by_kind.values(), ZERO))], empty="本班无收费")
    story.append(_side_by_side(methods, kinds, width, (half + gap) * mm))
    words = Table([[Paragraph("收款合计（大写）", label),
                    Paragraph(f"人民币　{escape(amount_in_words(report.total))}", _sized("sheet_words", body,
                                                                                    body.fontSize + 1)),
                    Paragraph(yuan(report.total), st.amount)]],
                  colWidths=[32 * mm, width - 72 * mm, 40 * mm], hAlign="LEFT")
    words.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, _GRID), ("INNERGRID", (0, 0), (-1, -1), 0.3, _GRID),
                               ("BACKGROUND", (0, 0), (0, 0), _PALE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    story += [Spacer(1, 3 * mm), words]

    # 二: the receipts: their range, then the void and the refund ones one by one.
    voids, refunds = report.voids, report.refunds
    used = _receipt_pairs(report, voids, refunds)
    story += _section("二、票据使用情况", st, keep=[_pairs([used[:3], used[3:]], three, label, body, ruled=True)])
    story += _receipt_list("作废收据", voids, st, refunds=False)
    story += _receipt_list("退款收据", refunds, st, refunds=True)

    # 三: the cash counted by denomination at the left; at the right, held against what it should
    # be, and who closed and confirmed it; under both the ledger's state at the close, then signatures.
    if c is None:
        story += _section("三、现金核对", st, keep=[_pairs([_cash_pairs(report)], [label_w, width / 2 - label_w] * 2,
                                                      label, body, ruled=True)])
        return story
    rows, warn = counted_rows(c)
    pieces = sum(n for _d, n, _a in rows)
    count = _grid(["面额", "张(枚)数", "金额"], [[d, str(n), yuan(a)] for d, n, a in rows], [26, 26, half - 52], st,
                  right={1, 2}, total=["实点现金", str(pieces), yuan(c.counted)], empty="未点到现金")
    chain = Paragraph(escape(_chain(c.chain_head)), _sized("sheet_chain", body, body.fontSize - 1, fontName=_MONO))
    closing = _closing_pairs(report, c, chain)
    check_w = width - (half + gap) * mm
    one = [label_w, check_w - label_w]
    right = [_pairs([[p] for p in _cash_pairs(report)], one, label, body, ruled=True), Spacer(1, 3 * mm),
             _pairs([[p] for p in closing], one, label, body, ruled=True)]
    keep: list[Flowable] = [_side_by_side(count, right, width, (half + gap) * mm)]
    if warn:
        keep.append(Paragraph(escape(warn), _sized("sheet_warn", body, textColor=_RED, spaceBefore=1 * mm)))
    # The signatures stay on the page of the figures they sign for.
    story += _section("三、现金核对与结班确认", st, keep=[*keep, Spacer(1, 5 * mm), _signatures(st, width)])
    return story


# ---- the roll ----------------------------------------------------------------------------------

def _dashes(space: float = 1.5 * mm) -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.6, color=colors.black, dash=(2, 1.5), spaceBefore=space,
                      spaceAfter=space)


def _roll_table(head: Sequence[str], rows: Sequence[Sequence[str]], style: ParagraphStyle, width: float, *,
                right: Set[int], total: Sequence[str] | None = None) -> Table:
    """Black lines only; every column but the first as wide as its widest text, the first the rest
    (a receipt number or a name wraps there rather than running past the print width)."""
    lines = [list(head), *[list(r) for r in rows], *([list(total)] if total else [])]
    widths = [_measure([line[i] for line in lines], style) + 2 for i in range(1, len(head))]  # 2 pt: a gap
    first = width - sum(widths)
    right_style = _sized(f"{style.name}_right", style, alignment=2)
    cells = [[Paragraph(escape(v), right_style if i in right else style) for i, v in enumerate(line)]
             for line in lines]
    table = Table(cells, colWidths=[first, *widths], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 0.8), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
        *([("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black)] if total else []),
    ]))
    return table


def _roll_story(report: ShiftReport, st: Styles, width: float, company: str) -> list[Flowable]:
    body = st.body
    small = _sized("roll_small", body, body.fontSize - 1)
    # Lines outside the pairs start where the pairs' labels do.
    heading = _sized("roll_heading", body, body.fontSize + 0.5, leftIndent=_PAD, spaceAfter=0.5 * mm)
    line = _sized("roll_line", body, leftIndent=_PAD)
    c = report.closing
    story: list[Flowable] = [
        Paragraph(escape(company), _sized("roll_company", st.title, body.fontSize + 2, spaceAfter=0.8 * mm)),
        Paragraph(escape(_title(report)), _sized("roll_title", st.title, body.fontSize + 5, spaceAfter=0)),
    ]
    if c is None:
        story += [Paragraph(f"★ {PREVIEW} ★", _sized("roll_preview", st.title, body.fontSize + 3, spaceBefore=1 * mm,
                                                      spaceAfter=0)),
                  Paragraph("本单为班次当前数据，不作结账凭证", _sized("roll_note", body, alignment=1))]

    def block(pairs: Sequence[Pair], style: ParagraphStyle = body) -> Table:
        labels_w = _measure([f"{name}：" for name, _v in pairs], style) - 1
        return _pairs([[p] for p in pairs], [labels_w, width - labels_w], style, style, ruled=False)

    def money(head: str, rows: list[tuple[str, Decimal]], total: Decimal, empty: str) -> Flowable:
        if not rows:
            return Paragraph(escape(f"{head}：{empty}"), line)
        return _roll_table([head, "金额"], [[n, yuan(a)] for n, a in rows], body, width, right={1},
                           total=["合计", yuan(total)])

    def receipts(title: str, lines: Sequence[ReceiptLine], void_marks: bool) -> list[Flowable]:
        if not lines:
            return [Paragraph(escape(f"{title}：无"), line)]
        rows = [[f"{r.number}{'（作废）' if void_marks and r.status == 'void' else ''}", r.account_number,
                 yuan(r.amount)] for r in lines]
        return [Spacer(1, 1 * mm), Paragraph(escape(f"{title}（{len(lines)} 张）"), heading),
                _roll_table(["收据号", "户号", "金额"], rows, small, width, right={2},
                            total=["合计", "", yuan(sum((r.amount for r in lines), ZERO))])]

    voids, refunds = report.voids, report.refunds
    story += [
        _dashes(2 * mm), block(_header(report)), _dashes(),
        money("收款方式", _money_rows(labels.PAYMENT_METHOD, report.by_method), report.total, "本班无收款"),
        block([("大写", amount_in_words(report.total))]), _dashes(),
        money("收费项目", _money_rows(labels.LEDGER_KIND, report.by_kind), sum(report.by_kind.values(), ZERO),
              "本班无收费"),
        _dashes(), block([p for i, p in enumerate(_receipt_pairs(report, voids, refunds)) if i in (0, 1, 2, 5)]),
        *receipts("作废收据", voids, False), *receipts("退款收据", refunds, True), _dashes(),
    ]
    if c is None:
        story += [block(_cash_pairs(report)), _dashes()]
        return story
    rows, warn = counted_rows(c)
    cash = _cash_pairs(report)
    story += [block(cash[:1]), Spacer(1, 1 * mm),
              _roll_table(["面额", "张(枚)数", "金额"], [[d, str(n), yuan(a)] for d, n, a in rows], body, width,
                          right={1, 2}, total=["实点现金", str(sum(n for _d, n, _a in rows)), yuan(c.counted)]),
              *([Paragraph(escape(warn), _sized("roll_warn", small, leftIndent=_PAD))] if warn else []),
              block(cash[2:]), _dashes()]
    chain = Paragraph(escape(_chain(c.chain_head)), _sized("roll_chain", small, fontName=_MONO, leftIndent=_PAD))
    pairs = _closing_pairs(report, c, chain)
    # The chain head under its label, across the whole width: 64 digits need it.
    story += [block(pairs[:2]), Paragraph("账链校验码：", line), chain, _dashes()]
    return story


def shift_sheet_pdf(report: ShiftReport, layout: str = "a4", *, company: str = "", printed_by: str = "",
                    font: PdfFont | None = None, invariant: bool = False, printed_at: datetime | None = None) -> bytes:
    """The shift's closing sheet as PDF bytes: ``layout`` "a4" (an A4 sheet, portrait) or "roll" (the
    80 mm thermal roll). An open shift prints as 班次报表 marked 未结班（预览）. ``font``: the office's
    (fonts.configured_font); ``invariant`` and a fixed ``printed_at`` make the bytes reproducible."""
    page = LAYOUTS.get(layout)
    if page is None:
        raise ValidationError("日结单版式只能是 a4 或 roll（80 毫米卷纸）。",
                              f"A shift sheet layout is a4 or roll (the 80 mm roll), not {layout!r}.")
    kind = page_kind(page)
    font = font or cjk_font()
    st = styles(kind.base_size, font)
    office = company.strip() or DEFAULT_COMPANY
    make = _roll_story if kind.roll else _a4_story
    story = make(report, st, kind.frame_width, office)
    stamp = printed_at or (INVARIANT_STAMP if invariant else datetime.now())
    footer = f"打印：{printed_by}　{stamp:%Y-%m-%d %H:%M}" if printed_by else f"打印于 {stamp:%Y-%m-%d %H:%M}"
    title = f"{_title(report)} {report.counter} {report.business_date.isoformat()} 班次 {report.shift_id}"
    if not kind.roll:  # a sheet's pages name the printout; the roll is one slip
        footer = f"{title}　　{footer}"
    return render(story, page=page, title=title, footer=footer, invariant=invariant, font=font)
