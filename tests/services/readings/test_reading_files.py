"""The file layer of a readings import: CSV in every encoding a handheld or a spreadsheet saves,
XLSX cells as exact text, the refusals in words, dates and kinds, and the rejects file.

(Named test_reading_files.py: tests/services/test_files.py exists and the test folders are not
packages, so two test_files.py would clash.)"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from gasdesk.services.core.errors import ValidationError
from gasdesk.services.readings import files
from gasdesk.services.readings.files import (
    float_text,
    parse_date,
    parse_kind,
    read_file,
    rejects_path,
    write_rejects,
)

ZH_HEADER = "户号,表号,本次读数,抄表日期,备注,类型"
EN_HEADER = "account,meter,reading,date,note,kind"
ROWS = ["010000017,M-001,1234.5,2027-03-31,门口,实抄", "010000025,M-002,88,2027/3/31,,估抄"]


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "readings.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def table(*lines: str, sep: str = ",") -> str:
    return "\r\n".join(line.replace(",", sep) for line in lines) + "\r\n"


def fields(result: files.ReadingFile) -> list[dict[str, str]]:
    return [dict(row.fields) for row in result.rows]


FIRST = {"account": "010000017", "meter": "M-001", "reading": "1234.5", "date": "2027-03-31", "note": "门口",
         "kind": "实抄"}
SECOND = {"account": "010000025", "meter": "M-002", "reading": "88", "date": "2027/3/31", "note": "", "kind": "估抄"}


def refusal(path: Path) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        read_file(path)
    return caught.value


# --- CSV encodings and shapes -----------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "reported"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16", "utf-16"),
])
def test_csv_in_each_encoding_a_spreadsheet_saves(tmp_path: Path, encoding: str, reported: str) -> None:
    result = read_file(write(tmp_path, table(ZH_HEADER, *ROWS), encoding))
    assert result.encoding == reported
    assert result.headers == tuple(ZH_HEADER.split(","))  # the BOM is not part of the first header
    assert fields(result) == [FIRST, SECOND]
    assert [row.line for row in result.rows] == [2, 3]
    assert result.rows[0].cells == tuple(ROWS[0].split(","))


def test_gb18030_beyond_gbk(tmp_path: Path) -> None:
    # 𠀀 (U+20000) exists in GB18030 only (four bytes), not in GBK.
    result = read_file(write(tmp_path, table(ZH_HEADER, "010000017,M-001,1,2027-03-31,住户𠀀,"), "gb18030"))
    assert result.encoding == "gb18030"
    assert result.rows[0].fields["note"] == "住户𠀀"


def test_the_detector_is_used_only_when_it_sees_one_decoding(tmp_path: Path) -> None:
    body = table(EN_HEADER, *["010000017,M1,12.5,2027-03-31,ｶﾞｽ ﾒｰﾀｰ 点検済み,"] * 30)
    result = read_file(write(tmp_path, body, "shift_jis"))  # neither UTF-8 nor GB18030
    assert result.encoding == "cp932"
    assert result.rows[0].fields["note"] == "ｶﾞｽ ﾒｰﾀｰ 点検済み"


def test_an_encoding_the_detector_is_not_sure_of_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, table(EN_HEADER, "010000017,M1,12.5,2027-03-31,Café; déjà,"), "cp1252")
    assert refusal(path).zh == f"无法识别文件的文字编码：{path}。请在表格程序里另存为“CSV UTF-8（逗号分隔）”后再导入。"


@pytest.mark.parametrize("sep", ["\t", ";"])
def test_tab_and_semicolon_separated(tmp_path: Path, sep: str) -> None:
    result = read_file(write(tmp_path, table(ZH_HEADER, *ROWS, sep=sep), name="readings.txt"))
    assert fields(result) == [FIRST, SECOND]


def test_excel_sep_line_names_the_delimiter_and_is_not_a_row(tmp_path: Path) -> None:
    result = read_file(write(tmp_path, "sep=;\r\n" + table(ZH_HEADER, *ROWS, sep=";")))
    assert fields(result) == [FIRST, SECOND]
    assert [row.line for row in result.rows] == [2, 3]


def test_quoted_commas_and_newlines_blank_lines_and_empty_rows(tmp_path: Path) -> None:
    text = table(EN_HEADER, '010000017,M-001,1234.5,2027-03-31,"gate, then\nleft",actual', "", ",,,,,",
                 " , ,\u3000, , , ", "010000025,M-002,88,2027/3/31,,estimated", "")
    result = read_file(write(tmp_path, text))
    assert [row.line for row in result.rows] == [2, 6]  # the numbers a spreadsheet shows: one per record
    assert result.rows[0].fields["note"] == "gate, then\nleft"
    assert result.rows[1].fields["kind"] == "estimated"


def test_english_and_variant_headers(tmp_path: Path) -> None:
    header = "\ufeff Account_Number ,METER,Reading,date,Notes,Kind"
    result = read_file(write(tmp_path, table(header, "010000017,M1,1,2027-03-31,n,actual")))
    assert dict(result.columns) == {"account": 0, "meter": 1, "reading": 2, "date": 3, "note": 4, "kind": 5}
    header = "\u3000户号\u3000,表身号,读数（m³）,日期,地址"
    result = read_file(write(tmp_path, table(header, " 010000017 ,M1,\u300012\u3000,2027-03-31,某路1号")))
    assert dict(result.rows[0].fields) == {"account": "010000017", "meter": "M1", "reading": "12",
                                           "date": "2027-03-31", "note": "", "kind": ""}
    assert result.rows[0].cells[0] == " 010000017 "  # the cell as in the file, for the rejects file


def test_a_title_row_above_the_headers(tmp_path: Path) -> None:
    result = read_file(write(tmp_path, table("2027年3月 抄表记录,,,", "", ZH_HEADER, ROWS[0])))
    assert result.headers[0] == "户号"
    assert [row.line for row in result.rows] == [4]


def test_a_title_line_without_delimiters_above_tab_separated_headers(tmp_path: Path) -> None:
    result = read_file(write(tmp_path, "3月抄表\r\n" + table(ZH_HEADER, *ROWS, sep="\t")))
    assert fields(result) == [FIRST, SECOND]


def test_a_cell_too_long_for_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, table(EN_HEADER, "010000017,M1,1,2027-03-31,,", "x" * 200_000))
    assert refusal(path).zh == f"这不是可以导入的表格文件：{path}（第 3 行无法按表格读取）。" + SAVE_AS


def test_headers_and_no_rows_is_zero_rows(tmp_path: Path) -> None:
    result = read_file(write(tmp_path, table(ZH_HEADER, "", ",,,")))
    assert result.rows == ()
    assert result.headers == tuple(ZH_HEADER.split(","))


def test_short_and_long_rows(tmp_path: Path) -> None:
    result = read_file(write(tmp_path, table(ZH_HEADER, "010000017,M1,5", "010000025,M2,6,2027-03-31,n,实抄,x,y")))
    short, long = result.rows
    assert short.fields["date"] == "" and short.fields["kind"] == ""
    assert long.cells == ("010000025", "M2", "6", "2027-03-31", "n", "实抄", "x", "y")
    assert long.fields["kind"] == "实抄"


def test_progress_now_and_then(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    rows = [f"010000017,M{i},1,2027-03-31,," for i in range(5000)]
    read_file(write(tmp_path, table(EN_HEADER, *rows)), lambda done, total: calls.append((done, total)))
    assert 2 <= len(calls) <= 4
    assert calls[-1] == (5001, 5001)
    assert all(done <= total for done, total in calls)


# --- XLSX -------------------------------------------------------------------------------------


def workbook(path: Path, *rows: list[object], first_sheet: list[list[object]] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    if first_sheet is not None:
        for row in first_sheet:
            ws.append(row)
        ws = wb.create_sheet("抄表")
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def rewrite_sheet(path: Path, old: bytes, new: bytes) -> None:
    """Change the first sheet's XML as another program would have written it."""
    with zipfile.ZipFile(path) as src:
        items = [(item, src.read(item)) for item in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item, data in items:
            dst.writestr(item, data.replace(old, new) if item.filename.endswith("sheet1.xml") else data)


def test_xlsx_cells_become_the_text_they_show(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "readings.xlsx",
        ["户号", "表号", "本次读数", "抄表日期", "备注"],
        [10000017, "M-001", 1234.5, dt.datetime(2027, 3, 31), None],  # account typed as a number: lost its 0
        [10000025.0, 12345, 1234.567, dt.date(2027, 3, 30), True],
        ["010000033", "M-003", 12.0, "2027/3/29", 0.25],
        [None, None, None],
        [110000017, "M-004", 1e-05, dt.datetime(2027, 3, 28, 8, 30), "ok"],
    )
    # openpyxl writes 16 digits; Excel writes what =0.1+0.2 really holds, 17 of them.
    rewrite_sheet(path, b"<v>0.25</v>", b"<v>0.30000000000000004</v>")
    result = read_file(path)
    assert result.encoding == "xlsx"
    assert result.sheet == "Sheet"
    assert [row.cells for row in result.rows] == [
        ("10000017", "M-001", "1234.5", "2027-03-31"),  # the cells as the file shows them ...
        ("10000025", "12345", "1234.567", "2027-03-30", "TRUE"),  # a number meter serial is not padded
        ("010000033", "M-003", "12", "2027/3/29", "0.30000000000000004"),
        ("110000017", "M-004", "0.00001", "2027-03-28", "ok"),
    ]
    assert [row.line for row in result.rows] == [2, 3, 4, 6]
    assert [row.fields["account"] for row in result.rows] == ["010000017", "010000025", "010000033", "110000017"]
    assert result.rows[0].fields["note"] == ""  # ... the account numbers as they were typed


def test_xlsx_rows_beyond_a_wrong_stored_size_are_read(tmp_path: Path) -> None:
    path = workbook(tmp_path / "r.xlsx", ["户号", "表号", "本次读数", "抄表日期"], [10000017, "M1", 3, "2027-03-31"],
                    [10000025, "M2", 4, "2027-03-31"])
    rewrite_sheet(path, b'<dimension ref="A1:D3"', b'<dimension ref="A1:B2"')  # a careless exporter's size
    assert [row.cells for row in read_file(path).rows] == [("10000017", "M1", "3", "2027-03-31"),
                                                            ("10000025", "M2", "4", "2027-03-31")]


def test_xlsx_the_sheet_with_the_headers_and_xlsm(tmp_path: Path) -> None:
    path = workbook(tmp_path / "readings.xlsm", ["户号", "表号", "本次读数", "抄表日期"],
                    [10000017, "M1", 3, "2027-03-31"], first_sheet=[["说明：第二页是抄表数据"]])
    result = read_file(path)
    assert result.sheet == "抄表"
    assert result.rows[0].fields["reading"] == "3"


def test_xlsx_saved_under_a_csv_name_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = workbook(tmp_path / "readings.csv", ["account", "meter", "reading", "date"], [10000017, "M1", 3.5, None])
    assert read_file(path).rows[0].cells == ("10000017", "M1", "3.5")
    assert read_file(path).rows[0].fields["account"] == "010000017"


def test_xlsx_progress_without_a_stored_size_says_total_unknown(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)  # streams rows: the sheet carries no size
    ws = wb.create_sheet()
    ws.append(["account", "meter", "reading", "date"])
    for i in range(4500):
        ws.append([10000017, f"M{i}", 1.5, "2027-03-31"])
    wb.save(tmp_path / "r.xlsx")
    calls: list[tuple[int, int]] = []
    assert len(read_file(tmp_path / "r.xlsx", lambda done, total: calls.append((done, total))).rows) == 4500
    assert calls == [(2001, 0), (4001, 0), (4501, 4501)]


@pytest.mark.parametrize("value", [1234.5, 12.0, 1e-05, 0.1 + 0.2, 1e22, 123456789.123, -0.0, 5e-324])
def test_float_text_examples(value: float) -> None:
    text = float_text(value)
    assert "e" not in text.lower()
    assert Decimal(text) == Decimal(repr(value))
    assert float(text) == value


def test_float_text_shortest() -> None:
    assert [float_text(v) for v in (1234.5, 12.0, 1e-05, 1234.567, -0.0, 100.0)] == [
        "1234.5", "12", "0.00001", "1234.567", "0", "100"]


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_text_is_exact_and_has_no_exponent(value: float) -> None:
    text = float_text(value)
    assert "e" not in text.lower()
    assert Decimal(text) == Decimal(repr(value))
    assert not text.endswith(".") and (("." not in text) or not text.endswith("0"))


# --- refusals ---------------------------------------------------------------------------------


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing = tmp_path / "none.csv"
    assert refusal(missing).zh == f"读数文件不存在：{missing}。请检查路径和文件名是否写错。"
    assert refusal(tmp_path).zh == f"这是一个文件夹，不是读数文件：{tmp_path}。请选择其中的 CSV 或 Excel（.xlsx）文件。"
    assert refusal(tmp_path).en == (f"This is a folder, not a readings file: {tmp_path}. Choose a CSV or Excel (.xlsx) "
                                    "file in it.")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_not_a_plain_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert refusal(fifo).zh == f"这不是普通文件，无法导入：{fifo}。"


def test_empty_and_blank_files(tmp_path: Path) -> None:
    empty = write(tmp_path, "")
    assert refusal(empty).zh == f"文件是空的（0 字节）：{empty}。请检查是否选错了文件。"
    blank = write(tmp_path, "\r\n \r\n,,,\r\n", name="blank.csv")
    assert refusal(blank).zh == f"文件里没有内容（只有空行）：{blank}。请检查是否选错了文件。"


SAVE_AS = "请在表格程序里另存为 Excel 工作簿（.xlsx）或 CSV 后再导入。"


def test_not_a_table(tmp_path: Path) -> None:
    pdf = tmp_path / "readings.csv"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert refusal(pdf).zh == f"这是 PDF 文件，不是表格：{pdf}。请导入抄表机导出的 CSV 文件或 Excel（.xlsx）文件。"
    nul = tmp_path / "image.csv"
    nul.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert refusal(nul).zh == f"文件里有空字节（NUL），不是文本表格：{nul}。" + SAVE_AS
    nul_text = write(tmp_path, table(ZH_HEADER, "010000017,M1\x00,1,2027-03-31,,"), name="nul.csv")
    assert refusal(nul_text).zh == f"文件里有空字节（NUL），不是文本表格：{nul_text}。" + SAVE_AS
    nul_utf16 = write(tmp_path, table(ZH_HEADER, "010000017,M1\x00,1,2027-03-31,,"), "utf-16", name="nul16.csv")
    assert refusal(nul_utf16).zh == f"文件里有空字节（NUL），不是文本表格：{nul_utf16}。" + SAVE_AS


def damaged_words(path: Path) -> str:
    return f"Excel 文件已损坏，或不是有效的 .xlsx 工作簿：{path}。请在 Excel 里打开它，另存为 .xlsx 或 CSV 后再导入。"


def test_damaged_workbooks(tmp_path: Path) -> None:
    good = workbook(tmp_path / "good.xlsx", ["户号", "表号", "本次读数", "抄表日期"], [10000017, "M1", 3, "2027-03-31"])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[:600])
    assert refusal(cut).zh == damaged_words(cut)
    not_xlsx = tmp_path / "text.xlsx"
    not_xlsx.write_text("户号,表号\n", encoding="utf-8")
    assert refusal(not_xlsx).zh == damaged_words(not_xlsx)
    other_zip = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "hello")
    assert refusal(other_zip).zh == damaged_words(other_zip)
    broken_sheet = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken_sheet, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<worksheet><sheetData><row r=" if item.filename.endswith("sheet1.xml") else data)
    assert refusal(broken_sheet).zh == damaged_words(broken_sheet)


