"""The depot's stock tab: one scan list for whatever the keeper is doing with many cylinders at
once (empties to the plant, fulls back from it, a batch to inspection and back, scrapping, a
physical count), a custody slip handed back, and the sheets: the stock sheet 库存表 (Ctrl+P),
the day's movement sheet and the inspection reminders.

The day end: Ctrl+F9 closes the keeper's shift (the cashier's close: the cash counted, a supervisor
confirms), Shift+F9 remits its cash, Ctrl+Shift+F9 hands in the day's redeemed coupons.

Keys: F4 the scan field (a scanner types the serial and Enter; a range A0001~0100 is one entry),
Delete takes the selected serial off the list, F9 records the batch or the count, F8 starts over.
A refused batch is shown with each cylinder's reasons and nothing is stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.core.label_table import joined
from gasdesk.services.depot import batches, custody, day_end, inventory, stock
from gasdesk.services.depot.exchange import ExchangeRefused
from gasdesk.services.depot.labels import REASON
from gasdesk.ui.counter.remit_dialog import RemitDialog
from gasdesk.ui.counter.shift_dialog import ShiftDialog
from gasdesk.ui.depot.coupon_dialog import CouponHandInDialog
from gasdesk.ui.messages import error_text
from gasdesk.ui.pdf_preview import preview_made

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

_OK = "color: #1B5E20; font-weight: 600;"
_REFUSED = "color: #B00000; font-weight: 700;"
COUNT = "count"


class StockPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("depotStock")
        self.ctx, self.actor = ctx, ctx.actor
        self.serials: list[str] = []
        self.key = uuid.uuid4().hex

        self.mode = QComboBox(objectName="stockMode")
        for code, text in self._modes().items():
            self.mode.addItem(text, code)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.document = QLineEdit(objectName="stockDocument")
        self.document.setMaxLength(40)
        self.document.setPlaceholderText(self.tr("the plant's or the inspection station's note number"))
        self.detail_label = QLabel()
        self.detail = QLineEdit(objectName="stockDetail")
        self.detail.setMaxLength(400)
        self.scan = QLineEdit(objectName="stockScan")
        self.scan.setPlaceholderText(self.tr("Scan each cylinder (or type a range such as A0001~0100), Enter"))
        self.scan.returnPressed.connect(self._scanned)
        self.listed = QListWidget(objectName="stockList")
        self.summary = QLabel(objectName="stockSummary")
        self.message = QLabel(objectName="stockMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_button = QPushButton(self.tr("Record (F9)"), objectName="stockRecord")
        self.record_button.clicked.connect(self.record)
        clear = QPushButton(self.tr("Start over (F8)"))
        clear.clicked.connect(self.start_over)

        form = QFormLayout()
        form.addRow(self.tr("&What:"), self.mode)
        form.addRow(self.tr("Delivery &note:"), self.document)
        form.addRow(self.detail_label, self.detail)
        form.addRow(self.tr("&Scan (F4):"), self.scan)
        batch = QGroupBox(self.tr("Many cylinders at once"))
        inner = QVBoxLayout(batch)
        inner.addLayout(form)
        inner.addWidget(self.listed, 1)
        inner.addWidget(self.summary)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(clear)
        row.addWidget(self.record_button)
        inner.addLayout(row)

        self.slip = QLineEdit(objectName="custodySlip")
        self.slip.setPlaceholderText(self.tr("custody slip number, e.g. D01-K-0000001, then Enter"))
        self.slip.returnPressed.connect(self.hand_back)
        back = QGroupBox(self.tr("Hand back a customer's cylinders against the custody slip"))
        QHBoxLayout(back).addWidget(self.slip)

        self.days = QSpinBox(objectName="reminderDays")
        self.days.setRange(1, inventory.MAX_REMINDER_DAYS)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        sheets = QGroupBox(self.tr("Sheets"))
        buttons = QHBoxLayout(sheets)
        for text, slot in ((self.tr("Stock sheet (Ctrl+P)"), self.print_stock),
                           (self.tr("Movement sheet"), self.print_movements),
                           (self.tr("Inspection reminders"), self.print_reminders)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addWidget(QLabel(self.tr("due within")))
        buttons.addWidget(self.days)
        buttons.addStretch(1)

        day = QGroupBox(self.tr("Day end"))
        ends = QHBoxLayout(day)
        for text, slot in ((self.tr("Close shift (Ctrl+F9)"), self.close_shift),
                           (self.tr("Remit cash (Shift+F9)"), self.remit),
                           (self.tr("Hand in coupons (Ctrl+Shift+F9)"), self.hand_in_coupons)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            ends.addWidget(button)
        ends.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(batch, 1)
        layout.addWidget(self.message)
        layout.addWidget(back)
        bottom = QHBoxLayout()
        bottom.addWidget(sheets, 1)
        bottom.addWidget(day)
        layout.addLayout(bottom)
        for key, slot in (("F4", self.scan.setFocus), ("F8", self.start_over), ("F9", self.record),
                          ("Ctrl+P", self.print_stock), ("Delete", self._drop), ("Ctrl+F9", self.close_shift),
                          ("Shift+F9", self.remit), ("Ctrl+Shift+F9", self.hand_in_coupons)):
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._mode_changed()

    def _modes(self) -> dict[str, str]:
        return {"to_plant": self.tr("Send empties to the filling plant"),
                "from_plant": self.tr("Receive full cylinders from the plant"),
                "to_inspection": self.tr("Send for inspection"),
                "passed": self.tr("Back from inspection: passed"),
                "failed": self.tr("Back from inspection: failed, scrapped"),
                "scrap": self.tr("Scrap company cylinders"),
                COUNT: self.tr("Physical count (盘点)")}

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        details = {"passed": self.tr("Inspection &date:"), "scrap": self.tr("&Reason:"),
                   COUNT: self.tr("&Explanation of a difference:")}
        self.detail_label.setText(details.get(mode, ""))
        self.detail.setVisible(mode in details)
        self.detail.setPlaceholderText(self.tr("today unless given, e.g. 2026-12-01") if mode == "passed" else "")
        self.document.setEnabled(mode != COUNT)
        self._show()

    # --- the list
    def _scanned(self) -> None:
        text = self.scan.text().strip().upper()
        self.scan.clear()
        if not text:
            return
        if text in self.serials:
            self._say(self.tr("%1 is on the list already.").replace("%1", text), refused=True)
            return
        self.serials.append(text)
        self._say("")
        self._show()

    def _drop(self) -> None:
        row = self.listed.currentRow()
        if 0 <= row < len(self.serials):
            del self.serials[row]
            self._show()

    def _show(self) -> None:
        self.listed.clear()
        self.listed.addItems(self.serials)
        self.listed.scrollToBottom()
        self.summary.setText(self.tr("%1 on the list").replace("%1", str(len(self.serials))))
        if self.mode.currentData() == COUNT and self.serials:
            actor, scanned = self.actor, list(self.serials)
            self.ctx.runner.submit(lambda s: inventory.preview(s, actor, scanned), self._compared, self._failed,
                                   write=False, owner=self)

    def _compared(self, found: tuple[int, int, list[inventory.Difference]]) -> None:
        expected, counted, differences = found
        missing = sum(d.difference == "missing" for d in differences)
        self.summary.setText(self.tr("On the books %1, found %2: %3 missing, %4 extra").replace("%1", str(expected))
                             .replace("%2", str(counted)).replace("%3", str(missing))
                             .replace("%4", str(len(differences) - missing)))

    def start_over(self) -> None:
        self.serials, self.key = [], uuid.uuid4().hex
        self.detail.clear()
        self._say("")
        self._show()
        self.scan.setFocus()

    # --- recording
    def _call(self) -> Callable[[Any], Any]:
        mode, actor, serials, key = self.mode.currentData(), self.actor, list(self.serials), self.key
        note, detail = self.document.text(), self.detail.text().strip()
        if mode == COUNT:
            return lambda s: inventory.count(s, actor, serials, key=key, explanation=detail)
        if mode in ("passed", "failed"):
            return lambda s: batches.receive_inspected(s, actor, serials, passed=mode == "passed", document=note,
                                                       key=key, inspected_on=detail or None)
        if mode == "scrap":
            return lambda s: batches.scrap(s, actor, serials, document=note, key=key, reason=detail)
        step = {"to_plant": batches.send_to_plant, "from_plant": batches.receive_from_plant,
                "to_inspection": batches.send_to_inspection}[mode]
        return lambda s: step(s, actor, serials, document=note, key=key)

    def record(self) -> None:
        if not self.serials:
            self._say(self.tr("Scan the cylinders first (F4)."), refused=True)
            self.scan.setFocus()
            return
        self.record_button.setEnabled(False)
        self.ctx.runner.submit(self._call(), self._recorded, self._not_recorded, write=True,
                               busy_text=self.tr("Recording…"), owner=self)

    def _recorded(self, done: batches.Batch | inventory.Counted) -> None:
        self.record_button.setEnabled(True)
        if isinstance(done, inventory.Counted):
            data = done.json()
            text = self.tr("Count recorded: %1 on the books, %2 found, %3 missing, %4 extra.").replace(
                "%1", str(done.expected)).replace("%2", str(done.counted)).replace(
                "%3", str(len(data["missing"]))).replace("%4", str(len(data["extra"])))
        else:
            text = self.tr("%1: %2 cylinders recorded, note %3.").replace("%1", self.mode.currentText()).replace(
                "%2", str(len(done.serials))).replace("%3", done.document)
        self.start_over()
        self._say(text)

    def _not_recorded(self, exc: BaseException) -> None:
        self.record_button.setEnabled(True)
        if isinstance(exc, ExchangeRefused):
            self._say("\n".join(f"{r.serial}: {joined(REASON, r.reasons, self.ctx.lang)}" for r in exc.refusals),
                      refused=True)
        else:
            self._failed(exc)
            field = {"document": self.document, "explanation": self.detail, "reason": self.detail,
                     "inspected_on": self.detail}.get(getattr(exc, "field", None) or "")
            if field is not None:  # the cursor where the words ask for something
                field.setFocus()

    def hand_back(self) -> None:
        number, actor, key = self.slip.text().strip(), self.actor, uuid.uuid4().hex
        if not number:
            return
        self.ctx.runner.submit(lambda s: custody.hand_back(s, actor, number, key=key), self._handed_back,
                               self._not_recorded, write=True, owner=self)

    def _handed_back(self, done: custody.CustodyDone) -> None:
        self.slip.clear()
        text = self.tr("Slip %1: handed back %2.").replace("%1", done.slip_number).replace(
            "%2", "、".join(done.serials) or "—")
        if done.kept:
            text += " " + self.tr("Scrapped at inspection, kept: %1.").replace("%1", "、".join(done.kept))
        self._say(text)

    # --- day end: the cash as at a counter, the coupons here
    def close_shift(self) -> None:
        ShiftDialog(self.ctx, self).open()

    def remit(self) -> None:
        RemitDialog(self.ctx, self).open()

    def hand_in_coupons(self) -> None:
        actor = self.actor
        self.ctx.runner.submit(lambda s: day_end.coupon_day(s, actor), self._coupon_day, self._failed, write=False,
                               owner=self)

    def _coupon_day(self, day: day_end.CouponDay) -> None:
        if day.handed_in:
            self._say(self.tr("The coupons of %1 were handed to %2.").replace("%1", day.day.isoformat())
                      .replace("%2", day.received_by))
            return
        if not day.rows:
            self._say(self.tr("No coupon was redeemed today."))
            return
        dialog = CouponHandInDialog(self.ctx, day, self)
        dialog.saved.connect(lambda done: self._say(self.tr("Coupons handed to %1.").replace("%1", done.received_by)))
        dialog.open()

    # --- sheets
    def _preview(self, make: Callable[[Any], tuple[Any, bytes]], title: str, name: str) -> None:
        preview_made(self.ctx, self, make, title, name, on_error=self._failed, write=False,
                     busy_text=self.tr("Making the sheet…"))

    def print_stock(self) -> None:
        actor = self.actor
        self._preview(lambda s: inventory.stock_list_pdf(s, actor), self.tr("Stock sheet"), "stock-list.pdf")

    def print_movements(self) -> None:
        actor = self.actor
        self._preview(lambda s: stock.sheet_pdf(s, actor, None), self.tr("Movement sheet"), "movements.pdf")

    def print_reminders(self) -> None:
        actor, days = self.actor, self.days.value()
        self._preview(lambda s: inventory.reminders_pdf(s, actor, days), self.tr("Inspection reminders"),
                      "reminders.pdf")

    def _say(self, text: str, refused: bool = False) -> None:
        self.message.setStyleSheet(_REFUSED if refused else _OK)
        self.message.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), refused=True)
