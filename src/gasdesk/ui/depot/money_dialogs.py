"""The depot's money forms, opened from the exchange screen for its chosen customer: 借瓶 against a
deposit (F10: company cylinders of one size, the numbered slip prints) and 售气票 (F11: the whole
book holding a scanned coupon, the receipt prints). One service call each, retried with the key
the form made when it opened."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from gasdesk.services.depot import coupons, customers, deposits
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.pdf_preview import preview_made

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class CustomerForm(CounterDialog):
    """A form for the customer chosen on the exchange screen, paid by method (cash: tendered)."""

    def __init__(self, ctx: AppContext, customer: customers.CustomerRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.customer = customer

    def heading(self) -> str:
        c = self.customer
        return f"{c.number} · {c.name} · {c.address}"

    def add_payment(self) -> None:
        self.method = self.add_row(QCoreApplication.translate("DepotForms", "Paid &by:"), fmt.method_combo())
        self.tendered = self.add_row(QCoreApplication.translate("DepotForms", "Cash &tendered (¥):"),
                                     fmt.money_field())
        self.reference = self.add_row(QCoreApplication.translate("DepotForms", "Re&ference (non-cash):"),
                                      QLineEdit())
        self.reference.setMaxLength(64)

    def payment(self) -> tuple[str, str | None, str | None]:
        return (self.method.currentData(), self.tendered.text().strip() or None,
                self.reference.text().strip() or None)


class LendDialog(CustomerForm):
    def __init__(self, ctx: AppContext, customer: customers.CustomerRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, customer, parent)
        self.setWindowTitle(self.tr("Lend cylinders against a deposit"))
        self.serials = self.add_row(self.tr("&Cylinders:"), QLineEdit())
        self.serials.setPlaceholderText(self.tr("scan the full cylinders; several separated by spaces"))
        self.add_payment()
        self.finish(self.tr("Company cylinders of one size; the size's deposit for each, with a numbered slip."))

    def save(self) -> Call | None:
        serials = [s for s in re.split(r"[\s,，、]+", self.serials.text()) if s]
        if not serials:
            self.complain(self.tr("Scan the cylinders to lend."), self.serials)
            return None
        actor, number, key = self.actor, self.customer.number, self.idempotency_key
        method, tendered, reference = self.payment()
        return lambda s: deposits.lend(s, actor, number, serials, method=method, key=key, tendered=tendered,
                                       reference=reference)


class CouponSaleDialog(CustomerForm):
    def __init__(self, ctx: AppContext, customer: customers.CustomerRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, customer, parent)
        self.setWindowTitle(self.tr("Sell a coupon book"))
        self.serial = self.add_row(self.tr("&Coupon:"), QLineEdit())
        self.serial.setPlaceholderText(self.tr("scan any coupon of the book"))
        self.add_payment()
        self.finish(self.tr("The whole book is sold, at its face value for each coupon, with a receipt."))

    def save(self) -> Call | None:
        serial = self.serial.text().strip()
        if not serial:
            self.complain(self.tr("Scan a coupon of the book."), self.serial)
            return None
        actor, number, key = self.actor, self.customer.number, self.idempotency_key
        method, tendered, reference = self.payment()
        return lambda s: coupons.sell_book(s, actor, number, serial, method=method, key=key, tendered=tendered,
                                           reference=reference)


def print_slip(ctx: AppContext, parent: QWidget, number: str) -> None:
    """The deposit slip's roll PDF in the preview (print or save from there)."""
    actor = ctx.actor
    preview_made(ctx, parent, lambda s: deposits.render_slip(s, actor, number, "roll"),
                 QCoreApplication.translate("DepotForms", "Deposit slip %1").replace("%1", number), f"{number}.pdf")
