"""The xlsx writer every export uses: exact values, formula injection neutralised, odd text survives."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gasdesk.services.reports.export import XlsxSheet, neutralise, sheet_name, xlsx_bytes


def workbook(*sheets: XlsxSheet):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(xlsx_bytes(list(sheets))))


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+86 138", "'+86 138"),
    ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("张三", "张三"),
    ("a=b", "a=b"),
    ("", ""),
    ("\x00=1", "'=1"),  # XML cannot carry NUL; once dropped the rest is checked again
    (Decimal("-5.00"), Decimal("-5.00")),  # numbers are numbers, negative or not
    (None, None),
])
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_values_read_back_exactly_with_formats() -> None:
    frame = pd.DataFrame({
        "名称": ["=1+1", "张三", None],
        "日期": [date(2026, 1, 2), None, date(2026, 12, 31)],
        "金额": [Decimal("1234.50"), Decimal("-0.01"), None],
        "数量": pd.Series([1, 2, 3], dtype="int64"),
        "比例": [np.nan, 1.5, 2.0],
    })
    ws = workbook(XlsxSheet("表", frame, widths={"名称": 30}, money=frozenset({"金额"}),
                            dates=frozenset({"日期"})))["表"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["名称", "日期", "金额", "数量", "比例"],
        ["'=1+1", datetime(2026, 1, 2), 1234.5, 1, None],
        ["张三", None, -0.01, 2, 1.5],
        [None, datetime(2026, 12, 31), None, 3, 2.0],
    ]
    assert ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["C2"].number_format == "#,##0.00"
    assert ws["A2"].data_type == "s"
    assert all(c.font.b for c in ws[1])
    assert ws.column_dimensions["A"].width == 30
    assert ws.column_dimensions["C"].width == 8  # "金额" counts 4, plus 4
    assert ws.auto_filter.ref == "A1:E4"


def test_empty_frame_says_so() -> None:
    ws = workbook(XlsxSheet("空", pd.DataFrame({"户号": pd.Series(dtype=object)})))["空"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["户号"], ["（无记录）"]]


def test_sheet_names_are_made_acceptable_to_excel() -> None:
    assert sheet_name("2026/01 登记册[草稿]") == "2026_01 登记册_草稿_"
    assert sheet_name("x" * 40) == "x" * 31
    assert sheet_name("''") == "Sheet"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=8))
def test_any_text_exports_as_text_never_a_formula(texts: list[str]) -> None:
    ws = workbook(XlsxSheet("t", pd.DataFrame({"名称": texts})))["t"]
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert len(cells) == len(texts)
    for cell, original in zip(cells, texts, strict=True):
        assert cell.data_type != "f"
        # XML reads every CR / CRLF back as LF; an empty string reads back as an empty cell.
        expected = str(neutralise(original)).replace("\r\n", "\n").replace("\r", "\n")
        assert cell.value == (expected or None)
