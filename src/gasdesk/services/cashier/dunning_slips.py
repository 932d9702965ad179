"""The dunning notice (催费通知单) on paper: A4 portrait, three households a page, cut lines between,
for the reader to hand out on the route in walking order.

Each slip names the household (account number, masked holder, address), lists what it has past
due (each bill's period, amount and due date; a fee by its name), the total in figures and in
capitals, the day to pay by, and the office with its hours and phone where the settings hold
them. Its foot is a receipt (回执) the household signs, torn off along a dotted line and brought
back, marked with the route and the stop so the receipts sort back into walking order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable
from sqlalchemy.orm import Session

from gasdesk.money import amount_in_words
from gasdesk.services.cashier import arrears as arrears_
from gasdesk.services.cashier.arrears import ArrearsRow, OpenItem
from gasdesk.services.core import business_day, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import Conflict
from gasdesk.services.core.permissions import require
from gasdesk.services.printing.document import INVARIANT_STAMP
from gasdesk.services.printing.fonts import PdfFont, configured_font
from gasdesk.services.printing.layout import escape, render, styles
from gasdesk.services.printing.pages import page_kind
from gasdesk.services.readings.routes import route_info

TITLE = "催费通知单"
PAGE = "A4"
SLIPS_PER_PAGE = 3
PAY_WITHIN_DAYS = 7  # the pay-by day printed: a week after the notice
MAX_ITEMS = 3  # charges listed one by one; more are summed in one line (the slip keeps its size)
CONTACT_SETTINGS = (("office_hours", "营业时间"), ("office_phone", "咨询电话"))  # printed when the settings hold them
BASE_SIZE = 10.5  # as the price notices: households read it at the door
_GAP = "\u00a0" * 4
_PAD = 3 * mm
_RECEIPT_MM = 19.0


@dataclass(frozen=True)
class Household:
    row: ArrearsRow
    items: tuple[OpenItem, ...]  # past due, oldest first
    where: str  # its route and stop, for the receipt


def _day(d: date) -> str:
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f}"


def _dashed(canvas, x0: float, x1: float, y: float, label: str, font: str, *,  # type: ignore[no-untyped-def]
            dash: tuple[float, float], gray: float) -> None:
    """A dashed line across with a small label in a gap at its middle (as the price notices')."""
    canvas.saveState()
    canvas.setFont(font, 7)
    middle, gap = (x0 + x1) / 2, canvas.stringWidth(label, font, 7) / 2 + 2 * mm
    canvas.setStrokeGray(gray)
    canvas.setLineWidth(0.6)
    canvas.setDash(*dash)
    canvas.line(x0, y, middle - gap, y)
    canvas.line(middle + gap, y, x1, y)
    canvas.setFillGray(gray)
    canvas.drawCentredString(middle, y - 2.4, label)
    canvas.restoreState()


class _Slip(Flowable):
    """A third of the page: the notice at its top (shrunk if it must), the receipt at its foot under
    a dotted tear line, a cut line under it unless it ends a page."""

    def __init__(self, notice: list[Flowable], receipt: list[Flowable], height: float, cut_below: bool,
                 font: str) -> None:
        super().__init__()
        self.notice, self.receipt, self.slip_height, self.cut_below, self.font = \
            notice, receipt, height, cut_below, font

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.slip_height

    def _fill(self, content: list[Flowable], y: float, height: float) -> None:
        frame = Frame(0, y, self.width, height, leftPadding=_PAD, rightPadding=_PAD, topPadding=0, bottomPadding=0)
        frame.addFromList([KeepInFrame(self.width - 2 * _PAD, height, list(content), mode="shrink")], self.canv)

    def draw(self) -> None:
        strip = _RECEIPT_MM * mm
        self._fill(self.notice, strip + 2 * mm, self.slip_height - strip - 2 * mm - _PAD)
        _dashed(self.canv, _PAD, self.width - _PAD, strip, "回执（请沿虚线撕下，交抄表员带回）", self.font,
                dash=(1.5, 2), gray=0.45)
        self._fill(self.receipt, 2 * mm, strip - 4.5 * mm)
        if self.cut_below:
            _dashed(self.canv, 0, self.width, 0, "沿此线剪开", self.font, dash=(4, 3), gray=0.35)


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    body: ParagraphStyle
    right: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    total: ParagraphStyle


@cache
def _styles(font: PdfFont) -> _Styles:
    st = styles(BASE_SIZE, font)

    def sized(name: str, parent: ParagraphStyle, size: float, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, fontSize=size, leading=size * 1.35, **kw)

    return _Styles(sized("dunning_title", st.title, BASE_SIZE + 4.5, spaceAfter=1.2 * mm), st.body,
                   ParagraphStyle("dunning_right", parent=st.body, alignment=2),
                   sized("dunning_small", st.small, BASE_SIZE - 1.5), sized("dunning_cell", st.cell, BASE_SIZE - 0.5),
                   sized("dunning_total", st.body, BASE_SIZE + 0.5))


def _item_rows(items: Sequence[OpenItem], on: date) -> list[list[str]]:
    shown, rest = list(items[:MAX_ITEMS]), list(items[MAX_ITEMS:])
    if len(rest) == 1:  # one more fits as well as a line saying so
        shown, rest = shown + rest, []
    rows = []
    for x in shown:
        period = f"{x.period_from.isoformat()}～{x.period_to.isoformat()}" if x.period_from and x.period_to else "—"
        rows.append([x.label.zh, period, _yuan(x.open), x.due_on.isoformat(), str((on - x.due_on).days)])
    if rest:
        rows.append([f"其余 {len(rest)} 笔", f"{rest[0].due_on.isoformat()} 起到期", _yuan(sum(x.open for x in rest)),
                     "", ""])
    return rows


def _items_table(items: Sequence[OpenItem], on: date, cell: ParagraphStyle, width: float) -> PdfTable:
    head = ["项目", "用气期间", "金额（元）", "缴费截止日", "逾期天数"]
    parts = [0.16, 0.34, 0.18, 0.18, 0.14]
    head_style = ParagraphStyle("dunning_head", parent=cell, alignment=1)
    table = PdfTable([[Paragraph(escape(h), head_style) for h in head], *_item_rows(items, on)],
                     colWidths=[p * width for p in parts])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), cell.fontName),
        ("FONTSIZE", (0, 0), (-1, -1), cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), cell.leading),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8EE")),  # light: it prints on any office printer
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#666666")),
        ("ALIGN", (0, 1), (-1, -1), "CENTER"),
        ("ALIGN", (2, 1), (2, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
    ]))
    return table


