"""The receipt's two layouts, read back as a PDF viewer would: what is printed, and that it fits."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from reportlab.lib.units import mm

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "printing"))
from printing_support import pdf_text

from gasdesk.services.cashier.receipt_doc import ReceiptDoc, ReceiptItem
from gasdesk.services.cashier.receipt_pdf import receipt_pdf
from gasdesk.services.core.errors import ValidationError

LAYOUTS = ("roll", "a5")
LONG_ADDRESS = ("城东区幸福街道光明社区幸福路一百八十八号锦绣花园小区东区十八栋三单元二十一楼二一零五室"
                "靠近南门保安亭旁边的那一栋楼的西侧")
assert len(LONG_ADDRESS) == 60


def receipt(**changes: object) -> ReceiptDoc:
    """A WeChat payment for a bill and a charge: ¥1,005.00 in all."""
    doc = ReceiptDoc(
        company="城东燃气营业厅", counter="C01", clerk="王芳（wangf）", number="C01-A-0000123", kind="payment",
        status="issued", account_number="0100123", holder="张*", address="幸福路 18 号 3 栋 2 单元 501 室",
        items=(ReceiptItem("气费", "2026-01-13～2026-02-11  302.000 m³", Decimal("905.00")),
               ReceiptItem("燃气表检定费", "", Decimal("100.00"))),
        prepayment=Decimal("0.00"), method="微信", reference="4200002345202602121234567890",
        amount=Decimal("1005.00"), tendered=None, change=None, balance_after=Decimal("0.00"),
        issued_at=datetime(2026, 2, 12, 9, 35), business_date=date(2026, 2, 11), copy=False,
    )
    return replace(doc, **changes)  # type: ignore[arg-type]


def cash_receipt() -> ReceiptDoc:
    """Cash for two bills and ¥62.53 to prepayment: ¥200.00 of ¥300.00 tendered, ¥100.00 change."""
    return receipt(items=(ReceiptItem("气费", "2025-12-13～2026-01-12  32.000 m³", Decimal("99.20")),
                          ReceiptItem("气费", "2026-01-13～2026-02-11  12.345 m³", Decimal("38.27"))),
                   prepayment=Decimal("62.53"), method="现金", reference="", amount=Decimal("200.00"),
                   tendered=Decimal("300.00"), change=Decimal("100.00"), balance_after=Decimal("62.53"))


def flat(text: str) -> str:
    """The text without line breaks and spaces: a wrapped line reads as one."""
    return re.sub(r"\s+", "", text)


def page_count(data: bytes) -> int:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def page_size_mm(data: bytes) -> tuple[float, float]:
    pdf = pypdfium2.PdfDocument(data)
    try:
        width, height = pdf[0].get_size()
        return width / mm, height / mm
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
def test_a_payment_receipt_shows_the_account_the_items_the_total_and_how_it_was_paid(layout: str) -> None:
    text = pdf_text(receipt_pdf(receipt(), layout, invariant=True))
    for words in ("城东燃气营业厅", "收款收据", "C01-A-0000123", "C01", "王芳（wangf）", "2026-02-12 09:35",
                  "2026-02-11", "0100123", "张*", "气费", "燃气表检定费", "¥905.00", "¥100.00", "¥1,005.00",
                  "壹仟零伍元整", "微信", "合计", "大写"):
        assert words in text, words
    assert "4200002345202602121234567890" in flat(text)  # a long reference may wrap on the roll
    assert flat("2026-01-13～2026-02-11  302.000 m³") in flat(text)
    assert "作废" not in text and "副本" not in text and "实收" not in text
    assert "请妥善保管本收据" in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_cash_receipt_shows_the_prepayment_the_tendered_cash_and_the_change(layout: str) -> None:
    text = pdf_text(receipt_pdf(cash_receipt(), layout, invariant=True))
    for words in ("现金", "¥99.20", "¥38.27", "预存", "¥62.53", "¥200.00", "贰佰元整", "实收", "¥300.00",
                  "找零", "¥100.00", "余额"):
        assert words in text, words
    assert "交易参考号" not in text  # cash has no reference


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_negative_balance_reads_as_arrears(layout: str) -> None:
    text = pdf_text(receipt_pdf(receipt(balance_after=Decimal("-30.50")), layout, invariant=True))
    assert "欠费 ¥30.50" in text and "-¥30.50" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_void_copy_says_void_near_its_top_and_copy(layout: str) -> None:
    text = pdf_text(receipt_pdf(receipt(status="void", copy=True), layout, invariant=True))
    assert "作废 VOID" in text and "副本" in text
    assert text.index("作废") < text.index("0100123")  # above the account, not lost at the foot
    assert "作废" not in pdf_text(receipt_pdf(receipt(copy=True), layout, invariant=True))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_refund_has_the_refund_title(layout: str) -> None:
    doc = receipt(kind="refund", items=(ReceiptItem("退预存款", "销户退还预存余额", Decimal("88.60")),),
                  amount=Decimal("88.60"), method="银行转账", reference="BT20260212-0091")
    text = pdf_text(receipt_pdf(doc, layout, invariant=True))
    for words in ("退款收据", "退预存款", "¥88.60", "捌拾捌元陆角整", "银行转账", "BT20260212-0091"):
        assert words in text, words
    assert "收款收据" not in text


def test_an_empty_company_name_prints_the_default() -> None:
    for layout in LAYOUTS:
        assert "燃气营业厅" in pdf_text(receipt_pdf(receipt(company=""), layout, invariant=True))


def test_a_layout_other_than_roll_or_a5_is_refused_in_words() -> None:
    with pytest.raises(ValidationError, match="收据版式只能是 roll（80 毫米卷纸）或 a5") as refused:
        receipt_pdf(receipt(), "A4")
    assert "roll" in refused.value.en


def test_the_papers_are_the_80_mm_roll_and_an_a5_portrait_sheet() -> None:
    width, height = page_size_mm(receipt_pdf(receipt(), "roll", invariant=True))
    assert width == pytest.approx(80.0, abs=0.01) and 60 < height < 250
    assert page_size_mm(receipt_pdf(receipt(), "a5", invariant=True)) == pytest.approx((148.0, 210.0), abs=0.2)


def test_twelve_items_are_still_one_roll_and_one_a5_page() -> None:
    items = tuple(ReceiptItem("气费", f"2025-{m:02d}-13～2025-{m:02d}-28  1{m}.000 m³", Decimal(f"{m}0.00"))
                  for m in range(1, 13))
    doc = receipt(items=items, amount=sum((i.amount for i in items), Decimal("0.00")))
    roll, a5 = receipt_pdf(doc, "roll", invariant=True), receipt_pdf(doc, "a5", invariant=True)
    assert page_count(roll) == 1 and page_count(a5) == 1
    for data in (roll, a5):
        text = pdf_text(data)
        assert text.count("气费") == 12 and "¥780.00" in text and "柒佰捌拾元整" in text


def test_a_long_address_and_detail_wrap_on_the_roll_nothing_cut_at_the_right() -> None:
    doc = receipt(address=LONG_ADDRESS, items=(ReceiptItem("其他费用", "更换燃气表及管道改造（含材料费、人工费、"
                                                                 "上门服务费）2026-02-12", Decimal("1005.00")),))
    data = receipt_pdf(doc, "roll", invariant=True)
    text = flat(pdf_text(data))
    assert LONG_ADDRESS in text
    assert flat("更换燃气表及管道改造（含材料费、人工费、上门服务费）2026-02-12") in text
    left, right = ink_columns_mm(data)
    # The printer reaches 4..76 mm (half a pixel of slack for a rule's width): nothing past it.
    assert left >= 3.7 and right <= 76.3
    assert LONG_ADDRESS in flat(pdf_text(receipt_pdf(doc, "a5", invariant=True)))


def test_the_same_receipt_twice_is_byte_identical_in_invariant_mode() -> None:
    for layout in LAYOUTS:
        assert receipt_pdf(receipt(), layout, invariant=True) == receipt_pdf(receipt(), layout, invariant=True)
