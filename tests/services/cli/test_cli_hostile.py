"""Whatever the command line holds, gasdesk answers in words with an exit code from the README's
table: undecodable bytes, NUL, other scripts' digits, huge numbers and strings, malformed
command lines, a console that cannot show Chinese, and errors nobody foresaw."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gasdesk.cli
from gasdesk.cli import accounts, main
from gasdesk.models.users import Role
from gasdesk.services.office import counters, users
from gasdesk.startup import prepare

PASSWORD = "secret-123"
EXIT_CODES = {0, 1, 2, 3}  # done, refused, database unusable, not allowed
CHECK_EXIT_CODES = {0, 1, 2, 4}  # db check: sound, older, damaged, cannot be checked


@pytest.fixture
def office(migrated_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small office: its admin and a clerk at counter T01; the password in GASDESK_PASSWORD."""
    path = tmp_path / "office.db"
    shutil.copyfile(migrated_template, path)  # the session's migrated, sealed file (tests/conftest.py)
    db = prepare(path)
    with db.write() as s:
        info = users.create_first_admin(s, "admin", "管理员", PASSWORD)
        admin = users.actor_for(s.get(users.User, info.id))
        users.add_user(s, admin, "clerk", "王业务", Role.CLERK, PASSWORD)
        counters.add_counter(s, admin, "T01", "测试柜台")
    db.dispose()
    monkeypatch.setenv("GASDESK_PASSWORD", PASSWORD)
    monkeypatch.setenv("GASDESK_COUNTER", "T01")
    return path


