"""The batch commands: exit codes, the acting user's role checks, refusals that change nothing."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from gasdesk import __version__
from gasdesk.cli import main
from gasdesk.db import open_database
from gasdesk.models import AuditEntry
from gasdesk.services import demo
from gasdesk.services.office import users

ADMIN_PW = "admin-pass-1"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gasdesk(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database with its first admin, made as an administrator would on day one."""
    path = tmp_path / "office.db"
    assert gasdesk(capsys, "db", "create", "--db", str(path))[0] == 0
    monkeypatch.setenv("GASDESK_NEW_PASSWORD", ADMIN_PW)
    assert gasdesk(capsys, "user", "add", "boss", "--role", "admin", "--name", "老板", "--db", str(path))[0] == 0
    monkeypatch.delenv("GASDESK_NEW_PASSWORD")
    return path


def actions(path: Path) -> list[str]:
    db = open_database(path, create=False)
    try:
        with db.read() as s:
            return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    finally:
        db.dispose()


def test_version_through_the_module_entry_point() -> None:
    out = subprocess.run([sys.executable, "-m", "gasdesk", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"gasdesk {__version__}"


def test_db_upgrade_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.db"
    code, _, err = gasdesk(capsys, "db", "upgrade", "--db", str(path))
    assert code == 2 and "数据库文件不存在" in err and not path.exists()  # a typo makes nothing
    code, _, err = gasdesk(capsys, "db", "upgrade", "--create", "--db", str(tmp_path / "typo" / "new.db"))
    assert code == 2 and "文件夹不存在" in err and not (tmp_path / "typo").exists()
    code, out, _ = gasdesk(capsys, "db", "upgrade", "--create", "--db", str(path))
    assert code == 0 and "已升级" in out and "（空） ->" in out
    code, out, _ = gasdesk(capsys, "db", "upgrade", "--db", str(path))
    assert code == 0 and "无需升级" in out
    code, out, _ = gasdesk(capsys, "db", "check", "--db", str(path))
    assert code == 0 and "完整性检查通过" in out and "校验链通过：共 0 行" in out


def test_db_check_exit_codes(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert gasdesk(capsys, "db", "check", "--db", str(office))[0] == 0
    damaged = tmp_path / "damaged.db"
    shutil.copy(office, damaged)
    with damaged.open("r+b") as f:
        f.seek(3 * 4096)  # the users table
        f.write(b"\xa5" * 4096)
    before = sha(damaged)
    code, _, err = gasdesk(capsys, "db", "check", "--db", str(damaged))
    assert code == 2 and "数据库文件已损坏" in err and "gasdesk restore" in err
    assert sha(damaged) == before
    code, _, err = gasdesk(capsys, "db", "check", "--db", str(tmp_path / "missing.db"))
    assert code == 4 and "数据库文件不存在" in err
    code, _, err = gasdesk(capsys, "--lang", "en", "db", "check", "--db", str(tmp_path / "missing.db"))
    assert code == 4 and "The database file does not exist" in err
    assert not (tmp_path / "missing.db").exists()


def test_first_user_must_be_admin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert gasdesk(capsys, "db", "create", "--db", str(tmp_path / "x.db"))[0] == 0
    monkeypatch.setenv("GASDESK_NEW_PASSWORD", ADMIN_PW)
    code, _, err = gasdesk(capsys, "user", "add", "wang", "--role", "clerk", "--db", str(tmp_path / "x.db"))
    assert code == 1 and "第一个用户必须是管理员" in err
    code, _, err = gasdesk(capsys, "user", "add", "wang", "--role", "boss", "--db", str(tmp_path / "x.db"))
    assert code == 1 and "没有这个角色：boss" in err


def test_user_add_as_admin_and_refused_for_clerk(office: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GASDESK_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("GASDESK_NEW_PASSWORD", "clerk-pass-1")
    code, out, _ = gasdesk(capsys, "user", "add", "wang", "--role", "clerk", "--user", "boss", "--db", str(office))
    assert (code, out.strip()) == (0, "已添加用户 wang，角色：业务员")

    monkeypatch.setenv("GASDESK_PASSWORD", "clerk-pass-1")
    monkeypatch.setenv("GASDESK_NEW_PASSWORD", "other-pass-1")
    code, _, err = gasdesk(capsys, "user", "add", "li", "--role", "admin", "--user", "wang", "--db", str(office))
    assert code == 3 and "您的角色（业务员）无权执行此操作：用户管理" in err

    monkeypatch.setenv("GASDESK_PASSWORD", "wrong-pass-1")
    code, _, err = gasdesk(capsys, "user", "add", "li", "--role", "clerk", "--user", "boss", "--db", str(office))
    assert code == 3 and "登录名或密码不正确" in err

    db = open_database(office, create=False)
    try:
        with db.read() as s:
            assert sorted(u.login for u in s.scalars(select(users.User))) == ["boss", "wang"]
    finally:
        db.dispose()
    assert actions(office) == [
        "user.bootstrap_admin", "login", "user.add", "login", "permission.denied", "login.failed",
    ]


def test_batch_command_needs_user_and_password(office: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GASDESK_NEW_PASSWORD", "clerk-pass-1")
    code, _, err = gasdesk(capsys, "user", "add", "wang", "--role", "clerk", "--db", str(office))
    assert code == 3 and "--user" in err
    monkeypatch.delenv("GASDESK_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # no terminal to prompt on
    code, _, err = gasdesk(capsys, "user", "add", "wang", "--role", "clerk", "--user", "boss", "--db", str(office))
    assert code == 3 and "GASDESK_PASSWORD" in err


def test_backup_and_restore(office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GASDESK_PASSWORD", ADMIN_PW)
    copy = tmp_path / "copies" / "monday.db"
    code, out, _ = gasdesk(capsys, "backup", "--to", str(copy), "--user", "boss", "--db", str(office))
    assert code == 0 and "备份已写入并检查无误" in out
    assert gasdesk(capsys, "db", "check", "--db", str(copy))[0] == 0

    code, _, err = gasdesk(capsys, "restore", str(copy), "--user", "boss", "--db", str(office))
    assert code == 1 and "--yes" in err  # no terminal, no confirmation: nothing replaced
    code, out, _ = gasdesk(capsys, "restore", str(copy), "--yes", "--user", "boss", "--db", str(office))
    assert code == 0 and "被替换的文件保留为" in out
    kept = list(tmp_path.glob("office.replaced-*.db"))
    assert len(kept) == 1 and gasdesk(capsys, "db", "check", "--db", str(kept[0]))[0] == 0
    assert actions(office)[-1] == "db.restore"
    assert "db.backup" in actions(kept[0])


def test_backup_refused_for_a_reader(office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GASDESK_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("GASDESK_NEW_PASSWORD", "reader-pass-1")
    assert gasdesk(capsys, "user", "add", "zhao", "--role", "reader", "--user", "boss", "--db", str(office))[0] == 0
    monkeypatch.setenv("GASDESK_PASSWORD", "reader-pass-1")
    code, _, err = gasdesk(capsys, "backup", "--to", str(tmp_path / "b.db"), "--user", "zhao", "--db", str(office))
    assert code == 3 and "备份数据库" in err
    assert not (tmp_path / "b.db").exists()


def test_demo_builds_once_and_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "BUILDERS", ())  # the foundation's part; features test their own
    path = tmp_path / "demo.db"
    code, out, _ = gasdesk(capsys, "demo", "--db", str(path))
    assert code == 0 and "演示营业厅已写入" in out
    db = open_database(path, create=False)
    try:
        with db.read() as s:
            logins = sorted(u.login for u in s.scalars(select(users.User)))
    finally:
        db.dispose()
    assert logins == sorted(login for login, *_ in demo.DEMO_USERS)
    before = sha(path)
    code, _, err = gasdesk(capsys, "demo", "--db", str(path))
    assert code == 1 and "文件已存在，不会覆盖" in err
    assert sha(path) == before
    assert gasdesk(capsys, "demo")[0] == 1  # --db is required: refused


def test_common_options_before_or_after_the_sub_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "given-first.db"
    code, out, _ = gasdesk(capsys, "--db", str(path), "db", "upgrade", "--create")
    assert code == 0 and str(path) in out and path.exists()
    code, _, err = gasdesk(capsys, "--lang", "en", "--db", str(tmp_path / "none.db"), "db", "check")
    assert code == 4 and "The database file does not exist" in err
