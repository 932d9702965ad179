"""The day-end entry grid: one row per stop of a route, in route order, typed with the keyboard alone.

The reading cell of the current row always holds an open editor, so typing goes straight into
it; Enter moves to the next row's reading cell (a barcode scanner's or a numeric keypad's Enter
too). Each row is checked as soon as it is committed (Enter, an arrow, a change of kind): every
row typed so far goes to ``store.submit(store=False)`` through the runner, one preview at a
time, and the answer colours each row whose input has not changed since (red: refused, amber:
held) with the reasons in words. Saving sends the route's typed rows in one transaction;
refused rows are not stored and stay in the grid with their reasons.

The rows and their table model are in entry_model, the checks and the save in entry_checker.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from gasdesk.ui.readings.entry_model import (
    C_ADDRESS,
    C_KIND,
    C_NOTE,
    C_NUMBER,
    C_POS,
    C_PREV,
    C_PREV_ON,
    C_PROBLEM,
    C_SERIAL,
    C_USE,
    C_VALUE,
    EDITABLE,
    EntryModel,
)

PAGE_STEP = 10
_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class _Delegate(QStyledItemDelegate):
    """Line edits for the reading and the note; the row's colour shows even on the current row."""

    def __init__(self, view: EntryView) -> None:
        super().__init__(view)
        self.view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("readingEditor" if index.column() == C_VALUE else "noteEditor")
        editor.setFrame(False)
        editor.setStyleSheet("QLineEdit { border: 2px solid #2f6fd0; background: white; padding: 0 3px; }")
        if index.column() == C_VALUE:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            editor.setMaxLength(20)
        else:
            editor.setMaxLength(200)
        row, column = index.row(), index.column()
        editor.textEdited.connect(lambda text: self.view.model_().set_text(row, column, text))
        editor.installEventFilter(self.view.keys)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if editor.text() != text:  # a repaint of the row must not move the cursor being typed at
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractTableModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        pass  # committed as typed (textEdited): nothing is lost by a save or a shortcut

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return False  # the grid's own keys (_Keys) move and commit; the delegate's would close the editor

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() == C_ADDRESS:
            option.textElideMode = Qt.TextElideMode.ElideLeft  # the room, not the compound every row shares
        if index.data(Qt.ItemDataRole.BackgroundRole) is not None:
            option.state &= ~QStyle.StateFlag.State_Selected  # red and amber stay visible on the current row


class _Keys(QObject):
    """The grid's keys, on its editors and on the view itself."""

    def __init__(self, view: EntryView) -> None:
        super().__init__(view)
        self.view = view

    # Ctrl + these are the page's keys (kinds, save, import, print, date), never the line edit's.
    PAGE_KEYS = {Qt.Key.Key_B, Qt.Key.Key_E, Qt.Key.Key_N, Qt.Key.Key_S, Qt.Key.Key_I, Qt.Key.Key_P, Qt.Key.Key_D}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent):
            return False
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.type() == QEvent.Type.ShortcutOverride:
            if mods == Qt.KeyboardModifier.ControlModifier and event.key() in self.PAGE_KEYS:
                event.ignore()  # the page's shortcuts win over the line edit's own (Ctrl+E: end of line on X11)
                return True
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        return self.view.key(Qt.Key(event.key()), mods, watched)


