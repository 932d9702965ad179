"""The depot's money forms, opened from the exchange screen for its chosen customer: 借瓶 against a
deposit (F10: company cylinders of one size, the numbered slip prints), 退押金 (F12 against the
slip; Shift+F12 a lost slip, with a supervisor's approval; the refund receipt prints) and 售气票
(F11: the whole book holding a scanned coupon, the receipt prints). One service call each, retried with the key
the form made when it opened."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from gasdesk.services.core.actor import Actor
from gasdesk.services.depot import coupons, customers, deposits
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.approved import ApprovedDialog
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.pdf_preview import preview_made

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class ForCustomer:
    """The customer chosen on the exchange screen as the form's first line, and how money moves."""

    customer: customers.CustomerRow
    add_row: Any

    def heading(self) -> str:
        c = self.customer
        return f"{c.number} · {c.name} · {c.address}"

    def add_payment(self, *, tendered: bool = True) -> None:
        self.method = self.add_row(QCoreApplication.translate("DepotForms", "Paid &by:"), fmt.method_combo())
        self.tendered = self.add_row(QCoreApplication.translate("DepotForms", "Cash &tendered (¥):"),
                                     fmt.money_field()) if tendered else None
        self.reference = self.add_row(QCoreApplication.translate("DepotForms", "Re&ference (non-cash):"),
                                      QLineEdit())
        self.reference.setMaxLength(64)

    def payment(self) -> tuple[str, str | None, str | None]:
        tendered = self.tendered.text().strip() if self.tendered is not None else ""
        return self.method.currentData(), tendered or None, self.reference.text().strip() or None


def scanned(field: QLineEdit) -> list[str]:
    """The serials scanned into one field, separated by spaces or commas."""
    return [s for s in re.split(r"[\s,，、]+", field.text()) if s]


class CustomerForm(ForCustomer, CounterDialog):
    """A form for the customer chosen on the exchange screen."""

    def __init__(self, ctx: AppContext, customer: customers.CustomerRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.customer = customer


class LendDialog(CustomerForm):
    def __init__(self, ctx: AppContext, customer: customers.CustomerRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, customer, parent)
        self.setWindowTitle(self.tr("Lend cylinders against a deposit"))
        self.serials = self.add_row(self.tr("&Cylinders:"), QLineEdit())
        self.serials.setPlaceholderText(self.tr("scan the full cylinders; several separated by spaces"))
        self.add_payment()
        self.finish(self.tr("Company cylinders of one size; the size's deposit for each, with a numbered slip."))

    def save(self) -> Call | None:
        serials = scanned(self.serials)
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


class DepositRefundDialog(CustomerForm):
    """退押金 (F12): company cylinders of the slip's size back, the deposit paid back on a refund receipt."""

    def __init__(self, ctx: AppContext, customer: customers.CustomerRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, customer, parent)
        self.setWindowTitle(self.tr("Refund a deposit against its slip"))
        self.slip = self.add_row(self.tr("Deposit &slip:"), QLineEdit())
        self.slip.setPlaceholderText(self.tr("e.g. D01-Y-0000001 (a lost slip: Shift+F12)"))
        self.serials = self.add_row(self.tr("&Cylinders back:"), QLineEdit())
        self.serials.setPlaceholderText(self.tr("scan the company cylinders returned"))
        self.add_payment(tendered=False)
        self.finish(self.tr("As many company cylinders of the slip's size as it names come back."))

    def save(self) -> Call | None:
        slip, serials = self.slip.text().strip(), scanned(self.serials)
        if not slip:
            self.complain(self.tr("Type or scan the slip's number."), self.slip)
            return None
        if not serials:
            self.complain(self.tr("Scan the cylinders returned."), self.serials)
            return None
        actor, key = self.actor, self.idempotency_key
        method, _tendered, reference = self.payment()
        return lambda s: deposits.refund(s, actor, serials, key=key, slip_number=slip, method=method,
                                         reference=reference)


class LostSlipRefundDialog(ForCustomer, ApprovedDialog):
    """押金条遗失 (Shift+F12): the customer's oldest deposit of the size, with a supervisor's approval."""

    def __init__(self, ctx: AppContext, customer: customers.CustomerRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.customer = customer
        self.setWindowTitle(self.tr("Refund a deposit whose slip is lost"))
        self.serials = self.add_row(self.tr("&Cylinders back:"), QLineEdit())
        self.serials.setPlaceholderText(self.tr("scan the company cylinders returned"))
        self.add_payment(tendered=False)
        self.add_approval(reason=False)
        self.finish(self.tr("The customer's oldest deposit of that size is refunded; a supervisor approves."))

    def check(self) -> bool:
        if not scanned(self.serials):
            self.complain(self.tr("Scan the cylinders returned."), self.serials)
            return False
        return True

    def approved(self, approver: Actor) -> Call:
        actor, number, key, serials = self.actor, self.customer.number, self.idempotency_key, scanned(self.serials)
        method, _tendered, reference = self.payment()
        return lambda s: deposits.refund(s, actor, serials, key=key, customer_number=number, approver=approver,
                                         method=method, reference=reference)


def print_slip(ctx: AppContext, parent: QWidget, number: str) -> None:
    """The deposit slip's roll PDF in the preview (print or save from there)."""
    actor = ctx.actor
    preview_made(ctx, parent, lambda s: deposits.render_slip(s, actor, number, "roll"),
                 QCoreApplication.translate("DepotForms", "Deposit slip %1").replace("%1", number), f"{number}.pdf")
