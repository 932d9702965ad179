"""Coupons and deposits from the command line: books received and sold, an exchange paid by
`--coupon` (and refused with the coupon's reason, exit 1), a loan with its slip's PDF, and the
deposit back against the slip or, lost, with a supervisor's approval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from depot_support import Depot
from printing_support import pdf_text
from test_depot_cli import cli  # noqa: F401  (the fixture)
from test_exchange import lend


def test_coupons_pay_for_an_exchange_from_the_cli(cli, depot: Depot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    customer = depot.customer()
    depot.cylinders("E-01~02", inspected="2024-01-01")
    depot.cylinders("F-01~02", inspected="2025-06-01")
    lend(depot, "E-01", customer.id)
    lend(depot, "E-02", customer.id)
    code, out, err = cli("depot", "coupons", "receive", "Q0001~0010", "--size", "YSP35.5", "--face-value", "115",
                         "--per-book", "5", "--json")
    assert code == 0, err
    assert json.loads(out) == {"books": [{"first": "Q0001", "last": "Q0005"}, {"first": "Q0006", "last": "Q0010"}],
                               "count": 10}
    code, out, err = cli("depot", "exchange", "--customer", customer.number, "--in", "E-01", "--out", "F-01",
                         "--coupon", "Q0001")
    assert code == 1 and "气票尚未售出" in err
    code, out, err = cli("depot", "coupons", "sell", "Q0003", "--customer", customer.number, "--method", "cash",
                         "--tendered", "600", "--json")
    assert code == 0, err
    assert json.loads(out) == {"first_serial": "Q0001", "last_serial": "Q0005", "count": 5, "amount": "575.00",
                               "receipt_number": "D01-A-0000001", "replayed": False}
    code, out, err = cli("depot", "exchange", "--customer", customer.number, "--in", "E-01", "--out", "F-01",
                         "--coupon", "q0001", "--json")
    assert code == 0, err
    assert json.loads(out)["coupons"] == ["Q0001"] and json.loads(out)["receipt_number"] is None
    code, _out, err = cli("depot", "exchange", "--customer", customer.number, "--in", "E-02", "--out", "F-02",
                          "--coupon", "Q0001")
    assert code == 1 and "Q0001：气票已经用过" in err
    code, out, _ = cli("depot", "coupons", "check", "Q0001", "--json")
    assert json.loads(out)["status"] == "redeemed"
    code, _out, err = cli("depot", "exchange", "--customer", customer.number, "--in", "E-02", "--out", "F-02",
                          "--coupon", "Q0002", "--amount", "115", "--method", "cash")
    assert code != 0 and "用气票付款时不再收钱" in err


def test_a_loan_and_its_refund_from_the_cli(cli, depot: Depot, tmp_path: Path,  # type: ignore[no-untyped-def]  # noqa: F811
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    customer = depot.customer()
    depot.cylinders("F-01~02", inspected="2025-06-01")
    slip = tmp_path / "slip.pdf"
    code, out, err = cli("depot", "lend", "--customer", customer.number, "--out", "F-01", "--method", "cash",
                         "--tendered", "200", "--slip", str(slip), "--layout", "a5", "--json")
    assert code == 0, err
    assert json.loads(out) == {"slip_number": "D01-Y-0000001", "receipt_number": "D01-A-0000001",
                               "customer": customer.number, "size": "YSP35.5", "serials": ["F-01"], "count": 1,
                               "amount": "150.00", "replayed": False}
    assert "押金条" in pdf_text(slip.read_bytes())
    code, _out, err = cli("depot", "deposit-refund", "--in", "F-01", "--customer", customer.number)
    assert code != 0 and "须由主管批准" in err
    monkeypatch.setenv("GASDESK_APPROVER_PASSWORD", "wrong")
    code, _out, err = cli("depot", "deposit-refund", "--in", "F-01", "--customer", customer.number,
                          "--approver", depot.boss.login)
    assert code != 0 and "Traceback" not in err
    code, out, err = cli("depot", "deposit-refund", "--in", "F-01", "--slip", "D01-Y-0000001", "--json")
    assert code == 0, err
    assert json.loads(out) == {"slip_number": "D01-Y-0000001", "receipt_number": "D01-R-0000001",
                               "serials": ["F-01"], "amount": "150.00", "lost_slip": False, "replayed": False}
    code, _out, err = cli("depot", "slip", "D01-Y-0000009", "-o", str(tmp_path / "x.pdf"))
    assert code != 0 and "没有押金条 D01-Y-0000009" in err
