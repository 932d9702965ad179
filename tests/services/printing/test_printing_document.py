"""The printing core: multi-page table sheets, chunked long tables, cells that fit or wrap."""

from __future__ import annotations

from printing_support import pdf_pages, pdf_text
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from gasdesk.services.printing.document import SheetSpec, _cell, styles, table_sheet

COLUMNS = ["序号", "户主", "地址"]


def spec(rows: int, **kw: object) -> SheetSpec:
    data = [(i, f"用户{i}", f"阳光花园 3栋2单元{i}") for i in range(1, rows + 1)]
    return SheetSpec("测试清单", COLUMNS, data, widths_mm=[15, 30, 60], **kw)  # type: ignore[arg-type]


def test_a_sheet_of_several_pages_without_copy_mark_prints() -> None:
    pages = pdf_pages(table_sheet(spec(120), invariant=True))
    assert len(pages) > 1
    assert all("序号" in p for p in pages)  # the header repeats
    assert [f"第 {i} 页" in p for i, p in enumerate(pages, start=1)] == [True] * len(pages)
    assert "副本" not in "".join(pages)


def test_a_long_table_is_laid_out_page_by_page_with_every_row_once() -> None:
    pages = pdf_pages(table_sheet(spec(400)))
    text = "\n".join(pages)
    for i in range(1, 401):
        assert text.count(f"用户{i} ") == 1
    # One header per page, at its top: a page's rows are one table.
    assert [p.count("序号") for p in pages] == [1] * len(pages)
    assert all(p.split("序号", 1)[1].lstrip().startswith("户主") for p in pages)
    per_page = [p.count("用户") for p in pages]
    assert sum(per_page) == 400 and min(per_page[:-1]) >= 40  # full pages, not a few rows each


def test_tall_rows_fill_pages_too() -> None:
    pages = pdf_pages(table_sheet(spec(60, row_height_mm=12)))
    assert [p.count("用户") for p in pages][:2] == [20, 21]


def test_copy_mark_on_every_page() -> None:
    pages = pdf_pages(table_sheet(spec(120, copy_mark=True)))
    assert all("副本 COPY" in p for p in pages)


def test_empty_sheet_says_no_records() -> None:
    assert "（无记录）" in pdf_text(table_sheet(spec(0)))


def test_a_cell_is_plain_text_when_it_fits_and_wraps_when_it_does_not() -> None:
    st = styles()
    assert _cell("张三", 20 * mm, st.cell) == "张三"
    assert isinstance(_cell("某某餐饮管理有限公司第一分公司", 20 * mm, st.cell), Paragraph)
    assert isinstance(_cell("两行\n文字", 60 * mm, st.cell), Paragraph)
    assert isinstance(_cell("a<b", None, st.cell), Paragraph)  # no width: always a Paragraph


def test_a_long_name_wraps_inside_its_column() -> None:
    name = "某某餐饮管理有限公司第一分公司"
    sheet = SheetSpec("测试", COLUMNS, [(1, name, "建设路 20 号")], widths_mm=[15, 30, 60])
    assert name in pdf_text(table_sheet(sheet)).replace("\r\n", "")


def test_no_page_is_blank_whatever_the_row_count() -> None:
    """Trailing spacers that miss the page must not start an empty last page."""
    for rows in range(14, 26):
        pages = pdf_pages(table_sheet(spec(rows, row_height_mm=12, footer_lines=["签字：____", "日期：____"])))
        assert all(("用户" in p or "签字" in p) for p in pages), rows
        assert "签字：____" in pages[-1] and "日期：____" in pages[-1]
