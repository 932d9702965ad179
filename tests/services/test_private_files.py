"""Every file that may hold personal data ends owner-only (0600), by every path: the one writer,
copies, SQLite backups and their side files, restores, the attachment store, and the commands."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from accounts_support import Office

from gasdesk import backup, files
from gasdesk.cli import main
from gasdesk.services.accounts import attachments, gas_on_days

pytestmark = [pytest.mark.skipif(os.name == "nt", reason="POSIX modes"), pytest.mark.sqlite_only]

ROLE_PASSWORD = "secret-123"  # every role's password in tests/conftest.py


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    """As on a workstation: without gasdesk's care, new files would be 0644."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def cli(office: Office, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GASDESK_PASSWORD", ROLE_PASSWORD)

    def run(*argv: str, user: str = "clerk") -> int:
        code = main([*argv, "--db", str(office.db.path), "--user", user])
        capsys.readouterr()
        return code

    return run


def test_the_writer_and_the_copier_leave_owner_only_files(tmp_path: Path) -> None:
    written = files.write_atomic(tmp_path / "register.pdf", b"%PDF")
    copied = files.copy_atomic(written, tmp_path / "copy.pdf")
    made = files.create_private(tmp_path / "backup.part")
    folder = files.private_folder(tmp_path / "backups")
    assert [mode(p) for p in (written, copied, made)] == [0o600] * 3
    assert mode(folder) == 0o700


def test_every_command_that_writes_a_file_leaves_it_owner_only(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office.account_at("installed", name="王五")
    with office.db.write() as s:
        event = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 2, 1))
    outputs = {
        "register.pdf": ("report", "register", "--area", "01"),
        "register.xlsx": ("report", "register", "--compound", str(office.compound_id)),
        "new.xlsx": ("report", "new-accounts", "--from", "2026-01-01", "--to", "2026-01-31"),
        "sheet.pdf": ("gas-on", "sheet", str(event.id)),
    }
    for name, argv in outputs.items():
        assert cli(*argv, "--out", str(tmp_path / name)) == 0, name
    assert {name: mode(tmp_path / name) for name in outputs} == dict.fromkeys(outputs, 0o600)
    target = tmp_path / "chosen" / "office.db"
    target.parent.mkdir()
    assert cli("backup", "--to", str(target), user="admin") == 0
    assert (mode(target), mode(backup.head_file(target))) == (0o600, 0o600)
    assert cli("backup", user="admin") == 0  # the default: backups/ beside the database
    folder = office.db.path.parent / "backups"  # type: ignore[union-attr]
    made = sorted(folder.iterdir())
    assert made and {p.name: mode(p) for p in made} == {p.name: 0o600 for p in made}
    assert mode(folder) == 0o700


def test_a_backup_is_owner_only_before_its_first_byte(office: Office, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real_connect = backup.sqlite3.connect

    def connect(target, *args, **kwargs):  # type: ignore[no-untyped-def]
        path = Path(str(target))
        if path.name.endswith(".part"):
            seen.append(mode(path))  # made already, empty, 0600, when SQLite opens it to fill it
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(backup.sqlite3, "connect", connect)
    written = backup.hot_copy(office.db, tmp_path / "copy.db")
    assert seen == [0o600] and mode(written) == 0o600


def test_a_restore_leaves_the_restored_and_the_kept_file_owner_only(office: Office, tmp_path: Path) -> None:
    source = backup.hot_copy(office.db, tmp_path / "source.db")
    live = tmp_path / "live.db"
    files.copy_atomic(source, live)
    live.chmod(0o644)  # as an older program left it
    kept = backup.restore(live, source)
    assert kept is not None
    assert (mode(live), mode(kept)) == (0o600, 0o600)


def test_the_attachment_store_is_owner_only(office: Office) -> None:
    aid = office.account_at("application")
    with office.db.write() as s:
        info = attachments.add(s, office.clerk, aid, kind="contract", filename="合同.jpg", data=b"\xff\xd8photo")
    stored = attachments.store_path(info.sha256)
    assert mode(stored) == 0o600
    assert mode(stored.parent) == 0o700


def test_a_new_database_file_is_owner_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "office.db"
    assert main(["db", "create", "--db", str(target)]) == 0
    capsys.readouterr()
    assert mode(target) == 0o600
    wal = target.with_name("office.db-wal")
    assert not wal.exists() or mode(wal) == 0o600  # SQLite gives its journal the file's mode
