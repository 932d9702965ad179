"""气票解缴 (Ctrl+Shift+F9 on the stock tab): the day's redeemed coupons counted by size and handed
to finance; a count that differs from the redeemed is explained. Opened with the day's counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from gasdesk.services.depot import day_end
from gasdesk.ui.counter.base import Call, CounterDialog

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class CouponHandInDialog(CounterDialog):
    def __init__(self, ctx: AppContext, day: day_end.CouponDay, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Hand in the day's coupons"))
        self.counts: dict[str, QSpinBox] = {}
        for row in day.rows:
            spin = QSpinBox()
            spin.setRange(0, 99_999)
            spin.setValue(row.expected)
            spin.setSuffix(self.tr(" coupons"))
            label = self.tr("%1 (%2 redeemed, face value ¥%3):").replace("%1", row.size).replace(
                "%2", str(row.expected)).replace("%3", str(row.face_total))
            self.counts[row.size] = self.add_row(label, spin)
        self.received_by = self.add_row(self.tr("&Received by:"), QLineEdit())
        self.received_by.setMaxLength(day_end.MAX_RECEIVER)
        self.explanation = self.add_row(self.tr("&Explanation of a difference:"), QLineEdit())
        self.explanation.setMaxLength(200)
        self.finish(self.tr("Count the coupons of each size redeemed on %1 and hand them to finance.").replace(
            "%1", day.day.isoformat()))

    def save(self) -> Call | None:
        counted = ",".join(f"{size}x{spin.value()}" for size, spin in self.counts.items())
        actor, receiver, why = self.actor, self.received_by.text(), self.explanation.text()
        return lambda s: day_end.hand_in_coupons(s, actor, counted, received_by=receiver, explanation=why)
