"""The cashier from the command line: payment take (its JSON contract), receipt list, print and
void with an approver, shift report and close; refusals in words with the database unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from accounts_support import Office
from cashier_support import with_open_bills
from printing_support import pdf_text
from sqlalchemy import func, select

from gasdesk.cli import main
from gasdesk.models import Account, Receipt

PASSWORD = "secret-123"


@pytest.fixture
def cli(office: Office, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GASDESK_PASSWORD", PASSWORD)
    monkeypatch.setenv("GASDESK_APPROVER_PASSWORD", PASSWORD)
    url = str(office.db.path) if office.db.path else office.db.url.render_as_string(hide_password=False)

    def run(*argv: str, user: str = "clerk") -> tuple[int, str, str]:
        code = main([*argv, "--db", url, "--user", user, "--counter", "T01"])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def number_of(office: Office, aid: int) -> str:
    with office.db.read() as s:
        return s.get(Account, aid).number


def test_payment_take_pays_prints_and_replays_by_its_key(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = with_open_bills(office)
    pdf = tmp_path / "r.pdf"
    code, out, err = cli("payment", "take", number_of(office, aid), "--amount", "352.50", "--method", "cash",
                         "--tendered", "400", "--key", "kiosk-1", "--receipt", str(pdf), "--json")
    assert code == 0, err
    got = json.loads(out)
    assert set(got) >= {"receipt_number", "posting_id", "allocations", "prepayment", "change", "replayed"}
    assert (got["receipt_number"], got["change"], got["prepayment"], got["replayed"]) == (
        "T01-A-0000002", "47.50", "0.00", False)
    assert [(a["bill_id"] is not None, a["amount"]) for a in got["allocations"]] == [(True, "91.50"), (True, "261.00")]
    assert "叁佰伍拾贰元伍角整" in pdf_text(pdf.read_bytes())
    code, out, _ = cli("payment", "take", number_of(office, aid), "--amount", "352.50", "--method", "cash",
                       "--tendered", "400", "--key", "kiosk-1", "--json")
    assert code == 0 and json.loads(out)["replayed"] is True and json.loads(out)["receipt_number"] == "T01-A-0000002"
    code, out, _ = cli("receipt", "list", "--json")
    rows = json.loads(out)
    assert [(r["number"], r["series"], r["counter"], r["status"], r["amount"], r["login"]) for r in rows][1:] == [
        ("T01-A-0000002", "A", "T01", "issued", "352.50", "clerk")]  # after the opening fees' receipt
    assert set(rows[0]) >= {"number", "series", "counter", "status", "amount", "account_number", "login",
                            "created_at", "business_date"}


def test_a_bad_payment_from_the_cli_is_refused_in_words(office: Office, cli) -> None:  # type: ignore[no-untyped-def]
    aid = with_open_bills(office)
    code, _, err = cli("payment", "take", number_of(office, aid), "--amount", "１２３４５６７８９０１２３", "--method",
                       "cash")
    assert code != 0 and "金额" in err and "Traceback" not in err
    code, _, err = cli("payment", "take", number_of(office, aid), "--amount", "10", "--method", "wechat")
    assert code != 0 and "交易参考号" in err
    code, _, err = cli("payment", "take", "000000000", "--amount", "10", "--method", "cash")
    assert code != 0 and "Traceback" not in err
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Receipt)) == 1  # the opening fees' only


def test_reprint_void_and_shift_close_from_the_cli(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aid = with_open_bills(office)
    code, out, _ = cli("payment", "take", number_of(office, aid), "--amount", "100", "--method", "alipay",
                       "--reference", "ALI-778899", "--json")
    number = json.loads(out)["receipt_number"]
    copy = tmp_path / "copy.pdf"
    assert cli("receipt", "print", number, "-o", str(copy), "--layout", "a5")[0] == 0
    text = pdf_text(copy.read_bytes())
    assert "副本" in text and "ALI-778899" in text
    code, _, err = cli("receipt", "void", number, "--reason", "收错户", "--approver", "clerk")
    assert code != 0 and "不是主管" in err
    code, out, err = cli("receipt", "void", number, "--reason", "收错户", "--approver", "supervisor")
    assert code == 0, err
    code, out, _ = cli("shift", "report", "--json")
    (report,) = json.loads(out)
    assert report["status"] == "open" and report["receipts"]["void"] == [number]
    expected = report["cash_expected"]  # the opening fees the account was signed with, in cash
    yuan, fen = expected.split(".")
    code, out, err = cli("shift", "close", "--counted", f"1x{yuan},0.01x{int(fen)}", "--approver", "supervisor",
                         "--json")
    assert code == 0, err
    closed = json.loads(out)
    assert closed["status"] == "closed" and closed["closing"]["difference"] == "0.00"
    code, out, _ = cli("shift", "pending", "--json")
    assert code == 0 and [(r["shift_id"], r["counted"], r["login"]) for r in json.loads(out)] == [
        (report["shift_id"], expected, "clerk")]
    code, out, err = cli("shift", "remit", str(report["shift_id"]), "--received-by", "李会计")
    assert code == 0 and "已解缴" in out, err
    assert json.loads(cli("shift", "pending", "--json")[1]) == []


def test_a_prepayment_refund_from_the_cli_needs_a_supervisor_and_prints(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    number = number_of(office, office.account_at("in_service"))  # 300.00 prepaid
    code, _, err = cli("payment", "refund", number, "--amount", "400", "--method", "cash", "--reason", "搬家",
                       "--approver", "supervisor")
    assert code != 0 and "退款 400.00 元超过该户预存 300.00 元。" in err
    pdf = tmp_path / "refund.pdf"
    code, out, err = cli("payment", "refund", number, "--amount", "120", "--method", "cash", "--reason", "搬家",
                         "--approver", "supervisor", "--key", "r-1", "--receipt", str(pdf), "--json")
    assert code == 0, err
    got = json.loads(out)
    assert (got["receipt_number"], got["amount"], got["held"], got["replayed"]) == (
        "T01-R-0000001", "120.00", "prepayment", False)
    assert "壹佰贰拾元整" in pdf_text(pdf.read_bytes())
    again = json.loads(cli("payment", "refund", number, "--amount", "120", "--method", "cash", "--reason", "搬家",
                           "--approver", "supervisor", "--key", "r-1", "--json")[1])
    assert again["replayed"] is True and again["receipt_number"] == "T01-R-0000001"
    code, _, err = cli("payment", "refund", number, "--amount", "1", "--method", "cash", "--reason", "押金",
                       "--held", "deposit", "--approver", "supervisor")
    assert code != 0 and "超过该户押金 0.00 元" in err
