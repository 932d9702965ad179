"""Routes (抄表册) administration: the routes, and the chosen route's stops in walking order.

Keyboard alone: Ctrl+N a new route, F2 changes the chosen one; Tab goes from the routes to
the stops and on to the account number box. In the stops, Ctrl+Up / Ctrl+Down move the chosen
stop one place (the selection follows it), Delete takes it off the route, Ctrl+M moves it to
another route; Ctrl+G puts a compound's accounts on the route, Ctrl+L goes to the number box,
where each account number typed or scanned joins the route with Enter (one already on another
route is moved here, and the dialog says so). Every call goes through the runner; what the
services refuse is written under the lists in their own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.core import labels
from gasdesk.services.core.permissions import allowed
from gasdesk.services.readings import routes, stops
from gasdesk.ui.counter.base import CounterDialog
from gasdesk.ui.forms import fit_to_screen, focus_field
from gasdesk.ui.messages import ask, error_text
from gasdesk.ui.readings.route_forms import CompoundAssignDialog, MoveStopDialog, Reader, RouteForm
from gasdesk.ui.tables import Column, RowsModel, page_on_runner, table_view

if TYPE_CHECKING:
    from gasdesk.services.core.actor import Actor
    from gasdesk.ui.context import AppContext

PAGE = 100  # stops fetched at a time
_NUMBER_SEPARATORS = re.compile(r"[,，;；、\n]+")  # not spaces: a number may be typed as printed, "01 000012 3"


def _overview(session: Any, actor: Actor) -> tuple[list[routes.RouteInfo], list[Reader]]:
    """The routes, and the people a route can be given to (the enabled readers and supervisors)."""
    return routes.routes(session, actor), [(r.login, r.name) for r in routes.readers(session, actor)]


class RouteAdminDialog(QDialog):
    """抄表册管理: the routes above, the chosen route's stops below."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("routeAdmin")
        self.setWindowTitle(self.tr("Routes (meter books)"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog: QWidget | None = None  # the form open over this one (tests wait for it)
        self.readers: list[Reader] = []
        self._keep_stop: int | None = None  # the account whose row is chosen again after a reload
        self._keep_row: int | None = None  # ... or the row number (after a stop left the route)
        self._asked_route: int | None = None  # the route whose stops are shown or on their way
        self._shown_route: routes.RouteInfo | None = None  # as the last stops answer gave it (fresh counts)
        self._typed = ""  # the account numbers on their way, as typed

        self.routes = RowsModel([
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Reader"), lambda r: r.reader_name or r.reader_login),
            Column(self.tr("Cycle"), self.cycle_text),
            Column(self.tr("Days"), lambda r: r.days_text),
            Column(self.tr("Stops"), lambda r: r.stops, align_right=True),
            Column(self.tr("Status"), lambda r: self.tr("In use") if r.active else self.tr("Disabled")),
        ], self, muted=lambda r: not r.active)
        self.stops = RowsModel([
            Column(self.tr("No."), lambda s: s.position, align_right=True),
            Column(self.tr("Account no."), lambda s: s.account_number),
            Column(self.tr("Address"), lambda s: s.address),
            Column(self.tr("Holder"), lambda s: s.holder_name),
            Column(self.tr("Meter"), lambda s: s.meter_serial or self.tr("(no meter)")),
        ], self)
        self.routes_view = table_view(self.routes, stretch=1)
        self.stops_view = table_view(self.stops, stretch=2)
        self.routes_view.setObjectName("routesList")
        self.stops_view.setObjectName("stopsList")
        for view in (self.routes_view, self.stops_view):
            view.setTabKeyNavigation(False)  # Tab goes on to the next list, as the hint says
            palette = view.palette()  # the list without the focus shows its choice pale: keys go to the other
            palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, QColor("#c9d7e8"))
            palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, QColor("#1f2933"))
            view.setPalette(palette)
        self.routes_view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._route_chosen(cur.row()))
        self.routes_view.activated.connect(lambda _i: self.stops_view.setFocus(Qt.FocusReason.TabFocusReason))
        self.stops_view.installEventFilter(self)  # Ctrl+Up / Ctrl+Down / Delete act on the chosen stop
        page_on_runner(self.stops, ctx.runner, self, PAGE, self._page_query, self._failed)
        self.stops.paged.connect(self._show_heading)

        self.number = QLineEdit()
        self.number.setObjectName("routeAddNumber")
        self.number.setPlaceholderText(self.tr("Type or scan an account number, Enter adds it"))
        self.number.returnPressed.connect(self.add_numbers)
        self.heading = QLabel()
        self.heading.setObjectName("dialogSubtitle")
        self.result = QLabel()
        self.result.setObjectName("routeResult")
        self.result.setWordWrap(True)
        self.result.setStyleSheet("color: #1b5e20; font-weight: 600;")
        self.error = QLabel()
        self.error.setObjectName("routeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        manage = allowed(ctx.actor, "route.manage")  # a clerk may look; the services refuse the rest anyway
        self.buttons: dict[str, QPushButton] = {}
        route_keys = self._buttons([(self.tr("New route…"), "Ctrl+N", self.new_route),
                                    (self.tr("Change…"), "F2", self.change_route)], manage)
        stop_keys = self._buttons([
            (self.tr("Assign a compound…"), "Ctrl+G", self.assign_compound),
            (self.tr("Add account numbers"), "Ctrl+L", self.focus_number),
            (self.tr("Take off"), "Del", self.remove_stop),
            (self.tr("Move to another route…"), "Ctrl+M", self.move_stop),
            (self.tr("Up"), "Ctrl+↑", lambda: self.step(-1)),
            (self.tr("Down"), "Ctrl+↓", lambda: self.step(+1)),
        ], manage)
        route_keys.addStretch(1)
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.reject)
        route_keys.addWidget(close)
        stop_keys.addStretch(1)

        top = QWidget()
        col = QVBoxLayout(top)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel(self.tr("Routes")))
        col.addWidget(self.routes_view)
        col.addLayout(route_keys)
        bottom = QWidget()
        col = QVBoxLayout(bottom)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.heading)
        col.addWidget(self.stops_view, 1)
        entry = QHBoxLayout()
        label = QLabel(self.tr("Add &account no.:"))
        label.setBuddy(self.number)
        entry.addWidget(label)
        entry.addWidget(self.number, 1)
        col.addLayout(entry)
        col.addLayout(stop_keys)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)

        hint = QLabel(self.tr("Tab: routes → stops → account number. In the stops: Ctrl+Up / Ctrl+Down move the "
                              "chosen stop, Del takes it off the route."))
        hint.setStyleSheet("color: #5b6b7f;")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(split, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        self.setTabOrder(self.routes_view, self.stops_view)
        self.setTabOrder(self.stops_view, self.number)
        self.setMinimumSize(900, 560)
        fit_to_screen(self, 1240, 740)
        self.routes_view.setFocus()
        self.refresh()

    def _buttons(self, specs: list[tuple[str, str, Callable[[], object]]], enabled: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        for title, key, slot in specs:
            button = QPushButton(f"{title}  {key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys shown do it; Tab stays on the lists
            button.setAutoDefault(False)
            button.setEnabled(enabled)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
            if enabled and key not in ("Del", "Ctrl+↑", "Ctrl+↓"):  # those act in the stops list only
                QShortcut(QKeySequence(key), self, slot)
        return row

    # ---- words ------------------------------------------------------------

    def cycle_text(self, r: routes.RouteInfo) -> str:
        cycle = labels.text(labels.ROUTE_CYCLE, r.cycle)
        if r.cycle != "bimonthly":
            return cycle
        return (self.tr("%1 (odd months)") if r.odd_months else self.tr("%1 (even months)")).replace("%1", cycle)

    def compound_words(self, done: routes.Assigned) -> str:
        text = (self.tr("Added %1 accounts; %2 are on other routes and were not moved; %3 were on this route "
                        "already.") if done.already_here else
                self.tr("Added %1 accounts; %2 are on other routes and were not moved."))
        return text.replace("%1", str(len(done.added))).replace("%2", str(done.on_other_routes)).replace(
            "%3", str(done.already_here))

    def numbers_words(self, typed: list[str], done: routes.Assigned) -> str:
        if len(typed) == 1:
            if done.already_here:
                text = self.tr("Account %1 is on this route already.")
            elif done.moved:
                text = self.tr("Account %1 was on another route: moved here, stop %2.")
            else:
                text = self.tr("Added account %1, stop %2.")
            return text.replace("%1", typed[0]).replace("%2", str(done.route.stops))
        text = (self.tr("Added %1 accounts (%2 moved from other routes); %3 were on this route already.")
                if done.already_here else self.tr("Added %1 accounts (%2 moved from other routes)."))
        return text.replace("%1", str(len(done.added))).replace("%2", str(done.moved)).replace(
            "%3", str(done.already_here))

    # ---- data -------------------------------------------------------------

    def current_route(self) -> routes.RouteInfo | None:
        index = self.routes_view.currentIndex()
        return self.routes.row(index.row()) if index.isValid() else None

    def current_stop(self) -> stops.Stop | None:
        index = self.stops_view.currentIndex()
        return self.stops.row(index.row()) if index.isValid() else None

    def refresh(self, select_id: int | None = None) -> None:
        """Reload the routes (stop counts change with every assignment), choosing ``select_id`` or
        the route chosen now; its stops follow."""
        chosen = self.current_route()
        wanted = select_id if select_id is not None else (chosen.id if chosen else None)
        actor = self.ctx.actor
        self.ctx.runner.submit(lambda s: _overview(s, actor), lambda found: self._set_routes(*found, wanted),
                               self._failed, write=False, owner=self)

    def _set_routes(self, found: list[routes.RouteInfo], readers: list[Reader], wanted: int | None) -> None:
        self.readers = readers
        had_focus = self.routes_view.hasFocus()
        self.routes.set_rows(found)
        if not found:
            self._asked_route = self._shown_route = None
            self.stops.set_rows([])
            self.heading.setText(self.tr("No routes yet: Ctrl+N makes the first one."))
            return
        row = next((i for i, r in enumerate(found) if r.id == wanted), 0)
        self.routes_view.setCurrentIndex(self.routes.index(row, 0))  # its stops load (currentRowChanged)
        self._route_chosen(row)  # when the row stayed the same (no currentRowChanged)
        if had_focus:
            self.routes_view.setFocus()

    def _route_chosen(self, row: int) -> None:
        route = self.routes.row(row)
        if route is None:
            return
        if route.id != self._asked_route:
            self._keep_stop = self._keep_row = None  # another route: from its first stop
            self._load_stops(route.id, PAGE)

    def _load_stops(self, route_id: int, count: int) -> None:
        """The route's first ``count`` stops (at least a page) in one call; later pages as the list scrolls."""
        actor, limit = self.ctx.actor, max(count, PAGE)
        self._asked_route = route_id
        self.ctx.runner.submit(lambda s: stops.route_stops(s, actor, route_id, limit=limit), self._set_stops,
                               self._failed, write=False, owner=self)

    def _page_query(self, last: stops.Stop | None) -> Callable[[Any], Any]:
        route = self.current_route()
        route_id, actor, offset = (route.id if route else -1), self.ctx.actor, (last.position if last else 0)
        return lambda s: stops.route_stops(s, actor, route_id, offset=offset, limit=PAGE).stops

    def _set_stops(self, found: stops.RouteStops) -> None:
        route = self.current_route()
        if route is None or found.route.id != route.id:
            return  # another route was chosen meanwhile
        self._shown_route = found.route
        self.stops.set_rows(list(found.stops), more=len(found.stops) < found.total)
        rows = self.stops.rows
        keep, keep_row, self._keep_stop, self._keep_row = self._keep_stop, self._keep_row, None, None
        row = next((i for i, s in enumerate(rows) if s.account_id == keep), None) if keep is not None else None
        if row is None and keep_row is not None:
            row = min(keep_row, len(rows) - 1)
        if rows:
            index = self.stops.index(row if row is not None and row >= 0 else 0, 0)
            self.stops_view.setCurrentIndex(index)
            self.stops_view.scrollTo(index)

    def _show_heading(self) -> None:
        route = self._shown_route
        if route is None:
            return
        shown = len(self.stops.rows)
        text = self.tr("%1 %2 · %3 · %4 stops").replace("%1", route.code).replace("%2", route.name).replace(
            "%3", route.schedule_text()).replace("%4", str(route.stops))
        if self.stops.more:
            text += self.tr(" (first %1 shown; scroll for more)").replace("%1", str(shown))
        elif not route.stops:
            text += self.tr(" · Ctrl+G puts a compound on it; or type account numbers below")
        self.heading.setText(text)

    # ---- actions ----------------------------------------------------------

    def _say(self, text: str) -> None:
        self.error.clear()
        self.result.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.result.clear()
        self.error.setText(error_text(exc))

    def _open(self, dialog: CounterDialog, then: Callable[[Any], None]) -> None:
        self.error.clear()
        dialog.saved.connect(then)
        dialog.finished.connect(lambda _r: self.activateWindow())  # back to the lists, keys ready
        self.dialog = dialog
        dialog.open()

    def new_route(self) -> None:
        taken = frozenset(r.code for r in self.routes.rows)
        self._open(RouteForm(self.ctx, self.readers, None, taken, self), self._route_saved)

    def change_route(self) -> None:
        route = self.current_route()
        if route is not None:
            self._open(RouteForm(self.ctx, self.readers, route, parent=self), self._route_saved)

    def _route_saved(self, info: routes.RouteInfo) -> None:
        self._say(self.tr("Route %1 saved: %2.").replace("%1", info.code).replace("%2", info.schedule_text()))
        self._asked_route = None  # its heading and stops are shown afresh
        self.refresh(info.id)
        self.routes_view.setFocus()

    def assign_compound(self) -> None:
        route = self.current_route()
        if route is not None:
            self._open(CompoundAssignDialog(self.ctx, route, self), self._compound_assigned)

    def _compound_assigned(self, done: routes.Assigned) -> None:
        self._say(self.compound_words(done))
        self._reload_after_change(done.added[-1] if done.added else None, len(done.added))
        self.stops_view.setFocus()

    def focus_number(self) -> None:
        focus_field(self.number)

    def add_numbers(self) -> None:
        route = self.current_route()
        typed = [t.strip() for t in _NUMBER_SEPARATORS.split(self.number.text()) if t.strip()]
        if route is None or not typed:
            return
        actor, route_id, self._typed = self.ctx.actor, route.id, self.number.text()
        self.error.clear()
        self.ctx.runner.submit(lambda s: routes.assign_accounts(s, actor, route_id, typed),
                               lambda done: self._numbers_added(typed, done), self._number_refused,
                               busy_text=self.tr("Adding…"), owner=self)

    def _numbers_added(self, typed: list[str], done: routes.Assigned) -> None:
        self._say(self.numbers_words(typed, done))
        if self.number.text() == self._typed:
            self.number.clear()  # ready for the next scan (unless something new was typed meanwhile)
        self._reload_after_change(done.added[-1] if done.added else None, len(done.added))

    def _number_refused(self, exc: BaseException) -> None:
        self._failed(exc)
        focus_field(self.number)  # typed again or scanned again, it replaces the wrong one

    def _reload_after_change(self, keep_account: int | None, added: int = 0) -> None:
        """Stops joined, left or moved: the counts and the list again, the selection on ``keep_account``."""
        route = self.current_route()
        if route is None:
            return
        shown = len(self.stops.rows)
        # Everything was shown and a few joined at the end: show them too, the last one chosen. Many
        # (a compound) or a long route: the pages shown again, the rest as the list scrolls.
        whole = not self.stops.more and added <= PAGE
        self._keep_stop = keep_account if whole else None
        self._load_stops(route.id, shown + added if whole else shown)
        self.refresh(route.id)

    def remove_stop(self) -> None:
        route, stop = self.current_route(), self.current_stop()
        if route is None or stop is None:
            return
        row = self.stops_view.currentIndex().row()
        actor, route_id, account_id = self.ctx.actor, route.id, stop.account_id

        def take_off() -> None:
            self.ctx.runner.submit(lambda s: routes.remove(s, actor, route_id, [account_id]),
                                   lambda _info: self._removed(stop, route, row), self._failed, owner=self)

        box = ask(self, self.tr("Take %1 (%2) off route %3? The stops after it close up.")
                  .replace("%1", stop.account_number).replace("%2", stop.holder_name).replace("%3", route.code),
                  take_off)
        box.finished.connect(lambda _r: self.stops_view.setFocus())
        self.dialog = box

    def _removed(self, stop: stops.Stop, route: routes.RouteInfo, row: int) -> None:
        self._say(self.tr("Account %1 was taken off route %2.").replace("%1", stop.account_number)
                  .replace("%2", route.code))
        self._keep_row = row  # the stop that took its place
        self._reload_after_change(None)

    def move_stop(self) -> None:
        route, stop = self.current_route(), self.current_stop()
        if route is None or stop is None:
            return
        others = [r for r in self.routes.rows if r.id != route.id and r.active]
        row = self.stops_view.currentIndex().row()

        def moved(done: routes.Assigned) -> None:
            self._say(self.tr("Account %1 moved to route %2, stop %3.").replace("%1", stop.account_number)
                      .replace("%2", done.route.code).replace("%3", str(done.route.stops)))
            self._keep_row = row
            self._reload_after_change(None)
            self.stops_view.setFocus()

        self._open(MoveStopDialog(self.ctx, stop, route, others, self), moved)

    def step(self, by: int) -> None:
        """One place up (-1) or down (+1); the chosen row follows the stop."""
        route, stop = self.current_route(), self.current_stop()
        if route is None or stop is None:
            return
        actor, route_id, account_id = self.ctx.actor, route.id, stop.account_id
        call = routes.move_up if by < 0 else routes.move_down
        last_shown = self.stops_view.currentIndex().row() == len(self.stops.rows) - 1
        count = len(self.stops.rows) + (1 if by > 0 and last_shown else 0)  # it may go one past the rows shown
        self.error.clear()
        self.ctx.runner.submit(lambda s: call(s, actor, route_id, account_id),
                               lambda _info: self._stepped(account_id, count), self._failed, owner=self)

    def _stepped(self, account_id: int, count: int) -> None:
        route = self.current_route()
        if route is None:
            return
        self._keep_stop = account_id
        self._load_stops(route.id, count)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.stops_view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            key = event.key()
            if mods == Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                if allowed(self.ctx.actor, "route.manage"):
                    self.step(-1 if key == Qt.Key.Key_Up else +1)
                return True
            if not mods and key == Qt.Key.Key_Delete:
                if allowed(self.ctx.actor, "route.manage"):
                    self.remove_stop()
                return True
        return super().eventFilter(watched, event)

