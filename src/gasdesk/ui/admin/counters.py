"""Administration: the registered counters (柜台) and LPG depots (调瓶点). A sign-in names one of
these, and every posting and receipt series belongs to one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from gasdesk.services.core import labels
from gasdesk.services.core.changes import Change
from gasdesk.services.office import counters
from gasdesk.services.office.counters import CounterInfo
from gasdesk.ui.buttons import shortcut_button
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter import fmt
from gasdesk.ui.forms import FormDialog
from gasdesk.ui.messages import ask, show_info
from gasdesk.ui.tables import Column, RowsModel, table_view


class RegisterCounterDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx.runner, parent)
        self.ctx = ctx
        self.setObjectName("counterDialog")
        self.setWindowTitle(self.tr("Register a counter"))
        self.code = self.add_row(self.tr("Counter code:"), QLineEdit())
        self.code.setMaxLength(16)
        self.code.setPlaceholderText(self.tr("e.g. C03"))
        self.name = self.add_row(self.tr("Name:"), QLineEdit())
        self.kind: QComboBox = self.add_row(self.tr("Kind:"), fmt.coded_combo(fmt.named(labels.COUNTER_KIND)))
        self.finish(self.tr("A counter PC signs in with its code; a depot is a counter of its own kind."))

    def save(self):  # type: ignore[no-untyped-def]
        actor, code, name, kind = self.ctx.actor, self.code.text(), self.name.text(), self.kind.currentData()
        return lambda s: counters.add_counter(s, actor, code, name, kind)


class CountersPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowsModel([
            Column(self.tr("Code"), lambda c: c.code),
            Column(self.tr("Name"), lambda c: c.name),
            Column(self.tr("Kind"), lambda c: fmt.name_of(labels.COUNTER_KIND, c.kind)),
            Column(self.tr("State"), lambda c: self.tr("in use") if c.active else self.tr("disabled")),
        ], self, muted=lambda c: not c.active)
        self.table = table_view(self.model)
        self.table.setObjectName("countersTable")
        self.dialog: FormDialog | None = None
        bar = QHBoxLayout()
        for text, key, slot in ((self.tr("Register counter"), "Ctrl+N", self.add),
                                (self.tr("Disable / enable"), "Ctrl+D", self.toggle),
                                (self.tr("Refresh"), "F5", self.refresh)):
            bar.addWidget(shortcut_button(self, text, key, slot))
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        ctx.runner.changed.connect(self._on_changed)
        self.refresh()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.table.setFocus()

    def refresh(self) -> None:
        self.ctx.runner.submit(counters.list_counters, self.model.set_rows, write=False, owner=self)

    def _on_changed(self, changes: frozenset[Change]) -> None:
        if Change.COUNTER in changes:
            self.refresh()

    def selected(self) -> CounterInfo | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def add(self) -> None:
        self.dialog = RegisterCounterDialog(self.ctx, self)
        self.dialog.open()

    def toggle(self) -> None:
        counter = self.selected()
        if counter is None:
            show_info(self, self.tr("Please select a counter first."))
            return
        actor, code, active = self.ctx.actor, counter.code, not counter.active
        question = (self.tr("Enable the counter %1 again?") if active else
                    self.tr("Disable the counter %1? Nobody can sign in at it until it is enabled."))
        ask(self, question.replace("%1", f"{counter.code} {counter.name}"),
            lambda: self.ctx.runner.submit(lambda s: counters.set_active(s, actor, code, active), owner=self))
