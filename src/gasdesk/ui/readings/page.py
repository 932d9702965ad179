"""The meter readings workplace (抄表): the routes on the left, the day-end entry grid of the route
picked on the right, with its progress through the cycle; import a handheld's file, print the
route sheet; the held readings in a tab of their own for those who decide on them.

Keys: F6 the route list (Enter opens the route picked), Ctrl+D the reading date, in the grid
Enter / ↑ / ↓ / Tab, Ctrl+E estimated, Ctrl+N no access, Ctrl+S save; Ctrl+I import, Ctrl+P
the route sheet, Ctrl+T the price-change notices, Ctrl+U arrears and dunning, Alt+1 / Alt+2 the
tabs. Leaving a route, the workplace or the program with readings typed and not saved asks first.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.core import business_day
from gasdesk.services.core.changes import Change
from gasdesk.services.core.permissions import allowed
from gasdesk.services.readings import route_sheet, routes
from gasdesk.services.readings.routes import RouteInfo
from gasdesk.services.readings.store import BatchResult
from gasdesk.ui.buttons import shortcut_button
from gasdesk.ui.counter import fmt
from gasdesk.ui.messages import ask, error_text
from gasdesk.ui.readings import entry_model
from gasdesk.ui.readings.entry import EntryView, RowDetail
from gasdesk.ui.readings.entry_checker import Checker
from gasdesk.ui.readings.entry_model import ESTIMATED, NO_ACCESS, EntryModel
from gasdesk.ui.readings.import_dialog import ImportDialog, choose_file
from gasdesk.ui.readings.leaving import LeaveGuard
from gasdesk.ui.readings.route_list import RouteHeading, RouteList, RouteProgress

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

_ENTER = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class ReadingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingsPage")
        self.ctx = ctx
        self.dialog: QWidget | None = None  # the dialog opened last (tests look here)
        self.route: RouteInfo | None = None  # the route in the grid
        self.can_enter = allowed(ctx.actor, "reading.enter")
        self._first_show = True

        # ---- the routes --------------------------------------------------------------------
        self.route_list = RouteList()
        self.routes, self.routes_view = self.route_list.routes, self.route_list.view
        self.routes_view.activated.connect(lambda index: self.open_route_at(index.row()))
        self.routes_view.installEventFilter(self)

        # ---- the heading: the route, the date ----------------------------------------------
        title = QLabel(self.tr("Meter readings"))
        title.setObjectName("pageTitle")
        self.heading = RouteHeading()
        self.date = QDateEdit()
        self.date.setObjectName("readingDate")
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.date.setDate(QDate.currentDate())
        self.date.setMaximumWidth(140)
        self.date.dateChanged.connect(lambda _d: self._date_changed())
        self.date.installEventFilter(self)
        self._day = fmt.read_date(self.date)
        date_label = QLabel(self.tr("Reading &date (Ctrl+D):"))
        date_label.setBuddy(self.date)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(title)
        top.addWidget(self.heading, 1)
        top.addWidget(date_label)
        top.addWidget(self.date)

        # ---- the entry tab -----------------------------------------------------------------
        self.entry_tab = QWidget()
        self.entry_tab.setObjectName("entryTab")
        self.progress = RouteProgress(ctx, lambda: self.route)
        self.model = EntryModel(self)
        self.grid = EntryView(self.model)
        self.grid.fit_columns()
        self.grid.leave.connect(self.focus_routes)
        self.checker = Checker(ctx, self.model, self)
        self.checker.saved.connect(self._saved)
        self.checker.save_failed.connect(self._failed)
        self.detail = RowDetail(self.grid)
        self.notice = QLabel()
        self.notice.setObjectName("entryNotice")
        self.notice.setWordWrap(True)
        hint = QLabel(self.tr(
            "Type the reading, Enter: next meter · ↑/↓ move · Tab: note · Ctrl+E estimated, Ctrl+N no access "
            "(again: back to actual) · Ctrl+S save the route · Esc/F6 routes · Ctrl+D date"))
        hint.setObjectName("entryHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5b6b7f;")
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.addStretch(1)
        if self.can_enter:
            self.buttons["save"] = shortcut_button(self.entry_tab, self.tr("Save"), "Ctrl+S", self.save)
            self._kind_key("Ctrl+E", ESTIMATED)
            self._kind_key("Ctrl+N", NO_ACCESS)
            self.buttons["import"] = shortcut_button(self, self.tr("Import…"), "Ctrl+I", self.import_file)
        self.buttons["print"] = shortcut_button(self, self.tr("Route sheet…"), "Ctrl+P", self.print_sheet)
        if allowed(ctx.actor, "route.manage"):
            self.buttons["routes"] = shortcut_button(self, self.tr("Routes…"), "Ctrl+B", self.manage_routes)
        if allowed(ctx.actor, "tariff.view"):
            self.buttons["notices"] = shortcut_button(self, self.tr("Price notices…"), "Ctrl+T", self.price_notices)
        if allowed(ctx.actor, "arrears.view"):  # (Ctrl+D is the reading date's)
            self.buttons["dunning"] = shortcut_button(self, self.tr("Arrears…"), "Ctrl+U", self.dunning)
        for name, button in self.buttons.items():
            button.setObjectName(f"readings_{name}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setAutoDefault(False)
            bar.addWidget(button)
        inner = QVBoxLayout(self.entry_tab)
        inner.setContentsMargins(0, 6, 0, 0)
        inner.setSpacing(6)
        inner.addWidget(self.progress)
        inner.addWidget(self.grid, 1)
        inner.addWidget(self.detail)
        inner.addWidget(hint)
        inner.addWidget(self.notice)  # a line of its own: a save's counts in words, never squeezed by the buttons
        inner.addLayout(bar)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("readingsTabs")
        self.tabs.addTab(self.entry_tab, self.tr("Day-end entry"))
        self.held_tab: QWidget | None = None
        self.held: QWidget | None = None
        if allowed(ctx.actor, "reading.confirm") or allowed(ctx.actor, "reading.correct"):
            self.held_tab = QWidget()
            self.held_tab.setObjectName("heldTab")
            QVBoxLayout(self.held_tab).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(self.held_tab, self.tr("Held readings"))
        self.tabs.currentChanged.connect(self._tab_changed)
        for n in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Alt+{n + 1}"), self, lambda n=n: self.tabs.setCurrentIndex(n),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        split = QSplitter()
        split.setObjectName("readingsSplit")
        split.addWidget(self.route_list)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        split.setSizes([290, 860])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        for key, slot in (("F6", self.focus_routes), ("Ctrl+D", self.focus_date)):
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.leaving = LeaveGuard(self)
        ctx.runner.changed.connect(self._on_changed)
        self.heading.show_route(self.route)
        self.load_routes()

    def _kind_key(self, key: str, kind: str) -> None:
        QShortcut(QKeySequence(key), self.entry_tab, lambda: self.toggle_kind(kind),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ---- routes -----------------------------------------------------------------------------

    def load_routes(self, then: Any = None) -> None:
        actor = self.ctx.actor
        self.ctx.runner.submit(lambda s: (routes.routes(s, actor, active_only=True), business_day.today(s)),
                               lambda found: self._set_routes(*found, then), write=False, owner=self)

    def _set_routes(self, found: list[RouteInfo], today: date, then: Any) -> None:
        ordered = self.route_list.set_routes(found, self.ctx.actor.user_id)
        if self.route is None:
            self.date.blockSignals(True)
            self.date.setDate(QDate(today))  # the office's day (the server's on PostgreSQL)
            self.date.blockSignals(False)
            self._day = today
        if ordered:
            self.routes_view.setCurrentIndex(self.routes.index(0, 0))
            if self.route is None:  # the reader's own first route, ready to type into (F6: the list)
                self.open_route(ordered[0], focus_grid=True)
        else:
            self.heading.show_route(self.route)
        if then is not None:
            then()

    def open_route_at(self, row: int) -> None:
        info = self.routes.row(row)
        if info is not None:
            self.open_route(info)

    def open_route(self, info: RouteInfo, *, focus_grid: bool = True) -> None:
        """Show ``info``'s stops for the reading date; with readings typed here and not saved, ask first."""
        if self.route is not None and info.id == self.route.id:
            if focus_grid:
                self.focus_grid()
            return
        unsaved = self.model.unsaved()
        if unsaved:
            def stay() -> None:
                self._select_route_row()
                self.focus_grid()

            self.dialog = ask(self, self.tr("%1 reading(s) typed on route %2 are not saved. Leave them and open "
                                            "route %3?").replace("%1", str(unsaved))
                              .replace("%2", self.route.code if self.route else "").replace("%3", info.code),
                              lambda: self._load(info, {}, focus_grid), stay)
            return
        self._load(info, {}, focus_grid)

    def _select_route_row(self) -> None:
        if self.route is not None:
            self.route_list.select(self.route.id)

    def _load(self, info: RouteInfo, carry: dict[int, tuple[str, str, str]], focus_grid: bool,
              keep_row: int | None = None, *, keep_notice: bool = False) -> None:
        self.route = info
        self.checker.reset()
        if not keep_notice:
            self.notice.clear()
        day = self._day
        self.heading.show_route(self.route)
        self.ctx.runner.submit(entry_model.load_route(self.ctx, info.id, day),
                               lambda loaded: self._loaded(info, day, loaded, carry, focus_grid, keep_row),
                               self._failed, write=False, owner=self)

    def _loaded(self, info: RouteInfo, day: date, loaded: entry_model.Loaded, carry: dict[int, tuple[str, str, str]],
                focus_grid: bool, keep_row: int | None) -> None:
        if self.route is None or info.id != self.route.id or day != self._day:
            return  # another route or date was asked for meanwhile
        self.route = loaded[0].route
        self.model.set_rows(entry_model.build_rows(loaded, carry), day)
        self.heading.show_route(self.route)
        self.progress.refresh(self._day)
        if carry:
            self.checker.schedule()  # what was carried over is checked for the new date
        if keep_row is not None:
            row = keep_row
        else:  # the first meter not read yet
            row = next((i for i, r in enumerate(self.model.rows) if r.editable and not r.typed), 0)
        self.grid.go(row, focus=focus_grid)
        if not focus_grid:
            self.routes_view.setFocus()

    # ---- the date -----------------------------------------------------------------------------

    def _date_changed(self) -> None:
        day = fmt.read_date(self.date)
        if day == self._day:
            return
        self._day = day
        if self.route is not None:
            # What was typed and not saved stays, checked again for the new day.
            carry = {r.stop.account_id: (r.value, r.kind, r.note) for r in self.model.rows if r.typed}
            self._load(self.route, carry, False, self.grid.current_row())

    def _on_changed(self, what: frozenset[str]) -> None:
        if Change.ROUTE in what:
            self.load_routes()
        if Change.READING in what and self.route is not None:
            if self.model.unsaved() or self.model.locked:
                self.progress.refresh(self._day)
            else:  # an import or a decision elsewhere: the grid shows what is stored now
                focus = QApplication.focusWidget()
                in_grid = focus is not None and (focus is self.grid or self.grid.isAncestorOf(focus))
                # (after a save here: its words, what was billed, stay under the reloaded grid)
                self._load(self.route, {}, in_grid, self.grid.current_row(), keep_notice=True)

    # ---- the grid -----------------------------------------------------------------------------

    def toggle_kind(self, kind: str) -> None:
        row = self.grid.current_row()
        if row < 0 or not self.model.editable_at(row, entry_model.C_NOTE):
            return
        new = entry_model.ACTUAL if self.model.rows[row].kind == kind else kind
        self.model.set_kind(row, new)
        self.grid.go(row, entry_model.C_NOTE if new == NO_ACCESS else entry_model.C_VALUE)

    def save(self) -> None:
        """Ctrl+S: every typed row of the route in one transaction; refused rows stay to be corrected."""
        if self.route is None:
            return
        self.notice.clear()
        if not self.checker.save():
            self._say(self.tr("Nothing to save: no reading has been typed."), "#3b4654")

    def _saved(self, result: BatchResult) -> None:
        c = result.counts()
        text = self.tr("Saved: accepted %1, held %2").replace("%1", str(c["accepted"])).replace("%2", str(c["held"]))
        if c["already_imported"]:
            text += self.tr(", %1 already stored before").replace("%1", str(c["already_imported"]))
        text += self._billed_text(result)
        if c["rejected"]:
            text += self.tr("; %1 refused row(s) not saved, please correct them").replace("%1", str(c["rejected"]))
            first = next(i for i, r in enumerate(self.model.rows) if self.model.state(i) == "rejected")
            self.grid.go(first)
        else:
            text += self.tr(".")
            self.grid.refresh_editor()
        self._say(text, "#8c1d18" if c["rejected"] else "#1b5e20")
        self.progress.refresh(self._day)

    def _failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), "#8c1d18")

    def _say(self, text: str, colour: str) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet(f"color: {colour}; font-weight: 600;")

    # ---- focus ----------------------------------------------------------------------------------

    def focus_routes(self) -> None:
        self.tabs.setCurrentWidget(self.entry_tab)
        self.routes_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._select_route_row()

    def focus_grid(self) -> None:
        self.tabs.setCurrentWidget(self.entry_tab)
        row = self.grid.current_row()
        self.grid.go(max(row, 0))

    def focus_date(self) -> None:
        self.date.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.date.setSelectedSection(QDateEdit.Section.DaySection)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _ENTER \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if watched is self.routes_view:
                index = self.routes_view.currentIndex()
                if index.isValid():
                    self.open_route_at(index.row())
                return True
            if watched is self.date:  # the date is taken: back to the grid
                self.focus_grid()
                return True
        if event.type() == QEvent.Type.Close and watched is self.window() and isinstance(event, QCloseEvent):
            return self.leaving.closing(event)
        return False

    def _tab_changed(self, index: int) -> None:
        if self.held_tab is not None and self.tabs.widget(index) is self.held_tab and self.held is None:
            from gasdesk.ui.readings.held import HeldList  # imported on first use: a reader rarely opens it

            self.held = HeldList(self.ctx, self.held_tab)
            count = getattr(self.held, "count_changed", None)
            if count is not None:
                count.connect(self._held_count)
            self.held_tab.layout().addWidget(self.held)
            self.held.setFocus()

    def _held_count(self, total: int) -> None:
        if self.held_tab is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.held_tab),
                                 self.tr("Held readings (%1)").replace("%1", str(total)))

    # ---- leaving ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self:
            window.removeEventFilter(self)
            window.installEventFilter(self)  # the program closing with readings not saved asks first
        if self._first_show:
            self._first_show = False
            QTimer.singleShot(0, self.routes_view.setFocus)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.leaving.hidden(event)

    # ---- import and print ---------------------------------------------------------------------

    def import_file(self) -> None:
        self.dialog = choose_file(self, self.import_path)

    def import_path(self, path: Path) -> None:
        dialog = ImportDialog(self.ctx, path, self)
        dialog.finished.connect(lambda _r: self.focus_grid())
        self.dialog = dialog
        dialog.open()

    def _billed_text(self, result: BatchResult) -> str:
        """What the save billed at once (billing.bills); each waiting reading's reason is in its row."""
        b, text = result.billed, ""
        if b is None:
            return text
        if b.bills:
            text += self.tr("; %1 bill(s) made, %2 in all").replace("%1", str(len(b.bills))).replace(
                "%2", fmt.yuan(b.total))
        if b.reversed:
            text += self.tr("; %1 bill(s) reversed").replace("%1", str(len(b.reversed)))
        if b.waiting:
            text += self.tr("; %1 reading(s) wait for a tariff").replace("%1", str(len(b.waiting)))
        return text

    def price_notices(self) -> None:
        """Ctrl+T: the price changes and their notices per route (price_notices)."""
        from gasdesk.ui.readings.price_notices import PriceNoticesDialog  # imported on first use

        dialog = PriceNoticesDialog(self.ctx, self)
        dialog.finished.connect(lambda _r: self.focus_grid())
        self.dialog = dialog
        dialog.open()

    def dunning(self) -> None:
        """Ctrl+U: the route's households in arrears, their dunning notices and visits (dunning)."""
        from gasdesk.ui.readings.dunning import DunningDialog  # imported on first use

        dialog = DunningDialog(self.ctx, self, route_id=self.route.id if self.route else None)
        dialog.finished.connect(lambda _r: self.focus_grid())
        self.dialog = dialog
        dialog.open()

    def manage_routes(self) -> None:
        """Ctrl+B: the routes and their stops (route_admin); the list here follows its changes."""
        from gasdesk.ui.readings.route_admin import RouteAdminDialog

        dialog = RouteAdminDialog(self.ctx, self)
        dialog.finished.connect(lambda _r: self.focus_routes())
        self.dialog = dialog
        dialog.open()

    def print_sheet(self) -> None:
        r = self.route
        if r is None:
            return
        actor, route_id, day = self.ctx.actor, r.id, self._day
        self.ctx.runner.submit(lambda s: route_sheet.print_route_sheet(s, actor, route_id, read_on=day),
                               lambda printed: self._preview(r, printed), self._failed, write=True, owner=self,
                               busy_text=self.tr("Preparing the route sheet…"))

    def _preview(self, r: RouteInfo, printed: route_sheet.PrintedRouteSheet) -> None:
        from gasdesk.ui.pdf_preview import PdfPreview

        title = self.tr("Route sheet %1 (copy)") if printed.copy else self.tr("Route sheet %1")
        preview = PdfPreview(printed.pdf, title.replace("%1", r.code), f"route-sheet-{r.code}-{self._day}.pdf", self,
                             ctx=self.ctx, document=printed.document)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.finished.connect(lambda _r: self.focus_grid())
        self.dialog = preview
        preview.open()

