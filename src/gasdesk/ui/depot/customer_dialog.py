"""液化气实名登记 (F3 on the exchange screen): the short form of a real-name LPG customer, or a
piped-gas account's holder by the account number (name and ID from the account file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from gasdesk.services.depot import customers
from gasdesk.services.depot.labels import CUSTOMER_KIND
from gasdesk.ui.counter.base import Call, CounterDialog

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class CustomerDialog(CounterDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Register an LPG customer"))
        self.account = self.add_row(self.tr("Piped-gas &account (optional):"), QLineEdit())
        self.account.setPlaceholderText(self.tr("the holder's name and ID come from the account"))
        self.name = self.add_row(self.tr("&Name:"), QLineEdit())
        self.name.setMaxLength(60)
        self.id_number = self.add_row(self.tr("&ID number:"), QLineEdit())
        self.id_number.setMaxLength(18)
        self.phone = self.add_row(self.tr("&Phone:"), QLineEdit())
        self.phone.setMaxLength(20)
        self.address = self.add_row(self.tr("A&ddress:"), QLineEdit())
        self.address.setMaxLength(200)
        self.kind = self.add_row(self.tr("&Kind:"), QComboBox())
        for code in CUSTOMER_KIND:
            self.kind.addItem(CUSTOMER_KIND[code].text(ctx.lang), code)
        self.finish(self.tr("Real-name sale (实名制): every exchange is recorded against a registered customer."))

    def save(self) -> Call | None:
        actor, kind = self.actor, self.kind.currentData()
        account, phone = self.account.text().strip(), self.phone.text()
        if account:
            return lambda s: customers.register_account_holder(s, actor, account, kind=kind, phone=phone or None)
        name, idn, address = self.name.text(), self.id_number.text(), self.address.text()
        return lambda s: customers.register(s, actor, name=name, id_number=idn, phone=phone, address=address,
                                            kind=kind)
