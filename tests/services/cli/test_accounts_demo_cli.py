"""The demo office's accounts keep the invariants; `gasdesk account show` prints one masked."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from gasdesk.cli import main
from gasdesk.services.accounts.numbers import validate_number
from gasdesk.startup import prepare


@pytest.fixture
def demo_db(full_demo_template: Path, tmp_path: Path) -> Path:
    """A copy of the office `gasdesk demo --db FILE --size 0` wrote (once per session, tests/conftest.py)."""
    return Path(shutil.copyfile(full_demo_template, tmp_path / "demo.db"))


def test_demo_accounts_keep_the_invariants(demo_db: Path) -> None:
    db = prepare(demo_db)
    try:
        with db.read() as s:
            q = lambda sql: s.execute(text(sql)).all()  # noqa: E731
            statuses = dict(q("SELECT status, count(*) FROM accounts GROUP BY status"))
            assert sum(statuses.values()) == 3000
            assert set(statuses) == {"application", "contract_signed", "numbered", "install_planned", "installed",
                                     "gas_on", "in_service", "suspended", "closed"}
            numbers = [n for (n,) in q("SELECT number FROM accounts WHERE number IS NOT NULL")]
            assert all(validate_number(n) == n for n in numbers)
            # counters cover every number handed out, per area
            for code, last, top in q("SELECT a.code, c.last_seq, max(substr(x.number, 3, 6)) FROM areas a "
                                     "JOIN account_number_counters c ON c.area_id = a.id "
                                     "JOIN accounts x ON x.area_id = a.id AND x.number IS NOT NULL GROUP BY a.id"):
                assert int(top) <= last, code
            assert q("SELECT holder_id_number FROM accounts WHERE status != 'closed' "
                     "GROUP BY holder_id_number HAVING count(*) > 1") == []
            assert q("SELECT id FROM accounts WHERE status = 'closed' AND id IN "
                     "(SELECT account_id FROM ledger_entries GROUP BY account_id HAVING sum(amount) != 0)") == []
            assert q("SELECT posting_id FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id "
                     "WHERE p.action = 'account.sign_contract' GROUP BY posting_id HAVING sum(amount) != 0") == []
        assert db.integrity_check() == []
    finally:
        db.dispose()


def test_account_show(demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db = prepare(demo_db)
    with db.read() as s:
        number, id_number, billed = s.execute(text(
            "SELECT number, holder_id_number, (SELECT sum(total) FROM bills b WHERE b.account_id = a.id) "
            "FROM accounts a WHERE status = 'in_service' ORDER BY id LIMIT 1")).one()
    db.dispose()
    owed = Decimal(billed) / 100 - Decimal("300.00")  # its bills, less the prepayment they used up
    monkeypatch.setenv("GASDESK_PASSWORD", "clerk123")
    assert main(["account", "show", number, "--db", str(demo_db), "--user", "clerk", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["number"] == number
    assert data["summary"]["id_number"] == id_number[:3] + "*" * 11 + id_number[-4:]
    # the first account in service: contract fees paid in full, the 300.00 prepayment applied to its
    # first bills, the rest of its bills owed (the demo has no payments of bills)
    assert owed > 0
    assert data["balances"] == {"available": f"{-owed}", "balance": f"{owed}", "arrears": f"{owed}",
                                "credit": "0.00", "prepayment_credit": "0.00", "deposits": "0.00"}
    # newest first: the demo's last cycle read, back to the meter's initial reading
    assert data["readings"][0]["kind"] in ("actual", "estimated", "no_access")
    assert data["readings"][-1]["kind"] == "initial"
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert main(["account", "show", wrong, "--db", str(demo_db), "--user", "clerk"]) == 1
    assert capsys.readouterr().err.strip() == "户号校验位不对，请核对后重新输入。"
