"""The file layer of a readings import: a handheld's or a spreadsheet's file as rows of text, and
the rejects file written beside it.

Nothing here parses a number: a reading stays the text the file holds (the import reads it with
``gasdesk.money.volume``, the one parser). ``parse_date`` is the one date parser of imports.

- CSV is decoded strictly as UTF-8 (a BOM stripped), then strictly as GB18030 (which covers GBK,
  what a Chinese spreadsheet saves); only when both fail does ``charset_normalizer`` guess, and its
  guess is taken only when it sees one decoding alone (otherwise the file is refused in words).
  A UTF-16 file with its BOM (Excel's "Unicode text") is read too. The delimiter is a comma, a tab
  or a semicolon, counted on the header line (or named by Excel's ``sep=`` first line).
- XLSX (and XLSM) is read with openpyxl, streaming: a number cell becomes its shortest decimal
  text, never through float arithmetic; a date cell its ISO date.
- The header row is the first non-blank row, or one of the next few when a title row sits above.
- Every refusal is a ValidationError a meter reader can act on: what is wrong, and what to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import charset_normalizer
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from gasdesk.files import write_atomic
from gasdesk.services.accounts.numbers import LENGTH as ACCOUNT_LENGTH
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.text import shown

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet


@dataclass(frozen=True)
class Layout:
    """The columns of one kind of import file (cashier/imports.py has its own), and what refusals call it."""
    fields: tuple[str, ...]  # canonical keys, the required ones first
    required: tuple[str, ...]
    labels: Mapping[str, tuple[str, str]]  # key -> its column's name in Chinese and English
    headers: Mapping[str, tuple[str, ...]]  # key -> what a header may say
    noun: tuple[str, str] = ("读数文件", "readings file")
    exporter: tuple[str, str] = ("抄表机", "handheld")  # who exports it: "请导入抄表机导出的 CSV 文件"


FIELDS = ("account", "meter", "reading", "date", "note", "kind")  # canonical keys
REQUIRED = ("account", "meter", "reading", "date")
LABELS = {"account": ("户号", "account"), "meter": ("表号", "meter"), "reading": ("本次读数", "reading"),
          "date": ("抄表日期", "date"), "note": ("备注", "note"), "kind": ("类型", "kind")}
# What a header may say, compared after ``_header_key`` (so "Account_Number", "表号 " and
# "本次读数（m³）" match). Short on purpose: a header nobody meant as a field is just ignored.
HEADERS: Mapping[str, tuple[str, ...]] = {
    "account": ("户号", "用户编号", "用户号", "account", "account_number"),
    "meter": ("表号", "表身号", "表编号", "meter", "meter_serial"),
    "reading": ("本次读数", "本期读数", "本月读数", "读数", "reading"),
    "date": ("抄表日期", "抄表时间", "日期", "date", "reading_date"),
    "note": ("备注", "note", "notes"),
    "kind": ("类型", "抄表类型", "kind"),
}
KINDS = {"": "actual", "实抄": "actual", "actual": "actual", "估抄": "estimated", "estimated": "estimated",
         "未入户": "no_access", "no_access": "no_access"}
READINGS = Layout(FIELDS, REQUIRED, LABELS, HEADERS)  # the default: a file of meter readings
REASON_COLUMNS = ("reason_code", "reason")

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
HEADER_SCAN = 5  # leading non-blank rows searched for the header (a title row may sit above it)
PROGRESS_EVERY = 2_000  # rows between two progress calls
XLSX_SUFFIXES = (".xlsx", ".xlsm")

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Excel (.xls), or a workbook saved with a password
_PDF = b"%PDF"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SAVE_AS = ("请在表格程序里另存为 Excel 工作簿（.xlsx）或 CSV 后再导入。",
            "Save it as an Excel workbook (.xlsx) or as CSV from the spreadsheet program, then import that.")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class FileRow:
    line: int  # the row's number as a spreadsheet shows it (the header is 1 in a plain file)
    cells: tuple[str, ...]  # the row's cells as in the file (xlsx: the text read), for the rejects file
    fields: Mapping[str, str]  # canonical key -> text, trimmed ('' when absent)
    numeric: frozenset[str] = frozenset()  # keys whose cell was a whole number in an xlsx number cell


@dataclass(frozen=True)
class ReadingFile:
    path: Path
    headers: tuple[str, ...]
    rows: tuple[FileRow, ...]  # blank lines and rows of empty cells dropped
    encoding: str  # "utf-8-sig", "utf-8", "gb18030", "utf-16", the detector's name, or "xlsx"
    columns: Mapping[str, int]  # canonical key -> index in headers, for the fields the file has
    sheet: str | None = None  # the worksheet read, for an xlsx


# A record as a source yields it: row number, cells as text, and the indexes of cells that were
# whole numbers in a number cell (xlsx only: such an account cell has lost its leading zeros).
_Record = tuple[int, tuple[str, ...], Container[int]]


def _where(path: Path) -> str:
    return shown(str(path), 260)


def _refuse(zh: str, en: str) -> ValidationError:
    return ValidationError(zh, en, field="file")


# --- reading ---------------------------------------------------------------------------------


def read_file(path: str | Path, progress: Progress | None = None, layout: Layout = READINGS) -> ReadingFile:
    """The rows of a readings file (CSV or XLSX), or a ValidationError saying what is wrong with it.

    ``progress(done, total)`` is called every few thousand rows (``total`` may be an estimate, 0
    when unknown) and once at the end with ``done == total``."""
    p = Path(path).expanduser()
    where, (noun, noun_en), (source, source_en) = _where(p), layout.noun, layout.exporter
    if p.is_dir():
        raise _refuse(f"这是一个文件夹，不是{noun}：{where}。请选择其中的 CSV 或 Excel（.xlsx）文件。",
                      f"This is a folder, not a {noun_en}: {where}. Choose a CSV or Excel (.xlsx) file in it.")
    if not p.exists():
        raise _refuse(f"{noun}不存在：{where}。请检查路径和文件名是否写错。",
                      f"The {noun_en} does not exist: {where}. Check the path and the file name.")
    if not p.is_file():
        raise _refuse(f"这不是普通文件，无法导入：{where}。",
                      f"This is not a plain file and cannot be imported: {where}.")
    try:
        size = p.stat().st_size
        with p.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise _unreadable(p, exc) from exc
    if size == 0:
        raise _refuse(f"文件是空的（0 字节）：{where}。请检查是否选错了文件。",
                      f"The file is empty (0 bytes): {where}. Check that this is the right file.")
    if size > MAX_BYTES:
        raise _refuse(
            f"文件太大（{size / 1024 / 1024:.1f} MB），超过 {MAX_BYTES // 1024 // 1024} MB 的上限：{where}。"
            "请分成几个文件导入。",
            f"The file is too big ({size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB): "
            f"{where}. Split it into several files.")
    suffix = p.suffix.lower()
    if head.startswith(_OLE) or suffix == ".xls":
        raise _refuse("这是旧版 Excel（.xls）文件或加了密码的工作簿，不能直接导入："
                      f"{where}。请在 Excel 里“另存为” Excel 工作簿（.xlsx，先取消密码）或 CSV 后再导入。",
                      f"This is an old Excel file (.xls) or a password-protected workbook: {where}. In Excel, "
                      "use Save As to save it as an Excel workbook (.xlsx, without a password) or as CSV.")
    if head.startswith(_PDF):
        raise _refuse(f"这是 PDF 文件，不是表格：{where}。请导入{source}导出的 CSV 文件或 Excel（.xlsx）文件。",
                      f"This is a PDF, not a table: {where}. Import the CSV file the {source_en} exports, or an "
                      "Excel (.xlsx) file.")
    if head.startswith(_ZIP) or suffix in XLSX_SUFFIXES:
        return _read_xlsx(p, progress, layout)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise _unreadable(p, exc) from exc
    return _read_csv(p, raw, progress, layout)


def _unreadable(p: Path, exc: OSError) -> ValidationError:
    reason = shown(exc.strerror or str(exc), 80)
    return _refuse(f"文件无法读取：{_where(p)}（{reason}）。请检查文件是否存在、是否有权限读取。",
                   f"The file cannot be read: {_where(p)} ({reason}). Check that it exists and may be read.")


def _not_a_table(p: Path, why_zh: str, why_en: str) -> ValidationError:
    return _refuse(f"这不是可以导入的表格文件：{_where(p)}（{why_zh}）。" + _SAVE_AS[0],
                   f"This is not a table that can be imported: {_where(p)} ({why_en}). " + _SAVE_AS[1])


def _too_many_rows(p: Path) -> ValidationError:
    return _refuse(f"文件超过 {MAX_ROWS:,} 行的上限：{_where(p)}。请分成几个文件导入。",
                   f"The file has more than {MAX_ROWS:,} rows, the limit: {_where(p)}. Split it into several files.")


def _nul(p: Path) -> ValidationError:
    return _refuse(f"文件里有空字节（NUL），不是文本表格：{_where(p)}。" + _SAVE_AS[0],
                   f"The file holds NUL bytes, so it is not a text table: {_where(p)}. " + _SAVE_AS[1])


def _decode(p: Path, raw: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8, then GB18030, strictly; then a confident guess."""
    if raw.startswith(_UTF16_BOMS):  # Excel's "Unicode text": its NUL bytes are halves of characters
        try:
            text: str | None = raw.decode("utf-16")
        except UnicodeDecodeError:
            text = None  # a BOM by chance: read on as any other file
        if text is not None:
            if "\x00" in text:
                raise _nul(p)
            return text, "utf-16"
    if b"\x00" in raw:
        raise _nul(p)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    # The detector is often wrong on short text; it is trusted only when no second decoding is
    # plausible (it already folds encodings that decode the same bytes alike into one match).
    matches = charset_normalizer.from_bytes(raw)
    if len(matches) == 1 and matches[0].chaos <= 0.1:
        best = matches[0]
        return str(best), best.encoding
    raise _refuse(f"无法识别文件的文字编码：{_where(p)}。请在表格程序里另存为“CSV UTF-8（逗号分隔）”后再导入。",
                  f"The file's text encoding cannot be recognised: {_where(p)}. Save it as “CSV UTF-8 "
                  "(comma delimited)” from the spreadsheet program, then import that.")


