"""Collection files (代收) paid through the service: each row a payment keyed by its reference, the
good rows paid in one transaction (bills oldest first, the rest prepaid), the same file twice
paying once, the bad rows rejected with their codes and words, and a failure leaving nothing."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from accounts_support import Office, key, snapshot
from cashier_support import pay, with_open_bills
from sqlalchemy import func, select, text

from gasdesk.models import Account, AuditEntry, Receipt
from gasdesk.services.accounts import numbers
from gasdesk.services.cashier import imports, payments, refunds
from gasdesk.services.core.errors import PermissionDenied, ValidationError

D = Decimal
HEAD = ["户号", "金额", "参考号", "日期", "备注"]
PASSWORD = "secret-123"  # tests/conftest.py: every test actor's password


def number_of(office: Office, aid: int) -> str:
    with office.db.read() as s:
        return s.get(Account, aid).number


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", head: list[str] = HEAD,
              title: str | None = None) -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        if title:
            f.write(title + "\r\n")
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(rows)
    return path


def run(office: Office, path: Path, method: str = "transfer", *, dry_run: bool = False,
        actor: str = "clerk") -> imports.PaymentImport:
    source = imports.read(path)
    with office.db.write() as s:
        return imports.import_file(s, getattr(office, actor), source, method=method, dry_run=dry_run)


def receipts(office: Office) -> list[tuple[str, str, Decimal, str]]:
    with office.db.read() as s:
        return [(r.number, r.method, r.amount, r.reference) for r in
                s.scalars(select(Receipt).where(Receipt.method != "cash").order_by(Receipt.id))]


def refusal(path: Path) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        imports.read(path)
    return caught.value


def test_a_good_csv_pays_each_row_oldest_bill_first_then_prepayment(office: Office, tmp_path: Path) -> None:
    aid = with_open_bills(office)  # 91.50 then 261.00 open
    n = number_of(office, aid)
    path = write_csv(tmp_path / "bank1203.csv", [[n, "91.50", "TX0001", "2026-11-30", ""],
                                                 [n, "300", "TX0002", "2026/12/1", "网银"]])
    result = run(office, path)
    assert result.counts() == {"rows": 2, "paid": 2, "already_imported": 0, "rejected": 0}
    assert result.total == D("391.50")
    first, second = (r.done for r in result.rows)
    assert [(a.bill_id is not None, a.amount) for a in first.allocations] == [(True, D("91.50"))]
    assert [(a.bill_id is not None, a.amount) for a in second.allocations] == [(True, D("261.00"))]
    assert (first.prepayment, second.prepayment, second.balances.available) == (D("0.00"), D("39.00"), D("39.00"))
    assert [(m, a, ref) for _n, m, a, ref in receipts(office)] == [
        ("transfer", D("91.50"), "TX0001"), ("transfer", D("300.00"), "TX0002")]
    assert result.changes == payments.PAID
    with office.db.read() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.entity == "file")).one()
    assert row.action == "cashier.payment" and '"2026-11-30": ["' + first.receipt_number in row.after
    assert [r.json()["date"] for r in result.rows] == ["2026-11-30", "2026-12-01"]


def test_the_same_file_twice_pays_once(office: Office, tmp_path: Path) -> None:
    aid = with_open_bills(office)
    n = number_of(office, aid)
    path = write_csv(tmp_path / "wx.csv", [[n, "50", "WX-1", "2026-12-01", ""], [n, "60", "WX-2", "2026-12-01", ""]])
    first = run(office, path, "wechat")
    again = run(office, path, "wechat")
    assert again.counts() == {"rows": 2, "paid": 0, "already_imported": 2, "rejected": 0}
    assert again.total == D("0.00") and again.changes == frozenset()
    assert [r.receipt_number for r in again.rows] == [r.receipt_number for r in first.rows]
    assert len(receipts(office)) == 2
    # the same references under another method are other payments
    assert run(office, path, "alipay").counts()["paid"] == 2


def test_a_gb18030_file_with_a_bank_s_own_headers_and_a_title_row(office: Office, tmp_path: Path) -> None:
    aid = with_open_bills(office)
    path = write_csv(tmp_path / "工行代收.csv", [[number_of(office, aid), "1,000.00", "ICBC20261201001",
                                                  "2026年12月1日", "代收燃气费"]],
                     "gb18030", head=["用户编号", "缴费金额（元）", "交易流水号", "交易日期", "摘要"],
                     title="2026年12月 代收明细")
    result = run(office, path)
    assert (result.encoding, result.counts()["paid"], result.total) == ("gb18030", 1, D("1000.00"))


def test_an_xlsx_with_number_cells(office: Office, tmp_path: Path) -> None:
    aid = with_open_bills(office)
    n = number_of(office, aid)
    assert n.startswith("0")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["account", "amount", "reference", "date"])
    ws.append([int(n), 91.5, "ALI778899", datetime(2026, 12, 2, 9, 30)])  # the zero lost, a float amount
    ws.append([n, 10, 4200001234202612011234567890, date(2026, 12, 2)])  # a 28-digit reference typed as a number
    ws.append([n, 12.345, "ALI778900", "2026-12-02"])  # a computed amount, not to the fen
    path = tmp_path / "alipay.xlsx"
    wb.save(path)
    result = run(office, path, "alipay")
    assert [(r.outcome, r.code) for r in result.rows] == [("paid", ""), ("rejected", "bad_reference"),
                                                          ("rejected", "bad_amount")]
    assert result.rows[0].done.allocations[0].amount == D("91.50")
    assert "文本" in result.rows[1].zh


def _closed(office: Office) -> str:
    aid = office.account_at("numbered")
    with office.db.write() as s:
        s.execute(text("UPDATE accounts SET status='closed' WHERE id=:i"), {"i": aid})
    return number_of(office, aid)


def test_bad_rows_are_rejected_with_their_codes_and_the_rest_paid(office: Office, tmp_path: Path) -> None:
    aid, other = with_open_bills(office), office.account_at("in_service")
    n, m = number_of(office, aid), number_of(office, other)
    pay(office, other, "20", "transfer", reference="OLD-1")  # paid at the counter before
    wrong_digit = n[:-1] + str((int(n[-1]) + 1) % 10)
    rows = [
        [n, "91.50", "OK-1", "2026-12-01", ""],
        ["", "10", "R-01", "2026-12-01", ""],
        ["abc", "10", "R-02", "2026-12-01", ""],
        ["١٢٣", "10", "R-03", "2026-12-01", ""],
        [wrong_digit, "10", "R-04", "2026-12-01", ""],
        [numbers.make_number("01", 999_999), "10", "R-05", "2026-12-01", ""],
        [_closed(office), "10", "R-06", "2026-12-01", ""],
        [n, "1e3", "R-07", "2026-12-01", ""],
        [n, "-5", "R-08", "2026-12-01", ""],
        [n, "0", "R-09", "2026-12-01", ""],
        [n, "１２３４５６７８９０１２３", "R-10", "2026-12-01", ""],
        [n, "١٢٣", "R-11", "2026-12-01", ""],
        [n, "¥10", "R-12", "2026-12-01", ""],
        [n, "10", "R-13", "2026-02-30", ""],
        [n, "10", "R-14", "2099-01-01", ""],
        [n, "10", "", "2026-12-01", ""],
        [n, "10", "R 15", "2026-12-01", ""],
        [n, "10", "4.20000123420261E+27", "2026-12-01", ""],
        [n, "10", "DUP-1", "2026-12-01", ""],
        [n, "11", "DUP-1", "2026-12-01", ""],
        [n, "12", "SAME-1", "2026-12-01", ""],
        [n, "12", "SAME-1", "2026-12-01", ""],
        [n, "20", "OLD-1", "2026-12-01", ""],  # the counter's reference, for another account
    ]
    path = write_csv(tmp_path / "mixed.csv", rows)
    result = run(office, path)
    codes = [(r.row.line, r.outcome, r.code) for r in result.rows]
    assert codes == [
        (2, "paid", ""), (3, "rejected", "bad_account"), (4, "rejected", "bad_account"),
        (5, "rejected", "bad_account"), (6, "rejected", "check_digit"), (7, "rejected", "unknown_account"),
        (8, "rejected", "closed_account"), (9, "rejected", "bad_amount"), (10, "rejected", "bad_amount"),
        (11, "rejected", "bad_amount"), (12, "rejected", "bad_amount"), (13, "rejected", "bad_amount"),
        (14, "rejected", "bad_amount"), (15, "rejected", "bad_date"), (16, "rejected", "future_date"),
        (17, "rejected", "no_reference"), (18, "rejected", "bad_reference"), (19, "rejected", "bad_reference"),
        (20, "rejected", "duplicate_in_file"), (21, "rejected", "duplicate_in_file"), (22, "paid", ""),
        (23, "already_imported", ""), (24, "rejected", "reference_used"),
    ]
    assert result.counts() == {"rows": 23, "paid": 2, "already_imported": 1, "rejected": 20}
    assert result.total == D("103.50")
    for r in result.rows:
        if r.outcome == "rejected":
            assert r.zh and r.en and "Traceback" not in r.zh
    words = {r.code: r.zh for r in result.rows if r.outcome == "rejected"}
    assert "校验位" in words["check_digit"] and "0-9" in result.rows[3].zh
    assert "科学计数法" in result.rows[7].zh and "上限" in result.rows[10].zh
    assert f"户号 {m}" in words["reference_used"] and "第 20、21 行" in words["duplicate_in_file"]
    assert "晚于今天" in words["future_date"] and "已销户" in words["closed_account"]
    written = imports.write_rejects(result)
    assert written == tmp_path / "mixed.rejected.csv"
    lines = list(csv.reader(written.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0] == [*HEAD, "reason_code", "reason"]
    assert [line[5] for line in lines[1:]] == [c for _l, o, c in codes if o == "rejected"]
    assert lines[1][:5] == rows[1]  # the file's own cells


def test_a_reference_paid_at_the_counter_or_voided(office: Office, tmp_path: Path) -> None:
    aid = with_open_bills(office)
    n = number_of(office, aid)
    taken = pay(office, aid, "50", "wechat", reference="WX-9")
    path = write_csv(tmp_path / "wx.csv", [[n, "50", "WX-9", "2026-12-01", ""], [n, "51", "WX-9", "2026-12-01", ""]])
    assert [r.code for r in run(office, path, "wechat").rows] == ["duplicate_in_file"] * 2
    write_csv(path, [[n, "50", "WX-9", "2026-12-01", ""]])
    again = run(office, path, "wechat")
    assert (again.rows[0].outcome, again.rows[0].receipt_number) == ("already_imported", taken.receipt_number)
    with office.db.write() as s:
        refunds.void_receipt(s, office.clerk, taken.receipt_number, "收错了", approver=office.supervisor,
                             idempotency_key=key())
    voided = run(office, path, "wechat").rows[0]
    assert (voided.code, "作废" in voided.zh) == ("reference_used", True)


def test_dry_run_checks_and_pays_nothing(office: Office, tmp_path: Path) -> None:
    aid = with_open_bills(office)
    path = write_csv(tmp_path / "d.csv", [[number_of(office, aid), "10", "D-1", "2026-12-01", ""]])
    before = snapshot(office.db)
    result = run(office, path, dry_run=True)
    assert (result.counts()["paid"], result.total, result.dry_run) == (1, D("10.00"), True)
    assert snapshot(office.db) == before


def test_a_failure_on_row_3_leaves_nothing_paid(office: Office, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    aid = with_open_bills(office)
    n = number_of(office, aid)
    path = write_csv(tmp_path / "f.csv", [[n, "10", f"F-{i}", "2026-12-01", ""] for i in range(1, 5)])
    real, calls = payments.take_payment, []

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk I/O error")
        return real(*args, **kwargs)

    monkeypatch.setattr(payments, "take_payment", failing)
    before = snapshot(office.db)
    with pytest.raises(OSError):
        run(office, path)
    assert snapshot(office.db) == before and receipts(office) == []


@pytest.mark.sqlite_only  # kills a writer holding the SQLite file
def test_a_killed_import_leaves_no_payment(office: Office, tmp_path: Path) -> None:
    aid = with_open_bills(office)
    path = write_csv(tmp_path / "k.csv", [[number_of(office, aid), "10", f"K-{i}", "2026-12-01", ""] for i in range(3)])
    script = textwrap.dedent(f"""
        import os, signal
        from gasdesk.startup import prepare
        from gasdesk.services.office import users
        from gasdesk.services.cashier import imports
        db = prepare({str(office.db.path)!r})
        with db.write() as s:
            actor = users.authenticate(s, "clerk", {PASSWORD!r}, counter="T01").actor
        with db.write() as s:
            result = imports.import_file(s, actor, imports.read({str(path)!r}), method="transfer")
            assert result.counts()["paid"] == 3
            s.flush()
            os.kill(os.getpid(), signal.SIGKILL)  # before the commit
    """)
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ}, capture_output=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert receipts(office) == []


def test_unusable_files_are_refused_in_words(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "空的" in refusal(empty).zh
    png = tmp_path / "photo.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(64))
    assert "不是文本表格" in refusal(png).zh
    assert refusal(tmp_path / "none.csv").zh.startswith("代收文件不存在")
    assert "不是代收文件" in refusal(tmp_path).zh
    pdf = tmp_path / "stmt.csv"
    pdf.write_bytes(b"%PDF-1.7\n")
    assert "请导入银行或代收机构导出的 CSV 文件" in refusal(pdf).zh
    readings = write_csv(tmp_path / "readings.csv", [["010000017", "M1", "5", "2026-12-01", ""]],
                         head=["户号", "表号", "本次读数", "抄表日期", "备注"])
    err = refusal(readings)
    assert err.zh.startswith("缺少列：金额、参考号、日期。第一行应是列名：户号、金额、参考号、日期（可以再有备注）")
    assert err.en.startswith("Missing columns: amount, reference, date. The first row must name the columns: "
                             "account, amount, reference, date (note may follow)")


def test_the_method_and_the_role_are_checked(office: Office, tmp_path: Path) -> None:
    aid = with_open_bills(office)
    path = write_csv(tmp_path / "m.csv", [[number_of(office, aid), "10", "M-1", "2026-12-01", ""]])
    for method in ("cash", "card", "", "转账"):
        with pytest.raises(ValidationError) as caught:
            run(office, path, method)
        assert "transfer（转账）" in caught.value.zh
    with pytest.raises(PermissionDenied):
        run(office, path, actor="reader")
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Receipt).where(Receipt.method != "cash")) == 0


def test_a_long_reference_keys_within_64_characters() -> None:
    long = "A" * 64
    assert imports.submission_key("wechat", "R-1") == "import:wechat:R-1"
    keyed = imports.submission_key("transfer", long)
    assert len(keyed) <= 64 and keyed == imports.submission_key("transfer", long)
    assert keyed != imports.submission_key("transfer", "A" * 63 + "B")
