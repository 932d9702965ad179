"""The one way the program asks for a file: a window-modal dialog (never a nested event loop) that
opens in the folder last used for the same purpose (documents by default, the backup folder for
backups), sized to the screen with its columns readable, and calls back with the chosen path.

The words are Qt's own (qtbase_zh_CN plus app.QtGaps for the ones it lacks); where the system has
a native dialog (Windows), Qt uses it and the column widths are the system's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView, QWidget

from gasdesk.ui import prefs
from gasdesk.ui.forms import fit_to_screen

DOCUMENTS = "documents"  # registers, sheets, PDFs
BACKUPS = "backups"
ATTACHMENTS = "attachments"  # scans and photos picked to attach


def _documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder(purpose: str, default: Path | None = None) -> Path:
    """The folder last used for ``purpose``, else ``default``, else the documents folder (never the
    program's working folder)."""
    for candidate in (prefs.get(f"folders/{purpose}"), default):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return _documents()


def _fit(dialog: QFileDialog) -> None:
    fit_to_screen(dialog, 920, 560)
    view = dialog.findChild(QTreeView)
    if view is not None:  # Qt's own dialog: the name takes the room left, the date column is never cut
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def _ask(dialog: QFileDialog, parent: QWidget | None, purpose: str, chosen: Callable[[Path], None]) -> QFileDialog:
    dialog.setObjectName("fileDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    _fit(dialog)

    def selected(name: str) -> None:
        path = Path(name)
        prefs.put(f"folders/{purpose}", str(path.parent))
        chosen(path)

    dialog.fileSelected.connect(selected)
    dialog.open()
    return dialog


def save_file(parent: QWidget | None, title: str, purpose: str, name: str, file_filter: str,
              chosen: Callable[[Path], None], *, default_folder: Path | None = None) -> QFileDialog:
    """Ask where to save ``name``; ``chosen(path)`` once the person picks a file (not on cancel)."""
    dialog = QFileDialog(parent, title, str(start_folder(purpose, default_folder)), file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.selectFile(name)
    return _ask(dialog, parent, purpose, chosen)


def open_file(parent: QWidget | None, title: str, purpose: str, file_filter: str,
              chosen: Callable[[Path], None]) -> QFileDialog:
    """Ask for an existing file to read."""
    dialog = QFileDialog(parent, title, str(start_folder(purpose)), file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _ask(dialog, parent, purpose, chosen)