def _delimiter(line: str) -> str | None:
    counts = {d: line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])  # ties go to the comma, listed first
    return best if counts[best] else None


def _read_csv(p: Path, raw: bytes, progress: Progress | None, layout: Layout) -> ReadingFile:
    text, encoding = _decode(p, raw)
    first_end = text.find("\n")
    first = (text if first_end < 0 else text[:first_end]).strip()
    if re.fullmatch(r"sep=.", first):  # Excel's own hint, a line it does not show as a row
        delimiter, text = first[-1], ("" if first_end < 0 else text[first_end + 1:])
    else:
        # The header line's delimiter; a title line above it ("2027年3月抄表") may have none.
        lead = islice((line for line in io.StringIO(text) if line.strip()), HEADER_SCAN)
        delimiter = next((d for d in map(_delimiter, lead) if d), ",")
    total = text.count("\n") + 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def records() -> Iterator[_Record]:
        line = 0
        try:
            for line, cells in enumerate(reader, start=1):
                yield line, tuple(cells), ()
        except csv.Error as exc:
            # In a CSV read whole, only a cell longer than the csv module's limit (128 KiB) gets here.
            raise _not_a_table(p, f"第 {line + 1} 行无法按表格读取", f"row {line + 1} cannot be read as cells") from exc

    return _table(p, [records()], encoding, progress, total, layout)


