"""`gasdesk --version` and `--help` load no heavy library; the console entry point ships in the
wheel's metadata and beside the desktop program in the one-folder build."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "PySide6", "pandas", "numpy", "reportlab", "openpyxl", "pypinyin", "argon2")

PROBE = """
import contextlib, io, json, sys
from gasdesk.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(json.loads(sys.argv[1]))
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(json.loads(sys.argv[2])))
print(json.dumps({"code": code, "heavy": heavy, "out": out.getvalue()[:40]}))
"""


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["account", "--help"], ["account", "find", "--help"],
                                  ["report", "register", "--help"], ["db", "check", "--help"],
                                  ["account", "find", "x", "--limit", "many"]])
def test_version_help_and_a_refused_argument_load_no_heavy_library(argv: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv), json.dumps(HEAVY)], capture_output=True,
                          text=True, check=True, timeout=60)
    result = json.loads(done.stdout)
    assert result["heavy"] == [], f"gasdesk {' '.join(argv)} imported {result['heavy']}"
    assert result["code"] in (0, 1)


def test_the_console_entry_point_runs_the_same_commands_as_the_desktop_one() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"] == {"gasdesk": "gasdesk.cli:main"}
    assert project["scripts"] == {"gasdesk-cli": "gasdesk.cli:main"}


def test_build_spec_makes_both_programs_in_one_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """build.spec run with PyInstaller's spec names stubbed: a windowed gasdesk and a console
    gasdesk-cli, both collected into the one dist/gasdesk folder with the libraries and data."""
    made: dict[str, dict[str, object]] = {}

    class Analysis:
        def __init__(self, scripts: list[str], **kwargs: object) -> None:
            self.scripts, self.pure, self.binaries, self.datas = scripts, ["pure"], ["binaries"], kwargs["datas"]

    class EXE:
        def __init__(self, *parts: object, **kwargs: object) -> None:
            self.kwargs = kwargs
            made[str(kwargs["name"])] = kwargs

    collected: list[tuple[tuple[object, ...], dict[str, object]]] = []
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, **kw: []  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda package, **kw: []  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    spec = {"SPECPATH": str(ROOT), "Analysis": Analysis, "PYZ": lambda pure: ("pyz", pure), "EXE": EXE,
            "COLLECT": lambda *parts, **kw: collected.append((parts, kw))}
    exec(compile((ROOT / "build.spec").read_text(encoding="utf-8"), "build.spec", "exec"), spec)

    assert {name: kw["console"] for name, kw in made.items()} == {"gasdesk": False, "gasdesk-cli": True}
    assert all(kw["exclude_binaries"] for kw in made.values())  # the libraries go once, into the folder
    (parts, kw), = collected
    assert kw["name"] == "gasdesk"
    assert [p.kwargs["name"] for p in parts if isinstance(p, EXE)] == ["gasdesk", "gasdesk-cli"]
    assert ["binaries"] in parts


def test_build_spec_collects_the_manual(monkeypatch: pytest.MonkeyPatch) -> None:
    """The F1 manual goes to gasdesk/resources/help in the program folder, where help.help_dir looks."""
    datas: list[tuple[str, str]] = []

    class Stub:
        def __init__(self, *parts: object, **kwargs: object) -> None:
            datas.extend(kwargs.get("datas", []))  # type: ignore[arg-type]
            self.scripts = self.pure = self.binaries = self.datas = []

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, **kw: []  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda package, **kw: []  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    spec = {"SPECPATH": str(ROOT), "Analysis": Stub, "PYZ": Stub, "EXE": Stub, "COLLECT": Stub}
    exec(compile((ROOT / "build.spec").read_text(encoding="utf-8"), "build.spec", "exec"), spec)
    collected = {Path(src).name for src, dest in datas if Path(dest) == Path("gasdesk/resources/help")}
    assert {p.name for p in (ROOT / "resources" / "help").glob("*.md")} <= collected
    assert "counter.zh.md" in collected
