"""The price-change notice (调价通知) on paper: A4 portrait, three households a page, cut lines between.

Each slip tells one household (account number, holder, address) the day the new prices take
effect and the old and new prices tier by tier: the year's bounds and the prices, the change,
the large-household extra with whether this household has it, how a reading period across the
day is billed, and the office's name and the day. Its bottom strip is the receipt
(回执: 已收到调价通知 户主签字 ____ 日期 ____), torn off along a dotted line and brought back by
the reader, marked with the route and the stop so the receipts sort back into walking order.
What is printed is notices.py's to decide; this module only lays it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from gasdesk.services.billing.schedules import Schedule
from gasdesk.services.core import labels
from gasdesk.services.printing.fonts import PdfFont
from gasdesk.services.printing.layout import escape, render, styles
from gasdesk.services.printing.pages import page_kind

if TYPE_CHECKING:
    from gasdesk.services.billing.notices import Household, PriceChange

PAGE = "A4"
SLIPS_PER_PAGE = 3
BASE_SIZE = 10.5  # larger than a sheet's 9.5: households read it at the door
_TIER_NAMES = "一二三四五六七八九十"
_GAP = "\u00a0" * 4  # between a line's parts: no-break spaces (a paragraph folds others into one)
_PAD = 3 * mm
_RECEIPT_MM = 19.0  # the tear-off strip at a slip's foot


def price_text(value: Decimal) -> str:
    """A price as the tariff gives it: at least two decimals, up to four (2.6100 → 2.61, 3.4550 → 3.455)."""
    whole, _, frac = f"{value.normalize():f}".partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def _m3(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _day(d: date) -> str:
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


def _tier_name(i: int, count: int) -> str:
    if count == 1:
        return "统一价格"
    return f"第{_TIER_NAMES[i]}档" if i < len(_TIER_NAMES) else f"第 {i + 1} 档"


def _bands(schedule: Schedule) -> list[str]:
    """Each tier's span of the year's use: 0～350 m³, 350～500 m³, 500 m³ 以上."""
    out, low = [], Decimal(0)
    for tier in schedule.tiers:
        if tier.up_to_m3 is None:
            out.append("全部用气量" if len(schedule.tiers) == 1 else f"{_m3(low)} m³ 以上")
        else:
            out.append(f"{_m3(low)}～{_m3(tier.up_to_m3)} m³")
            low = tier.up_to_m3
    return out


def _delta(old: Decimal, new: Decimal) -> str:
    d = new - old
    return "不变" if not d else f"{'+' if d > 0 else '−'}{price_text(abs(d))}"


def _tiers_table(change: PriceChange, cell: ParagraphStyle, width: float) -> PdfTable:
    """Old and new prices side by side: one bounds column when both schedules share their bounds,
    else each schedule's bounds beside its prices."""
    old, new = change.previous, change.schedule
    count = max(len(old.tiers), len(new.tiers))
    old_bands, new_bands = _bands(old), _bands(new)

    def price_at(s: Schedule, i: int) -> str:
        return price_text(s.tiers[i].price) if i < len(s.tiers) else "—"

    def band_at(bands: list[str], i: int) -> str:
        return bands[i] if i < len(bands) else "—"

    if old_bands == new_bands:
        head = ["档次", "年用气量", "调整前单价（元/m³）", "调整后单价（元/m³）", "每 m³ 变化（元）"]
        parts = [0.15, 0.24, 0.21, 0.21, 0.19]
        rows = [[_tier_name(i, count), new_bands[i], price_at(old, i), price_at(new, i),
                 _delta(old.tiers[i].price, new.tiers[i].price)] for i in range(count)]
    else:
        head = ["档次", "调整前年用气量", "调整前单价（元/m³）", "调整后年用气量", "调整后单价（元/m³）"]
        parts = [0.14, 0.22, 0.21, 0.22, 0.21]
        rows = [[_tier_name(i, count), band_at(old_bands, i), price_at(old, i), band_at(new_bands, i),
                 price_at(new, i)] for i in range(count)]
    head_style = ParagraphStyle("notice_head", parent=cell, alignment=1)
    table = PdfTable([[Paragraph(escape(h), head_style) for h in head], *rows], colWidths=[p * width for p in parts])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), cell.fontName),
        ("FONTSIZE", (0, 0), (-1, -1), cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), cell.leading),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8EE")),  # light: it prints on any office printer
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#666666")),
        ("ALIGN", (0, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
    ]))
    return table


def _large_text(schedule: Schedule) -> str:
    if schedule.large_min_persons is None or not schedule.large_extra_m3:
        return ""
    return f"家庭人口 {schedule.large_min_persons} 人及以上的，每档年用气量上限增加 {_m3(schedule.large_extra_m3)} m³"


