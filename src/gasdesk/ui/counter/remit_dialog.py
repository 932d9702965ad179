"""解缴 at the counter (Shift+F9): a closed shift's counted cash handed to finance, with the name of
who received it. The shifts waiting are the clerk's own (every one for a supervisor), oldest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QWidget

from gasdesk.services.cashier import remittances
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.messages import error_text

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class RemitDialog(CounterDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Remit cash to finance"))
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Remit (Enter)"))
        self.ok.setEnabled(False)
        self.shift = self.add_row(self.tr("&Shift:"), QComboBox())
        self.amount = QLabel()
        self.amount.setObjectName("remitAmount")
        self.amount.setStyleSheet("font-size: 13pt; font-weight: 700;")
        self.form.addRow(self.tr("Cash to hand over:"), self.amount)
        self.received_by = self.add_row(self.tr("&Received by (finance):"), QLineEdit())
        self.received_by.setMaxLength(60)
        self.note = self.add_row(self.tr("&Note:"), QLineEdit())
        self.note.setMaxLength(200)
        self.shift.currentIndexChanged.connect(self._shift_changed)
        self.finish(self.tr("The counted cash of a closed shift, as its closing sheet says."))
        actor = self.actor
        ctx.runner.submit(lambda s: remittances.pending(s, actor), self._listed, self._not_listed, write=False,
                          owner=self)

    def _listed(self, rows: list[remittances.Waiting]) -> None:
        for w in rows:
            text = self.tr("Shift %1 · %2 · %3 · %4").replace("%1", str(w.shift_id)).replace(
                "%2", fmt.day(w.business_date)).replace("%3", w.counter).replace("%4", w.login)
            self.shift.addItem(text, w)
        if not rows:
            self.amount.setText(self.tr("No closed shift is waiting to be remitted."))
            return
        self.ok.setEnabled(True)
        self._shift_changed()

    def _not_listed(self, exc: BaseException) -> None:
        self.amount.setText(error_text(exc))

    def _shift_changed(self) -> None:
        w = self.shift.currentData()
        if w is not None:
            self.amount.setText(fmt.yuan(w.counted))

    def save(self) -> Call | None:
        w = self.shift.currentData()
        if w is None:
            return None
        if not self.received_by.text().strip():
            self.complain(self.tr("Type the name of who in finance received the cash."), self.received_by)
            return None
        actor, shift_id, who, note = self.actor, w.shift_id, self.received_by.text(), self.note.text()
        return lambda s: remittances.remit(s, actor, shift_id, received_by=who, note=note)