def test_old_excel_is_refused_with_what_to_do(tmp_path: Path) -> None:
    words = ("这是旧版 Excel（.xls）文件或加了密码的工作簿，不能直接导入：{}。请在 Excel 里“另存为” Excel 工作簿"
             "（.xlsx，先取消密码）或 CSV 后再导入。")
    xls = tmp_path / "readings.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    assert refusal(xls).zh == words.format(xls)
    renamed = tmp_path / "readings.xlsx"
    renamed.write_bytes(xls.read_bytes())
    assert refusal(renamed).zh == words.format(renamed)


def test_missing_headers_named_in_chinese(tmp_path: Path) -> None:
    path = write(tmp_path, table("户号,读数,备注", "010000017,5,"))
    err = refusal(path)
    assert err.zh == ("缺少列：表号、抄表日期。第一行应是列名：户号、表号、本次读数、抄表日期（可以再有备注、类型）；"
                      "这个文件的第一行是：户号、读数、备注")
    assert err.en.startswith("Missing columns: meter, date. ")


def test_garbled_headers_are_shown_so_a_wrong_encoding_can_be_seen(tmp_path: Path) -> None:
    # Big5 (Taiwan, Hong Kong) decodes as GB18030 too, into other characters: the reader sees them.
    path = write(tmp_path, table("戶號,錶號,本次讀數,抄表日期", "010000017,M-001,1234.5,2027-03-31"), "big5")
    shown_headers = "戶號,錶號,本次讀數,抄表日期".encode("big5").decode("gb18030").replace(",", "、")
    assert refusal(path).zh == ("缺少列：户号、表号、本次读数、抄表日期。第一行应是列名：户号、表号、本次读数、抄表日期"
                                f"（可以再有备注、类型）；这个文件的第一行是：{shown_headers}")


