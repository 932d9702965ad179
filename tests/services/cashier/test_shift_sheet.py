"""The shift closing sheet (日结单) on A4 and the 80 mm roll, read back as a PDF viewer would."""

from __future__ import annotations

import re
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from reportlab.lib.units import mm

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "printing"))
from printing_support import pdf_pages, pdf_text

from gasdesk.services.cashier.shift_report import Closing, ReceiptLine, ShiftReport
from gasdesk.services.cashier.shift_sheet import denomination_text, difference_text, shift_sheet_pdf
from gasdesk.services.core.errors import ValidationError

D = Decimal
LAYOUTS = ("a4", "roll")
CHAIN = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
STAMP = datetime(2026, 2, 11, 17, 48)


def receipts(count: int, voids: set[int] = frozenset(), refunds: set[int] = frozenset()) -> tuple[ReceiptLine, ...]:
    """Receipts C01-A-0000001 on, each for ¥100.00 plus its number (account 0100001 on)."""
    methods = ("cash", "wechat", "alipay", "card")
    return tuple(ReceiptLine(f"C01-A-{i:07d}", "refund" if i in refunds else "payment",
                             "void" if i in voids else "issued", D("100.00") + i, methods[i % 4], f"0100{i:03d}")
                 for i in range(1, count + 1))


def closing(**changes: object) -> Closing:
    """¥1,531.17 counted against ¥1,543.47 expected: ¥12.30 short, explained."""
    c = Closing(counts="100x12,50x3,20x4,10x8,5x2,1x9,0.5x3,0.1x6,0.01x7", counted=D("1531.17"),
                expected=D("1543.47"), difference=D("-12.30"), explanation="找零时多找给用户 12.30 元，次日送还。",
                closed_by="wangf", approved_by="lisup", chain_head=CHAIN,
                closed_at=datetime(2026, 2, 11, 9, 42))
    return replace(c, **changes)  # type: ignore[arg-type]


def report(**changes: object) -> ShiftReport:
    """A closed shift of 23 receipts (5 and 17 void, 11 and 20 refunds): ¥12,173.97 in by four methods."""
    r = ShiftReport(
        shift_id=57, counter="C01", login="wangf", name="王芳", business_date=date(2026, 2, 11),
        opened_at=datetime(2026, 2, 11, 8, 30), status="closed",
        by_method={"alipay": D("2310.00"), "card": D("5200.00"), "cash": D("1543.47"), "wechat": D("3120.50")},
        by_kind={"gas_charge": D("10450.97"), "penalty": D("23.00"), "prepayment": D("1700.00")},
        receipts=receipts(23, voids={5, 17}, refunds={11, 20}), cash_expected=D("1543.47"), closing=closing())
    return replace(r, **changes)  # type: ignore[arg-type]


def open_report() -> ShiftReport:
    return report(status="open", closing=None)


def sheet(r: ShiftReport, layout: str, **kw: object) -> bytes:
    return shift_sheet_pdf(r, layout, company="城东燃气营业厅", printed_by="王芳", invariant=True,
                           printed_at=STAMP, **kw)  # type: ignore[arg-type]


def flat(text: str) -> str:
    """The text without line breaks and spaces: a wrapped line reads as one."""
    return re.sub(r"\s+", "", text)


def page_sizes_mm(data: bytes) -> list[tuple[float, float]]:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return [(pdf[i].get_size()[0] / mm, pdf[i].get_size()[1] / mm) for i in range(len(pdf))]
    finally:
        pdf.close()


