"""Compound gas-on days (小区点火通气): plan a day, list its households, mark each one with
the keyboard (D done, A absent, R refused), finish the day, print the sign-off sheet.

The keyboard works from the moment the dialog opens: the focus starts in the households list on
the first household not yet done, and after a mark it moves on to the next one not yet done."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
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

from gasdesk.services.accounts import gas_on_days, gas_on_sheet
from gasdesk.services.core import labels
from gasdesk.services.office import address
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.messages import ask, error_text
from gasdesk.ui.tables import Column, RowsModel, table_view

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class PlanDayDialog(CounterDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Plan a gas-on day"))
        self.compound = self.add_row(self.tr("&Compound:"), QComboBox())
        self.date = self.add_row(self.tr("&Date:"), fmt.date_field())
        self.team = self.add_row(self.tr("Installer &team:"), QLineEdit())
        self.note = self.add_row(self.tr("&Note:"), QLineEdit())
        self.finish(self.tr("Every installed household of the compound goes on the day's list."))
        actor = ctx.actor
        ctx.runner.submit(lambda s: address.tree(s, actor), self._set_tree, write=False, owner=self)

    def _set_tree(self, tree: list[address.AreaInfo]) -> None:
        for area in tree:
            for c in area.compounds:
                if c.active:
                    self.compound.addItem(f"{area.name} · {c.name}", c.id)

    def save(self) -> Call | None:
        compound_id = self.compound.currentData()
        if compound_id is None:
            self.complain(self.tr("Choose a compound."), self.compound)
            return None
        actor, when, team, note = self.actor, fmt.read_date(self.date), self.team.text(), self.note.text()
        return (lambda s: gas_on_days.plan_event(s, actor, compound_id, planned_on=when, installer_team=team,
                                            note=note))


class OutcomeDialog(CounterDialog):
    """Absent or refused (with the reason), or done with the meter when none is registered."""

    def __init__(self, ctx: AppContext, event_id: int, row: gas_on_days.SignOffRow, outcome: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        titles = {"done": self.tr("Gas on: done"), "absent": self.tr("Gas on: nobody at home"),
                  "refused": self.tr("Gas on: refused")}
        self.setWindowTitle(titles[outcome])
        self.event_id, self.row, self.outcome = event_id, row, outcome
        self.serial = self.initial_reading = None
        if outcome == "done" and not row.meter_serial:
            self.serial = self.add_row(self.tr("Meter &serial:"), QLineEdit())
            self.initial_reading = self.add_row(self.tr("&Initial reading (m³):"), fmt.reading_field())
        self.note = self.add_row(self.tr("&Reason:") if outcome == "refused" else self.tr("&Note:"), QLineEdit())
        self.finish(f"{row.number} · {row.holder_name} · {row.address}")

    def save(self) -> Call | None:
        reading = None
        if self.initial_reading is not None:
            try:
                reading = fmt.read_reading(self.initial_reading)
            except ValueError:
                self.complain(self.tr("The reading is not a valid number."), self.initial_reading)
                return None
        serial = self.serial.text() if self.serial is not None else None
        actor, event_id, account_id, outcome, note = (self.actor, self.event_id, self.row.account_id, self.outcome,
                                                      self.note.text())
        return (lambda s: gas_on_days.mark(s, actor, event_id, account_id, outcome, note=note, serial=serial,
                                      initial_reading=reading))


class GasOnDaysDialog(QDialog):
    """The list of gas-on days (left) and the chosen day's households (right)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("gasOnDays")
        self.setWindowTitle(self.tr("Compound gas-on days (F7)"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog: QWidget | None = None
        self._after: int | None = None  # the household just marked: the selection moves on past it
        self._focus_list = True  # the first sheet puts the focus in the households list
        self.events = RowsModel([
            Column(self.tr("Date"), lambda e: fmt.day(e.planned_on)),
            Column(self.tr("Compound"), lambda e: e.compound_name),
            Column(self.tr("Status"), lambda e: fmt.name_of(labels.GAS_ON_STATUS, e.status)),
            Column(self.tr("Done / all"), lambda e: f"{e.done} / {e.households}", align_right=True),
        ], self, muted=lambda e: e.status != "planned")
        self.households = RowsModel([
            Column(self.tr("No."), lambda r: r.seq, align_right=True),
            Column(self.tr("Account no."), lambda r: r.number),
            Column(self.tr("Holder"), lambda r: r.holder_name),
            Column(self.tr("Address"), lambda r: r.address),
            Column(self.tr("Phone"), lambda r: r.phone),
            Column(self.tr("Meter"), lambda r: r.meter_serial),
            Column(self.tr("Outcome"), lambda r: fmt.name_of(labels.GAS_ON_OUTCOME, r.outcome)),
            Column(self.tr("Note"), lambda r: r.note),
        ], self, muted=lambda r: r.outcome == "done")
        self.events_view = table_view(self.events, stretch=1)
        self.households_view = table_view(self.households, stretch=3)
        self.events_view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._load_rows(cur.row()))
        for view in (self.events_view, self.households_view):
            view.setTabKeyNavigation(False)  # Tab switches lists, as the hint says
            view.installEventFilter(self)  # D / A / R act on the current household from either list
        self.summary = QLabel()
        self.summary.setObjectName("dialogSubtitle")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.error.setWordWrap(True)

        buttons = QHBoxLayout()
        specs: list[tuple[str, str, Any]] = [
            (self.tr("Plan a day…"), "Ctrl+N", self.plan),
            (self.tr("Done"), "D", lambda: self.mark("done")),
            (self.tr("Absent"), "A", lambda: self.mark("absent")),
            (self.tr("Refused…"), "R", lambda: self.mark("refused")),
            (self.tr("Finish the day…"), "Ctrl+E", self.finish_day),
            (self.tr("Sign-off sheet…"), "Ctrl+P", self.print_sheet),
        ]
        self.buttons: dict[str, QPushButton] = {}
        for title, key, slot in specs:
            button = QPushButton(f"{title}  {key}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setAutoDefault(False)  # Enter in the lists never plans a day by surprise
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
            if len(key) > 1:  # single letters act only in the households list (typing elsewhere stays typing)
                QShortcut(QKeySequence(key), self, slot)
        buttons.addStretch(1)
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)

        split = QSplitter()
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel(self.tr("Gas-on days")))
        col.addWidget(self.events_view)
        right = QWidget()
        col = QVBoxLayout(right)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.summary)
        col.addWidget(self.households_view)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([330, 770])
        layout = QVBoxLayout(self)
        help_text = QLabel(self.tr("D done, A nobody at home, R refused (on the household chosen in the list, "
                                   "Up/Down). Tab switches lists."))
        help_text.setStyleSheet("color: #5b6b7f;")
        layout.addWidget(help_text)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(1120, 640)
        self.refresh()

    # ---- data -------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        actor = self.ctx.actor
        current = select_id or self.current_event_id()
        self.ctx.runner.submit(lambda s: gas_on_days.list_events(s, actor),
                               lambda rows: self._set_events(rows, current),
                               write=False, owner=self)

    def _set_events(self, rows: list[gas_on_days.GasOnEventInfo], select_id: int | None) -> None:
        self.events.set_rows(rows)
        row = next((i for i, e in enumerate(rows) if e.id == select_id), 0)
        if rows:
            self.events_view.setCurrentIndex(self.events.index(row, 0))
            self._load_rows(row)
        else:
            self.events_view.setFocus()

    def current_event_id(self) -> int | None:
        index = self.events_view.currentIndex()
        event = self.events.row(index.row()) if index.isValid() else None
        return event.id if event else None

    def _load_rows(self, row: int) -> None:
        event = self.events.row(row)
        if event is None:
            return
        actor = self.ctx.actor
        self.ctx.runner.submit(lambda s: gas_on_days.sign_off_rows(s, actor, event.id), self._set_sheet, write=False,
                               owner=self)

    def _set_sheet(self, sheet: gas_on_days.SignOffSheet) -> None:
        keep = self.households_view.currentIndex().row()
        shown = self.households.row(keep) if keep >= 0 else None
        self.households.set_rows(sheet.rows)
        e = sheet.event
        self.summary.setText(self.tr("%1 %2 · %3 · team %4 · done %5, absent %6, refused %7, waiting %8")
                             .replace("%1", fmt.day(e.planned_on)).replace("%2", e.compound_name)
                             .replace("%3", fmt.name_of(labels.GAS_ON_STATUS, e.status))
                             .replace("%4", e.installer_team or "—")
                             .replace("%5", str(e.done)).replace("%6", str(e.absent)).replace("%7", str(e.refused))
                             .replace("%8", str(e.pending)))
        if sheet.rows:
            after, self._after = self._after, None
            if after is not None:  # just marked: on to the next household not yet done
                row = self._next_open(after)
            elif shown is not None and any(r.account_id == shown.account_id for r in sheet.rows):
                row = next(i for i, r in enumerate(sheet.rows) if r.account_id == shown.account_id)
            else:  # a day newly shown: its first household not yet done
                row = self._next_open(None)
            self.households_view.setCurrentIndex(self.households.index(row, 0))
        if self._focus_list and sheet.rows:
            self._focus_list = False
            self.households_view.setFocus()

    def _next_open(self, after_account: int | None) -> int:
        """The row of the first household not yet done after ``after_account`` (from the top
        when none follows it); the marked row itself when every household is done."""
        rows = self.households.rows
        start = next((i + 1 for i, r in enumerate(rows) if r.account_id == after_account), 0)
        for i in [*range(start, len(rows)), *range(0, start)]:
            if rows[i].outcome != "done":
                return i
        return max(start - 1, 0)

    # ---- actions ----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (
                Qt.Key.Key_Tab, Qt.Key.Key_Backtab):  # Tab switches lists (the buttons have their keys)
            other = self.households_view if watched is self.events_view else self.events_view
            other.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and not event.modifiers():
            outcome = {Qt.Key.Key_D: "done", Qt.Key.Key_A: "absent", Qt.Key.Key_R: "refused"}.get(
                Qt.Key(event.key()))
            if outcome is not None:
                self.mark(outcome)
                return True
        return False

    def _open(self, dialog: CounterDialog, then: Any) -> None:
        dialog.saved.connect(then)
        dialog.finished.connect(lambda _r: self.activateWindow())  # back to the lists, keys ready
        self.dialog = dialog
        dialog.open()

    def plan(self) -> None:
        self._open(PlanDayDialog(self.ctx, self), lambda info: self.refresh(info.id))

    def mark(self, outcome: str) -> None:
        event_id = self.current_event_id()
        index = self.households_view.currentIndex()
        row = self.households.row(index.row()) if index.isValid() else None
        if event_id is None or row is None:
            return
        self.error.clear()
        if outcome == "absent" or (outcome == "done" and row.meter_serial):
            actor = self.ctx.actor  # one key, one call: no form to fill
            self.ctx.runner.submit(lambda s: gas_on_days.mark(s, actor, event_id, row.account_id, outcome),
                                   lambda _r: self._marked(row.account_id), self._failed, owner=self)
            return
        self._open(OutcomeDialog(self.ctx, event_id, row, outcome, self), lambda _r: self._marked(row.account_id))

    def _marked(self, account_id: int) -> None:
        self._after = account_id  # the sheet that comes back selects the next household not yet done
        self.refresh()
        self.households_view.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))

    def finish_day(self) -> None:
        event_id = self.current_event_id()
        if event_id is None:
            return
        actor = self.ctx.actor

        def finish() -> None:
            self.ctx.runner.submit(lambda s: gas_on_days.finish(s, actor, event_id), lambda _r: self.refresh(event_id),
                                   self._failed, owner=self)

        ask(self, self.tr("Finish this gas-on day? Households not done stay installed for a later day."), finish)

    def print_sheet(self) -> None:
        """The day's sign-off sheet; the first print is the original, any later one a logged copy (副本)."""
        event_id = self.current_event_id()
        if event_id is None:
            return
        self.error.clear()
        actor = self.ctx.actor
        self.ctx.runner.submit(lambda s: gas_on_sheet.print_sign_off_sheet(s, actor, event_id),
                               self._preview, self._failed, write=True, owner=self,
                               busy_text=self.tr("Preparing the sheet…"))

    def _preview(self, printed: gas_on_sheet.PrintedSheet) -> None:
        from gasdesk.ui.pdf_preview import PdfPreview

        title = self.tr("Gas-on sign-off sheet (copy)") if printed.copy else self.tr("Gas-on sign-off sheet")
        # The print or the save is recorded as a print job: the next sheet is then a copy.
        preview = PdfPreview(printed.pdf, title, "gas-on-sheet.pdf", self, ctx=self.ctx, document=printed.document)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.finished.connect(lambda _r: self.activateWindow())  # back to the lists, keys ready
        self.dialog = preview
        preview.open()
