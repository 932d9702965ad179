"""`gasdesk account find`: the counter search from the command line, acting as --user."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gasdesk.cli import main
from gasdesk.models.users import Role
from gasdesk.services.accounts import opening, records
from gasdesk.services.accounts.identity import id_check_char
from gasdesk.services.office import address, counters, users
from gasdesk.startup import prepare

PASSWORD = "secret-123"
FEES = records.ContractFees(Decimal("200.00"), Decimal("1500.00"), Decimal("300.00"))


def _id(n: int) -> str:
    body = f"11010519800101{n:03d}"
    return body + id_check_char(body)


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two numbered 张三 and one 张三丰 in 阳光花园; users clerk and depot."""
    path = tmp_path / "office.db"
    db = prepare(path, create=True)
    with db.write() as s:
        info = users.create_first_admin(s, "admin", "管理员", PASSWORD)
        admin = users.actor_for(s.get(users.User, info.id))
        users.add_user(s, admin, "clerk", "王业务", Role.CLERK, PASSWORD)
        users.add_user(s, admin, "depot", "赵调瓶", Role.DEPOT, PASSWORD)
        counters.add_counter(s, admin, "T01", "测试柜台")
        clerk = users.actor_for(s.scalar(users.select(users.User).where(users.User.login == "clerk")),
                                counters.registered(s, "T01"))
        area = address.add_area(s, admin, "01", "城东片区")
        compound = address.add_compound(s, admin, area.id, "阳光花园", "建设路 18 号")
        for n, (name, phone, room) in enumerate((("张三", "13812345678", "501"), ("张三丰", "13700002222", "502"),
                                                 ("张三", "13900001111", "601"))):
            a = opening.apply(s, clerk, account_type="residential",
                               holder=records.HolderInput(name, _id(n), phone),
                               premises=records.PremisesInput(compound_id=compound.id, building="3", unit="2",
                                                               room=room),
                               applied_on=date(2026, 1, 5))
            opening.sign_contract(s, clerk, a.id, fees=FEES, paid=FEES.total, method="cash",
                                   idempotency_key=f"cli-find-{n}", signed_on=date(2026, 1, 6))
    db.dispose()
    monkeypatch.setenv("GASDESK_PASSWORD", PASSWORD)
    return path


def gasdesk(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_find_prints_hits_best_first_with_phones_masked(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = gasdesk(capsys, "account", "find", "张三", "--db", str(office), "--user", "clerk")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "010000012  张三  阳光花园 3栋2单元501  138****5678  [已编号]  (name)",
        "010000036  张三  阳光花园 3栋2单元601  139****1111  [已编号]  (name)",
        "010000020  张三丰  阳光花园 3栋2单元502  137****2222  [已编号]  (name)",
    ]


def test_find_json_and_limit(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = gasdesk(capsys, "--db", str(office), "--user", "clerk", "account", "find", "zs", "--json",
                           "--limit", "1")
    assert code == 0
    assert json.loads(out) == [{
        "account_id": 1, "number": "010000012", "holder_name": "张三", "address": "阳光花园 3栋2单元501",
        "phone": "138****5678", "status": "numbered", "status_zh": "已编号", "matched_on": "initials",
    }]


def test_a_wrong_check_digit_is_refused_with_the_reason(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = gasdesk(capsys, "account", "find", "010000013", "--db", str(office), "--user", "clerk")
    assert (code, out) == (1, "")
    assert err.strip() == "户号校验位不对，请核对后重新输入。"


def test_nothing_found_exits_1(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = gasdesk(capsys, "account", "find", "李四", "--db", str(office), "--user", "clerk", "--json")
    assert (code, json.loads(out)) == (1, [])
    assert err.strip() == "没有找到匹配“李四”的用户。"


def test_a_role_without_account_view_is_refused(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = gasdesk(capsys, "account", "find", "张三", "--db", str(office), "--user", "depot")
    assert (code, out) == (3, "")
    assert "无权执行此操作：查看用户档案" in err


def test_a_limit_that_cuts_the_list_says_so_on_stderr(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = gasdesk(capsys, "account", "find", "张三", "--limit", "2", "--db", str(office), "--user", "clerk")
    assert code == 0
    assert len(out.splitlines()) == 2  # stdout: the hits alone, as before
    assert err.strip() == "只列出前 2 户，共 3 户；用 --limit 列出更多（最多 200）。"
    code, out, err = gasdesk(capsys, "--lang", "en", "account", "find", "zs", "--json", "--limit", "1",
                             "--db", str(office), "--user", "clerk")
    assert (code, len(json.loads(out))) == (0, 1)
    assert err.strip() == "Listed the first 1 of 3 accounts; --limit lists more (200 at most)."
    code, _out, err = gasdesk(capsys, "account", "find", "张三", "--limit", "3", "--db", str(office), "--user", "clerk")
    assert (code, err) == (0, "")  # nothing cut: nothing said