def test_a_header_given_twice(tmp_path: Path) -> None:
    path = write(tmp_path, table("户号,表号,读数,抄表日期,本次读数", "010000017,M1,5,2027-03-31,6"))
    assert refusal(path).zh == "列“本次读数”出现了两次：第 3 列“读数”和第 5 列“本次读数”。请删去多余的一列后再导入。"


def test_too_big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)  # sparse: the size is refused before a byte is read
    assert refusal(huge).zh == f"文件太大（50.0 MB），超过 50 MB 的上限：{huge}。请分成几个文件导入。"
    path = write(tmp_path, table(ZH_HEADER, *ROWS * 3))
    monkeypatch.setattr(files, "MAX_ROWS", 5)
    assert len(read_file(write(tmp_path, table(ZH_HEADER, *ROWS * 2, "", ROWS[0]), name="five.csv")).rows) == 5
    assert refusal(path).zh == f"文件超过 5 行的上限：{path}。请分成几个文件导入。"


def test_the_real_row_limit_in_words(tmp_path: Path) -> None:
    path = write(tmp_path, table(EN_HEADER, *["010000017,M1,1,2027-03-31,,"] * 200_001))
    assert refusal(path).zh == f"文件超过 200,000 行的上限：{path}。请分成几个文件导入。"


