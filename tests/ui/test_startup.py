"""Starting the program: a database that cannot be used is explained and nothing is changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from gasdesk.services import demo
from gasdesk.ui.app import run_gui


class Shown(list):
    """The (title, text) of each message box shown; ``answers`` are the buttons to press, in turn."""

    answers: list[QMessageBox.StandardButton]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Shown:
    """Message boxes answer themselves (Ok/Yes, or the given answer) instead of waiting for a person."""
    shown = Shown()
    answers: list[QMessageBox.StandardButton] = []

    def fake_open(self: QMessageBox) -> None:
        shown.append((self.windowTitle(), self.text()))
        wanted = answers.pop(0) if answers else None
        button = self.button(wanted) if wanted else (self.button(QMessageBox.StandardButton.Ok)
                                                     or self.button(QMessageBox.StandardButton.Yes))
        QTimer.singleShot(0, button.click)

    monkeypatch.setattr(QMessageBox, "open", fake_open)
    shown.answers = answers
    return shown


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_damaged_file_is_refused_with_a_message_and_left_alone(qapp, boxes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "office.db"
    target.write_bytes(b"this is not sqlite at all, just garbage bytes \x00\x01\x02" * 50)
    before = _files(tmp_path)
    code = run_gui(str(target), demo=False, lang="zh", counter="", explicit_db=True)
    assert code == 2
    assert boxes == [("gasdesk 无法打开数据库",
                      f"这不是 SQLite 数据库文件：{target}。请检查是否选错了文件（它没有被改动）。")]
    assert _files(tmp_path) == before


def test_the_refusal_speaks_english_when_chosen(qapp, english, boxes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "office.db"
    target.write_bytes(b"garbage" * 100)
    assert run_gui(str(target), demo=False, lang="en", counter="", explicit_db=True) == 2
    assert boxes == [("gasdesk cannot open the database",
                      f"This is not a SQLite database file: {target}. "
                      "Check that this is the right file (it was not changed).")]


def test_a_missing_explicit_file_is_created_only_when_the_user_agrees(qapp, boxes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "new.db"
    boxes.answers.append(QMessageBox.StandardButton.No)
    assert run_gui(str(target), demo=False, lang="zh", counter="", explicit_db=True) == 1
    assert boxes[0][1].startswith("数据库文件不存在：")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_explicit_file_is_asked_about_like_a_missing_one(qapp, boxes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "new.db"
    target.touch()
    boxes.answers.append(QMessageBox.StandardButton.No)
    assert run_gui(str(target), demo=False, lang="zh", counter="", explicit_db=True) == 1
    assert boxes[0][1] == f"数据库文件是空的（0 字节）：\n{target}\n\n要在这个文件里新建一个空数据库吗？"
    assert [p.name for p in tmp_path.iterdir()] == ["new.db"] and target.stat().st_size == 0


def test_agreeing_creates_the_database_and_asks_for_the_first_admin(qapp, boxes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "new.db"
    boxes.answers.append(QMessageBox.StandardButton.Yes)
    seen: list[str] = []

    def leave_when_asked() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "firstAdminDialog" and w.isVisible()]
        if dialogs:
            seen.append(dialogs[0].windowTitle())
            dialogs[0].reject()  # closing the first-start dialog ends the program
        else:
            QTimer.singleShot(50, leave_when_asked)

    QTimer.singleShot(50, leave_when_asked)
    assert run_gui(str(target), demo=False, lang="zh", counter="", explicit_db=True) == 0
    assert seen == ["gasdesk — 首次启动"]
    assert target.exists()


def test_demo_start_signs_in_and_shows_the_window(qapp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GASDESK_AUTOLOGIN", "clerk:clerk123")
    monkeypatch.setattr(demo, "BUILDERS", ())  # people and areas are enough here; stay quick
    picture = tmp_path / "shot.png"
    target = tmp_path / "demo.db"
    assert run_gui(str(target), demo=True, lang="zh", counter="C02", explicit_db=False, screenshot=str(picture)) == 0
    image = QImage(str(picture))
    assert image.width() >= 960 and image.height() >= 620
