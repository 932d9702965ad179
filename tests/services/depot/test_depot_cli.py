"""The depot from the command line: the JSON contracts of depot check, list and customers, a
customer and a delivery registered, refusals in words."""

from __future__ import annotations

import json

import pytest
from accounts_support import make_id
from depot_support import Depot

from gasdesk.cli import main

PASSWORD = "secret-123"


@pytest.fixture
def cli(depot: Depot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GASDESK_PASSWORD", PASSWORD)
    db = depot.db
    url = str(db.path) if db.path else db.url.render_as_string(hide_password=False)

    def run(*argv: str, user: str = "keeper", counter: str = "D01") -> tuple[int, str, str]:
        code = main([*argv, "--db", url, "--user", user, "--counter", counter])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_register_check_and_list_from_the_cli(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("depot", "customer", "--name", "王五", "--id-number", make_id(born="19850505"),
                         "--phone", "13912345678", "--address", "城东路 8 号", "--kind", "restaurant", "--json")
    assert code == 0, err
    customer = json.loads(out)
    assert customer == {"number": "00000013", "name": "王五", "phone": "139****5678", "kind": "restaurant",
                        "account_number": None}
    code, out, err = cli("depot", "register", "K-0001~0003", "--size", "ysp12", "--made", "2020-01-15",
                         "--inspected", "2022-12", "--document", "SH-20261204", "--json")
    assert code == 0, err
    assert json.loads(out) == {"serials": ["K-0001", "K-0002", "K-0003"]}
    code, out, _ = cli("depot", "check", "k-0002", "--on", "2026-12-31", "--json")
    assert code == 0
    assert json.loads(out) == {"serial": "K-0002", "size": "YSP12", "status": "full", "owner": "company",
                               "holder": None, "next_inspection_due": "2026-12-31", "life_ends_on": "2028-01-15",
                               "may_take_in": False, "may_hand_out": False, "reasons": ["inspection_due_soon"]}
    code, out, _ = cli("depot", "check", "K-0002", "--on", "2027-01-01", "--json")
    assert json.loads(out)["reasons"] == ["inspection_overdue"]
    code, out, _ = cli("depot", "list", "--status", "full", "--due-before", "2027-06-01", "--json")
    rows = json.loads(out)
    assert [r["serial"] for r in rows] == ["K-0001", "K-0002", "K-0003"]
    assert set(rows[0]) == {"serial", "size", "status", "owner", "holder", "next_inspection_due", "life_ends_on",
                            "may_take_in", "may_hand_out", "reasons"}
    code, out, _ = cli("depot", "customers", "ww", "--json")
    assert json.loads(out) == [{"number": "00000013", "name": "王五", "phone": "139****5678", "kind": "restaurant"}]
    code, out, _ = cli("depot", "customers", "--json", user="clerk", counter="T01")  # the counter may look
    assert code == 0 and len(json.loads(out)) == 1


def test_bad_depot_commands_are_refused_in_words(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("depot", "register", "K-0001", "--size", "YSP99", "--made", "2020-01-01", "--inspected",
                       "2022-01-01")
    assert code != 0 and "没有 YSP99 这种规格" in err and "Traceback" not in err
    code, _, err = cli("depot", "register", "K-0001", "--size", "YSP12", "--made", "去年", "--inspected", "2022-01")
    assert code != 0 and "制造日期不是有效日期" in err
    code, _, err = cli("depot", "customer", "--name", "王五")
    assert code != 0 and "请给出 --id-number、--phone、--address" in err
    code, _, err = cli("depot", "check", "K-0001", "--customer", "12345678")
    assert code != 0 and "校验位" in err
    code, _, err = cli("depot", "register", "K-0001", "--size", "YSP12", "--made", "2020-01-01", "--inspected",
                       "2022-01-01", user="clerk", counter="T01")
    assert code != 0 and "无权" in err
    code, _, err = cli("depot", "check", "٣٣٣", "--json")  # another script's digits
    assert code != 0 and "数字" in err and "Traceback" not in err
    code, _, err = cli("depot", "check", " ", "--json")
    assert code != 0 and "请输入或扫描钢瓶钢印号" in err
    code, _, err = cli("depot", "register", "K-0001", "--size", "", "--made", "2020-01-01", "--inspected", "2022-01")
    assert code != 0 and "请写明钢瓶规格" in err
    code, out, _ = cli("depot", "check", "NO-SUCH", "--json")
    assert code == 0 and json.loads(out)["reasons"] == ["unregistered"]


def test_an_exchange_from_the_cli_and_its_refusal_storing_nothing(cli, depot: Depot) -> None:  # type: ignore[no-untyped-def]
    from test_exchange import with_empty

    customer = with_empty(depot)
    depot.cylinders("OLD-01", inspected="2022-12-01", owner=customer.number)
    code, _, err = cli("depot", "exchange", "--customer", customer.number, "--in", "OLD-01", "--out", "F-01",
                       "--amount", "115", "--method", "cash")
    assert code == 1 and "收回 OLD-01：超过检验期" in err
    code, _, err = cli("depot", "exchange", "--customer", customer.number, "--in", "E-01", "--amount", "115",
                       "--method", "cash")
    assert code != 0 and "要成对给出" in err
    code, out, err = cli("depot", "exchange", "--customer", customer.number, "--in", "E-01", "--out", "F-01",
                         "--amount", "115", "--method", "alipay", "--reference", "ALI77", "--json")
    assert code == 0, err
    assert json.loads(out) == {"transaction_id": json.loads(out)["transaction_id"], "customer": customer.number,
                               "pairs": [{"in": "E-01", "out": "F-01"}], "amount": "115.00",
                               "receipt_number": "D01-A-0000001", "coupons": [], "replayed": False}
    code, out, _ = cli("depot", "check", "F-01", "--json")
    assert json.loads(out)["holder"] == customer.number


def test_the_days_movement_sheet_from_the_cli(cli, depot: Depot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from printing_support import pdf_text

    depot.cylinders("K-0001~0003")
    pdf = tmp_path / "stock.pdf"
    code, out, err = cli("depot", "stock", "--json", "-o", str(pdf))
    assert code == 0, err
    got = json.loads(out)
    assert got["rows"] == [{"size": "YSP35.5", "state": "full", "opening": 0, "received": 3, "issued": 0,
                            "closing": 3}]
    assert "钢瓶收发存日报" in pdf_text(pdf.read_bytes())
    code, out, _ = cli("depot", "stock", "--date", "2026-01-01", "--json")
    assert code == 0 and json.loads(out) == {"date": "2026-01-01", "rows": []}