def _pay_line(pay_by: date, office: str, on: date, st: _Styles, width: float) -> PdfTable:
    """The day to pay by at the left, the office and the day of the notice at the right: one line."""
    table = PdfTable([[Paragraph(f"请于 <b>{escape(_day(pay_by))}</b>前到营业厅缴清。", st.body),
                       Paragraph(escape(f"{office or '燃气营业厅'}{_GAP}{_day(on)}"), st.right)]],
                     colWidths=[width * 0.5, width * 0.5])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _slip(h: Household, office: str, contact: str, on: date, pay_by: date, font: PdfFont, width: float,
          last_on_page: bool) -> _Slip:
    st = _styles(font)
    r, total, inner = h.row, h.row.owed, width - 2 * _PAD
    small = "缴费时以营业厅结算的金额为准（含滞纳金，如有）。" + (f"{_GAP}{contact}" if contact else "")
    notice = [
        Paragraph(escape(f"燃气费{TITLE}"), st.title),
        Paragraph(f"户号：<b>{escape(r.account_number)}</b>{_GAP}户名：{escape(r.holder_name)}{_GAP}"
                  f"地址：{escape(r.address)}", st.body),
        Spacer(1, 0.8 * mm),
        Paragraph(escape(f"尊敬的用户：截至 {_day(on)}，您户以下燃气费已逾期未缴（如已缴纳，请勿理会本通知）："),
                  st.body),
        Spacer(1, 1 * mm),
        _items_table(h.items, on, st.cell, inner),
        Spacer(1, 1 * mm),
        Paragraph(f"欠费合计：<b>¥{escape(_yuan(total))}</b>{_GAP}大写：<b>{escape(amount_in_words(total))}</b>",
                  st.total),
        _pay_line(pay_by, office, on, st, inner),
        Paragraph(escape(small), st.small),
    ]
    receipt = [
        Paragraph(f"<b>回执</b>{_GAP}户号 {escape(r.account_number)}{_GAP}户名 {escape(r.holder_name)}{_GAP}"
                  f"欠费 ¥{escape(_yuan(total))}{_GAP}<font size={BASE_SIZE - 2}>（{escape(h.where)}，"
                  f"{on.isoformat()} 通知）</font>", st.body),
        Spacer(1, 2 * mm),
        Paragraph(f"已收到催费通知。{_GAP}户主签字 ________________{_GAP}日期 ________ 年 ____ 月 ____ 日", st.body),
    ]
    kind = page_kind(PAGE)
    frame_height = kind.height - (kind.margins_mm[2] + kind.margins_mm[3]) * mm  # type: ignore[operator]
    return _Slip(notice, receipt, frame_height / SLIPS_PER_PAGE - 0.5, not last_on_page, font.name)