def _rules(change: PriceChange, household: Household) -> str:
    """The lines under the table: the tariff year, the large-household extra, a period across the day."""
    new, old = change.schedule, change.previous
    parts = []
    if len(new.tiers) > 1:
        month, day = new.year_start
        parts.append(f"阶梯用气量按年度累计，每年 {month} 月 {day} 日起重新计算")
    large, large_before = _large_text(new), _large_text(old)
    if large:
        qualifies = new.large_min_persons is not None and household.household_size >= new.large_min_persons
        parts.append(f"{large}（本户登记 {household.household_size} 人，{'适用' if qualifies else '不适用'}）")
    if large_before and large_before != large:
        parts.append(f"调整前：{large_before}")
    parts.append(f"抄表周期跨过 {new.effective_from.month} 月 {new.effective_from.day} 日的，用气量按天数分摊，"
                 "分别按调整前、后的价格计算")
    return "；".join(parts) + "。如有疑问，请到营业厅咨询。"


def _dashed(canvas, x0: float, x1: float, y: float, label: str, font: str, *,  # type: ignore[no-untyped-def]
            dash: tuple[float, float], gray: float) -> None:
    """A dashed line across with a small label in a gap at its middle."""
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
    """One household's slip, a third of the page: the notice at its top (shrunk if it must), the
    receipt strip at its foot under a dotted tear line, a cut line under it unless it ends a page."""

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


@cache
def _styles(font: PdfFont) -> _Styles:
    st = styles(BASE_SIZE, font)

    def sized(name: str, parent: ParagraphStyle, size: float, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, fontSize=size, leading=size * 1.35, **kw)

    return _Styles(sized("notice_title", st.title, BASE_SIZE + 4.5, spaceAfter=1.2 * mm), st.body,
                   ParagraphStyle("notice_right", parent=st.body, alignment=2),
                   sized("notice_small", st.small, BASE_SIZE - 1.5), sized("notice_cell", st.cell, BASE_SIZE - 0.5))


def _slip(change: PriceChange, h: Household, where: str, office: str, notice_on: date, font: PdfFont,
          width: float, last_on_page: bool, copy: bool) -> _Slip:
    st = _styles(font)
    kind = labels.text(labels.ACCOUNT_TYPE, change.customer_type, "zh")
    notice = [
        # A copy says so on every slip too: the page's mark stays behind when the slips are cut apart.
        Paragraph(escape(f"{kind}用气价格调整通知（调价通知{'·副本' if copy else ''}）"), st.title),
        Paragraph(f"户号：<b>{escape(h.account_number)}</b>{_GAP}户名：{escape(h.holder_name)}{_GAP}"
                  f"地址：{escape(h.address)}", st.body),
        Spacer(1, 1 * mm),
        Paragraph(escape(f"尊敬的燃气用户：经价格主管部门批准，自 {_day(change.effective_from)}起，"
                         f"{kind}管道燃气价格调整如下："), st.body),
        Spacer(1, 1.2 * mm),
        _tiers_table(change, st.cell, width - 2 * _PAD),
        Spacer(1, 1.2 * mm),
        Paragraph(escape(_rules(change, h)), st.small),
        Paragraph(escape(f"{office or '燃气营业厅'}{_GAP}{_day(notice_on)}"), st.right),
    ]
    receipt = [
        Paragraph(f"<b>回执</b>{_GAP}户号 {escape(h.account_number)}{_GAP}户名 {escape(h.holder_name)}{_GAP}"
                  f"{escape(change.title('zh'))}{_GAP}<font size={BASE_SIZE - 2}>（{escape(where)}）</font>", st.body),
        Spacer(1, 2 * mm),
        Paragraph(f"已收到调价通知。{_GAP}户主签字 ________________{_GAP}日期 ________ 年 ____ 月 ____ 日", st.body),
    ]
    # A4's frame is its height less the sheet margins; a fraction of a mm of slack: three always fit.
    kind_a4 = page_kind(PAGE)
    frame_height = kind_a4.height - (kind_a4.margins_mm[2] + kind_a4.margins_mm[3]) * mm  # type: ignore[operator]
    return _Slip(notice, receipt, frame_height / SLIPS_PER_PAGE - 0.5, not last_on_page, font.name)


def slips_pdf(change: PriceChange, households: Sequence[Household], wheres: Sequence[str], *, office: str,
              notice_on: date, footer: str, copy: bool, invariant: bool, font: PdfFont) -> bytes:
    """The households' slips in the order given (``wheres``: each one's route and stop, for the
    receipt), three to a page."""
    width = page_kind(PAGE).frame_width
    story: list[Flowable] = []
    for i, (h, where) in enumerate(zip(households, wheres, strict=True)):
        last_on_page = i % SLIPS_PER_PAGE == SLIPS_PER_PAGE - 1 or i == len(households) - 1
        story.append(_slip(change, h, where, office, notice_on, font, width, last_on_page, copy))
    return render(story, page=PAGE, title="调价通知", footer=footer, copy_mark=copy, invariant=invariant, font=font)
