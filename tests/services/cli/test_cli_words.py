"""The command line speaks Chinese by default and English with --lang en, names methods, kinds and
statuses in words, refuses a missing output folder in words, and takes --demo for the demo office."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gasdesk.cli import main
from gasdesk.paths import demo_db_path

NUMBER = "010000012"  # the demo office's first account: signed with ¥300 of prepayment, paid by Alipay


@pytest.fixture
def demo_home(full_demo_template: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A data folder holding the demo office, as `gasdesk --demo` leaves it."""
    monkeypatch.setenv("GASDESK_HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    shutil.copyfile(full_demo_template, demo_db_path())
    monkeypatch.setenv("GASDESK_PASSWORD", "clerk123")
    monkeypatch.setenv("GASDESK_LANG", "zh")
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_subcommand_takes_demo_before_or_after_it(demo_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "account", "find", "彭娟", "--demo", "--user", "clerk", "--counter", "C01")
    assert code == 0 and NUMBER in out, err
    code, out, _ = run(capsys, "--demo", "account", "show", NUMBER, "--user", "clerk", "--counter", "C01")
    assert code == 0 and out.startswith(f"户号 {NUMBER}  彭娟")
    assert not (demo_home / "gasdesk.db").exists()  # the default database was never touched


def test_demo_and_db_together_are_refused_in_words(demo_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "account", "find", "张", "--demo", "--db", str(demo_db_path()), "--user", "clerk")
    assert (code, out) == (1, "")
    assert err.strip() == "--demo 和 --db 只能用一个：--demo 就是演示营业厅的数据库。"
    code, _, err = run(capsys, "--lang", "en", "--demo", "account", "show", NUMBER, "--db", "x.db", "--user", "clerk")
    assert code == 1 and err.strip() == "Use --demo or --db, not both: --demo is the demo office's database."


def test_account_show_in_words_in_both_languages(demo_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "account", "show", NUMBER, "--demo", "--user", "clerk", "--counter", "C01")
    lines = out.splitlines()
    assert code == 0
    assert lines[3] == "余额 ¥300.00  欠费 ¥0.00  预付款 ¥300.00  押金 ¥0.00"
    assert any(line.endswith("收款 -¥2,000.00（支付宝）  clerk") for line in lines)
    assert any(line.endswith("安装费 ¥1,500.00  clerk") for line in lines)
    assert "alipay" not in out and "installation_fee" not in out
    code, out, _ = run(capsys, "account", "show", NUMBER, "--demo", "--user", "clerk", "--counter", "C01",
                       "--lang", "en")
    lines = out.splitlines()
    assert lines[0].startswith(f"Account {NUMBER}  彭娟  [") and lines[0].endswith("]  Residential")
    assert lines[3] == "Balance ¥300.00  Arrears ¥0.00  Prepayment ¥300.00  Deposits ¥0.00"
    assert any(line.endswith("Payment -¥2,000.00 (Alipay)  clerk") for line in lines)
    assert "Ledger:" in lines


def test_an_output_into_a_missing_folder_is_refused_in_words(demo_home: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no such folder"
    for argv in (["report", "register", "--out", str(missing / "r.pdf")],
                 ["report", "new-accounts", "--from", "2025-01-01", "--to", "2025-12-31", "--out",
                  str(missing / "n.xlsx")],
                 ["gas-on", "sheet", "1", "--out", str(missing / "s.pdf")]):
        code, out, err = run(capsys, *argv, "--demo", "--user", "clerk", "--counter", "C01")
        assert (code, out, err.strip()) == (1, "", f"文件夹不存在：{missing}"), argv
        code, _, err = run(capsys, *argv, "--demo", "--user", "clerk", "--counter", "C01", "--lang", "en")
        assert (code, err.strip()) == (1, f"The folder does not exist: {missing}")
    assert not missing.exists()


def test_success_messages_speak_the_chosen_language(demo_home: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "r.xlsx"
    code, out, _ = run(capsys, "report", "register", "--area", "01", "--out", str(out_file), "--demo", "--user",
                       "clerk", "--counter", "C01")
    assert code == 0 and out.startswith(f"已写入 {out_file}（xlsx，") and "用户登记册，共 " in out
    code, out, _ = run(capsys, "report", "register", "--area", "01", "--out", str(out_file), "--demo", "--user",
                       "clerk", "--counter", "C01", "--lang", "en")
    assert code == 0 and out.startswith(f"wrote {out_file} (xlsx, ") and ", accounts: " in out