class EntryView(QTableView):
    """The grid: the current row's reading (or note) cell holds an open editor."""

    leave = Signal()  # Esc: back to the route list

    def __init__(self, model: EntryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryGrid")
        self.keys = _Keys(self)
        self._editor_at: QPersistentModelIndex | None = None
        self.setModel(model)
        self.setItemDelegate(_Delegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # the editor is always open
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)  # the rows' colours say what they are
        self.setStyleSheet("QTableView#entryGrid { selection-background-color: #d3e4fb; selection-color: #1b1f24; }")
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(28)
        self.installEventFilter(self.keys)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(C_PROBLEM, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        model.modelReset.connect(self._reset)
        model.layoutChanged.connect(self._reset)

    def model_(self) -> EntryModel:
        model = self.model()
        assert isinstance(model, EntryModel)
        return model

    def fit_columns(self) -> None:
        """Widths for a 1366-pixel screen: the problem column takes the room left."""
        widths = {C_POS: 42, C_NUMBER: 82, C_ADDRESS: 112, C_SERIAL: 92, C_PREV: 66, C_PREV_ON: 66,
                  C_VALUE: 78, C_KIND: 52, C_USE: 48, C_NOTE: 76}
        for column, width in widths.items():
            self.setColumnWidth(column, width)

    # ---- the open editor ---------------------------------------------------

    def _reset(self) -> None:
        self._editor_at = None

    def editor(self) -> QLineEdit | None:
        if self._editor_at is None or not self._editor_at.isValid():
            return None
        widget = self.indexWidget(QModelIndex(self._editor_at))
        return widget if isinstance(widget, QLineEdit) else None

    def _close_editor(self) -> None:
        if self._editor_at is not None and self._editor_at.isValid():
            self.closePersistentEditor(QModelIndex(self._editor_at))
        self._editor_at = None

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        if previous.isValid() and previous.row() != current.row() and previous.row() < self.model_().rowCount():
            self.model_().committed.emit(previous.row())  # moved away: the row is checked
        self._open_editor(current)

    def _open_editor(self, index: QModelIndex) -> None:
        self._close_editor()
        if not index.isValid() or not self.model_().editable_at(index.row(), index.column()):
            return
        self.openPersistentEditor(index)
        self._editor_at = QPersistentModelIndex(index)
        editor = self.editor()
        if editor is not None and self._has_focus():  # arrows and clicks keep the cursor in the grid
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            editor.selectAll()

    def _has_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self or self.isAncestorOf(focus))

    def refresh_editor(self) -> None:
        """After a change of kind or a save: the current cell's editor as the row now allows."""
        index = self.currentIndex()
        if index.isValid():
            self.go(index.row(), index.column())

    # ---- moving ------------------------------------------------------------

    def go(self, row: int, column: int = C_VALUE, *, focus: bool = True) -> None:
        """Make ``row`` current with the cursor in ``column`` (the note when no reading is typed there)."""
        model = self.model_()
        if not model.rows:
            if focus:
                self.setFocus()
            return
        row = min(max(row, 0), len(model.rows) - 1)
        if column == C_VALUE and not model.editable_at(row, C_VALUE) and model.editable_at(row, C_NOTE):
            column = C_NOTE
        if column not in EDITABLE:
            column = C_VALUE
        if focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        index = model.index(row, column)
        if index == self.currentIndex():
            self._open_editor(index)
        else:
            self.setCurrentIndex(index)
        self.scrollTo(index)
        editor = self.editor()
        if focus and editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            editor.selectAll()

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def key(self, key: Qt.Key, mods: Qt.KeyboardModifier, watched: QObject) -> bool:
        """One key on the grid or its editor; True when the grid took it."""
        row = self.current_row()
        column = self.currentIndex().column() if self.currentIndex().isValid() else C_VALUE
        plain = mods == Qt.KeyboardModifier.NoModifier
        shift = mods == Qt.KeyboardModifier.ShiftModifier
        if key in _ENTER and plain:
            self.model_().committed.emit(row)
            self.go(row + 1, C_VALUE)
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and plain:
            self.go(row + (1 if key == Qt.Key.Key_Down else -1), column)
            return True
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and plain:
            self.go(row + (PAGE_STEP if key == Qt.Key.Key_PageDown else -PAGE_STEP), column)
            return True
        if key == Qt.Key.Key_Tab and plain:
            if column == C_VALUE and self.model_().editable_at(row, C_NOTE):
                self.go(row, C_NOTE)
            else:
                self.model_().committed.emit(row)
                self.go(row + 1, C_VALUE)
            return True
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
            if column == C_NOTE and self.model_().editable_at(row, C_VALUE):
                self.go(row, C_VALUE)
            else:
                self.go(row - 1, C_NOTE)
            return True
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_F6) and plain:
            self.leave.emit()
            return True
        if watched is self and key in (Qt.Key.Key_Home, Qt.Key.Key_End) and mods == Qt.KeyboardModifier.ControlModifier:
            self.go(0 if key == Qt.Key.Key_Home else len(self.model_().rows) - 1)
            return True
        return False


class RowDetail(QLabel):
    """Under the grid: the current row's account in full and its problem in the row's colour."""

    def __init__(self, grid: EntryView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self.setObjectName("rowDetail")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setMinimumHeight(40)
        grid.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_current())
        grid.model_().dataChanged.connect(lambda *_a: self.show_current())

    def show_current(self) -> None:
        model = self.grid.model_()
        row = self.grid.current_row()
        if row < 0 or row >= len(model.rows):
            self.clear()
            return
        r = model.rows[row]
        s = r.stop
        head = _escape(f"{s.position}. {s.account_number} · {s.holder_name} · {s.address} · {s.status_text}")
        # The row's problem; on a row not typed yet, the problem of the row just left above it
        # (Enter has moved on: its words stay readable in full here).
        shown = row if model.problem(row) or row == 0 else row - 1
        problem = model.problem(shown)
        if problem and (shown == row or model.state(shown) in ("rejected", "held")):
            colour = {"rejected": "#8c1d18", "held": "#6b4600", "saved_held": "#6b4600"}.get(
                model.state(shown), "#3b4654")
            which = "" if shown == row else self.tr("Row %1: ").replace("%1", str(model.rows[shown].stop.position))
            head += f"<br><span style='color:{colour}; font-weight:600'>{_escape(which + problem)}</span>"
        self.setText(head)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
