"""One small table model for every list in the program: rows are service dataclasses, columns are
(header, getter) pairs.

Short lists (search: 20 hits, meters, contracts) hold one fetch. Long ones (a ledger, a history,
the audit log) page: the model asks for the next page when the view scrolls to the bottom
(canFetchMore/fetchMore), the owner runs the service on the runner (keyset: rows older than
the last one shown) and hands the page back with add_page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

if TYPE_CHECKING:
    from gasdesk.ui.runner import Runner

_Index = QModelIndex | QPersistentModelIndex
# Called with the last row shown (None: the first page) and the request's ticket, handed back with the page.
FetchPage = Callable[[Any, object], None]
Query = Callable[[Any], Callable[[Any], Sequence[Any]]]  # last row -> fn(session) returning one page


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    paged = Signal()  # rows or the "more may exist" flag changed (titles with counts follow it)

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None,
                 muted: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._muted = muted
        self.page_size = 0  # 0: not paged, the rows are the whole list
        self._fetch_page: FetchPage | None = None
        self._more = False
        self._asked: object | None = None  # the ticket of the page in flight

    # ---- paging ------------------------------------------------------------

    def set_pager(self, page_size: int, fetch_page: FetchPage) -> None:
        """Page this list: ``fetch_page(last_row, ticket)`` must start fetching the rows after
        ``last_row`` (off the GUI thread) and answer add_page(rows, ticket) or page_failed(ticket)."""
        self.page_size, self._fetch_page = page_size, fetch_page

    @property
    def more(self) -> bool:
        """Older rows may exist (the last page came back full)."""
        return self._more

    @property
    def loading(self) -> bool:
        return self._asked is not None

    def count_text(self) -> str:
        """The row count as a title shows it: "100+" while more may exist."""
        return f"{len(self.rows)}+" if self._more else str(len(self.rows))

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._fetch_page is not None and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._asked is not None:
            return  # nothing more, or a page is already on its way
        assert self._fetch_page is not None
        self._asked = ticket = object()
        self._fetch_page(self.rows[-1] if self.rows else None, ticket)

    def add_page(self, rows: Sequence[Any], ticket: object) -> None:
        """Append the page asked for under ``ticket``; a page asked for before a reload is dropped."""
        if ticket is not self._asked:
            return  # the list was reloaded meanwhile: this page belongs to the old one
        self._asked = None
        self._more = self.page_size > 0 and len(rows) >= self.page_size
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.paged.emit()

    def page_failed(self, ticket: object) -> None:
        """The page did not come: scrolling to the bottom again asks again."""
        if ticket is self._asked:
            self._asked = None

    # ---- rows --------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any], *, more: bool | None = None) -> None:
        """Show ``rows`` (a paged list: its first page). ``more`` says whether older rows may
        exist; by default a paged list assumes so when the page is full."""
        self.beginResetModel()
        self.rows = list(rows)
        self._asked = None  # a page still in flight is for the old rows
        self._more = (len(self.rows) >= self.page_size if more is None else more) if self.page_size else False
        self.endResetModel()
        self.paged.emit()

    def row(self, index: int) -> Any:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = column.value(row)
            return value if isinstance(value, str) else ("" if value is None else str(value))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._muted is not None and self._muted(row):
                return QColor("#8a94a3")
            value = column.value(row)
            if isinstance(value, str) and value.startswith("-¥"):
                return QColor("#1b7a3a")  # in the customer's favour
        return None


def table_view(model: RowsModel, *, stretch: int = -1) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(28)
    view.setWordWrap(False)
    # New rows (a reload, a filter) are shown from the top. Left where it was, a view scrolled to
    # the bottom of the old rows would stay at the bottom of the new first page, and a view at the
    # bottom asks for the next page: a second page nobody scrolled for, and not the newest rows.
    model.modelReset.connect(view.scrollToTop)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch < 0)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view



def page_on_runner(model: RowsModel, runner: Runner, owner: QWidget, page_size: int, query: Query,
                   on_error: Callable[[BaseException], None] | None = None) -> None:
    """Page ``model`` through the runner: ``query(last_row)`` gives the service call (a function of
    the session) for the ``page_size`` rows after ``last_row``; it runs on the worker, read-only."""
    def fetch(last: Any, ticket: object) -> None:
        def failed(exc: BaseException) -> None:
            model.page_failed(ticket)
            if on_error is not None:
                on_error(exc)

        runner.submit(query(last), lambda rows: model.add_page(rows, ticket), failed, write=False, owner=owner)

    model.set_pager(page_size, fetch)
