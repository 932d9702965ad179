"""`gasdesk readings import|held|confirm|correct|list`: the import's contract, file by file.

Counts printed and as JSON keys, the rejects file beside the input (UTF-8 with BOM, the original
columns plus reason_code and reason), exit 0/1, all or nothing, a re-import storing nothing,
and a killed import leaving no reading of its file.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from accounts_support import Office
from sqlalchemy import func, select

from gasdesk.cli import main
from gasdesk.models import Account, Meter, Reading

ROLE_PASSWORD = "secret-123"  # tests/conftest.py: every test actor's password

HEAD_ZH = ["户号", "表号", "本次读数", "抄表日期", "备注"]


def _url(office: Office) -> str:
    return str(office.db.path) if office.db.path else office.db.url.render_as_string(hide_password=False)


@pytest.fixture
def accounts(office: Office) -> list[tuple[str, str]]:
    """(number, serial) of three accounts in service, gas-on 2026-01-12 at 0."""
    out = []
    for _ in range(3):
        aid = office.account_at("in_service")
        with office.db.read() as s:
            out.append((s.get(Account, aid).number,
                        s.scalar(select(Meter.serial).where(Meter.account_id == aid))))
    return out


def _rows(accounts: list[tuple[str, str]]) -> list[list[str]]:
    (n1, m1), (n2, m2), (n3, m3) = accounts
    return [
        [n1, m1, "12.5", "2026-02-12", ""],
        [n2, m2, "8", "2026/2/12", "门口表"],
        [n3, m3, "abc", "2026年2月12日", ""],  # bad_value
        [n1[:-1] + str((int(n1[-1]) + 1) % 10), m1, "3", "2026-02-12", ""],  # check_digit
        ["", "", "", "", ""],  # a row of empty cells is a blank line
        [n3, m3, "9", "2099-01-01", ""],  # future_date
        [n2, m2, "8", "2026-02-12", ""],  # repeated identically: already imported
    ]


def _csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(HEAD_ZH)
        w.writerows(rows)
        f.write("\r\n")  # a blank line at the end
    return path


def _run(office: Office, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         *args: str, user: str = "reader") -> tuple[int, str, str]:
    monkeypatch.setenv("GASDESK_PASSWORD", ROLE_PASSWORD)
    code = main(["readings", *args, "--db", _url(office), "--user", user])
    out = capsys.readouterr()
    return code, out.out, out.err


def _stored(office: Office) -> int:
    with office.db.read() as s:
        return s.scalar(select(func.count()).select_from(Reading).where(Reading.kind == "actual")) or 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_imports_its_good_rows_and_rejects_the_bad(
    office: Office, accounts: list, tmp_path: Path, encoding: str, capsys, monkeypatch
) -> None:
    path = _csv(tmp_path / "抄表0212.csv", _rows(accounts), encoding)
    code, out, err = _run(office, capsys, monkeypatch, "import", str(path))
    assert code == 1
    assert out.splitlines() == ["接受 2，待审 0，已导入过 1，拒收 3",
                                "accepted 2, held 0, already imported 1, rejected 3"]
    rejects = tmp_path / "抄表0212.rejected.csv"
    assert str(rejects) in err
    raw = rejects.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[0] == [*HEAD_ZH, "reason_code", "reason"]
    assert [(r[2], r[5]) for r in lines[1:]] == [("abc", "bad_value"), ("3", "check_digit"), ("9", "future_date")]
    assert lines[1][6] == "气量“abc”不是数字，请只输入数字和小数点（如 1234.5）。"
    assert _stored(office) == 2
    # the same file again stores nothing more
    code, out, _ = _run(office, capsys, monkeypatch, "import", str(path), "--json")
    assert code == 1
    assert json.loads(out) | {"rejects_file": None} == {
        "accepted": 0, "held": 0, "already_imported": 3, "rejected": 3, "dry_run": False, "rejects_file": None}
    assert _stored(office) == 2


def test_a_clean_file_exits_0_and_removes_an_old_rejects_file(
    office: Office, accounts: list, tmp_path: Path, capsys, monkeypatch
) -> None:
    path = _csv(tmp_path / "day.csv", _rows(accounts)[:2], "utf-8")
    (tmp_path / "day.rejected.csv").write_text("old", encoding="utf-8")
    code, out, _ = _run(office, capsys, monkeypatch, "import", str(path), "--lang", "en")
    assert (code, out.splitlines()) == (0, ["accepted 2, held 0, already imported 0, rejected 0"])
    assert not (tmp_path / "day.rejected.csv").exists()


def test_dry_run_stores_nothing(office: Office, accounts: list, tmp_path: Path, capsys, monkeypatch) -> None:
    path = _csv(tmp_path / "day.csv", _rows(accounts), "utf-8")
    code, out, _ = _run(office, capsys, monkeypatch, "import", str(path), "--dry-run", "--json")
    assert code == 1
    assert json.loads(out)["accepted"] == 2 and json.loads(out)["dry_run"] is True
    assert _stored(office) == 0


def test_an_xlsx_with_float_cells_and_lost_leading_zeros(
    office: Office, accounts: list, tmp_path: Path, capsys, monkeypatch
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["account", "meter", "reading", "date", "note", "kind"])
    (n1, m1), (n2, m2), _ = accounts
    ws.append([int(n1), m1, 12.5, date(2026, 2, 12), None, "actual"])  # 01xxxxxxx typed as a number
    ws.append([n2, m2, 7.1, "2026-02-12", "估", "estimated"])
    ws.append([n2, m2, 1e-05, "2026-03-12", None, "bogus"])  # unknown kind
    path = tmp_path / "hand.xlsx"
    wb.save(path)
    code, out, _ = _run(office, capsys, monkeypatch, "import", str(path), "--json")
    assert code == 1
    assert {k: v for k, v in json.loads(out).items() if k in ("accepted", "rejected")} == {"accepted": 2, "rejected": 1}
    with office.db.read() as s:
        values = sorted(str(v) for v in s.scalars(select(Reading.value).where(Reading.kind != "initial")))
    assert values == ["12.500", "7.100"]


def test_unreadable_files_are_refused_in_words(tmp_path: Path, office: Office, capsys, monkeypatch) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = _run(office, capsys, monkeypatch, "import", str(empty))
    assert code == 1 and "Traceback" not in err and err.strip()
    code, _, err = _run(office, capsys, monkeypatch, "import", str(tmp_path / "missing.csv"))
    assert code == 1 and "Traceback" not in err and err.strip()


def test_a_clerk_may_not_import(office: Office, accounts: list, tmp_path: Path, capsys, monkeypatch) -> None:
    path = _csv(tmp_path / "day.csv", _rows(accounts)[:2], "utf-8")
    code, _, err = _run(office, capsys, monkeypatch, "import", str(path), user="clerk")
    assert code != 0 and "无权" in err
    assert _stored(office) == 0


def test_held_confirm_correct_list(office: Office, accounts: list, tmp_path: Path, capsys, monkeypatch) -> None:
    (n1, m1), _, _ = accounts
    rows = [[n1, m1, v, d, ""] for v, d in
            (("10", "2026-02-11"), ("20", "2026-03-13"), ("30", "2026-04-12"), ("300", "2026-05-12"))]
    _run(office, capsys, monkeypatch, "import", _csv(tmp_path / "m.csv", rows, "utf-8").as_posix())
    code, out, _ = _run(office, capsys, monkeypatch, "held", "--json")
    held = json.loads(out)
    assert code == 0 and [(h["value"], h["reasons"]) for h in held] == [("300.000", ["spike"])]
    code, _, err = _run(office, capsys, monkeypatch, "confirm", str(held[0]["id"]))
    assert code != 0 and "无权" in err  # a reader corrects; a supervisor confirms
    code, out, _ = _run(office, capsys, monkeypatch, "correct", str(held[0]["id"]), "40")
    assert code == 0 and "已接受" in out
    code, out, _ = _run(office, capsys, monkeypatch, "list", "--status", "superseded", "--json")
    assert [(r["account_number"], r["value"], r["status"]) for r in json.loads(out)] == [(n1, "300.000", "superseded")]
    assert set(json.loads(out)[0]) == {"id", "account_number", "meter_serial", "date", "value", "kind", "status",
                                       "reasons"}


@pytest.mark.sqlite_only  # kills a writer holding the SQLite file
def test_a_killed_import_leaves_no_reading_of_its_file(office: Office, accounts: list, tmp_path: Path) -> None:
    path = _csv(tmp_path / "day.csv", _rows(accounts)[:2], "utf-8")
    script = textwrap.dedent(f"""
        import os, signal
        from gasdesk.startup import prepare
        from gasdesk.services.office import users
        from gasdesk.services.readings import imports
        db = prepare({str(office.db.path)!r})
        with db.write() as s:
            actor = users.authenticate(s, "reader", {ROLE_PASSWORD!r}, counter="T01").actor
        with db.write() as s:
            result = imports.import_file(s, actor, imports.read({str(path)!r}))
            assert result.counts()["accepted"] == 2
            s.flush()
            os.kill(os.getpid(), signal.SIGKILL)  # before the commit
    """)
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ}, capture_output=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert _stored(office) == 0
