"""Readings typed and not saved are not left behind unasked: choosing another workplace says that
they stay in the grid and offers to go back; closing the program asks first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import QMessageBox

from gasdesk.ui.messages import ask
from gasdesk.ui.readings.entry_model import ACTUAL

if TYPE_CHECKING:
    from gasdesk.ui.readings.page import ReadingsPage


class LeaveGuard(QObject):
    """The readings page's questions on leaving; the page hands it its hide and close events."""

    def __init__(self, page: ReadingsPage) -> None:
        super().__init__(page)
        self.page = page
        self.asking = False  # a leave question is open

    def hidden(self, event: QHideEvent) -> None:
        """The page hidden: another workplace chosen with readings typed says they stay, offers to go back."""
        page = self.page
        window = page.window()
        locked = getattr(window, "is_locked", lambda: False)()
        if event.spontaneous() or locked or not window.isVisible() or self.asking or not page.model.unsaved():
            return
        # Another workplace was chosen: the typed readings stay here; say so and offer to go back.
        self.asking = True
        text = (self.tr("%1 reading(s) typed on route %2 are not saved yet. They stay in the grid until you save "
                        "them (Ctrl+S) or leave the program.")
                .replace("%1", str(page.model.unsaved())).replace("%2", page.route.code if page.route else ""))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Readings not saved"), text,
                          QMessageBox.StandardButton.NoButton, window)
        back = box.addButton(self.tr("Back to the readings"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_r: int) -> None:
            self.asking = False
            if box.clickedButton() is back:
                show = getattr(window, "show_workplace", None)
                if show is not None:
                    show("readings")
                page.focus_grid()

        box.finished.connect(answered)
        page.dialog = box
        box.open()

    def closing(self, event: QCloseEvent) -> bool:
        """The window closing: with readings typed and not saved, ask first (True: the close is held)."""
        page = self.page
        unsaved = page.model.unsaved()
        if not unsaved or self.asking:
            return False
        event.ignore()
        window = page.window()

        def leave() -> None:
            for r in page.model.rows:  # given up: the window closes this time
                if r.typed:
                    r.value, r.kind = "", ACTUAL
            window.close()

        page.dialog = ask(window, self.tr("%1 reading(s) typed on route %2 are not saved. Close gasdesk and lose "
                                          "them?").replace("%1", str(unsaved))
                          .replace("%2", page.route.code if page.route else ""), leave)
        return True
