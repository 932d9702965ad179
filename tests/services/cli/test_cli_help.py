"""The command line's help and argparse's own words speak Chinese by default and English with
--lang en or GASDESK_LANG=en; each help text is written once, in both languages, and fits the console."""

from __future__ import annotations

import argparse
import contextlib
import inspect
import io
import re
from collections.abc import Iterator

import pytest

from gasdesk.cli import build_parser, common, main
from gasdesk.services.core.errors import set_language

CJK = re.compile("[\u4e00-\u9fff]")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def console(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps to the console's width
    monkeypatch.delenv("GASDESK_LANG", raising=False)
    yield
    set_language("zh")


def test_gasdesk_help_is_chinese_by_default_and_english_with_lang_en(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run("--help")
    assert (code, err) == (0, "")
    assert out.startswith("用法：gasdesk [-h] [--db DB]")
    for words in ("gasdesk 燃气营业厅柜台系统。", "\n位置参数：\n", "\n选项：\n",
                  "  -h, --help            显示这份帮助并退出",
                  "    readings            抄表读数：导入、待审、确认、更正、列表",
                  "  --version             显示版本号并退出"):
        assert words in out
    assert "usage:" not in out and "options" not in out and "show this help" not in out

    for argv in (["--help", "--lang", "en"], ["--lang=en", "--help"]):
        code, out, _ = run(*argv)
        assert code == 0 and out.startswith("usage: gasdesk [-h] [--db DB]")
        for words in ("\npositional arguments:\n", "\noptions:\n",
                      "  -h, --help            show this help message and exit",
                      "    readings            meter readings: import, held, confirm, correct, list"):
            assert words in out
        assert not CJK.search(out)

    monkeypatch.setenv("GASDESK_LANG", "en")
    code, out, _ = run("--help")
    assert code == 0 and out.startswith("usage: gasdesk") and not CJK.search(out)


def test_a_sub_commands_help_in_both_languages() -> None:
    code, out, _ = run("readings", "import", "--help")
    assert code == 0
    assert out.startswith("用法：gasdesk readings import [-h] [--db DB] [--user USER] [--counter COUNTER]\n"
                          "                              [--lang {zh,en}]")  # lined up under the command
    assert "\n导入 CSV 或 XLSX 读数文件（合格的行在一个事务里一起保存）。" in out
    assert "  --dry-run          只检查和报告，什么也不保存\n" in out
    assert "  file               CSV（UTF-8、GB18030/GBK）或 XLSX；表头 户号 表号 本次读数\n" in out
    code, out, _ = run("readings", "import", "--help", "--lang", "en")
    assert code == 0 and out.startswith("usage: gasdesk readings import [-h]")
    assert "\nimport a CSV or XLSX file of readings (all good rows in one transaction)" in out
    assert "  --dry-run          check and report, store nothing\n" in out
    assert "  file               CSV (UTF-8, GB18030/GBK) or XLSX; headers 户号 表号 本次\n" in out


def test_a_usage_error_in_both_languages_keeps_its_exit_code() -> None:
    code, out, err = run("--lang", "fr")
    assert (code, out) == (1, "")
    assert err.startswith("用法：gasdesk [-h]")
    assert err.splitlines()[-2:] == ["命令行有误：参数 --lang：无效的选择：'fr'（可选：'zh', 'en'）",
                                     "（用法见 gasdesk --help）"]
    code, _, err = run("account")
    assert code == 1 and "命令行有误：缺少必需的参数：{show,find}\n" in err
    code, _, err = run("db", "check", "--head")
    assert code == 4 and "命令行有误：参数 --head：后面需要一个值\n" in err
    code, _, err = run("account", "find", "x", "--json=yes")
    assert code == 1 and "命令行有误：参数 --json：这个选项不带值，多给了 'yes'\n" in err

    code, _, err = run("db", "check", "--head", "--lang", "en")
    assert code == 4 and err.startswith("usage: gasdesk db check [-h]")
    assert "Command line error: argument --head: expected one argument\n" in err
    code, _, err = run("--lang", "en", "account", "frobnicate")
    assert code == 1
    assert "Command line error: argument {show,find}: invalid choice: 'frobnicate' (choose from 'show', 'find')" in err


def test_argparse_speaks_english_again_after_a_chinese_command_line() -> None:
    assert run("account", "find")[0] == 1
    other = argparse.ArgumentParser(prog="other")
    assert other.format_help().startswith("usage: other [-h]")
    assert "show this help message and exit" in other.format_help()


def _parsers(lang: str) -> dict[str, argparse.ArgumentParser]:
    """Every parser of the command line by its command (``gasdesk readings import``), built in ``lang``."""
    set_language(lang)
    with common.argparse_words(lang):
        top = build_parser()
    return {top.prog: top, **_sub(top)}


def _sub(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for p in action.choices.values():
                found[p.prog] = p
                found.update(_sub(p))
    return found


def _helps(parser: argparse.ArgumentParser) -> dict[str, str]:
    texts = {"": parser.description or ""}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):  # its commands' lines, each one's help
            texts.update({f"command {c.dest}": c.help or "" for c in action._choices_actions})
        elif action.help != argparse.SUPPRESS:
            texts[action.dest if not action.option_strings else action.option_strings[-1]] = action.help or ""
    return texts


def test_every_command_and_argument_has_its_help_in_both_languages() -> None:
    zh, en = _parsers("zh"), _parsers("en")
    assert zh.keys() == en.keys() and len(zh) > 25
    for prog, parser in zh.items():
        zh_helps, en_helps = _helps(parser), _helps(en[prog])
        assert zh_helps.keys() == en_helps.keys()
        for name, text in zh_helps.items():
            assert CJK.search(text), f"{prog} {name}: no Chinese help: {text!r}"
            assert text != en_helps[name] and re.search("[a-z]{3}", en_helps[name]), f"{prog} {name}"


def test_chinese_help_fits_an_80_column_console() -> None:
    for argv in (["--help"], ["readings", "import", "--help"], ["user", "add", "--help"], ["db", "--help"],
                 ["report", "new-accounts", "--help"]):
        _code, out, _ = run(*argv)
        for line in out.splitlines():
            if "{db,backup," not in line:  # argparse's list of commands, one word it cannot break
                assert common.columns(line) <= 80, (argv, line)


def test_lines_break_between_chinese_characters_never_before_closing_punctuation() -> None:
    assert common.wrap("甲乙丙，丁", 6) == ["甲乙", "丙，丁"]
    assert common.wrap("甲乙（丙", 4) == ["甲乙", "（丙"]
    assert common.wrap("见（默认 gasdesk.db）", 8) == ["见（默认", "gasdesk.db）"]
    assert common.wrap("plain words  wrap   at spaces", 11) == ["plain words", "wrap at", "spaces"]
    assert common.columns("用法：gasdesk") == 13


def test_every_argparse_word_translated_is_one_argparse_says() -> None:
    """A later Python that rewords one of them shows it in English: this says which to update."""
    source = inspect.getsource(argparse)
    for english in [*common.ARGPARSE_ZH, *(w for pair in common.ARGPARSE_ZH_PLURAL for w in pair)]:
        assert f"'{english}'" in source or f'"{english}"' in source, english
