"""Papers: the 80 mm roll as long as its content, A4/A5 sheets, and the configured print font."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from printing_support import pdf_pages, pdf_text
from reportlab.lib.units import mm

from gasdesk.services.core import settings
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.printing import fonts
from gasdesk.services.printing.document import Col, Sheet, Table, sheet_pdf
from gasdesk.services.printing.pages import page_kind, printer_class_for_size
from gasdesk.services.printing.sample import TITLE, sample_pdf


def page_sizes_mm(data: bytes) -> list[tuple[float, float]]:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return [(w / mm, h / mm) for w, h in (pdf[i].get_size() for i in range(len(pdf)))]
    finally:
        pdf.close()


def rendered(data: bytes, dpi: int = 150) -> np.ndarray:
    """The first page as a grey-level array (0 black .. 255 white), as a viewer would show it."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        image = pdf[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        return np.asarray(image)
    finally:
        pdf.close()


def ink_box_mm(data: bytes, dpi: int = 150) -> tuple[float, float, float, float]:
    """Left, right, top, bottom of everything drawn on the first page, in mm from the top left."""
    grey = rendered(data, dpi)
    rows, cols = np.nonzero(grey < 200)
    px = 25.4 / dpi
    return cols.min() * px, (cols.max() + 1) * px, rows.min() * px, (rows.max() + 1) * px


def roll(rows: int) -> bytes:
    table = Table("t", [(f"燃气费 {i}", f"{i}.00") for i in range(rows)], [Col("项目", 50), Col("金额", 22, "money")],
                  numbered=False)
    return sheet_pdf(Sheet("收据", [table], page="roll80", printed_by="张三"), invariant=True)


def test_the_roll_sample_is_one_page_80_mm_wide_as_long_as_its_content_without_a_page_number() -> None:
    data = sample_pdf(office="城东燃气营业厅", printed_by="张三", invariant=True)
    [(width, height)] = page_sizes_mm(data)
    assert width == pytest.approx(80.0, abs=0.01)
    assert 40 < height < 150  # as long as the content, not a sheet's length
    text = pdf_text(data)
    for words in ("城东燃气营业厅", TITLE, "管道燃气费（居民）", "179.20", "壹佰柒拾玖元贰角整", "打印：张三"):
        assert words in text
    assert "第 1 页" not in text and "页" not in text.replace("测试页", "")
    left, right, top, bottom = ink_box_mm(data)
    # Within the 72 mm the printer prints (a pixel of slack for the grid line's half width): nothing cut.
    assert left >= 3.7 and right <= 76.3
    assert right > 70  # the table spans the printable width
    assert top >= 3.5 and height - bottom == pytest.approx(8.0, abs=1.5)  # the content ends at the bottom margin


def test_a_longer_roll_is_a_longer_page_never_a_second_one() -> None:
    short, long = page_sizes_mm(roll(3)), page_sizes_mm(roll(60))
    assert len(short) == len(long) == 1
    assert long[0][0] == short[0][0] == pytest.approx(80.0, abs=0.01)
    assert long[0][1] > short[0][1] + 57 * 4  # each row adds its height (over 4 mm a row)
    assert pdf_text(roll(60)).count("燃气费") == 60


def test_the_chinese_text_is_drawn_on_the_roll_not_only_present_as_text() -> None:
    data = sample_pdf(invariant=True)
    grey = rendered(data)
    dpi_mm = 150 / 25.4
    title_band = grey[int(4 * dpi_mm):int(14 * dpi_mm), :]  # the title, 4 mm below the top edge
    assert (title_band < 100).sum() > 500  # glyphs in black ink, not empty boxes or nothing
    assert (grey < 100).mean() > 0.01


def test_a_copy_on_the_roll_says_so_in_black_at_its_top() -> None:
    data = sample_pdf(copy_mark=True, invariant=True)
    assert pdf_text(data).lstrip().startswith("—— 副本 COPY ——")


def test_sheets_keep_their_paper_size_and_page_numbers() -> None:
    a5 = sample_pdf("A5", invariant=True)
    assert page_sizes_mm(a5) == [pytest.approx((148.0, 210.0), abs=0.2)]
    assert "第 1 页" in pdf_pages(a5)[0]
    assert page_sizes_mm(sample_pdf("A4-landscape", invariant=True)) == [pytest.approx((297.0, 210.0), abs=0.2)]


def test_the_printer_class_follows_the_paper() -> None:
    assert printer_class_for_size(80 * mm, 120 * mm) == "roll"
    for name, expected in (("A4", "A4"), ("A4-landscape", "A4"), ("A5", "A5"), ("A5-landscape", "A5")):
        kind = page_kind(name)
        assert kind.height is not None and printer_class_for_size(kind.width, kind.height) == expected
    with pytest.raises(ValidationError, match="没有这种纸张"):
        page_kind("B5")


def test_the_same_sample_twice_is_byte_identical_in_invariant_mode() -> None:
    assert sample_pdf(invariant=True) == sample_pdf(invariant=True)


CJK_TTF = next((p for p, _i in fonts.CANDIDATES if p.is_file() and p.suffix.lower() == ".ttf"
                 and fonts._try_ttf(p, 0) is not None), None)
DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")


@pytest.mark.skipif(not DROID.is_file(), reason="no DroidSansFallback on this machine")
def test_a_cjk_font_without_figures_is_passed_over() -> None:
    assert fonts._try_ttf(DROID, 0) is None  # its amounts and numbers would print blank


@pytest.mark.skipif(CJK_TTF is None, reason="no CJK TrueType font file on this machine")
def test_the_print_font_setting_picks_the_font_and_a_bad_one_falls_back(office, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("GASDESK_PDF_FONT", raising=False)
    assert CJK_TTF is not None
    with office.db.write() as s:
        default = fonts.configured_font(s)
        settings.set_value(s, office.admin, "print_font", str(CJK_TTF))
        chosen = fonts.configured_font(s)
        settings.set_value(s, office.admin, "print_font", CJK_TTF.name)  # a file name in a font folder
        by_name = fonts.configured_font(s)
        settings.set_value(s, office.admin, "print_font", str(Path("/nowhere/font.ttf")))
        missing = fonts.configured_font(s)
    assert chosen.source == str(CJK_TTF) and chosen.embedded
    assert by_name.source == str(CJK_TTF)
    assert missing == default  # as if no font were configured
    data = sample_pdf(font=chosen, invariant=True)
    assert TITLE in pdf_text(data) and (rendered(data) < 100).sum() > 500
