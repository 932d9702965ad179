"""The one-folder build speaks Chinese: our gasdesk_zh_CN.qm and the manual go where the program
looks (build.spec's datas), and Qt's own qtbase_zh_CN.qm (file and print dialogs, buttons) comes with
PySide6, through PyInstaller's hook.

How qtbase gets there (PyInstaller 6, utils/hooks/qt/__init__.py and _modules_info.py): importing
PySide6.QtCore runs hook-PySide6.QtCore, whose ``collect_module`` adds every
``<TranslationsPath>/qt_*.qm`` and ``qtbase_*.qm`` to the datas, under ``PySide6/Qt/translations``
(``PySide6/translations`` on Windows). At run time PySide6 embeds a qt.conf whose prefix is its own
folder in the bundle, so ``QLibraryInfo.path(TranslationsPath)``, where app.install_translators
loads qtbase from, is that folder. build.spec therefore lists no Qt translation itself; these tests
keep what that relies on true: the build's PySide6 has the file, and the spec never drops QtCore.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo

ROOT = Path(__file__).resolve().parents[2]


def spec_datas(monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[str, str]], list[str]]:
    """build.spec run with PyInstaller's names stubbed: the datas and the excludes it gives Analysis."""
    given: dict[str, object] = {}

    class Stub:
        def __init__(self, *parts: object, **kwargs: object) -> None:
            given.update(kwargs)
            self.scripts = self.pure = self.binaries = self.datas = []

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, **kw: []  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda package, **kw: []  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    spec = {"SPECPATH": str(ROOT), "Analysis": Stub, "PYZ": Stub, "EXE": Stub, "COLLECT": Stub}
    exec(compile((ROOT / "build.spec").read_text(encoding="utf-8"), "build.spec", "exec"), spec)
    return given["datas"], given["excludes"]  # type: ignore[return-value]


def test_the_build_ships_our_translation_and_the_manual_where_the_program_looks(
        monkeypatch: pytest.MonkeyPatch) -> None:
    datas, _ = spec_datas(monkeypatch)
    placed = {(Path(src).name, Path(dest).as_posix()) for src, dest in datas}
    assert ("gasdesk_zh_CN.qm", "gasdesk/resources/i18n") in placed  # paths.shipped("resources") / "i18n"
    for page in (ROOT / "resources" / "help").glob("*.md"):
        assert (page.name, "gasdesk/resources/help") in placed


def test_qt_own_chinese_comes_with_the_pyside6_the_build_collects(monkeypatch: pytest.MonkeyPatch) -> None:
    """What hook-PySide6.QtCore globs (``qtbase_*.qm`` in TranslationsPath) holds the Chinese file,
    and build.spec keeps QtCore (excluding it would drop the hook and its translations)."""
    translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (translations / "qtbase_zh_CN.qm").is_file(), f"PySide6 has no qtbase_zh_CN.qm in {translations}"
    _, excludes = spec_datas(monkeypatch)
    assert not {"PySide6", "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} & set(excludes)


def test_pyinstaller_hook_collects_qtbase_zh_cn() -> None:
    """With the build extra installed (pip install ".[build]"): the hook itself, asked for QtCore."""
    qt = pytest.importorskip("PyInstaller.utils.hooks.qt", reason="PyInstaller is the build extra")
    _hidden, _binaries, datas = qt.get_qt_library_info("PySide6").collect_module("PySide6.QtCore")
    shipped = {(Path(src).name, Path(dest).as_posix()) for src, dest in datas}
    folder = "PySide6" if sys.platform == "win32" else "PySide6/Qt"
    assert ("qtbase_zh_CN.qm", f"{folder}/translations") in shipped
