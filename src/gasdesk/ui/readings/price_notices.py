"""Price-change notices (调价通知): pick a price change, see each route's households told and not
yet, print a route's notices to hand out, and mark households told as their receipts come back.

Keyboard alone: Alt+P the price change, Tab on to the routes, the route's households and the
number box; Ctrl+P prints the chosen route's notices (a preview, then this machine's printer);
Ctrl+L goes to the number box, where each account number typed or scanned is marked with Enter
(one marked before keeps its mark, and the dialog says when and by whom). Every call goes through
the runner; what the services refuse is written under the lists in their own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.billing import notices
from gasdesk.services.core.permissions import allowed
from gasdesk.ui.counter import fmt
from gasdesk.ui.forms import fit_to_screen, focus_field
from gasdesk.ui.messages import error_text
from gasdesk.ui.tables import Column, RowsModel, page_on_runner, table_view

if TYPE_CHECKING:
    from gasdesk.services.core.actor import Actor
    from gasdesk.ui.context import AppContext

PAGE = 200  # households fetched at a time
_NUMBER_SEPARATORS = re.compile(r"[,，;；、\n]+")  # not spaces: a number may be typed as printed, "01 000012 3"


def _changes(session: Any, actor: Actor) -> tuple[list[notices.PriceChange], set[int]]:
    """Every price change, and which of them are still to take effect (the service's rule)."""
    upcoming = {c.id for c in notices.price_changes(session, actor)}
    return notices.price_changes(session, actor, upcoming_only=False), upcoming


class PriceNoticesDialog(QDialog):
    """调价通知: the price changes, their routes with counts, a route's households."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("priceNotices")
        self.setWindowTitle(self.tr("Price-change notices"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog: QWidget | None = None  # the preview open over this one (tests wait for it)
        self._asked_route: int | None = None  # the route whose households are shown or on their way
        self._typed = ""  # the account numbers on their way, as typed

        self.change = QComboBox()
        self.change.setObjectName("priceChange")
        self.change.currentIndexChanged.connect(lambda _i: self._change_chosen())
        self.summary = QLabel()
        self.summary.setObjectName("noticeSummary")
        self.routes = RowsModel([
            Column(self.tr("Route"), lambda g: g.code or "—"),
            Column(self.tr("Name"), lambda g: g.name),
            Column(self.tr("Households"), lambda g: g.total, align_right=True),
            Column(self.tr("Notified"), lambda g: g.notified, align_right=True),
            Column(self.tr("Not yet"), lambda g: g.pending, align_right=True),
        ], self, muted=lambda g: g.pending == 0)
        self.households = RowsModel([
            Column(self.tr("No."), lambda h: h.position if h.position is not None else h.seq, align_right=True),
            Column(self.tr("Account no."), lambda h: h.account_number),
            Column(self.tr("Holder"), lambda h: h.holder_name),
            Column(self.tr("Address"), lambda h: h.address),
            Column(self.tr("Notified"), lambda h: fmt.day(h.notified_at) if h.notified else self.tr("not yet")),
            Column(self.tr("By"), lambda h: h.notified_by),
        ], self, muted=lambda h: h.notified)
        self.routes_view = table_view(self.routes, stretch=1)
        self.households_view = table_view(self.households, stretch=3)
        self.routes_view.setObjectName("noticeRoutes")
        self.households_view.setObjectName("noticeHouseholds")
        for view in (self.routes_view, self.households_view):
            view.setTabKeyNavigation(False)  # Tab goes on to the next list, as the hint says
        self.routes_view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._route_chosen(cur.row()))
        self.routes_view.activated.connect(lambda _i: self.households_view.setFocus(Qt.FocusReason.TabFocusReason))
        page_on_runner(self.households, ctx.runner, self, PAGE, self._page_query, self._failed)
        self.heading = QLabel()
        self.heading.setObjectName("dialogSubtitle")

        self.can_mark = allowed(ctx.actor, "notice.mark")  # a clerk may look and print; marking is the reader's
        self.number = QLineEdit()
        self.number.setObjectName("noticeNumber")
        self.number.setPlaceholderText(self.tr("Type or scan an account number, Enter marks it notified"))
        self.number.setEnabled(self.can_mark)
        self.number.returnPressed.connect(self.mark)
        self.result = QLabel()
        self.result.setObjectName("noticeResult")
        self.result.setWordWrap(True)
        self.result.setStyleSheet("color: #1b5e20; font-weight: 600;")
        self.error = QLabel()
        self.error.setObjectName("noticeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons: dict[str, QPushButton] = {}
        keys = QHBoxLayout()
        for name, title, key, slot, enabled in (
            ("print", self.tr("Print the route's notices…"), "Ctrl+P", self.print_notices, True),
            ("mark", self.tr("Mark households notified"), "Ctrl+L", lambda: focus_field(self.number), self.can_mark),
        ):
            button = QPushButton(f"{title}  {key}")
            button.setObjectName(f"notices_{name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys shown do it; Tab stays on the lists
            button.setAutoDefault(False)
            button.setEnabled(enabled)
            button.clicked.connect(slot)
            keys.addWidget(button)
            self.buttons[name] = button
            if enabled:
                QShortcut(QKeySequence(key), self, slot)
        keys.addStretch(1)
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.reject)
        keys.addWidget(close)

        top = QHBoxLayout()
        label = QLabel(self.tr("&Price change:"))
        label.setBuddy(self.change)
        top.addWidget(label)
        top.addWidget(self.change, 1)
        top.addWidget(self.summary)
        upper = QWidget()
        col = QVBoxLayout(upper)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel(self.tr("Routes")))
        col.addWidget(self.routes_view)
        lower = QWidget()
        col = QVBoxLayout(lower)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.heading)
        col.addWidget(self.households_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        entry = QHBoxLayout()
        label = QLabel(self.tr("&Notified, account no.:"))
        label.setBuddy(self.number)
        entry.addWidget(label)
        entry.addWidget(self.number, 1)

        hint = QLabel(self.tr("Tab: price change → routes → households → account number. Ctrl+P prints the chosen "
                              "route's notices, three to an A4 page; as the signed receipts come back, type or scan "
                              "each account number and press Enter."))
        hint.setStyleSheet("color: #5b6b7f;")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(entry)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        layout.addLayout(keys)
        self.setTabOrder(self.change, self.routes_view)
        self.setTabOrder(self.routes_view, self.households_view)
        self.setTabOrder(self.households_view, self.number)
        self.setMinimumSize(880, 560)
        fit_to_screen(self, 1180, 720)
        self.change.setFocus()
        actor = ctx.actor
        ctx.runner.submit(lambda s: _changes(s, actor), lambda found: self._set_changes(*found), self._failed,
                          write=False, owner=self)

    # ---- words ------------------------------------------------------------

    def mark_words(self, done: notices.Marked) -> str:
        if len(done.marked) + len(done.already) == 1:
            if done.marked:
                m = done.marked[0]
                text = self.tr("Account %1 (%2) marked notified.").replace("%1", m.account_number).replace(
                    "%2", m.holder_name)
            else:
                m = done.already[0]
                text = self.tr("Account %1 (%2) was marked on %3 by %4 already.").replace(
                    "%1", m.account_number).replace("%2", m.holder_name).replace("%3", fmt.day(m.notified_at)).replace(
                    "%4", m.notified_by)
        else:
            text = self.tr("Marked %1 households notified; %2 were marked already.").replace(
                "%1", str(len(done.marked))).replace("%2", str(len(done.already)))
        return text + self.tr(" %1 households not yet notified.").replace("%1", str(done.pending))

    # ---- data -------------------------------------------------------------

    def current_change(self) -> notices.PriceChange | None:
        found = self.change.currentData()
        return found if isinstance(found, notices.PriceChange) else None

    def current_group(self) -> notices.RouteGroup | None:
        index = self.routes_view.currentIndex()
        return self.routes.row(index.row()) if index.isValid() else None

    def _set_changes(self, found: list[notices.PriceChange], upcoming: set[int]) -> None:
        self.change.blockSignals(True)
        self.change.clear()
        for c in found:
            when = self.tr("takes effect %1") if c.id in upcoming else self.tr("in force since %1")
            self.change.addItem(f"{c.title()} · {when.replace('%1', c.effective_from.isoformat())}", c)
        self.change.blockSignals(False)
        if not found:
            self.heading.setText(self.tr("No price change has been entered: the administrator loads the tariffs."))
            return
        # The next change to come is what a reader hands out; else the latest one.
        self.change.setCurrentIndex(next((i for i, c in enumerate(found) if c.id in upcoming), len(found) - 1))
        self._change_chosen()

    def _change_chosen(self) -> None:
        self._asked_route = None
        self.refresh()

    def refresh(self, keep_route: int | None = None) -> None:
        """The routes' counts again (a mark changes them), the chosen route kept; its households follow."""
        change = self.current_change()
        if change is None:
            return
        actor, schedule_id = self.ctx.actor, change.id
        self.ctx.runner.submit(lambda s: notices.route_counts(s, actor, schedule_id),
                               lambda found: self._set_routes(found, keep_route), self._failed, write=False,
                               owner=self)

    def _set_routes(self, found: notices.Affected, keep_route: int | None) -> None:
        change = self.current_change()
        if change is None or found.change.id != change.id:
            return  # another change was chosen meanwhile
        had_focus = self.routes_view.hasFocus()
        self.summary.setText(self.tr("%1 households: %2 notified, %3 not yet").replace("%1", str(found.total))
                             .replace("%2", str(found.notified)).replace("%3", str(found.pending)))
        self.routes.set_rows(list(found.groups))
        if not found.groups:
            self.households.set_rows([])
            self.heading.setText(self.tr("No account of this customer type is read: nobody to notify."))
            return
        row = next((i for i, g in enumerate(found.groups) if g.route_id == keep_route), 0)
        self.routes_view.setCurrentIndex(self.routes.index(row, 0))
        self._route_chosen(row, reload=keep_route is not None)
        if had_focus:
            self.routes_view.setFocus()

    def _route_chosen(self, row: int, reload: bool = False) -> None:
        group = self.routes.row(row)
        if group is None:
            return
        self._show_heading(group)
        if group.route_id != self._asked_route or reload:
            self._load_households(group.route_id, max(len(self.households.rows), PAGE) if reload else PAGE)

    def _show_heading(self, group: notices.RouteGroup) -> None:
        name = f"{group.code} {group.name}" if group.code else group.name
        self.heading.setText(self.tr("%1 · %2 households, %3 not yet notified").replace("%1", name)
                             .replace("%2", str(group.total)).replace("%3", str(group.pending)))

    def _load_households(self, route_id: int, count: int) -> None:
        change = self.current_change()
        if change is None:
            return
        actor, schedule_id, self._asked_route = self.ctx.actor, change.id, route_id
        self.ctx.runner.submit(
            lambda s: notices.affected(s, actor, schedule_id, route_id=route_id, limit=count),
            lambda found: self._set_households(route_id, found), self._failed, write=False, owner=self)

    def _page_query(self, last: notices.Household | None) -> Callable[[Any], Any]:
        change, route_id = self.current_change(), self._asked_route
        actor, offset = self.ctx.actor, (last.seq if last else 0)
        schedule_id = change.id if change else -1

        def page(s: Any) -> list[notices.Household]:
            groups = notices.affected(s, actor, schedule_id, route_id=route_id, offset=offset, limit=PAGE).groups
            return list(groups[0].households) if groups else []

        return page

    def _set_households(self, route_id: int, found: notices.Affected) -> None:
        group = self.current_group()
        if group is None or group.route_id != route_id:
            return  # another route was chosen meanwhile
        rows = found.groups[0].households if found.groups else ()
        current = self.households_view.currentIndex().row()
        self.households.set_rows(list(rows), more=bool(found.groups) and len(rows) < found.groups[0].total)
        if rows:
            index = self.households.index(min(max(current, 0), len(rows) - 1), 0)
            self.households_view.setCurrentIndex(index)

    # ---- actions ----------------------------------------------------------

    def _say(self, text: str) -> None:
        self.error.clear()
        self.result.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.result.clear()
        self.error.setText(error_text(exc))

    def mark(self) -> None:
        change = self.current_change()
        typed = [t.strip() for t in _NUMBER_SEPARATORS.split(self.number.text()) if t.strip()]
        if change is None or not typed:
            return
        actor, schedule_id, self._typed = self.ctx.actor, change.id, self.number.text()
        self.error.clear()
        self.ctx.runner.submit(lambda s: notices.mark_notified(s, actor, schedule_id, typed),
                               self._marked, self._mark_refused, busy_text=self.tr("Marking…"), owner=self)

    def _marked(self, done: notices.Marked) -> None:
        self._say(self.mark_words(done))
        if self.number.text() == self._typed:
            self.number.clear()  # ready for the next scan (unless something new was typed meanwhile)
        group = self.current_group()
        self.refresh(group.route_id if group else None)

    def _mark_refused(self, exc: BaseException) -> None:
        self._failed(exc)
        focus_field(self.number)  # typed again or scanned again, it replaces the wrong one

    def print_notices(self) -> None:
        change, group = self.current_change(), self.current_group()
        if change is None or group is None:
            return
        actor, schedule_id, route_id = self.ctx.actor, change.id, group.route_id
        self.error.clear()
        self.ctx.runner.submit(lambda s: notices.print_notices(s, actor, schedule_id, route_id),
                               lambda printed: self._preview(group, printed), self._failed, write=True, owner=self,
                               busy_text=self.tr("Preparing the notices…"))

    def _preview(self, group: notices.RouteGroup, printed: notices.PrintedNotices) -> None:
        from gasdesk.ui.pdf_preview import PdfPreview

        name = group.code or "unassigned"
        title = self.tr("Price-change notices %1 (copy)") if printed.copy else self.tr("Price-change notices %1")
        preview = PdfPreview(printed.pdf, title.replace("%1", group.code or group.name),
                             f"price-notices-{printed.document.id.replace('@', '-')}-{name}.pdf", self,
                             ctx=self.ctx, document=printed.document)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.finished.connect(lambda _r: self.routes_view.setFocus())
        self.dialog = preview
        preview.open()
