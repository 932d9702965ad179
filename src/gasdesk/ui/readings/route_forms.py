"""The small dialogs of the routes (抄表册) administration (route_admin): a route's own fields, a
compound's accounts put on a route, one stop moved to another route. Each saves through the runner
(CounterDialog) and names the field at fault when the services refuse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from gasdesk.services.core import labels
from gasdesk.services.core.errors import Conflict, GasdeskError
from gasdesk.services.office import address
from gasdesk.services.readings import routes, stops
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.forms import check_on_leave, focus_field

if TYPE_CHECKING:
    from gasdesk.services.core.actor import Actor
    from gasdesk.ui.context import AppContext

Reader = tuple[str, str]  # (login, name)


def _compounds(session: Any, actor: Actor) -> list[tuple[int, str]]:
    return [(c.id, f"{area.name} · {c.name}") for area in address.tree(session, actor)
            for c in area.compounds if c.active]


class RouteForm(CounterDialog):
    """A new route (``route`` None) or a change to one: code, name, reader, cycle, days, months, in use."""

    def __init__(self, ctx: AppContext, readers: list[Reader], route: routes.RouteInfo | None = None,
                 taken: frozenset[str] = frozenset(), parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.route, self.taken = route, taken
        self.setWindowTitle(self.tr("New route") if route is None else
                            self.tr("Change route %1").replace("%1", route.code))
        self.code = self.add_row(self.tr("&Code:"), check_on_leave(QLineEdit(route.code if route else ""),
                                                                    routes.clean_code))
        self.code.setPlaceholderText(self.tr("e.g. A01"))
        self.code.setReadOnly(route is not None)  # a route keeps its code: sheets printed carry it
        self.name = self.add_row(self.tr("&Name:"), QLineEdit(route.name if route else ""))
        self.reader = self.add_row(self.tr("&Reader:"), QComboBox())
        people = list(readers)
        if route is not None and route.reader_login and route.reader_login not in dict(people):
            people.append((route.reader_login, route.reader_name))
        for login, name in people:
            self.reader.addItem(f"{name}（{login}）" if name else login, login)
        if route is not None:
            self.reader.setCurrentIndex(max(self.reader.findData(route.reader_login), 0))
        self.cycle = self.add_row(self.tr("C&ycle:"), fmt.coded_combo(
            fmt.named(labels.ROUTE_CYCLE), route.cycle if route else "monthly"))
        self.days = self.add_row(self.tr("&Days of the month:"), check_on_leave(
            QLineEdit(route.days_text if route else ""), routes.parse_days))
        self.days.setPlaceholderText(self.tr("5 or 5,6"))
        self.months = self.add_row(self.tr("&Months:"), fmt.coded_combo(
            {"odd": self.tr("Odd months (1, 3, 5 …)"), "even": self.tr("Even months (2, 4, 6 …)")},
            "odd" if route is None or route.odd_months else "even"))
        self.active: QCheckBox | None = None
        if route is not None:  # a new route is always in use
            self.active = self.add_row(self.tr("In &use:"), QCheckBox(self.tr("Read on its days")))  # type: ignore[assignment]
            self.active.setChecked(route.active)
        self.cycle.currentIndexChanged.connect(self._cycle_changed)
        self._cycle_changed()
        self.finish(self.tr("Enter moves to the next field; Enter on the last one saves."))
        if route is None:
            self.setObjectName("routeNew")

    def _cycle_changed(self) -> None:
        self.months.setEnabled(self.cycle.currentData() == "bimonthly")  # Enter skips it for a monthly route

    def field_at_fault(self, exc: BaseException) -> QWidget | None:
        field = super().field_at_fault(exc)
        if field is None and self.route is None and isinstance(exc, Conflict):
            try:  # the code taken: the cursor goes back to it (the service's refusal names no field)
                if routes.clean_code(self.code.text()) in self.taken:
                    return self.code
            except GasdeskError:
                pass
        return field

    def _checked(self, field: QLineEdit, check: Callable[[str], object]) -> bool:
        """The service's own check of a typed field (no database), so the cursor can go to it."""
        try:
            check(field.text())
        except GasdeskError as exc:
            self.complain(exc.text(), field)
            return False
        return True

    def save(self) -> Call | None:
        if not (self._checked(self.code, routes.clean_code) and self._checked(self.days, routes.parse_days)):
            return None
        login = self.reader.currentData()
        if not login:
            self.complain(self.tr("Choose the reader of the route."), self.reader)
            return None
        actor, code, name, cycle, days = (self.actor, self.code.text(), self.name.text(), self.cycle.currentData(),
                                          self.days.text())
        odd = self.months.currentData() == "odd"
        route = self.route
        if route is None:
            return (lambda s: routes.add_route(s, actor, code, name, reader_login_or_id=login, cycle=cycle,
                                               days=days, odd_months=odd))
        reader = login if login != route.reader_login else None  # unchanged: never re-judged
        active = self.active.isChecked() if self.active is not None else None
        return (lambda s: routes.change_route(s, actor, route.id, name=name, reader_login_or_id=reader,
                                              cycle=cycle, days=days, odd_months=odd, active=active))


class CompoundAssignDialog(CounterDialog):
    """按小区分配: the compound's accounts on no route yet join the route's end, in walking order."""

    def __init__(self, ctx: AppContext, route: routes.RouteInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.route = route
        self.setWindowTitle(self.tr("Assign a compound to %1").replace("%1", route.code))
        self.compound = self.add_row(self.tr("&Compound:"), QComboBox())
        self.finish(self.tr("The compound's accounts that are on no route yet join the end of %1 %2, in walking "
                            "order (building, unit, room). Accounts on another route stay there.")
                    .replace("%1", route.code).replace("%2", route.name))
        actor = ctx.actor
        ctx.runner.submit(lambda s: _compounds(s, actor), self._set_compounds, write=False, owner=self)

    def _set_compounds(self, found: list[tuple[int, str]]) -> None:
        for compound_id, shown in found:
            self.compound.addItem(shown, compound_id)
        focus_field(self.compound)

    def save(self) -> Call | None:
        compound_id = self.compound.currentData()
        if compound_id is None:
            self.complain(self.tr("Choose a compound."), self.compound)
            return None
        actor, route_id = self.actor, self.route.id
        return lambda s: routes.assign_compound(s, actor, route_id, compound_id)


class MoveStopDialog(CounterDialog):
    """移到其他抄表册: one stop to the end of another route in use."""

    def __init__(self, ctx: AppContext, stop: stops.Stop, here: routes.RouteInfo,
                 others: list[routes.RouteInfo], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stop = stop
        self.setWindowTitle(self.tr("Move to another route"))
        self.target = self.add_row(self.tr("&To route:"), QComboBox())
        for r in others:
            self.target.addItem(f"{r.code} {r.name}（{r.reader_name or r.reader_login}）", r.id)
        self.finish(self.tr("%1 · %2 · %3 leaves %4 and joins the end of the route chosen.")
                    .replace("%1", stop.account_number).replace("%2", stop.holder_name)
                    .replace("%3", stop.address).replace("%4", here.code))

    def save(self) -> Call | None:
        target = self.target.currentData()
        if target is None:
            self.complain(self.tr("There is no other route in use to move to."), self.target)
            return None
        actor, account_id = self.actor, self.stop.account_id
        return lambda s: routes.move(s, actor, [account_id], target)