def float_text(value: float) -> str:
    """A float cell as the shortest decimal text that reads back as the same float, no exponent.

    ``repr`` gives the shortest round-trip digits; Decimal formats them without an exponent. No
    float arithmetic: 1234.5 -> "1234.5", 12.0 -> "12", 1e-05 -> "0.00001"."""
    text = repr(value)
    if text in ("nan", "inf", "-inf"):
        return text
    out = format(Decimal(text), "f")
    if "." in out:
        out = out.rstrip("0").rstrip(".")
    return "0" if out == "-0" else out


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as the spreadsheet shows it
    if isinstance(value, float):
        return float_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _whole(value: object) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, float) and value.is_integer())


def _sheet_records(ws: ReadOnlyWorksheet) -> Iterator[_Record]:
    for line, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [_cell_text(v) for v in values]
        while cells and not cells[-1]:  # a formatted empty cell at the end is not a column
            cells.pop()
        yield line, tuple(cells), {i for i, v in enumerate(values[:len(cells)]) if _whole(v)}


# What a damaged workbook raises somewhere inside openpyxl and zipfile (XML errors are SyntaxErrors).
_DAMAGED = (InvalidFileException, zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError, IndexError,
            AttributeError, EOFError, OSError, SyntaxError)


def _read_xlsx(p: Path, progress: Progress | None, layout: Layout) -> ReadingFile:
    try:
        # Opened here, not by name: openpyxl refuses a workbook whose name does not end in .xlsx
        # (one saved as "readings.csv"), and read-only mode reads the file until it is closed.
        with p.open("rb") as f, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style", unsupported extensions: noise to a reader
            wb = load_workbook(f, read_only=True, data_only=True)
            try:
                sheets = list(wb.worksheets)
                totals = [ws.max_row or 0 for ws in sheets]
                for ws in sheets:
                    ws.reset_dimensions()  # a wrong stored size would cut rows or columns off: read them all
                return _table(p, [_sheet_records(ws) for ws in sheets], "xlsx", progress, totals, layout,
                              names=[ws.title for ws in sheets])
            finally:
                wb.close()
    except ValidationError:
        raise
    except _DAMAGED as exc:
        raise _damaged(p) from exc


