"""Revision 0008 (readings) on a populated office: every meter's initial reading, and every removed
meter's final one, becomes a reading of its kind; the guards refuse a rewrite, a delete, a replace."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from gasdesk import migrate
from gasdesk.db import Database
from gasdesk.startup import prepare

pytestmark = pytest.mark.sqlite_only  # the 0007 file is built and read with SQLite


@pytest.fixture
def at_0007(full_demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    db = prepare(shutil.copy(full_demo_template, tmp_path / "office.db"))
    migrate.downgrade(db, "0007")
    yield db
    db.dispose()


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_meters_readings_are_backfilled(at_0007: Database) -> None:
    path = at_0007.path
    assert path is not None
    meters = _rows(path, "SELECT id, account_id, installed_on, initial_reading, removed_on, final_reading FROM meters")
    assert meters and any(m[4] is not None and m[5] is not None for m in meters)
    migrate.upgrade(at_0007)
    got = set(_rows(path, "SELECT meter_id, account_id, kind, read_on, value, status, source FROM readings "
                          "WHERE kind IN ('initial', 'final')"))
    want = {(m, a, "initial", on, v, "accepted", "account") for m, a, on, v, _r, _f in meters}
    want |= {(m, a, "final", r, f, "accepted", "account") for m, a, _on, _v, r, f in meters if f is not None}
    assert got == want


@pytest.mark.parametrize("sql", [
    "UPDATE readings SET value = value + 1 WHERE id = (SELECT min(id) FROM readings)",
    "DELETE FROM readings WHERE id = (SELECT min(id) FROM readings)",
    "INSERT OR REPLACE INTO readings SELECT * FROM readings WHERE id = (SELECT min(id) FROM readings)",
])
def test_a_plain_connection_cannot_rewrite_a_reading(at_0007: Database, sql: str) -> None:
    migrate.upgrade(at_0007)
    assert at_0007.path is not None
    conn = sqlite3.connect(at_0007.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="never"):
            conn.execute(sql)
    finally:
        conn.close()