def slips_pdf(households: Sequence[Household], *, office: str, contact: str, on: date, pay_by: date, footer: str,
              invariant: bool, font: PdfFont) -> bytes:
    """The households' slips in the order given, three to a page."""
    width = page_kind(PAGE).frame_width
    story: list[Flowable] = []
    for i, h in enumerate(households):
        last_on_page = i % SLIPS_PER_PAGE == SLIPS_PER_PAGE - 1 or i == len(households) - 1
        story.append(_slip(h, office, contact, on, pay_by, font, width, last_on_page))
    return render(story, page=PAGE, title=TITLE, footer=footer, invariant=invariant, font=font)


# --- what is printed -------------------------------------------------------------------------------


def _contact(session: Session) -> str:
    """The counter's hours and phone, where the office's settings hold them (nothing is made up)."""
    parts = []
    for key, name in CONTACT_SETTINGS:
        value = settings.get(session, key).strip() if key in settings.DEFAULTS else ""
        if value:
            parts.append(f"{name}：{value}")
    return _GAP.join(parts)


def _route_households(session: Session, actor: Actor, route_id: int, on: date) -> list[ArrearsRow]:
    rows: list[ArrearsRow] = []
    while True:  # a route is a few hundred stops: a page or two
        page = arrears_.arrears(session, actor, on=on, route_id=route_id, offset=len(rows), limit=arrears_.MAX_PAGE)
        rows.extend(page.rows)
        if not page.more or not page.rows:
            return rows


def dunning_pdf(session: Session, actor: Actor, route_id: int, on: date | None = None, *, pay_by: date | None = None,
                invariant: bool = False, printed_at: datetime | None = None) -> bytes:
    """The route's dunning notices as PDF bytes: one slip per household in arrears on ``on``
    (default: today), in walking order, three to an A4 page; ``pay_by`` defaults to a week on."""
    require(session, actor, "arrears.view")
    route = route_info(session, actor, route_id)
    on = on or business_day.today(session)
    rows = _route_households(session, actor, route_id, on)
    if not rows:
        raise Conflict(f"抄表册 {route.code} 在 {on.isoformat()} 没有欠费的用户，不用打印催费通知单。",
                       f"No household of the route {route.code} is in arrears on {on.isoformat()}: "
                       "there is no dunning notice to print.")
    items = arrears_.open_items(session, [r.account_id for r in rows], on)
    households = [Household(r, tuple(items[r.account_id]), f"{route.code} 第 {r.position} 户") for r in rows]
    stamp = printed_at or (INVARIANT_STAMP if invariant else datetime.now())
    owed = sum((r.owed for r in rows), Decimal("0.00"))
    footer = (f"{TITLE} {route.code} {route.name} 截至 {on.isoformat()} 共 {len(rows)} 户 欠费 ¥{_yuan(owed)}    "
              f"打印：{actor.name or actor.login}  {stamp:%Y-%m-%d %H:%M}")
    return slips_pdf(households, office=settings.get(session, "office_name"), contact=_contact(session), on=on,
                     pay_by=pay_by or on + timedelta(days=PAY_WITHIN_DAYS), footer=footer, invariant=invariant,
                     font=configured_font(session))