# --- dates and kinds --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "day"), [
    ("2027-03-31", dt.date(2027, 3, 31)),
    ("2027/3/31", dt.date(2027, 3, 31)),
    ("2027.3.1", dt.date(2027, 3, 1)),
    ("2027年3月31日", dt.date(2027, 3, 31)),
    ("2027 年 3 月 31 日", dt.date(2027, 3, 31)),
    ("2027年3月31", dt.date(2027, 3, 31)),
    ("２０２７年３月３１日", dt.date(2027, 3, 31)),
    ("２０２７－０３－３１", dt.date(2027, 3, 31)),
    ("20270331", dt.date(2027, 3, 31)),
    (" 2027-03-31 00:00:00 ", dt.date(2027, 3, 31)),
    ("2027/3/31 8:05", dt.date(2027, 3, 31)),
    ("2027-03-31T08:30:00.5", dt.date(2027, 3, 31)),
    ("2028-02-29", dt.date(2028, 2, 29)),
    ("2027-02-29", None),
    ("2027-13-01", None),
    ("2027-04-31", None),
    ("0000-01-01", None),
    ("2027-03/31", None),
    ("2027-3", None),
    ("31/03/2027", None),
    ("2027-03-31 morning", None),
    ("46477", None),  # a spreadsheet's day number: ambiguous, not a date here
    ("", None),
    ("昨天", None),
    ("٢٠٢٧-٠٣-٣١", None),  # Arabic-Indic digits: not the digits a reader types
])
def test_parse_date(text: str, day: dt.date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(("text", "kind"), [
    ("", "actual"), ("  ", "actual"), ("实抄", "actual"), ("actual", "actual"), ("Actual", "actual"),
    ("估抄", "estimated"), ("estimated", "estimated"), (" ESTIMATED ", "estimated"),
    ("未入户", "no_access"), ("no_access", "no_access"), ("no access", "no_access"), ("No-Access", "no_access"),
    ("估计", None), ("final", None), ("initial", None), ("x", None),
])
def test_parse_kind(text: str, kind: str | None) -> None:
    assert parse_kind(text) == kind


# --- the rejects file -------------------------------------------------------------------------


def test_rejects_path() -> None:
    assert rejects_path(Path("/data/3月 读数.csv")) == Path("/data/3月 读数.rejected.csv")
    assert rejects_path(Path("r.xlsx")) == Path("r.rejected.csv")


def test_write_rejects_round_trip(tmp_path: Path) -> None:
    source = read_file(write(tmp_path, table(ZH_HEADER, *ROWS, '010000033,M-3,"1,2",2027-03-31', ROWS[0] + ",x,y"),
                             "gb18030"))
    short, long = source.rows[2], source.rows[3]
    path = write_rejects(source, [(source.rows[1], "bad_value", "读数“88”不对"), (short, "duplicate", "重复"),
                                  (long, "lower", "低于上次读数")])
    assert path == tmp_path / "readings.rejected.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    back = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert back == [
        ["户号", "表号", "本次读数", "抄表日期", "备注", "类型", "", "", "reason_code", "reason"],
        ["010000025", "M-002", "88", "2027/3/31", "", "估抄", "", "", "bad_value", "读数“88”不对"],
        ["010000033", "M-3", "1,2", "2027-03-31", "", "", "", "", "duplicate", "重复"],
        ["010000017", "M-001", "1234.5", "2027-03-31", "门口", "实抄", "x", "y", "lower", "低于上次读数"],
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds account numbers
    assert fields(read_file(path))[0]["account"] == "010000025"  # a corrected rejects file imports again


def test_write_rejects_of_a_workbook_writes_the_text_read(tmp_path: Path) -> None:
    source = read_file(workbook(tmp_path / "r.xlsx", ["户号", "表号", "本次读数", "抄表日期"],
                                [10000017, "M1", 1234.567, dt.datetime(2027, 3, 31)]))
    path = write_rejects(source, [(source.rows[0], "spike", "用量异常")])
    assert path.name == "r.rejected.csv"
    assert path.read_bytes().decode("utf-8-sig").splitlines() == [
        "户号,表号,本次读数,抄表日期,reason_code,reason", "10000017,M1,1234.567,2027-03-31,spike,用量异常"]
