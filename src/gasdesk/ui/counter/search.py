"""The counter's search box: results as you type, best match first, Enter opens.

Queries are debounced (150 ms) and numbered; an answer to an older query than the last one
sent is dropped, so a slow answer never overwrites a newer list. A barcode scanner types the
number and presses Enter before the debounce fires: Enter then runs the query at once and
opens the best hit when it arrives.

The list says how many accounts match ("showing the first 50 of 2,889", or "more than 10,000"
beyond the service's count cap) and pages on through the tables' one pager: Ctrl+Down, or Down
or PageDown on the last row, fetches the next 50 (the service skips the hits already shown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from gasdesk.services.accounts import search as account_search
from gasdesk.services.core import labels
from gasdesk.services.core.changes import Change
from gasdesk.ui.counter import fmt
from gasdesk.ui.messages import error_text
from gasdesk.ui.tables import Column, RowsModel, page_on_runner, table_view

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

DEBOUNCE_MS = 150
LIMIT = 50  # one page of hits
_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class SearchPanel(QWidget):
    open_account = Signal(int)  # account id
    searching = Signal(str)  # the box's text changed: the page shows the results again

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.box = QLineEdit()
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.box.setStyleSheet("font-size: 14pt; min-height: 36px; padding: 2px 10px;")
        self.box.setPlaceholderText(
            self.tr("Account number, name, pinyin initials (zs), phone or last 4 digits, meter serial, address… "
                    "(F3)"))
        self.hint = QLabel()
        self.hint.setObjectName("searchHint")
        self.hint.setStyleSheet("color: #8a5a00; font-weight: 600;")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.model = RowsModel([
            Column(self.tr("Account no."), lambda h: h.number or self.tr("(application)")),
            Column(self.tr("Holder"), lambda h: h.holder_name),
            Column(self.tr("Address"), lambda h: h.address),
            Column(self.tr("Phone"), lambda h: h.phone),
            Column(self.tr("Status"), lambda h: fmt.name_of(labels.ACCOUNT_STATUS, h.status)),
        ], self, muted=lambda h: h.status == "closed")
        self.view = table_view(self.model, stretch=2)
        self.view.setObjectName("searchResults")
        self.view.activated.connect(lambda index: self._open_row(index.row()))
        self.count = QLabel()
        self.count.setObjectName("searchCount")
        self.count.setStyleSheet("color: #5b6b7f;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.box)
        layout.addWidget(self.hint)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)

        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_query)
        self.box.textChanged.connect(self._typed)
        self.box.installEventFilter(self)
        self.view.installEventFilter(self)
        self.sent = 0  # sequence number of the last query sent
        self.shown = 0  # sequence number of the list on screen
        self._open_when: int | None = None  # Enter came first: open the best hit of this query
        self._last_query = ""
        self._count: account_search.MatchCount | None = None  # of the list on screen
        self._select_from: int | None = None  # the next page arrived by key: select its first row
        page_on_runner(self.model, ctx.runner, self, LIMIT, self._next_page, self._page_failed)
        self.model.paged.connect(self._paged)
        ctx.runner.changed.connect(self._on_changed)
        self._show_count()

    # ---- querying ---------------------------------------------------------

    def _typed(self, text: str) -> None:
        self.searching.emit(text)
        self.timer.start()

    def run_query(self) -> int:
        self.timer.stop()
        query = self.box.text().strip()
        self._last_query = query
        self.sent += 1
        seq = self.sent
        hint = account_search.search_hint(query) if query else None
        self.hint.setText(hint or "")
        self.hint.setVisible(bool(hint))
        if not query:
            self._show(seq, [])
            return seq
        actor = self.ctx.actor

        def work(s: Any) -> account_search.SearchPage:
            return account_search.find(s, actor, query, LIMIT)

        self.ctx.runner.submit(work, lambda found: self._show(seq, found.hits, found.count),
                               lambda exc: self._failed(seq, exc), write=False, owner=self)
        return seq

    def _next_page(self, _last: Any) -> Any:
        """The pager's query: the 50 hits after those on screen (for the query they answer)."""
        actor, query = self.ctx.actor, self._last_query
        shown = [h.account_id for h in self.model.rows]
        return lambda s: account_search.search(s, actor, query, LIMIT, shown=shown)

    def _page_failed(self, exc: BaseException) -> None:
        self._select_from = None
        self.hint.setText(error_text(exc))
        self.hint.show()

    def _show(self, seq: int, hits: list[Any], count: account_search.MatchCount | None = None) -> None:
        if seq != self.sent:
            return  # stale: a newer query was sent after this one
        self.shown = seq
        self._count = count
        self._select_from = None
        more = count is not None and (count.more or count.total > len(hits))
        self.model.set_rows(hits, more=more)
        if hits:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._show_count()
        if self._open_when == seq:
            self._open_when = None
            if hits:
                self._open_row(0)

    def _failed(self, seq: int, exc: BaseException) -> None:
        if seq == self.sent:
            self.hint.setText(error_text(exc))
            self.hint.show()

    def _show_count(self) -> None:
        if not self._last_query:
            self.count.setText(self.tr("Type to search; ↑/↓ choose, Enter opens the account, Esc clears. "
                                       "New account: F2."))
        elif not self.model.rows:
            self.count.setText(self.tr("No account found for “%1”.").replace("%1", self._last_query))
        elif not self.model.more:
            self.count.setText(self.tr("%1 account(s) found — Enter opens the highlighted one.")
                               .replace("%1", f"{len(self.model.rows):,}"))
        else:
            c = self._count
            text = (self.tr("Showing the first %1 of more than %2 accounts") if c is not None and c.more
                    else self.tr("Showing the first %1 of %2 accounts"))
            total = c.total if c is not None else len(self.model.rows)
            self.count.setText(
                (text + self.tr(" — Ctrl+↓ (or PageDown at the end) shows more; Enter opens the highlighted one."))
                .replace("%1", f"{len(self.model.rows):,}").replace("%2", f"{total:,}"))

    def _paged(self) -> None:
        """A page arrived (or the list was replaced): the count follows, the key's row is selected."""
        start, self._select_from = self._select_from, None
        if start is not None and start < len(self.model.rows):
            self.view.setCurrentIndex(self.model.index(start, 0))
        self._show_count()

    def more(self) -> bool:
        """Fetch the next page, if there is one; its first row is selected when it arrives."""
        if self.model.loading:  # already asked (the view scrolled to the bottom): select it when it comes
            self._select_from = len(self.model.rows)
            return True
        if not self.model.canFetchMore():
            return False
        self._select_from = len(self.model.rows)
        self.model.fetchMore()
        return True

    def _on_changed(self, what: frozenset[str]) -> None:
        if Change.ACCOUNT in what and self._last_query:
            self.run_query()  # a renamed holder or a new status shows in the list

    # ---- keys -------------------------------------------------------------

    def focus_box(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in _ENTER:
            self.enter()
            return True
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Down and ctrl:
            self.more()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self._on_last_row() and self.more():
            return True
        if watched is self.box and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.move(1 if key == Qt.Key.Key_Down else -1)
            return True
        if watched is self.box and key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            step = max(1, self.view.viewport().height() // max(1, self.view.verticalHeader().defaultSectionSize()))
            self.move(step if key == Qt.Key.Key_PageDown else -step)
            return True
        if key == Qt.Key.Key_Escape:
            self.box.clear()
            self.focus_box()
            return True
        return False

    def _on_last_row(self) -> bool:
        index = self.view.currentIndex()
        return bool(self.model.rows) and index.isValid() and index.row() == len(self.model.rows) - 1

    def move(self, step: int) -> None:
        if not self.model.rows:
            return
        row = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        row = min(max(row + step, 0), len(self.model.rows) - 1)
        self.view.setCurrentIndex(self.model.index(row, 0))

    def enter(self) -> None:
        """Open the highlighted hit; when the list is not yet for this text, search now and open the best."""
        if self.timer.isActive() or self.shown != self.sent or self._last_query != self.box.text().strip():
            self._open_when = self.run_query()
            return
        index = self.view.currentIndex()
        self._open_row(index.row() if index.isValid() else 0)

    def _open_row(self, row: int) -> None:
        hit = self.model.row(row)
        if hit is not None:
            self.open_account.emit(hit.account_id)
