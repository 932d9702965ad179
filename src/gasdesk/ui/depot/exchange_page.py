"""换瓶 at the depot, on one keyboard-first screen: find the customer (F2: number, name, pinyin,
phone or its last 4, then Enter) or register one (F3); scan the customer's empty, then the full
one to hand over, pair after pair (a scanner types the serial and Enter); pay by scanning a
coupon per full cylinder, or with an amount and method; Enter on the empty coupon field or F9
completes it. A regular customer paying by coupon: number + Enter, two scans, the coupon, Enter.
F10 lends company cylinders against a deposit, F12 refunds one (Shift+F12: the slip is lost, a
supervisor approves) and F11 sells a coupon book (money_dialogs.py);
Ctrl+K keeps the customer's own cylinders against a custody slip (custody_dialog.py).

Each scan is checked at once (``depot check``) and a refused cylinder is shown with its reasons,
written to the rejection log, and not added. The exchange itself checks everything again.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.core.label_table import joined
from gasdesk.services.depot import coupons, custody, customers, cylinders, deposits, exchange, stock
from gasdesk.services.depot.labels import CUSTOMER_KIND, REASON
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.receipt_print import print_receipt
from gasdesk.ui.depot.custody_dialog import CustodyDialog, print_custody_slip
from gasdesk.ui.depot.customer_dialog import CustomerDialog
from gasdesk.ui.depot.money_dialogs import (
    CouponSaleDialog,
    CustomerForm,
    DepositRefundDialog,
    LendDialog,
    LostSlipRefundDialog,
    print_slip,
)
from gasdesk.ui.messages import error_text
from gasdesk.ui.pdf_preview import preview_made

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

_OK = "color: #1B5E20; font-weight: 600;"
_REFUSED = "color: #B00000; font-weight: 700; font-size: 12pt;"


class ExchangePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("depotExchange")
        self.ctx, self.actor = ctx, ctx.actor
        self.customer: customers.CustomerRow | None = None
        self.pairs: list[list[str]] = []  # [empty] while its full is awaited, then [empty, full]
        self.coupons: list[str] = []
        self.key = uuid.uuid4().hex

        self.find = QLineEdit(objectName="depotCustomer")
        self.find.setPlaceholderText(self.tr("Customer number, name, pinyin, phone or last 4 digits, then Enter"))
        self.find.returnPressed.connect(self._search)
        self.found = QListWidget(objectName="depotCustomers")
        self.found.setMaximumHeight(110)
        self.found.hide()
        self.found.itemActivated.connect(lambda item: self._choose(item.data(Qt.ItemDataRole.UserRole)))
        self.who = QLabel(self.tr("No customer yet: F2 to find one, F3 to register."), objectName="depotWho")
        self.who.setWordWrap(True)
        register = QPushButton(self.tr("Register customer (F3)"))
        register.clicked.connect(self.register_customer)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Customer (F2):")))
        top.addWidget(self.find, 1)
        top.addWidget(register)

        self.scan = QLineEdit(objectName="depotScan")
        self.scan.returnPressed.connect(self._scanned)
        self.table = QTableWidget(0, 2, objectName="depotPairs")
        self.table.setHorizontalHeaderLabels([self.tr("Empty taken in"), self.tr("Full handed out")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = QLabel(objectName="depotMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.coupon = QLineEdit(objectName="depotCoupon")
        self.coupon.setPlaceholderText(self.tr("Scan a coupon per full cylinder; Enter on an empty field completes"))
        self.coupon.returnPressed.connect(self._coupon_entered)
        self.coupon_list = QLabel(objectName="depotCouponList")
        self.amount = QLineEdit(objectName="depotAmount")
        self.amount.setPlaceholderText(self.tr("when not paid by coupon, e.g. 115"))
        self.amount.returnPressed.connect(self.complete)
        self.method = fmt.method_combo()
        self.method.setObjectName("depotMethod")
        self.tendered = QLineEdit(objectName="depotTendered")
        self.tendered.returnPressed.connect(self.complete)
        self.reference = QLineEdit(objectName="depotReference")
        self.reference.returnPressed.connect(self.complete)
        pay = QGroupBox(self.tr("Payment"))
        form = QFormLayout(pay)
        form.addRow(self.tr("Coupons (F6):"), self.coupon)
        form.addRow("", self.coupon_list)
        form.addRow(self.tr("Or amount (F7):"), self.amount)
        form.addRow(self.tr("Method:"), self.method)
        form.addRow(self.tr("Cash tendered:"), self.tendered)
        form.addRow(self.tr("Reference (non-cash):"), self.reference)
        self.done_button = QPushButton(self.tr("Complete exchange (F9)"), objectName="depotComplete")
        self.done_button.clicked.connect(self.complete)
        clear = QPushButton(self.tr("Start over (F8)"))
        clear.clicked.connect(self.start_over)
        sheet = QPushButton(self.tr("Movement sheet (Ctrl+P)"), objectName="depotSheet")
        sheet.clicked.connect(self.print_sheet)
        lend = QPushButton(self.tr("Lend against deposit (F10)"))
        lend.clicked.connect(self.lend)
        sell = QPushButton(self.tr("Sell coupons (F11)"))
        sell.clicked.connect(self.sell_coupons)
        back = QPushButton(self.tr("Refund deposit (F12)"))
        back.clicked.connect(lambda: self.refund_deposit())
        keep = QPushButton(self.tr("Keep own cylinders (Ctrl+K)"))
        keep.clicked.connect(self.keep)
        buttons = QHBoxLayout()
        buttons.addWidget(sheet)
        buttons.addWidget(lend)
        buttons.addWidget(sell)
        buttons.addWidget(back)
        buttons.addWidget(keep)
        buttons.addStretch(1)
        buttons.addWidget(clear)
        buttons.addWidget(self.done_button)

        scan_row = QHBoxLayout()
        scan_row.addWidget(QLabel(self.tr("Scan (F4):")))
        scan_row.addWidget(self.scan, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.found)
        layout.addWidget(self.who)
        layout.addLayout(scan_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(pay)
        layout.addLayout(buttons)
        for key, slot in (("F2", self.find.setFocus), ("F3", self.register_customer), ("F4", self.scan.setFocus),
                          ("F6", self.coupon.setFocus), ("F7", self.amount.setFocus), ("F8", self.start_over),
                          ("F9", self.complete), ("Ctrl+P", self.print_sheet), ("F10", self.lend),
                          ("F11", self.sell_coupons), ("F12", self.refund_deposit),
                          ("Shift+F12", lambda: self.refund_deposit(lost=True)), ("Ctrl+K", self.keep)):
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._prompt()

    # --- the customer
    def _search(self) -> None:
        text, actor = self.find.text(), self.actor
        self.ctx.runner.submit(lambda s: customers.search(s, actor, text, limit=20), self._listed,
                               self._failed, write=False, owner=self)

    def _listed(self, rows: list[customers.CustomerRow]) -> None:
        self.found.clear()
        if len(rows) == 1:
            self.found.hide()
            self._choose(rows[0])
            return
        if not rows:
            self._say(self.tr("No LPG customer matches; F3 registers one."), refused=True)
            return
        for r in rows:
            self.found.addItem(f"{r.number}  {r.name}  {r.phone}  {r.address}")
            self.found.item(self.found.count() - 1).setData(Qt.ItemDataRole.UserRole, r)
        self.found.show()
        self.found.setCurrentRow(0)
        self.found.setFocus()
        self._say(self.tr("%1 customers match: choose one with the arrows and Enter.").replace("%1", str(len(rows))))

    def _choose(self, row: customers.CustomerRow) -> None:
        self.found.hide()
        self.customer = row
        kind = CUSTOMER_KIND[row.kind].text(self.ctx.lang) if row.kind in CUSTOMER_KIND else row.kind
        self.who.setText(f"<b>{row.number}</b>　{row.name}　{row.phone}　{kind}　{row.address}")
        self.find.clear()
        self.start_over(keep_customer=True)

    def register_customer(self) -> None:
        dialog = CustomerDialog(self.ctx, self)
        dialog.saved.connect(lambda done: self._choose(done.customer))
        dialog.open()

    # --- the cylinders
    def _expecting(self) -> str:
        return "out" if self.pairs and len(self.pairs[-1]) == 1 else "in"

    def _prompt(self) -> None:
        if self.customer is None:
            self.scan.setPlaceholderText(self.tr("Find the customer first (F2)"))
        elif self._expecting() == "in":
            self.scan.setPlaceholderText(self.tr("Scan the customer's EMPTY cylinder"))
        else:
            self.scan.setPlaceholderText(self.tr("Now scan the FULL cylinder to hand over"))

    def _scanned(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        if self.customer is None:
            self._say(self.tr("Find the customer first (F2)."), refused=True)
            self.find.setFocus()
            return
        direction, actor, number = self._expecting(), self.actor, self.customer.number
        if text.upper() in {s for pair in self.pairs for s in pair}:
            self._say(self.tr("%1 is scanned already.").replace("%1", text.upper()), refused=True)
            return
        self.ctx.runner.submit(lambda s: cylinders.check(s, actor, text, customer=number),
                               lambda view: self._checked(view, direction), self._failed, write=False, owner=self)

    def _checked(self, view: cylinders.CylinderView, direction: str) -> None:
        if direction == "in":
            ok = view.may_take_in
            reasons = view.reasons if view.status in ("with_customer", "unregistered") else ["not_with_customer"]
        else:
            ok = view.may_hand_out
            reasons = view.reasons if view.status in ("full", "empty", "unregistered") else ["not_in_stock"]
        if not ok:
            refusal = exchange.Refusal(view.serial, direction, reasons)
            self._refused([refusal])
            return
        if direction == "in":
            self.pairs.append([view.serial])
            self._say(self.tr("Empty %1 taken: now scan the full one.").replace("%1", view.serial))
        else:
            self.pairs[-1].append(view.serial)
            self._say(self.tr("Full %1 to hand over: scan the next empty, or pay.").replace("%1", view.serial))
            if not self.amount.text().strip():  # straight to the coupon unless an amount was started
                self.coupon.setFocus()
        self._show_pairs()

    def _refused(self, refusals: list[exchange.Refusal]) -> None:
        lines = [self.tr("REFUSED %1 %2: %3").replace("%1", self.tr("in") if r.direction == "in" else self.tr("out"))
                 .replace("%2", r.serial).replace("%3", joined(REASON, r.reasons, self.ctx.lang)) for r in refusals]
        self._say("\n".join(lines), refused=True)
        actor, number = self.actor, self.customer.number if self.customer else None
        self.ctx.runner.submit(lambda s: exchange.log_refusals(s, actor, number, refusals), lambda _n: None,
                               lambda _e: None, write=True, owner=self)
        self.scan.setFocus()

    def _show_pairs(self) -> None:
        self.table.setRowCount(len(self.pairs))
        for r, pair in enumerate(self.pairs):
            for c in range(2):
                self.table.setItem(r, c, QTableWidgetItem(pair[c] if c < len(pair) else "…"))
        self.coupon_list.setText("、".join(self.coupons))
        self._prompt()

    # --- payment
    def _coupon_entered(self) -> None:
        text = self.coupon.text().strip().upper()
        self.coupon.clear()
        if not text:
            self.complete()
            return
        if text not in self.coupons:
            self.coupons.append(text)
        self._show_pairs()

    def complete(self) -> None:
        if self.customer is None or not self.pairs:
            self._say(self.tr("Find the customer and scan an empty and a full cylinder first."), refused=True)
            return
        if len(self.pairs[-1]) == 1:
            self._say(self.tr("Scan the full cylinder for %1 first.").replace("%1", self.pairs[-1][0]), refused=True)
            self.scan.setFocus()
            return
        pairs = [exchange.Pair(i, o) for i, o in self.pairs]
        actor, number, key, coupons = self.actor, self.customer.number, self.key, list(self.coupons)
        amount, method = self.amount.text().strip(), self.method.currentData()
        tendered, reference = self.tendered.text().strip() or None, self.reference.text().strip() or None
        def call(s):  # type: ignore[no-untyped-def]
            if coupons:
                return exchange.exchange(s, actor, number, pairs, coupons=coupons, key=key)
            return exchange.exchange(s, actor, number, pairs, amount=amount, method=method, key=key,
                                     tendered=tendered, reference=reference)

        self.done_button.setEnabled(False)
        self.ctx.runner.submit(call, self._exchanged, self._not_exchanged, write=True,
                               busy_text=self.tr("Exchanging…"), owner=self)

    def _exchanged(self, done: exchange.Exchanged) -> None:
        self.done_button.setEnabled(True)
        swapped = "，".join(f"{i}→{o}" for i, o in done.pairs)
        paid = (self.tr("by coupon %1").replace("%1", "、".join(done.coupons)) if done.coupons else
                self.tr("%1 yuan, receipt %2").replace("%1", str(done.amount)).replace("%2", done.receipt_number or ""))
        self._say(self.tr("Exchanged %1 (%2), paid %3.").replace("%1", str(len(done.pairs))).replace("%2", swapped)
                  .replace("%3", paid))
        if done.receipt_number:
            print_receipt(self.ctx, self, done.receipt_number)
        self.customer = None
        self.who.setText(self.tr("Done. Next customer: F2."))
        self.start_over(keep_customer=False, keep_message=True)
        self.find.setFocus()

    def _not_exchanged(self, exc: BaseException) -> None:
        self.done_button.setEnabled(True)
        if isinstance(exc, exchange.ExchangeRefused):
            self._refused(exc.refusals)
        else:
            self._failed(exc)

    def _customer_form(self, form: type[CustomerForm | LostSlipRefundDialog]
                       ) -> CustomerForm | LostSlipRefundDialog | None:
        if self.customer is None:
            self._say(self.tr("Find the customer first (F2)."), refused=True)
            self.find.setFocus()
            return None
        dialog = form(self.ctx, self.customer, self)
        dialog.open()
        return dialog

    def lend(self) -> None:
        """借瓶 (F10): the slip prints once the loan is made."""
        dialog = self._customer_form(LendDialog)
        if dialog is not None:
            dialog.saved.connect(self._lent)

    def _lent(self, done: deposits.Lent) -> None:
        self._say(self.tr("Lent %1 × %2, deposit %3 yuan, slip %4.").replace("%1", done.size)
                  .replace("%2", str(len(done.serials))).replace("%3", str(done.amount))
                  .replace("%4", done.slip_number))
        print_slip(self.ctx, self, done.slip_number)

    def sell_coupons(self) -> None:
        """售气票 (F11): the receipt prints once the book is sold."""
        dialog = self._customer_form(CouponSaleDialog)
        if dialog is not None:
            dialog.saved.connect(self._sold)

    def _sold(self, done: coupons.BookSold) -> None:
        self._say(self.tr("Coupons %1–%2 sold, %3 yuan, receipt %4.").replace("%1", done.first_serial)
                  .replace("%2", done.last_serial).replace("%3", str(done.amount))
                  .replace("%4", done.receipt_number))
        print_receipt(self.ctx, self, done.receipt_number)

    def refund_deposit(self, lost: bool = False) -> None:
        """退押金 (F12; Shift+F12 when the slip is lost): the refund receipt prints."""
        dialog = self._customer_form(LostSlipRefundDialog if lost else DepositRefundDialog)
        if dialog is not None:
            dialog.saved.connect(self._refunded)

    def _refunded(self, done: deposits.DepositRefunded) -> None:
        self._say(self.tr("Deposit of slip %1 refunded, %2 yuan, receipt %3.").replace("%1", done.slip_number)
                  .replace("%2", str(done.amount)).replace("%3", done.receipt_number))
        print_receipt(self.ctx, self, done.receipt_number)

    def keep(self) -> None:
        """代存 (Ctrl+K): the customer's own cylinders kept against a slip, which prints."""
        dialog = self._customer_form(CustodyDialog)
        if dialog is not None:
            dialog.saved.connect(self._kept)

    def _kept(self, done: custody.CustodyDone) -> None:
        self._say(self.tr("Kept %1 against custody slip %2.").replace("%1", "、".join(done.serials))
                  .replace("%2", done.slip_number))
        print_custody_slip(self.ctx, self, done.slip_number)

    def print_sheet(self) -> None:
        """收发存日报 of today, in the preview (print or save from there)."""
        actor = self.actor
        preview_made(self.ctx, self, lambda s: stock.sheet_pdf(s, actor, None), self.tr("Movement sheet"),
                     "movements.pdf", on_error=self._failed, write=False, busy_text=self.tr("Making the sheet…"))

    # --- helpers
    def start_over(self, keep_customer: bool = True, keep_message: bool = False) -> None:
        self.pairs, self.coupons, self.key = [], [], uuid.uuid4().hex
        for field in (self.coupon, self.amount, self.tendered, self.reference, self.scan):
            field.clear()
        if not keep_message:
            self.message.clear()
        if not keep_customer:
            self.customer = None
        self._show_pairs()
        (self.scan if self.customer is not None else self.find).setFocus()

    def _say(self, text: str, refused: bool = False) -> None:
        self.message.setStyleSheet(_REFUSED if refused else _OK)
        self.message.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), refused=True)