def _damaged(p: Path) -> ValidationError:
    return _refuse(f"Excel 文件已损坏，或不是有效的 .xlsx 工作簿：{_where(p)}。"
                   "请在 Excel 里打开它，另存为 .xlsx 或 CSV 后再导入。",
                   f"The Excel file is damaged or not a valid .xlsx workbook: {_where(p)}. Open it in Excel and "
                   "save it again as .xlsx or CSV, then import that.")


# --- headers and rows ------------------------------------------------------------------------


def _header_key(text: str) -> str:
    """A header as compared: full-width folded, spaces, '_' and '-' and a BOM dropped, case folded,
    a unit in brackets at the end dropped ("本次读数（m³）")."""
    key = unicodedata.normalize("NFKC", text.replace("\ufeff", ""))
    key = re.sub(r"[\s_\-]+", "", key).casefold()
    return re.sub(r"\([^()]*\)$", "", key)


def _fields_of(cells: Sequence[str], layout: Layout) -> list[tuple[str, int]]:
    keys = {_header_key(name): field for field, names in layout.headers.items() for name in names}
    return [(keys[k], i) for i, cell in enumerate(cells) if (k := _header_key(cell)) in keys]


def _columns(cells: Sequence[str], layout: Layout) -> dict[str, int]:
    """Canonical key -> column index; refused in words when a field's column is there twice."""
    columns: dict[str, int] = {}
    for field, i in _fields_of(cells, layout):
        if field in columns:
            j = columns[field]
            zh, en = layout.labels[field]
            raise _refuse(
                f"列“{zh}”出现了两次：第 {j + 1} 列“{shown(cells[j].strip())}”和第 {i + 1} 列"
                f"“{shown(cells[i].strip())}”。请删去多余的一列后再导入。",
                f"The column “{en}” is there twice: column {j + 1} “{shown(cells[j].strip())}” and column "
                f"{i + 1} “{shown(cells[i].strip())}”. Delete the extra one, then import the file.")
        columns[field] = i
    return columns


def _missing(cells: Sequence[str], layout: Layout) -> ValidationError:
    found = {field for field, _ in _fields_of(cells, layout)}
    zh, en = ({f: layout.labels[f][n] for f in layout.fields} for n in (0, 1))
    lacking, optional = [f for f in layout.required if f not in found], layout.fields[len(layout.required):]
    named = shown("、".join(c.strip() for c in cells if c.strip()), 80) or "（空）"
    named_en = shown(", ".join(c.strip() for c in cells if c.strip()), 80) or "(none)"
    more, more_en = (f"（可以再有{'、'.join(zh[f] for f in optional)}）",
                     f" ({' and '.join(en[f] for f in optional)} may follow)") if optional else ("", "")
    return _refuse(
        f"缺少列：{'、'.join(zh[f] for f in lacking)}。第一行应是列名：{'、'.join(zh[f] for f in layout.required)}"
        f"{more}；这个文件的第一行是：{named}",
        f"Missing columns: {', '.join(en[f] for f in lacking)}. The first row must name the columns: "
        f"{', '.join(en[f] for f in layout.required)}{more_en}; this file's first row is: {named_en}")


def _blank(cells: Sequence[str]) -> bool:
    return not any(c.strip() for c in cells)


def _table(p: Path, sources: Sequence[Iterator[_Record]], encoding: str, progress: Progress | None,
           totals: int | Sequence[int], layout: Layout, names: Sequence[str | None] = ()) -> ReadingFile:
    """The first source (sheet) whose leading rows hold the required headers, read into rows."""
    first_lead: list[_Record] | None = None
    for n, source in enumerate(sources):
        records = (r for r in source if not _blank(r[1]))
        lead = list(islice(records, HEADER_SCAN))
        if not lead:
            continue
        first_lead = first_lead or lead
        at = next((i for i, r in enumerate(lead) if dict(_fields_of(r[1], layout)).keys() >= {*layout.required}), None)
        if at is None:
            continue
        total = totals if isinstance(totals, int) else totals[n]
        name = names[n] if names else None
        return _rows(p, lead[at], chain(lead[at + 1:], records), encoding, progress, total, name, layout)
    if first_lead is None:
        raise _refuse(f"文件里没有内容（只有空行）：{_where(p)}。请检查是否选错了文件。",
                      f"The file holds nothing but blank lines: {_where(p)}. Check that this is the right file.")
    raise _missing(first_lead[0][1], layout)


