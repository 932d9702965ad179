"""The core never imports Qt: models, services and the database layer stay plain Python.

("Core" here is models/, services/ and the plain modules at the top of the package, not only
services/core/.)"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import gasdesk

PKG = Path(gasdesk.__file__).resolve().parent
# Every plain module at the top of the package (db, migrate, backup, ...): a new one is checked too.
CORE_MODULES = sorted(p.name for p in PKG.glob("*.py") if p.name not in {"__init__.py", "__main__.py"})
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "gasdesk.ui")


def core_files() -> list[Path]:
    files = sorted((PKG / "models").rglob("*.py")) + sorted((PKG / "services").rglob("*.py"))
    return files + [PKG / name for name in CORE_MODULES]


def imported_names(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):  # every import, including ones inside functions
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in {
            "import_module", "__import__"
        } and node.args and isinstance(node.args[0], ast.Constant):
            names.append(str(node.args[0].value))
    return names


def test_the_checks_see_the_whole_core() -> None:
    """Not vacuous: the database layer, the migrations and the start-up path are among the files."""
    assert {"db.py", "migrate.py", "startup.py", "backup.py"} <= set(CORE_MODULES)
    assert {"models", "services"} <= {p.relative_to(PKG).parts[0] for p in core_files()}


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(PKG)))
def test_core_file_imports_no_qt(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    bad = [n for n in imported_names(tree) if n.split(".")[0] in FORBIDDEN or n.startswith("gasdesk.ui")]
    assert not bad, f"{path.relative_to(PKG)} imports {bad}"


def test_core_loads_without_qt_at_run_time() -> None:
    """Importing every core module pulls in no Qt, not even through a third module."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import gasdesk.models, gasdesk.services\n"
        "for pkg in (gasdesk.models, gasdesk.services):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        f"for name in {[m[:-3] for m in CORE_MODULES]!r}:\n"
        "    importlib.import_module('gasdesk.' + name)\n"
        "qt = ('PySide6', 'shiboken6')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in qt or m.startswith('gasdesk.ui')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