def run(*argv: str) -> tuple[int, str, str]:
    """main() in-process, its output kept as the text it printed (so a lone surrogate that
    reached the console would show up here instead of being replaced)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def assert_words(code: int, out: str, err: str, *, codes: set[int] = EXIT_CODES) -> None:
    assert code in codes, (code, out, err)
    assert "Traceback" not in out + err
    assert "程序内部错误" not in err and "Internal error" not in err, err
    (out + err).encode("utf-8")  # nothing undecodable printed raw: a console would choke on it
    if code != 0:
        assert err.strip(), "a refusal says why"
    assert len(err) < 1500, "a refusal quotes a short prefix, not the whole input"


# ---- the examples the issue names --------------------------------------------------------------

LONG = "查" * 5000


@pytest.mark.parametrize(("argv", "words"), [
    (["account", "find", "\udcff\udcfe"], "QUERY 里有无法识别的字符（不是 UTF-8 文字）：“\\udcff\\udcfe”"),
    (["account", "find", "a\0b"], "QUERY 里不能有空字符（NUL）：“a\\x00b”"),
    (["account", "find", LONG], f"QUERY 太长：5,000 个字符，最多 1,000 个（“{'查' * 20}…”）"),
    (["account", "show", "9" * 100], "NUMBER 太长：100 个字符，最多 40 个"),
    (["account", "find", "x", "--limit", "٥٠"], "--limit 应为 1 到 200 之间的整数（半角或全角数字），不是“٥٠”"),
    (["account", "find", "x", "--limit=-3"], "--limit 应为 1 到 200 之间的整数"),
    (["account", "find", "x", "--limit", "1_0"], "不是“1_0”"),
    (["account", "find", "x", "--limit", "9" * 5000], f"--limit 超出范围：应为 1 到 200 之间的整数，不是“{'9' * 20}…”"),
    (["account", "find", "x", "--limit", "201"], "--limit 超出范围"),
    (["demo", "--db", "x.db", "--size", "1e3"], "--size 应为 0 到 5,000,000 之间的整数"),
    (["gas-on", "sheet", "0", "--out", "x.pdf"], "EVENT_ID 超出范围"),
    (["report", "register", "--compound", "9223372036854775808", "--out", "x.pdf"], "--compound 超出范围"),
    (["report", "new-accounts", "--from", "2026-13-01", "--to", "2026-12-31", "--out", "x.pdf"],
     "日期格式应为 2026-01-31：2026-13-01"),
    (["report", "new-accounts", "--from", "2026-01-01", "--to", "2" * 3000, "--out", "x.pdf"],
     f"日期格式应为 2026-01-31：{'2' * 20}…"),
    (["backup", "--to", "/tmp/\udcff.db"], "--to 的路径里有无法识别的字符（不是 UTF-8 文字）：“/tmp/\\udcff.db”"),
    (["--db", "/" + "d" * 5000, "account", "find", "x"], "--db 太长：5,001 个字符，最多 4,096 个"),
    (["--lang", "en", "account", "find", "x", "--limit", "ten"],
     "--limit takes a whole number from 1 to 200, not 'ten'"),
])
def test_hostile_arguments_are_refused_in_words(argv: list[str], words: str) -> None:
    code, out, err = run(*argv)
    assert (code, out) == (1, "")
    assert words in err
    assert_words(code, out, err)


def test_a_refusal_in_english_quotes_without_doubled_backslashes() -> None:
    code, _, err = run("--lang", "en", "restore", "/tmp/\udcffx")
    assert code == 1
    assert err.strip() == ("The path of FILE has characters that cannot be read (not UTF-8): '/tmp/\\udcffx'. "
                           "Rename the file or folder to plain text and try again.")


def test_full_width_digits_are_a_number(office: Path) -> None:
    code, out, err = run("account", "find", "zs", "--limit", "５０", "--db", str(office), "--user", "clerk")
    assert (code, out) == (1, "") and "没有找到匹配“zs”的用户" in err  # parsed as 50: the search ran


def test_a_query_that_finds_nothing_is_quoted_short(office: Path) -> None:
    code, _, err = run("account", "find", "李" * 900, "--db", str(office), "--user", "clerk")
    assert code == 1 and err.strip() == f"没有找到匹配“{'李' * 40}…”的用户。"


def test_malformed_command_lines_are_refused_not_database_errors() -> None:
    for argv in (["--bogus"], ["account", "find"], ["account", "frobnicate"], ["gas-on", "sheet", "1"],
                 ["--lang", "fr"], ["demo"]):
        code, out, err = run(*argv)
        assert code == 1, (argv, err)
        assert_words(code, out, err)
    code, _, err = run("account", "find")
    assert err.splitlines()[-2:] == ["命令行有误：缺少必需的参数：query", "（用法见 gasdesk account find --help）"]
    code, _, err = run("--lang", "en", "account", "find")
    assert err.splitlines()[-2:] == ["Command line error: the following arguments are required: query",
                                     "(see: gasdesk account find --help)"]
    code, _, err = run("--lang", "en", "--bogus")
    assert "Command line error: unrecognized arguments: --bogus" in err


def test_argparse_messages_quote_long_words_short() -> None:
    code, _, err = run("--" + "x" * 3000)
    assert code == 1 and len(err) < 600 and "x" * 41 not in err


def test_db_check_keeps_its_own_exit_codes_for_a_malformed_command_line() -> None:
    assert run("db", "check", "--bogus")[0] == 4
    assert run("db", "check", "--head")[0] == 4
    assert run("db", "check", "--head", "h" * 5000)[0] == 4
    assert run("db", "check", "--db", "\udcff.db")[0] == 4


def test_help_and_version_exit_0() -> None:
    code, out, _ = run("--help")
    assert code == 0 and out.startswith("用法：gasdesk")
    code, out, _ = run("--help", "--lang", "en")
    assert code == 0 and out.startswith("usage: gasdesk")
    code, out, _ = run("account", "find", "--help")
    assert code == 0 and "--limit" in out
    assert run("--version")[0] == 0


def test_an_unexpected_error_is_one_line_and_a_log(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(args: object) -> int:
        raise RuntimeError("something nobody foresaw " + "x" * 500)

    monkeypatch.setattr(accounts, "cmd_account_find", broken)
    code, out, err = run("account", "find", "zs")
    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("程序内部错误，命令没有完成（RuntimeError: something nobody foresaw")
    assert err.strip().endswith(f"；详情已写入日志 {Path(os.environ['GASDESK_HOME']) / gasdesk.cli.ERROR_LOG}。")
    log = Path(os.environ["GASDESK_HOME"]) / gasdesk.cli.ERROR_LOG
    assert f"详情已写入日志 {log}" in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: something nobody foresaw" in text and "account find zs" in text


def test_ctrl_c_exits_130_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(accounts, "cmd_account_find", interrupted)
    assert run("account", "find", "zs") == (130, "", "已中断；没有保存做了一半的操作。\n")


# ---- a real process: bytes that are not UTF-8, consoles that cannot show Chinese ---------------

def _gasdesk(*argv: str | bytes, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "GASDESK_LANG": "zh"}
    return subprocess.run([sys.executable, "-m", "gasdesk", *argv], capture_output=True, env=env, timeout=60,
                          check=False)


@pytest.mark.parametrize("encoding", ["gbk", "ascii", "utf-8"])
def test_invalid_utf8_on_any_console_is_words_not_a_traceback(encoding: str, tmp_path: Path) -> None:
    for argv in ([b"account", b"find", b"\xff\xfe zs"], [b"account", b"find", b"x", b"--limit", "５０".encode()],
                 [b"--db", b"/tmp/\xff.db", b"account", b"show", b"1"], [b"--help"], [b"account", b"find"]):
        done = _gasdesk(*argv, encoding=encoding)
        assert b"Traceback" not in done.stdout + done.stderr, (argv, done.stderr)
        assert done.returncode in EXIT_CODES, (argv, done.stderr)
        assert done.stdout.strip() or done.stderr.strip()
    done = _gasdesk(b"account", b"find", b"\xff\xfe", encoding=encoding)
    assert done.returncode == 1
    if encoding != "ascii":
        assert "QUERY 里有无法识别的字符".encode(encoding) in done.stderr


def test_help_on_an_ascii_console_prints() -> None:
    done = _gasdesk("--help", encoding="ascii")
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"???gasdesk [-h]") and b"gasdesk ??" in done.stdout  # Chinese shown as '?'


def test_a_gbk_console_shows_chinese() -> None:
    done = _gasdesk("account", "find", "x", "--limit", "abc", encoding="gbk")
    assert done.returncode == 1
    assert done.stderr.decode("gbk").strip() == "--limit 应为 1 到 200 之间的整数（半角或全角数字），不是“abc”。"


# ---- arbitrary text in every argument that takes a number or a query ---------------------------

ANY_CHARACTER = st.characters(exclude_categories=())  # surrogates, NUL, controls, unassigned too
DIGITISH = st.sampled_from("0123456789０１２３４５６７８９٠١٢३-+_.e \u3000\0\udcff")
HOSTILE = st.one_of(
    st.text(ANY_CHARACTER, max_size=30),
    st.text(DIGITISH, min_size=1, max_size=25),
    st.builds(lambda s, n: s * n, st.text(ANY_CHARACTER, min_size=1, max_size=3), st.integers(300, 2500)),
    st.sampled_from(["1", "０", "200", "9" * 19, "2026-01-31", "２０２６-０１-３１", "1:" + "a" * 12]),
)

# Each argument's place in a command, the value put where X is. Options take it as --opt=X (so a
# value starting with "-" reaches the check), positionals after "--".
ARGUMENTS = {
    "account find QUERY": ["account", "find", "--user", "clerk", "--", "X"],
    "account find --limit": ["account", "find", "zs", "--limit=X", "--user", "clerk"],
    "account show NUMBER": ["account", "show", "--user", "clerk", "--", "X"],
    "demo --size": ["demo", "--size=X"],
    "gas-on sheet EVENT_ID": ["gas-on", "sheet", "--out", "{tmp}/sheet.pdf", "--user", "admin", "--", "X"],
    "report register --compound": ["report", "register", "--compound=X", "--out", "{tmp}/reg.xlsx", "--user", "admin"],
    "report new-accounts --from": ["report", "new-accounts", "--from=X", "--to", "2026-12-31", "--out",
                                   "{tmp}/new.xlsx", "--user", "admin"],
    "report new-accounts --to": ["report", "new-accounts", "--from", "2026-01-01", "--to=X", "--out",
                                 "{tmp}/new.xlsx", "--user", "admin"],
    "db check --head": ["db", "check", "--head=X"],
}


@pytest.mark.parametrize("where", ARGUMENTS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=HOSTILE)
def test_any_text_in_a_number_or_query_argument_gets_words(where: str, value: str, office: Path,
                                                           tmp_path: Path) -> None:
    argv = [value if a == "X" else a.replace("=X", "=" + value).replace("{tmp}", str(tmp_path))
            for a in ARGUMENTS[where]]
    code, out, err = run("--db", str(office), *argv)
    assert_words(code, out, err, codes=CHECK_EXIT_CODES if where.startswith("db check") else EXIT_CODES)


def test_an_unexpected_error_in_db_check_is_a_check_that_could_not_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    import gasdesk.checkup

    def broken(*args: object, **kwargs: object) -> object:
        raise MemoryError

    monkeypatch.setattr(gasdesk.checkup, "check", broken)
    code, out, err = run("--lang", "en", "db", "check")
    assert (code, out) == (4, "")
    assert err.startswith("Internal error, the command was not finished (MemoryError: )")