def _rows(p: Path, header: _Record, records: Iterable[_Record], encoding: str, progress: Progress | None,
          total: int, sheet: str | None, layout: Layout) -> ReadingFile:
    headers = header[1]
    columns = _columns(headers, layout)
    account = columns.get("account", -1)
    rows: list[FileRow] = []
    line = header[0]
    for line, cells, whole in records:  # blank rows were dropped by the caller
        if len(rows) >= MAX_ROWS:
            raise _too_many_rows(p)
        fields = {f: (cells[columns[f]].strip() if f in columns and columns[f] < len(cells) else "")
                  for f in layout.fields}
        typed = fields.get("account", "")
        if typed.isascii() and typed.isdigit() and (
                (account in whole and len(typed) < ACCOUNT_LENGTH) or len(typed) == ACCOUNT_LENGTH - 1):
            # A spreadsheet keeps an account number typed as a number as a number, and a number has
            # no leading zeros: 010000017 comes back as 10000017 (in its cell, and in the CSV it saves,
            # where only the one zero of areas 01-09 can have gone). Account numbers are always nine
            # digits (area 2, sequence 6, check digit 1), so the zeros go back in front; the check
            # digit still catches a number that lost another digit. The cell stays as it was (the
            # rejects file gives the file's own cells back).
            fields["account"] = typed.zfill(ACCOUNT_LENGTH)
        numeric = frozenset(f for f, i in columns.items() if i in whole)
        rows.append(FileRow(line, cells, MappingProxyType(fields), numeric))
        if progress is not None and len(rows) % PROGRESS_EVERY == 0:
            progress(line, total if total >= line else 0)  # 0: not known (a workbook without its size)
    if progress is not None:
        progress(line, line)
    return ReadingFile(p, headers, tuple(rows), encoding, MappingProxyType(columns), sheet)


# --- dates and kinds -------------------------------------------------------------------------

_DATE = re.compile(
    r"(?P<y>\d{4})(?:(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"|\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日?"
    r"|(?P<m3>\d{2})(?P<d3>\d{2}))"
    r"(?:(?:\s+|T)\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?", re.ASCII)


def parse_date(text: str) -> dt.date | None:
    """The day a reading's date names, None when it is not a real date.

    "2027-03-31", "2027/3/31", "2027.3.31", "2027年3月31日", "20270331"; full-width digits too;
    a time after the day ("2027-03-31 00:00:00", which spreadsheets add) is ignored."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    match = _DATE.fullmatch(value)
    if match is None:
        return None
    parts = match.group("y"), match["m"] or match["m2"] or match["m3"], match["d"] or match["d2"] or match["d3"]
    try:
        return dt.date(*(int(x) for x in parts))
    except ValueError:
        return None


def parse_kind(text: str) -> str | None:
    """``actual``, ``estimated`` or ``no_access`` for a kind cell ('' means actual); None otherwise."""
    key = re.sub(r"[\s\-]+", "_", unicodedata.normalize("NFKC", text or "").strip()).casefold()
    return KINDS.get(key)


# --- the rejects file ------------------------------------------------------------------------


def rejects_path(path: Path) -> Path:
    """``<file stem>.rejected.csv`` beside the input."""
    path = Path(path)
    return path.with_name(f"{path.stem}.rejected.csv")


def write_rejects(source: ReadingFile, rejected: Sequence[tuple[FileRow, str, str]], to: Path | None = None) -> Path:
    """The rejected rows beside the input (or at ``to``), whole or not at all; returns the path written.

    UTF-8 with a BOM (what a spreadsheet opens without asking), CRLF; the file's header cells then
    ``reason_code`` and ``reason``; each row's cells as read (a short row padded, a row longer than
    the header widening every row, so the reasons stay in their own columns). Owner-only: it holds
    account numbers."""
    width = max([len(source.headers), *(len(row.cells) for row, _, _ in rejected)])

    def padded(cells: Sequence[str]) -> list[str]:
        return [*cells, *([""] * (width - len(cells)))]

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*padded(source.headers), *REASON_COLUMNS])
    for row, code, reason in rejected:
        writer.writerow([*padded(row.cells), code, reason])
    return write_atomic(to or rejects_path(source.path), out.getvalue().encode("utf-8-sig", "backslashreplace"))
