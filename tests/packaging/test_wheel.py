"""The wheel carries migrations/ and resources/, and a plain install finds them from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

hatchling_wheel = pytest.importorskip("hatchling.builders.wheel")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = list(hatchling_wheel.WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))
    assert len(built) == 1
    return Path(built[0])


def test_wheel_ships_migrations_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "gasdesk/migrations/env.py" in names
    assert "gasdesk/migrations/script.py.mako" in names
    for version in (ROOT / "migrations" / "versions").glob("*.py"):
        assert f"gasdesk/migrations/versions/{version.name}" in names
    assert any(n.startswith("gasdesk/resources/") for n in names)
    manual = sorted((ROOT / "resources" / "help").glob("*.md"))
    assert {"counter.zh.md", "counter.en.md", "login.zh.md"} <= {f.name for f in manual}
    for page in manual:  # the F1 manual ships with the code
        assert f"gasdesk/resources/help/{page.name}" in names
    assert "gasdesk/models/__init__.py" in names
    assert not any(n.startswith(("tests/", "gasdesk/tests/")) or "__pycache__" in n for n in names)


def test_unpacked_wheel_upgrades_a_database_outside_the_tree(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    target = tmp_path / "x.db"
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import gasdesk, gasdesk.cli, gasdesk.paths\n"
        "assert gasdesk.__file__.startswith(sys.argv[1]), gasdesk.__file__\n"
        "print(gasdesk.paths.shipped('migrations'))\n"
        "import gasdesk.ui.help\n"
        "print(gasdesk.ui.help.help_file('counter', 'zh'))\n"
        "sys.exit(gasdesk.cli.main(['db', 'upgrade', '--create', '--db', sys.argv[2]]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, "-c", code, str(site), str(target)], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    shipped_at, manual, upgraded = out.stdout.splitlines()[:3]
    assert Path(shipped_at) == site / "gasdesk" / "migrations"
    assert Path(manual) == site / "gasdesk" / "resources" / "help" / "counter.zh.md"
    head = ScriptDirectory(str(ROOT / "migrations")).get_current_head()
    assert upgraded.endswith(f"（空） -> {head}")  # Chinese unless --lang en
