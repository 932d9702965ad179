"""`gasdesk counter list|add` and the business date `account show --json` gives each entry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from gasdesk.cli import main
from gasdesk.startup import prepare


@pytest.fixture
def demo_db(full_demo_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(full_demo_template, tmp_path / "demo.db"))


def test_counter_list_json_names_code_name_and_kind(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["counter", "list", "--json", "--db", str(demo_db)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["code"], r["name"], r["kind"]) for r in rows] == [
        ("C01", "一号柜台", "counter"), ("C02", "二号柜台", "counter"), ("D01", "城东调瓶点", "depot")]


def test_an_admin_adds_a_counter_and_a_clerk_may_not(demo_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GASDESK_PASSWORD", "admin123")
    assert main(["counter", "add", "C03", "--name", "三号柜台", "--db", str(demo_db), "--user", "admin"]) == 0
    assert capsys.readouterr().out.strip() == "已登记营业柜台 C03：三号柜台"
    monkeypatch.setenv("GASDESK_PASSWORD", "clerk123")
    assert main(["counter", "add", "C04", "--name", "四号", "--db", str(demo_db), "--user", "clerk"]) == 3
    assert "登记柜台" in capsys.readouterr().err


def test_a_sign_in_at_an_unregistered_counter_is_refused(demo_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GASDESK_PASSWORD", "clerk123")
    code = main(["account", "find", "zs", "--db", str(demo_db), "--user", "clerk", "--counter", "C9"])
    assert code == 3
    assert capsys.readouterr().err.startswith("柜台号 C9 未登记。")


def test_account_show_json_gives_each_entry_its_business_date(demo_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = prepare(demo_db)
    with db.read() as s:
        number, signed = s.execute(text(
            "SELECT a.number, k.signed_on FROM accounts a JOIN contracts k ON k.account_id = a.id "
            "WHERE a.status = 'in_service' AND k.kind = 'opening' ORDER BY a.id LIMIT 1")).one()
    db.dispose()
    monkeypatch.setenv("GASDESK_PASSWORD", "clerk123")
    assert main(["account", "show", number, "--json", "--db", str(demo_db), "--user", "clerk"]) == 0
    ledger = json.loads(capsys.readouterr().out)["ledger"]
    assert ledger and all(len(e["business_date"]) == 10 for e in ledger)
    signing = [e for e in ledger if e["kind"] in ("opening_fee", "installation_fee")]
    assert signing and {e["business_date"] for e in signing} == {str(signed)}