def ink_columns_mm(data: bytes, dpi: int = 150) -> tuple[float, float]:
    """The leftmost and rightmost ink on the first page, in mm from its left edge."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        grey = np.asarray(pdf[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
    finally:
        pdf.close()
    _rows, cols = np.nonzero(grey < 200)
    return cols.min() * 25.4 / dpi, (cols.max() + 1) * 25.4 / dpi


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_closed_shift_is_a_closing_sheet_with_its_header(layout: str) -> None:
    text = pdf_text(sheet(report(), layout))
    for words in ("城东燃气营业厅", "日结单", "C01", "王芳（wangf）", "2026-02-11", "57", "2026-02-11 08:30",
                  "2026-02-11 09:42", "打印：王芳", "2026-02-11 17:48"):
        assert words in text, words
    assert "未结班" not in text and "班次报表" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_open_shift_is_a_shift_report_marked_as_a_preview(layout: str) -> None:
    text = pdf_text(sheet(open_report(), layout))
    assert "班次报表" in text and "未结班（预览）" in text and "日结单" not in text
    assert text.index("未结班（预览）") < text.index("收款方式")  # at the top, where nobody reads past it
    assert "应有现金" in text and "¥1,543.47" in text
    for closing_words in ("实点现金 ¥", "差额说明", "账链校验码", "确认主管", "签字"):
        assert closing_words not in text, closing_words


@pytest.mark.parametrize("layout", LAYOUTS)
def test_money_by_method_and_by_kind_with_the_total_exactly_and_in_capitals(layout: str) -> None:
    text = pdf_text(sheet(report(), layout))
    lines = [line.strip() for line in text.splitlines()]
    for method, amount in (("支付宝", "¥2,310.00"), ("银行卡", "¥5,200.00"), ("现金", "¥1,543.47"),
                           ("微信", "¥3,120.50"), ("合计", "¥12,173.97")):
        assert f"{method} {amount}" in lines or f"{method}{amount}" in flat(text), method
    for kind, amount in (("气费", "¥10,450.97"), ("滞纳金", "¥23.00"), ("预付款", "¥1,700.00")):
        assert kind in text and amount in text, kind
    assert "壹万贰仟壹佰柒拾叁元玖角柒分" in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_receipts_range_and_the_void_and_refund_receipts_one_by_one(layout: str) -> None:
    text = pdf_text(sheet(report(), layout))
    assert "C01-A-0000001" in text and "C01-A-0000023" in text and "共 23 张" in text
    for number, account, amount in (("C01-A-0000005", "0100005", "¥105.00"), ("C01-A-0000017", "0100017", "¥117.00"),
                                    ("C01-A-0000011", "0100011", "¥111.00"), ("C01-A-0000020", "0100020", "¥120.00")):
        assert number in text and account in text and amount in text, number
    assert "作废" in text and "退款" in text
    assert "C01-A-0000006" not in text  # an ordinary receipt is counted, not listed
    assert "¥222.00" in text and "¥231.00" in text  # the voids' and the refunds' sums


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_cash_counted_by_denomination_with_its_total_and_the_short_explained(layout: str) -> None:
    text = pdf_text(sheet(report(), layout))
    for words in ("面额", "张(枚)数", "100元 12 ¥1,200.00", "10元 8 ¥80.00", "5角 3 ¥1.50", "1角 6 ¥0.60",
                  "1分 7 ¥0.07", "实点现金 54 ¥1,531.17", "应有现金", "短款 ¥12.30", "找零时多找给用户"):
        assert words in text, words
    assert flat("找零时多找给用户 12.30 元，次日送还。") in flat(text)
    assert "注意" not in text  # the count agrees with the counted total
    assert "长款" not in text and "无差额" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_over_and_even_read_as_long_and_no_difference(layout: str) -> None:
    over = report(closing=closing(counted=D("1553.47"), difference=D("10.00"), counts="100x15,50x1,1x3,0.01x47",
                                  explanation="用户多付未找零"))
    text = pdf_text(sheet(over, layout))
    assert "长款 ¥10.00" in text and "用户多付未找零" in text and "短款" not in text
    even = report(closing=closing(counted=D("1543.47"), difference=D("0.00"), counts="100x15,20x2,1x3,0.01x47",
                                  explanation=""))
    text = pdf_text(sheet(even, layout))
    assert "无差额" in text and "长款" not in text and "短款" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_who_closed_who_confirmed_and_the_chain_head(layout: str) -> None:
    text = pdf_text(sheet(report(), layout))
    assert "结班人" in text and "确认主管" in text and "lisup" in text
    assert "账链校验码" in text and CHAIN in flat(text)


def test_the_a4_sheet_has_signature_lines_and_the_roll_none() -> None:
    a4 = pdf_text(sheet(report(), "a4"))
    for who in ("收款员签字", "主管签字", "财务接收人签字"):
        assert who in a4, who
    assert "签字" not in pdf_text(sheet(report(), "roll"))


def test_a_count_that_disagrees_with_the_counted_total_is_pointed_out() -> None:
    text = pdf_text(sheet(report(closing=closing(counts="100x12")), "a4"))
    assert "点钞明细合计 ¥1,200.00 与实点现金 ¥1,531.17 不符" in text


def test_an_empty_shift_still_prints() -> None:
    empty = report(by_method={}, by_kind={}, receipts=(), cash_expected=D("0.00"),
                   closing=closing(counts="", counted=D("0.00"), expected=D("0.00"), difference=D("0.00"),
                                   explanation=""))
    for layout in LAYOUTS:
        text = pdf_text(sheet(empty, layout))
        assert "本班无收款" in text and "本班未开收据" in text and "零元整" in text and "无差额" in text


def test_words_for_differences_and_denominations() -> None:
    assert [difference_text(D(v)) for v in ("3.00", "-12.30", "0.00")] == ["长款 ¥3.00", "短款 ¥12.30", "无差额"]
    assert [denomination_text(D(v)) for v in ("100", "1", "0.5", "0.1", "0.05", "0.01")] == \
        ["100元", "1元", "5角", "1角", "5分", "1分"]


def test_a_layout_other_than_a4_or_roll_is_refused_in_words() -> None:
    with pytest.raises(ValidationError, match="日结单版式只能是 a4 或 roll（80 毫米卷纸）") as refused:
        shift_sheet_pdf(report(), "a5")
    assert "a4" in refused.value.en


def test_the_papers_are_a4_and_the_80_mm_roll_with_nothing_past_its_print_width() -> None:
    a4 = sheet(report(), "a4")
    assert page_sizes_mm(a4) == [pytest.approx((210.0, 297.0), abs=0.2)]  # a usual day: one page, signed
    roll = sheet(report(), "roll")
    [(width, height)] = page_sizes_mm(roll)
    assert width == pytest.approx(80.0, abs=0.01) and 150 < height < 600
    left, right = ink_columns_mm(roll)
    assert left >= 3.7 and right <= 76.3  # the printer reaches 4..76 mm


def test_a_busy_day_prints_in_reasonable_time_on_several_a4_pages_and_one_roll() -> None:
    busy = report(receipts=receipts(1000, voids=set(range(7, 1000, 25)), refunds=set(range(13, 1000, 60))))
    assert len(busy.voids) == 40
    start = time.perf_counter()
    a4, roll = sheet(busy, "a4"), sheet(busy, "roll")
    assert time.perf_counter() - start < 10
    pages = pdf_pages(a4)
    assert len(pages) >= 2 and all(f"第 {i} 页" in p for i, p in enumerate(pages, start=1))
    text = "\n".join(pages)
    assert "共 1000 张" in text and "C01-A-0001000" in text
    assert all(text.count(r.number) == 1 for r in busy.voids + busy.refunds)
    assert "收款员签字" in pages[-1] and "实点现金" in pages[-1]  # the signatures stay with the figures
    assert len(page_sizes_mm(roll)) == 1
    roll_text = pdf_text(roll)
    assert all(r.number in roll_text for r in busy.voids + busy.refunds)
    left, right = ink_columns_mm(roll)
    assert left >= 3.7 and right <= 76.3


def test_utc_times_print_as_local_time() -> None:
    at = datetime(2026, 2, 11, 1, 30, tzinfo=UTC)
    text = pdf_text(sheet(report(opened_at=at), "a4"))
    assert f"{at.astimezone():%Y-%m-%d %H:%M}" in text


def test_the_same_sheet_twice_is_byte_identical_in_invariant_mode() -> None:
    for r in (report(), open_report()):
        for layout in LAYOUTS:
            assert shift_sheet_pdf(r, layout, invariant=True) == shift_sheet_pdf(r, layout, invariant=True)
