"""`gasdesk payments import`: the import's contract from the command line, as `readings import`
keeps it: the counts printed and as JSON, the rejects file beside the input (or at --rejects),
exit 0/1, the same file twice paying once, and hostile files and arguments refused in words."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from accounts_support import Office, snapshot
from cashier_support import with_open_bills
from sqlalchemy import func, select

from gasdesk.cli import main
from gasdesk.cli import payments as payments_cli
from gasdesk.models import Account, Receipt
from gasdesk.services.cashier import imports

PASSWORD = "secret-123"
HEAD = ["户号", "金额", "参考号", "日期"]


@pytest.fixture
def cli(office: Office, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GASDESK_PASSWORD", PASSWORD)
    url = str(office.db.path) if office.db.path else office.db.url.render_as_string(hide_password=False)

    def run(*argv: str, user: str = "clerk") -> tuple[int, str, str]:
        code = main(["payments", "import", *argv, "--db", url, "--user", user, "--counter", "T01"])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def number_of(office: Office, aid: int) -> str:
    with office.db.read() as s:
        return s.get(Account, aid).number


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows([HEAD, *rows])
    return path


def stored(office: Office) -> dict[str, list[tuple]]:
    """Every table but the audit log (which keeps the sign-ins and the refusals)."""
    return {t: rows for t, rows in snapshot(office.db).items() if t != "audit_log"}


def paid_receipts(office: Office) -> int:
    with office.db.read() as s:
        return s.scalar(select(func.count()).select_from(Receipt).where(Receipt.method != "cash")) or 0


def test_a_good_file_pays_and_the_same_file_again_pays_nothing(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    n = number_of(office, with_open_bills(office))
    path = write_csv(tmp_path / "bank.csv", [[n, "91.50", "TX1", "2026-12-01"], [n, "300.00", "TX2", "2026-12-02"]])
    (tmp_path / "bank.rejected.csv").write_text("old", encoding="utf-8")
    code, out, err = cli(str(path), "--method", "transfer")
    assert code == 0, err
    assert out.splitlines() == ["入账 2 笔，共 391.50 元；已导入过 0，拒收 0",
                                "paid 2, total 391.50, already imported 0, rejected 0"]
    assert not (tmp_path / "bank.rejected.csv").exists()  # what lies beside the file is the last import's
    code, out, _ = cli(str(path), "--method", "transfer", "--json")
    got = json.loads(out)
    assert code == 0
    assert {k: got[k] for k in ("rows", "paid", "already_imported", "rejected", "total", "method", "dry_run",
                                "rejects_file")} == {
        "rows": 2, "paid": 0, "already_imported": 2, "rejected": 0, "total": "0.00", "method": "transfer",
        "dry_run": False, "rejects_file": None}
    assert [(p["line"], p["outcome"], p["reference"], p["receipt_number"]) for p in got["payments"]] == [
        (2, "already_imported", "TX1", "T01-A-0000002"), (3, "already_imported", "TX2", "T01-A-0000003")]
    assert got["rejects"] == [] and paid_receipts(office) == 2


def test_the_json_of_a_payment_names_its_allocations(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    n = number_of(office, with_open_bills(office))
    path = write_csv(tmp_path / "wx.csv", [[n, "400", "WX1", "2026-12-01"]])
    code, out, err = cli(str(path), "--method", "wechat", "--json", "--lang", "en")
    assert code == 0, err
    (row,) = json.loads(out)["payments"]
    assert set(row) == {"line", "outcome", "account_number", "amount", "reference", "date", "receipt_number",
                        "allocations", "late_fee", "prepayment"}
    assert (row["account_number"], row["amount"], row["date"], row["prepayment"]) == (n, "400.00", "2026-12-01",
                                                                                     "47.50")
    assert [a["amount"] for a in row["allocations"]] == ["91.50", "261.00"]


def test_bad_rows_go_to_the_rejects_file_and_exit_1(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    n = number_of(office, with_open_bills(office))
    rows = [[n, "10", "A1", "2026-12-01"], [n, "1e3", "A2", "2026-12-01"], [n + "0", "10", "A3", "2026-12-01"],
            [n, "10", "", "2026-12-01"], [n, "10", "A5", "2099-12-01"]]
    path = write_csv(tmp_path / "代收1201.csv", rows, "gb18030")
    code, out, err = cli(str(path), "--method", "alipay")
    assert code == 1 and "Traceback" not in err
    assert out.splitlines()[0] == "入账 1 笔，共 10.00 元；已导入过 0，拒收 4"
    rejects = tmp_path / "代收1201.rejected.csv"
    assert str(rejects) in err
    raw = rejects.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[0] == [*HEAD, "reason_code", "reason"]
    assert [(line[2], line[4]) for line in lines[1:]] == [("A2", "bad_amount"), ("A3", "bad_account"),
                                                          ("", "no_reference"), ("A5", "future_date")]
    assert lines[1][5] == "金额不能用科学计数法（如 1e3），请直接写出数字：“1e3”。"
    # the JSON says the same, and --rejects puts the file elsewhere (written even with none rejected)
    elsewhere = tmp_path / "out" / "rej.csv"
    elsewhere.parent.mkdir()
    code, out, _ = cli(str(path), "--method", "alipay", "--json", "--rejects", str(elsewhere))
    got = json.loads(out)
    assert (code, got["paid"], got["already_imported"], got["rejected"]) == (1, 0, 1, 4)
    assert got["rejects_file"] == str(elsewhere) and elsewhere.is_file()
    assert [(r["line"], r["reason_code"]) for r in got["rejects"]] == [(3, "bad_amount"), (4, "bad_account"),
                                                                       (5, "no_reference"), (6, "future_date")]


def test_payments_stand_when_the_rejects_file_cannot_be_written(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    n = number_of(office, with_open_bills(office))
    path = write_csv(tmp_path / "r.csv", [[n, "10", "W1", "2026-12-01"], [n, "x", "W2", "2026-12-01"]])
    (tmp_path / "r.rejected.csv").mkdir()  # in the way of the rejects file
    code, out, err = cli(str(path), "--method", " Transfer ")
    assert code == 1 and "入账 1 笔" in out and "Traceback" not in err
    assert "入账已经完成，但拒收文件没有写成" in err and paid_receipts(office) == 1


def test_dry_run_pays_nothing(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    n = number_of(office, with_open_bills(office))
    path = write_csv(tmp_path / "d.csv", [[n, "10", "D1", "2026-12-01"]])
    before = stored(office)
    code, out, _ = cli(str(path), "--method", "transfer", "--dry-run")
    assert code == 0 and "试运行" in out and "入账 1 笔" in out
    assert stored(office) == before


@pytest.mark.parametrize(("content", "words"), [
    (b"", "文件是空的"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "不是文本表格"),
    (b"%PDF-1.7\n", "这是 PDF 文件"),
    (b"PK\x03\x04garbage", "Excel 文件已损坏"),
    ("户号,表号,本次读数,抄表日期\r\n".encode(), "缺少列：金额、参考号、日期"),
    ("account,amount,reference,date\r\n010000017,1,Café; déjà,2026-12-01\r\n".encode("cp1252"),
     "无法识别文件的文字编码"),
])
def test_unusable_files_are_refused_in_words_and_nothing_changes(office: Office, cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 content: bytes, words: str) -> None:
    path = tmp_path / "bank.csv"
    path.write_bytes(content)
    before = snapshot(office.db)
    code, out, err = cli(str(path), "--method", "transfer")
    assert code == 1 and words in err and "Traceback" not in err and out == ""
    assert snapshot(office.db) == before  # refused before anyone signed in


def test_hostile_arguments_are_refused_in_words(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    n = number_of(office, with_open_bills(office))
    path = write_csv(tmp_path / "b.csv", [[n, "10", "H1", "2026-12-01"]])
    before = stored(office)
    for argv, words in [
        ((str(path), "--method", "cash"), "transfer（转账）"),
        ((str(path), "--method", "١٢٣"), "付款方式"),
        ((str(tmp_path / "none.csv"), "--method", "transfer"), "代收文件不存在"),
        ((str(tmp_path), "--method", "transfer"), "不是代收文件"),
        ((str(path), "--method", "transfer", "--rejects", str(path)), "不能是要导入的文件本身"),
        ((str(path), "--method", "transfer", "--rejects", str(tmp_path / "no" / "r.csv")), "文件夹不存在"),
        ((str(path) + "\udcff", "--method", "transfer"), "无法识别的字符"),
        ((str(path),), "--method"),
    ]:
        code, _, err = cli(*argv)
        assert code == 1 and words in err and "Traceback" not in err, (argv, err)
    code, _, err = cli(str(path), "--method", "transfer", user="reader")
    assert code == 3 and "无权" in err
    assert paid_receipts(office) == 0
    assert stored(office) == before


def test_the_help_names_the_methods_the_service_takes() -> None:
    assert payments_cli.METHODS == imports.METHODS
