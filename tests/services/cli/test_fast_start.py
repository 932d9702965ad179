"""A command's start does no work twice and pauses the garbage collector only while it starts
(issue 8 item 6): the collector runs again once the database is open, and main() leaves it as it
found it, whatever the command did."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gasdesk import db as dbmod
from gasdesk.cli import main
from gasdesk.db import Database
from gasdesk.models.users import Role
from gasdesk.services.accounts import search
from gasdesk.startup import prepare

pytestmark = pytest.mark.sqlite_only

ROLE_PASSWORD, COUNTER = "secret-123", "T01"  # the actors fixture's (tests/conftest.py)


@pytest.fixture
def office(db: Database, actors: dict[Role, Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    assert db.path is not None
    db.dispose()
    monkeypatch.setenv("GASDESK_PASSWORD", ROLE_PASSWORD)
    yield db.path


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_runs_again_once_the_command_has_its_database(
    office: Path, collector_on: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []
    real_find = search.find

    def find(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real_find(*args, **kwargs)

    monkeypatch.setattr(search, "find", find)
    code = main(["account", "find", "nobody-here", "--user", "clerk", "--counter", COUNTER, "--db", str(office)])
    assert code == 1 and "没有找到匹配" in capsys.readouterr().err
    assert seen == [True]
    assert gc.isenabled()


@pytest.mark.parametrize("argv", [["--version"], ["account", "find", "x", "--limit", "many"],
                                  ["account", "find", "x", "--user", "clerk", "--db", "/nonexistent/office.db"]])
def test_main_leaves_the_collector_on_whatever_the_command_did(
    argv: list[str], collector_on: None, capsys: pytest.CaptureFixture[str]
) -> None:
    main(argv)
    capsys.readouterr()
    assert gc.isenabled()


def test_main_leaves_a_collector_it_found_off_off(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        assert main(["account", "find", "nobody-here", "--user", "clerk", "--db", str(office)]) == 1
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
    capsys.readouterr()


def test_wal_is_switched_on_once_and_read_from_the_header_after(office: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    conn = sqlite3.connect(office)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    assert not dbmod._in_wal(str(office))
    switched: list[str] = []
    real = dbmod._set_wal
    monkeypatch.setattr(dbmod, "_set_wal", lambda path: (switched.append(path), real(path)))
    for _ in range(2):
        prepare(office).dispose()
    assert switched == [str(office)]  # the second start read the header instead
    assert dbmod._in_wal(str(office))
    conn = sqlite3.connect(office)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_a_file_that_is_no_sqlite_database_is_not_taken_for_wal(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(b"not sqlite at all, but long enough to have bytes 18 and 19: \x02\x02")
    assert not dbmod._in_wal(str(other))
    assert not dbmod._in_wal(str(tmp_path / "missing.db"))
