"""Message boxes, opened window-modal (never a nested event loop), so a window stays scriptable."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from gasdesk.services.core.errors import GasdeskError


def error_text(exc: BaseException) -> str:
    """Words for a refusal; an unexpected fault says so plainly, with its own text for support."""
    if isinstance(exc, GasdeskError):
        return exc.text()
    return QCoreApplication.translate(
        "Messages", "An unexpected error occurred; nothing was saved. Details for support: %1").replace(
        "%1", f"{type(exc).__name__}: {exc}"
    )


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("gasdeskMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    box = _box(parent, QMessageBox.Icon.Warning, QCoreApplication.translate("Messages", "Not done"), error_text(exc))
    box.open()
    return box


def show_info(parent: QWidget | None, text: str, title: str = "") -> QMessageBox:
    box = _box(parent, QMessageBox.Icon.Information, title or "gasdesk", text)
    box.open()
    return box


def ask(
    parent: QWidget | None, text: str, on_yes: Callable[[], None], on_no: Callable[[], None] | None = None,
    title: str = "",
) -> QMessageBox:
    """A yes/no question; ``on_yes`` runs only when the person answers yes (No is the default)."""
    title = title or QCoreApplication.translate("Messages", "Please confirm")
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(_result: int) -> None:
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            on_yes()
        elif on_no is not None:
            on_no()

    box.finished.connect(answered)
    box.open()
    return box
