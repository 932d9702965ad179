"""Every command on a file that holds no database: a zero-byte file stays zero bytes, a missing
file and its folder stay missing, and the refusal says which it is (only an explicit step makes a
database: db create, db upgrade --create, demo, the first start)."""

from __future__ import annotations

import importlib
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from gasdesk.cli import main

pytestmark = pytest.mark.sqlite_only

USED, CHECK_CANNOT = 2, 4
COMMANDS: list[list[str]] = [
    ["account", "find", "张三", "--user", "clerk"],
    ["account", "show", "0100000017", "--user", "clerk"],
    ["counter", "list"],
    ["counter", "add", "C09", "--name", "九号柜台", "--user", "admin"],
    ["user", "add", "boss", "--role", "admin"],
    ["backup", "--user", "admin"],
    ["report", "register", "--out", "register.pdf", "--user", "clerk"],
    ["report", "new-accounts", "--from", "2026-01-01", "--to", "2026-12-31", "--out", "new.pdf", "--user", "clerk"],
    ["gas-on", "sheet", "1", "--out", "sheet.pdf", "--user", "clerk"],
    ["db", "upgrade"],
]


def run(capsys: pytest.CaptureFixture[str], argv: list[str], path: Path) -> tuple[int, str]:
    code = main([*argv, "--db", str(path)])
    return code, capsys.readouterr().err


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GASDESK_PASSWORD", "whatever-1")
    monkeypatch.setenv("GASDESK_NEW_PASSWORD", "whatever-1")
    monkeypatch.chdir(tmp_path)  # where --out files would land: none may appear


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_zero_byte_file_is_refused_and_stays_empty(argv: list[str], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "office.db"
    empty.touch()
    code, err = run(capsys, argv, empty)
    assert code == USED and "数据库文件是空的（0 字节）" in err and "gasdesk db create" in err
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.db"]  # no -wal, no backup, no printout


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_missing_file_is_refused_and_nothing_is_made(argv: list[str], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, argv, tmp_path / "offfice.db")  # a typo
    assert code == USED and "数据库文件不存在" in err
    code, err = run(capsys, argv, tmp_path / "typo" / "office.db")
    assert code == USED and "数据库所在的文件夹不存在" in err and "不会自己建文件夹" in err
    assert list(tmp_path.iterdir()) == []


def test_db_check_cannot_check_an_empty_or_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "office.db"
    empty.touch()
    code, err = run(capsys, ["db", "check"], empty)
    assert code == CHECK_CANNOT and "数据库文件是空的" in err and "gasdesk restore" not in err
    code, err = run(capsys, ["db", "check"], tmp_path / "none.db")
    assert code == CHECK_CANNOT and "数据库文件不存在" in err
    assert [p.name for p in tmp_path.iterdir()] == ["office.db"] and empty.stat().st_size == 0


def test_db_create_makes_one_only_where_there_is_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "office.db"
    empty.touch()
    assert run(capsys, ["db", "create"], empty)[0] == 0
    assert run(capsys, ["db", "check"], empty)[0] == 0
    before = empty.read_bytes()
    code, err = run(capsys, ["db", "create"], empty)
    assert code == 1 and "这里已经有 gasdesk 数据库" in err
    assert empty.read_bytes() == before


# --- a sound database in a folder that cannot be written to is not damage --------------------

def as_unprivileged(fn: Callable[[], int]) -> int:
    """Run ``fn`` as a user without write access: in a forked child that drops root (chmod does
    not stop root), or as is when the tests do not run as root. Returns its exit code."""
    if os.geteuid() != 0:
        return fn()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 99
        try:
            os.setgid(65534)
            os.setuid(65534)
            code = fn()
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.fixture(params=["folder", "file"])
def locked_folder(full_demo_template: Path, request: pytest.FixtureRequest) -> Path:
    """The demo office in a folder nobody may write to (outside pytest's root-only tmp); with
    ``file`` the file itself is read-only too."""
    folder = Path(tempfile.mkdtemp(prefix="gasdesk-ro-"))
    path = folder / "office.db"
    path.write_bytes(full_demo_template.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")  # a copy brought on a stick: no -wal to create
    conn.close()
    path.chmod(0o644)
    if os.geteuid() == 0 and request.param == "folder":
        os.chown(path, 65534, 65534)  # the file itself is the unprivileged user's: only the folder is locked
    elif request.param == "file":
        path.chmod(0o444)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)
    for p in folder.iterdir():
        p.unlink()
    folder.rmdir()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_folder_is_not_called_damage(locked_folder: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # The child may not read a venv under /root: everything it runs is imported first.
    for module in ("gasdesk.checkup", "gasdesk.cli.accounts", "gasdesk.services.accounts.search", "gasdesk.startup"):
        importlib.import_module(module)

    os.environ["GASDESK_PASSWORD"] = "clerk123"
    before = locked_folder.read_bytes()
    assert as_unprivileged(lambda: main(["db", "check", "--db", str(locked_folder)])) == 0
    out = capfd.readouterr()
    assert "完整性检查通过" in out.out and "校验链通过" in out.out
    code = as_unprivileged(lambda: main(["account", "find", "张三", "--user", "clerk", "--db", str(locked_folder)]))
    err = capfd.readouterr().err
    said = "数据库所在的文件夹不可写" if locked_folder.stat().st_mode & 0o200 else "数据库文件是只读的"
    assert code == USED and said in err and "没有损坏，不需要恢复备份" in err
    assert "gasdesk restore" not in err  # restoring would replace good data with older
    assert locked_folder.read_bytes() == before
