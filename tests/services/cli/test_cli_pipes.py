"""`gasdesk ... | head`: when the reader of the output goes away, the command exits quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gasdesk.cli import main


def _run_into_a_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``gasdesk ARGS`` with its stdout a pipe nobody reads any more (as `| head` leaves it)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "gasdesk", *args], stdout=write_end, stderr=subprocess.PIPE,
                              timeout=120, check=False, env={**os.environ, "GASDESK_LANG": "zh"})
    finally:
        os.close(write_end)


@pytest.mark.sqlite_only
def test_a_command_writing_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    target = tmp_path / "office.db"
    assert main(["db", "create", "--db", str(target)]) == 0
    done = _run_into_a_closed_pipe("db", "check", "--db", str(target))
    assert (done.returncode, done.stderr) == (0, b"")


def test_help_into_a_closed_pipe_exits_quietly() -> None:
    done = _run_into_a_closed_pipe("--help")
    assert (done.returncode, done.stderr) == (0, b"")


@pytest.mark.sqlite_only
def test_a_broken_pipe_inside_a_command_is_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "office.db"
    assert main(["db", "create", "--db", str(target)]) == 0
    capsys.readouterr()
    class GoneReader:
        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", GoneReader())
    assert main(["db", "check", "--db", str(target)]) == 0
    assert capsys.readouterr().err == ""
