"""The counter workplace: the search box on top, the results or the open account below.

Keys: F3 / Ctrl+F search, F2 new account, F7 gas-on days, F8 registers, F9 close the shift, Shift+F9
remit its cash; in the account: the action keys on
its buttons, Esc back to the results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from gasdesk.services.accounts.records import AccountSummary
from gasdesk.services.core.permissions import allowed
from gasdesk.ui.counter.account_page import AccountPage
from gasdesk.ui.counter.gas_on_days import GasOnDaysDialog
from gasdesk.ui.counter.opening_dialogs import ApplicationDialog
from gasdesk.ui.counter.remit_dialog import RemitDialog
from gasdesk.ui.counter.search import SearchPanel
from gasdesk.ui.counter.shift_dialog import ShiftDialog
from gasdesk.ui.reports.registers import RegistersDialog

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


class CounterPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterPage")
        self.ctx = ctx
        self.dialog: QWidget | None = None
        title = QLabel(self.tr("Counter"))
        title.setObjectName("pageTitle")
        self.search = SearchPanel(ctx)
        self.account = AccountPage(ctx)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.search)
        self.stack.addWidget(self.account)
        # The search box stays on top while an account is open: F3 and typing go back to the results.
        self.search.layout().removeWidget(self.search.box)
        self.search.layout().removeWidget(self.search.hint)

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(title)
        top.addWidget(self.search.box, 1)
        self.buttons: dict[str, QPushButton] = {}
        specs = []
        if allowed(ctx.actor, "account.open"):
            specs.append(("new", self.tr("New account"), "F2", self.new_account))
        if allowed(ctx.actor, "gas_on.manage"):
            specs.append(("gas_on", self.tr("Gas-on days"), "F7", self.gas_on_days))
        if allowed(ctx.actor, "report.registers"):
            specs.append(("registers", self.tr("Registers"), "F8", self.registers))
        if allowed(ctx.actor, "shift.close"):
            specs.append(("shift", self.tr("Close shift"), "F9", self.close_shift))
        if allowed(ctx.actor, "remittance.record"):
            specs.append(("remit", self.tr("Remit cash"), "Shift+F9", self.remit))
        for name, text, key, slot in specs:
            button = QPushButton(f"{text}  {key}")
            button.setObjectName(f"counter_{name}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(slot)
            top.addWidget(button)
            self.buttons[name] = button
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for key in ("F3", "Ctrl+F"):
            QShortcut(QKeySequence(key), self, self.focus_search, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.search.hint)
        layout.addWidget(self.stack, 1)

        self.search.open_account.connect(self.open_account)
        self.search.searching.connect(lambda _t: self.show_results())
        self.account.back.connect(self.back_to_results)
        self.focus_search()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self.stack.currentWidget() is self.search:
            self.search.focus_box()

    # ---- navigation -------------------------------------------------------

    def focus_search(self) -> None:
        self.search.focus_box()

    def show_results(self) -> None:
        self.stack.setCurrentWidget(self.search)

    def back_to_results(self) -> None:
        self.show_results()
        self.focus_search()

    def open_account(self, account_id: int, then=None) -> None:  # type: ignore[no-untyped-def]
        def shown(detail) -> None:  # type: ignore[no-untyped-def]
            self.stack.setCurrentWidget(self.account)
            self.account.tabs.currentWidget().setFocus()
            if then is not None:
                then(detail)

        self.account.load(account_id, shown)

    # ---- dialogs ----------------------------------------------------------

    def new_account(self) -> None:
        """F2: the application, then the contract (signing numbers the account). Installation and
        gas-on come days later: the account page and the gas-on day (F7) take them when they happen."""
        dialog = ApplicationDialog(self.ctx, self)
        dialog.saved.connect(self._applied)
        dialog.rejected.connect(self.refocus)
        self.dialog = dialog
        dialog.open()

    def _applied(self, summary: AccountSummary) -> None:
        self.open_account(summary.id, lambda _d: self.account.run_action("sign"))

    def gas_on_days(self) -> None:
        dialog = GasOnDaysDialog(self.ctx, self)
        dialog.finished.connect(lambda _r: self.refocus())
        self.dialog = dialog
        dialog.open()

    def registers(self) -> None:
        """F8: the registers by area and the new-account list (the reports workplace has the same form)."""
        dialog = RegistersDialog(self.ctx, self)
        dialog.finished.connect(lambda _r: self.refocus())
        self.dialog = dialog
        dialog.open()

    def close_shift(self) -> None:
        """F9: 日结, the cash counted and a supervisor's confirmation; the sheet then prints."""
        dialog = ShiftDialog(self.ctx, self)
        dialog.finished.connect(lambda _r: self.refocus())
        self.dialog = dialog
        dialog.open()

    def remit(self) -> None:
        """Shift+F9: 解缴, a closed shift's cash to finance."""
        dialog = RemitDialog(self.ctx, self)
        dialog.finished.connect(lambda _r: self.refocus())
        self.dialog = dialog
        dialog.open()

    def refocus(self) -> None:
        """After a dialog: the window active again and the focus inside this page, so its keys
        (F2, F7, F8: shortcuts of this page and its children) work without a click."""
        if self.stack.currentWidget() is self.account and self.account.detail is not None:
            self.account.refocus()
        else:
            self.window().activateWindow()
            self.focus_search()
