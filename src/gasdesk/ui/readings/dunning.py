"""催缴 on a reader's round: pick a route, see its households in arrears in walking order with the
aging of what they owe and the last visit, print the route's dunning notices, and mark each
visit as the reader comes back.

Keyboard alone: Alt+R the route, Tab on to the households; there 1 / 2 / 3 mark the household
picked reached / not at home / refused on the visit day (Alt+D, today unless changed; Alt+N
a note for the next mark), and the cursor moves on to the next household. Ctrl+P previews the
route's notices (then this machine's printer). Every call goes through the runner; what the
services refuse is written under the list in their own words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.cashier import arrears, dunning, dunning_slips
from gasdesk.services.core import business_day, labels
from gasdesk.services.core.changes import Change
from gasdesk.services.core.permissions import allowed
from gasdesk.services.readings import routes
from gasdesk.services.readings.routes import RouteInfo
from gasdesk.ui.counter import fmt
from gasdesk.ui.forms import fit_to_screen
from gasdesk.ui.messages import error_text
from gasdesk.ui.tables import Column, RowsModel, page_on_runner, table_view

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

PAGE = 200  # households fetched at a time
KEYS = (("1", "reached"), ("2", "not_home"), ("3", "refused"))  # the key that marks each outcome


def _routes(session: Any, actor: Any) -> tuple[list[RouteInfo], date]:
    return routes.routes(session, actor, active_only=True), business_day.today(session)


def _money(value: Decimal) -> str:
    return fmt.yuan(value) if value else ""  # an empty bucket left blank: the owed ones stand out


class DunningDialog(QDialog):
    """催缴: a route's households in arrears, the aging of their arrears and the last visit."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, route_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dunning")
        self.setWindowTitle(self.tr("Arrears and dunning"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog: QWidget | None = None  # the preview open over this one (tests wait for it)
        self._wanted_route = route_id  # the route to show first (the one open in the workplace)
        self._asked_route: int | None = None  # the route whose households are shown or on their way
        self.can_mark = allowed(ctx.actor, "dunning.mark")  # a clerk may look and print; marking is the reader's

        self.route = QComboBox()
        self.route.setObjectName("dunningRoute")
        self.route.currentIndexChanged.connect(lambda _i: self._route_chosen())
        self.summary = QLabel()
        self.summary.setObjectName("dunningSummary")
        self.households = RowsModel([
            Column(self.tr("Stop"), lambda r: r.position if r.position is not None else r.seq, align_right=True),
            Column(self.tr("Account no."), lambda r: r.account_number),
            Column(self.tr("Holder"), lambda r: r.holder_name),
            Column(self.tr("Address"), lambda r: r.address),
            Column(self.tr("Owed"), lambda r: fmt.yuan(r.owed), align_right=True),
            Column(self.tr("1–30 days"), lambda r: _money(r.aging.upto_30), align_right=True),
            Column(self.tr("31–60"), lambda r: _money(r.aging.upto_60), align_right=True),
            Column(self.tr("61–90"), lambda r: _money(r.aging.upto_90), align_right=True),
            Column(self.tr("Over 90"), lambda r: _money(r.aging.over_90), align_right=True),
            Column(self.tr("Oldest due"), lambda r: fmt.day(r.oldest_due)),
            Column(self.tr("Days"), lambda r: r.days_past_due, align_right=True),
            Column(self.tr("Last visit"), self._visit_text),
            Column(self.tr("By"), lambda r: r.last_mark.by if r.last_mark else ""),
        ], self, muted=lambda r: r.last_mark is not None and r.last_mark.outcome == "reached")
        self.view = table_view(self.households, stretch=3)
        self.view.setObjectName("dunningHouseholds")
        self.view.setTabKeyNavigation(False)
        page_on_runner(self.households, ctx.runner, self, PAGE, self._page_query, self._failed)
        self.heading = QLabel()
        self.heading.setObjectName("dialogSubtitle")

        self.day = QDateEdit()
        self.day.setObjectName("dunningDay")
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.day.setDate(QDate.currentDate())
        self.day.setMaximumWidth(140)
        self.day.setEnabled(self.can_mark)
        self.note = QLineEdit()
        self.note.setObjectName("dunningNote")
        self.note.setPlaceholderText(self.tr("Optional, goes with the next mark (e.g. notice left at the door)"))
        self.note.setMaxLength(dunning.NOTE_CHARS)
        self.note.setEnabled(self.can_mark)
        self.result = QLabel()
        self.result.setObjectName("dunningResult")
        self.result.setWordWrap(True)
        self.result.setStyleSheet("color: #1b5e20; font-weight: 600;")
        self.error = QLabel()
        self.error.setObjectName("dunningError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons: dict[str, QPushButton] = {}
        keys = QHBoxLayout()
        for key, outcome in KEYS:
            title = f"{fmt.name_of(labels.DUNNING_OUTCOME, outcome)}  {key}"
            self._button(keys, outcome, title, lambda o=outcome: self.mark(o), self.can_mark)
            if self.can_mark:  # only while the list has the focus: a digit typed in a field stays there
                QShortcut(QKeySequence(key), self.view, lambda o=outcome: self.mark(o),
                          context=Qt.ShortcutContext.WidgetShortcut)
        keys.addSpacing(16)
        self._button(keys, "print", self.tr("Preview the route's notices…  Ctrl+P"), self.preview, True)
        QShortcut(QKeySequence("Ctrl+P"), self, self.preview)
        keys.addStretch(1)
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.reject)
        keys.addWidget(close)

        top = QHBoxLayout()
        label = QLabel(self.tr("&Route:"))
        label.setBuddy(self.route)
        top.addWidget(label)
        top.addWidget(self.route, 1)
        top.addWidget(self.summary)
        entry = QHBoxLayout()
        label = QLabel(self.tr("Visit &day:"))
        label.setBuddy(self.day)
        entry.addWidget(label)
        entry.addWidget(self.day)
        entry.addSpacing(12)
        label = QLabel(self.tr("&Note:"))
        label.setBuddy(self.note)
        entry.addWidget(label)
        entry.addWidget(self.note, 1)
        hint = QLabel(self.tr("Tab: route → households → visit day → note. On a household, 1 marks it reached, "
                              "2 not at home, 3 refused, on the visit day; the cursor moves on to the next one. "
                              "Ctrl+P previews the route's dunning notices, three to an A4 page."))
        hint.setStyleSheet("color: #5b6b7f;")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(entry)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        layout.addLayout(keys)
        self.setTabOrder(self.route, self.view)
        self.setTabOrder(self.view, self.day)
        self.setTabOrder(self.day, self.note)
        self.setMinimumSize(900, 560)
        fit_to_screen(self, 1240, 720)
        self.route.setFocus()
        ctx.runner.changed.connect(self._on_changed)
        actor = ctx.actor
        ctx.runner.submit(lambda s: _routes(s, actor), lambda found: self._set_routes(*found), self._failed,
                          write=False, owner=self)

    def _button(self, row: QHBoxLayout, name: str, text: str, slot: Callable[[], object], enabled: bool) -> None:
        button = QPushButton(text)
        button.setObjectName(f"dunning_{name}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys shown do it; Tab stays on the list
        button.setAutoDefault(False)
        button.setEnabled(enabled)
        button.clicked.connect(slot)
        row.addWidget(button)
        self.buttons[name] = button

    # ---- words ------------------------------------------------------------

    def _visit_text(self, row: arrears.ArrearsRow) -> str:
        m = row.last_mark
        return f"{fmt.name_of(labels.DUNNING_OUTCOME, m.outcome)} {fmt.day(m.on)}" if m else self.tr("not yet")

    def _route_text(self, r: RouteInfo, owing: dunning.RouteArrears | None) -> str:
        if owing is None:
            return f"{r.code} {r.name}"
        return self.tr("%1 %2 · %3 in arrears").replace("%1", r.code).replace("%2", r.name).replace(
            "%3", str(owing.accounts))

    # ---- data -------------------------------------------------------------

    def current_route(self) -> RouteInfo | None:
        found = self.route.currentData()
        return found if isinstance(found, RouteInfo) else None

    def current_row(self) -> arrears.ArrearsRow | None:
        index = self.view.currentIndex()
        return self.households.row(index.row()) if index.isValid() else None

    def _set_routes(self, found: list[RouteInfo], today: date) -> None:
        self.day.setDate(QDate(today))  # the office's day (the server's on PostgreSQL)
        self.route.blockSignals(True)
        self.route.clear()
        for r in found:
            self.route.addItem(self._route_text(r, None), r)
        self.route.blockSignals(False)
        if not found:
            self.heading.setText(self.tr("No route has been set up: the routes are kept under Routes (Ctrl+B)."))
            return
        # The route open in the workplace; else the reader's own first one; else the first.
        me = self.ctx.actor.user_id
        row = next((i for i, r in enumerate(found) if r.id == self._wanted_route), None)
        if row is None:
            row = next((i for i, r in enumerate(found) if r.reader_id == me), 0)
        self.route.setCurrentIndex(row)
        self._route_chosen()
        self._count_routes()  # after the households: the office-wide count comes second

    def _count_routes(self) -> None:
        actor = self.ctx.actor
        self.ctx.runner.submit(lambda s: dunning.routes_in_arrears(s, actor), self._set_counts, self._failed,
                               write=False, owner=self)

    def _set_counts(self, found: list[dunning.RouteArrears]) -> None:
        by_route = {x.route_id: x for x in found}
        for i in range(self.route.count()):
            r = self.route.itemData(i)
            self.route.setItemText(i, self._route_text(r, by_route.get(r.id)))

    def _route_chosen(self) -> None:
        r = self.current_route()
        if r is not None and r.id != self._asked_route:
            self._load(r.id, PAGE, 0)

    def _load(self, route_id: int, count: int, row: int) -> None:
        actor, self._asked_route = self.ctx.actor, route_id
        self.ctx.runner.submit(lambda s: dunning.households(s, actor, route_id, limit=min(count, arrears.MAX_PAGE)),
                               lambda found: self._set_households(route_id, found, row), self._failed, write=False,
                               owner=self)

    def _reload(self, row: int) -> None:
        """The route's households again, as many as are shown, the cursor on ``row``."""
        r = self.current_route()
        if r is not None:
            self._load(r.id, max(len(self.households.rows), PAGE), row)

    def _page_query(self, last: arrears.ArrearsRow | None) -> Callable[[Any], Any]:
        actor, route_id, offset = self.ctx.actor, self._asked_route, (last.seq if last else 0)

        def page(s: Any) -> list[arrears.ArrearsRow]:
            return [] if route_id is None else list(dunning.households(s, actor, route_id, offset=offset,
                                                                       limit=PAGE).rows)

        return page

    def _set_households(self, route_id: int, found: arrears.ArrearsList, row: int) -> None:
        r = self.current_route()
        if r is None or r.id != route_id:
            return  # another route was chosen meanwhile
        self.households.set_rows(list(found.rows), more=found.more)
        t = found.totals
        self.summary.setText(self.tr("%1 households owe %2").replace("%1", str(found.accounts))
                             .replace("%2", fmt.yuan(found.owed)))
        if not found.rows:
            self.heading.setText(self.tr("%1 %2 · nobody on this route is in arrears.").replace("%1", r.code)
                                 .replace("%2", r.name))
            return
        self.heading.setText(
            self.tr("%1 %2 · as of %3 · 1–30 days %4 · 31–60 %5 · 61–90 %6 · over 90 %7")
            .replace("%1", r.code).replace("%2", r.name).replace("%3", fmt.day(found.on))
            .replace("%4", fmt.yuan(t.upto_30)).replace("%5", fmt.yuan(t.upto_60))
            .replace("%6", fmt.yuan(t.upto_90)).replace("%7", fmt.yuan(t.over_90)))
        self.view.setCurrentIndex(self.households.index(min(max(row, 0), len(found.rows) - 1), 0))

    def _on_changed(self, what: frozenset[str]) -> None:
        if Change.LEDGER in what and self.current_route() is not None:  # a payment: who owes what has changed
            self._reload(self.view.currentIndex().row())
            self._count_routes()

    # ---- actions ----------------------------------------------------------

    def _say(self, text: str) -> None:
        self.error.clear()
        self.result.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.result.clear()
        self.error.setText(error_text(exc))

    def mark(self, outcome: str) -> None:
        row = self.current_row()
        if row is None or not self.can_mark:
            return
        actor, aid, on, note = self.ctx.actor, row.account_id, fmt.read_date(self.day), self.note.text()
        at = self.view.currentIndex().row()
        self.error.clear()
        self.ctx.runner.submit(lambda s: dunning.mark(s, actor, aid, outcome, on, note),
                               lambda done: self._marked(done, at), self._failed, busy_text=self.tr("Marking…"),
                               owner=self)

    def _marked(self, done: dunning.Marked, at: int) -> None:
        self._say(self.tr("Account %1 (%2): %3 on %4.").replace("%1", done.account_number)
                  .replace("%2", done.holder_name).replace("%3", fmt.name_of(labels.DUNNING_OUTCOME, done.mark.outcome))
                  .replace("%4", fmt.day(done.mark.on)))
        self.note.clear()
        # On to the next household: the reader goes through the receipts in walking order.
        self._reload(min(at + 1, max(len(self.households.rows) - 1, 0)))
        self.view.setFocus()

    def preview(self) -> None:
        r = self.current_route()
        if r is None:
            return
        actor, route_id = self.ctx.actor, r.id
        self.error.clear()
        self.ctx.runner.submit(lambda s: dunning_slips.dunning_pdf(s, actor, route_id),
                               lambda pdf: self._preview(r, pdf), self._failed, write=False, owner=self,
                               busy_text=self.tr("Preparing the notices…"))

    def _preview(self, r: RouteInfo, pdf: bytes) -> None:
        from gasdesk.ui.pdf_preview import PdfPreview

        preview = PdfPreview(pdf, self.tr("Dunning notices %1").replace("%1", r.code),
                             f"dunning-{r.code}-{fmt.read_date(self.day)}.pdf", self, ctx=self.ctx)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.finished.connect(lambda _r: self.view.setFocus())
        self.dialog = preview
        preview.open()
