"""The routes as the readings workplace shows them: the list to pick one from (the reader's own
first), the heading of the route in the grid and its progress through the cycle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gasdesk.services.readings import views
from gasdesk.services.readings.routes import RouteInfo
from gasdesk.ui.tables import Column, RowsModel, table_view

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class RouteList(QWidget):
    """The active routes under their title; the page opens the one picked (Enter, a double click)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routes = RowsModel([
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Route"), lambda r: r.name),
            Column(self.tr("Reader"), lambda r: r.reader_name or self.tr("(none)")),
            Column(self.tr("Cycle"), lambda r: r.schedule_text()),
        ], self)
        self.view = table_view(self.routes, stretch=1)
        self.view.setObjectName("routeList")
        self.view.setTabKeyNavigation(False)
        routes_title = QLabel(self.tr("Routes (F6) — Enter opens"))
        routes_title.setObjectName("sectionTitle")
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(routes_title)
        col.addWidget(self.view, 1)

    def set_routes(self, found: list[RouteInfo], mine: int) -> list[RouteInfo]:
        """Show ``found``, the routes of the reader ``mine`` first; the routes in the order shown."""
        # The reader's own routes first, then the others by code (a supervisor reads any).
        ordered = sorted(found, key=lambda r: (r.reader_id != mine, r.code))
        self.routes.set_rows(ordered)
        return ordered

    def select(self, route_id: int) -> None:
        row = next((i for i, r in enumerate(self.routes.rows) if r.id == route_id), -1)
        if row >= 0:
            self.view.setCurrentIndex(self.routes.index(row, 0))


class RouteHeading(QLabel):
    """The route in the grid in one line: code, name, reader, cycle, meters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routeHeading")
        self.setStyleSheet("font-weight: 600; color: #1f3a5f;")

    def show_route(self, r: RouteInfo | None) -> None:
        if r is None:
            self.setText(self.tr("No route yet: a supervisor sets up routes and puts accounts on them."))
            return
        reader = r.reader_name or self.tr("(none)")
        self.setText(self.tr("%1 %2 · reader %3 · %4 · %5 meters")
                     .replace("%1", r.code).replace("%2", r.name).replace("%3", reader)
                     .replace("%4", r.schedule_text()).replace("%5", str(r.stops)))


class RouteProgress(QLabel):
    """The route in the grid through its cycle: read, not yet read, held, estimated, no access."""

    def __init__(self, ctx: AppContext, current: Callable[[], RouteInfo | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current = current  # the route in the grid now: an answer for another one is dropped
        self.setObjectName("routeProgress")
        self.setStyleSheet("color: #1f3a5f;")

    def refresh(self, day: date) -> None:
        r = self.current()
        if r is None:
            self.clear()
            return
        start, end = views.cycle_window(r.cycle, r.odd_months, day)
        actor, route_id = self.ctx.actor, r.id
        self.ctx.runner.submit(lambda s: views.route_progress(s, actor, route_id, start, end),
                               lambda p: self._show_progress(route_id, start, end, p), write=False, owner=self)

    def _show_progress(self, route_id: int, start: date, end: date, p: views.Progress) -> None:
        route = self.current()
        if route is None or route.id != route_id:
            return
        self.setText(
            self.tr("This cycle (%1 to %2): %3 meters — read %4, not yet read %5, held %6, estimated %7, "
                    "no access %8").replace("%1", start.isoformat()).replace("%2", end.isoformat())
            .replace("%3", str(p.stops)).replace("%4", str(p.read)).replace("%5", str(p.not_read))
            .replace("%6", str(p.held)).replace("%7", str(p.estimated)).replace("%8", str(p.no_access)))
