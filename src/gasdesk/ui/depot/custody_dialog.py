"""顾客钢瓶代存 (Ctrl+K on the exchange screen): the chosen customer's own cylinders taken into the
depot's custody against a numbered slip, which prints; handed back from the stock tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from gasdesk.services.depot import custody, customers
from gasdesk.ui.counter.base import Call
from gasdesk.ui.depot.money_dialogs import CustomerForm, scanned
from gasdesk.ui.pdf_preview import preview_made

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class CustodyDialog(CustomerForm):
    def __init__(self, ctx: AppContext, customer: customers.CustomerRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, customer, parent)
        self.setWindowTitle(self.tr("Keep a customer's own cylinders"))
        self.serials = self.add_row(self.tr("&Cylinders:"), QLineEdit())
        self.serials.setPlaceholderText(self.tr("scan the customer's own cylinders; several separated by spaces"))
        self.finish(self.tr("Kept against a numbered custody slip, handed back against it (also after an "
                            "inspection)."))

    def save(self) -> Call | None:
        serials = scanned(self.serials)
        if not serials:
            self.complain(self.tr("Scan the cylinders to keep."), self.serials)
            return None
        actor, number, key = self.actor, self.customer.number, self.idempotency_key
        return lambda s: custody.take(s, actor, number, serials, key=key)


def print_custody_slip(ctx: AppContext, parent: QWidget, number: str) -> None:
    """The custody slip's A5 PDF in the preview (print or save from there)."""
    actor = ctx.actor
    preview_made(ctx, parent, lambda s: custody.render_slip(s, actor, number),
                 QCoreApplication.translate("CustodyDialog", "Custody slip %1").replace("%1", number),
                 f"{number}.pdf")
