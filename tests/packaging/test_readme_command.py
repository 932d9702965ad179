"""The README's two set-up commands, and CI running exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(?:bash|sh)\n(.*?)^```", re.S | re.M)


def setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Set-up\n", 1)[1].split("\n## ", 1)[0]
    blocks = [b.strip() for b in FENCE.findall(section)]
    assert all("\n" not in b for b in blocks), "each set-up command is one line"
    return blocks


def test_readme_has_exactly_two_setup_commands() -> None:
    demo, tests = setup_commands()  # exactly two, or this unpacking fails
    assert demo.startswith("python3 -m venv .venv && ") and demo.endswith("gasdesk --demo")
    assert "pip install ." in demo
    assert 'pip install ".[test]"' in tests and "QT_QPA_PLATFORM=offscreen" in tests
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    _, tests = setup_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in ci
    command_lines = [line for line in ci.splitlines() if tests in line]
    assert len(command_lines) == 1, "CI must run the README's test command exactly as written"
    assert "QT_QPA_PLATFORM=offscreen" in ci and ".venv/bin/ruff check src tests" in ci


def test_readme_screenshots_exist() -> None:
    """Every picture the README shows is in the tree (a real window, taken by the program itself)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme)
    assert "docs/screenshot-account.png" in pictures
    for picture in pictures:
        assert (ROOT / picture).is_file(), picture
