"""The manual (F1): a short page per workplace, in the UI's language, shipped with the program.

The pages are Markdown files in resources/help/ (``<topic>.<lang>.md``), found through
``paths.shipped`` as the translations are, so an installed wheel and a PyInstaller folder
find them too. A topic is a workplace's name (``counter``, ``reports`` ...) or ``login``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gasdesk import paths

HELP_KEY = "F1"
FALLBACK_LANG = "zh"  # every topic has its Chinese page; English falls back to it, never to nothing


def help_dir() -> Path:
    return paths.shipped("resources") / "help"


def help_file(topic: str, lang: str) -> Path:
    """The page of ``topic`` in ``lang``, else in Chinese; FileNotFoundError when neither ships."""
    for code in dict.fromkeys((lang, FALLBACK_LANG)):
        path = help_dir() / f"{topic}.{code}.md"
        if path.is_file():
            return path
    raise FileNotFoundError(f"no help page for {topic!r}")


class HelpWindow(QDialog):
    """One manual page, read-only; Esc or the button closes it. Not modal: the clerk can keep
    it beside the form being worked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setModal(False)
        self.topic = ""
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close (Esc)"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(760, 620)  # fits a 1366x768 counter screen with the taskbar
        self.finished.connect(self._back_to_work)

    def _back_to_work(self, _result: int) -> None:
        """The keys go back to the window the manual was opened from (F7 and the rest at once)."""
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()

    def show_topic(self, topic: str, lang: str, title: str) -> None:
        self.topic = topic
        self.setWindowTitle(self.tr("gasdesk help — %1").replace("%1", title))
        try:
            self.browser.setMarkdown(help_file(topic, lang).read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.browser.setPlainText(self.tr("This part of the program has no manual page yet."))
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows and PageDown scroll at once


def show_help(parent: QWidget, topic: str, lang: str, title: str) -> HelpWindow:
    """Open (or bring forward) ``parent``'s help window on ``topic``."""
    window = parent.findChild(HelpWindow, "helpWindow")
    if window is None:
        window = HelpWindow(parent)
    window.show_topic(topic, lang, title)
    return window


def install_help_key(widget: QWidget, topic: str, lang: str, title: str) -> QShortcut:
    """F1 on a window that has no menu (the login window): its manual page."""
    return QShortcut(QKeySequence(HELP_KEY), widget, lambda: show_help(widget, topic, lang, title))
