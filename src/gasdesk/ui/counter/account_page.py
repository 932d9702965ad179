"""The account page: everything about one account on one screen, and the actions the services
allow this user in this state (AccountDetail.allowed_actions), each a button with its key."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gasdesk.files import write_atomic
from gasdesk.services import ledger
from gasdesk.services.accounts import attachments, page
from gasdesk.services.accounts.opening import SigningResult
from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.cashier.payments import PaymentDone
from gasdesk.services.cashier.receipts import ReceiptRow
from gasdesk.services.cashier.refunds import Refunded
from gasdesk.services.core import audit_words, labels
from gasdesk.services.core.changes import Change
from gasdesk.ui.counter import change_dialogs, fmt, opening_dialogs
from gasdesk.ui.counter.account_actions import ACTIONS, key_text
from gasdesk.ui.counter.account_bills import BillsTab
from gasdesk.ui.counter.account_pii import HolderPii
from gasdesk.ui.counter.account_readings import ReadingsTab
from gasdesk.ui.counter.account_receipts import ReceiptsTab
from gasdesk.ui.counter.base import CounterDialog
from gasdesk.ui.counter.cards import Card
from gasdesk.ui.counter.receipt_print import print_receipt
from gasdesk.ui.counter.void_dialog import VoidDialog
from gasdesk.ui.messages import error_text
from gasdesk.ui.tables import Column, RowsModel, page_on_runner, table_view

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

PAGE = 100  # ledger and history rows per page (scrolling to the bottom fetches the next, older page)

BUTTONS_PER_ROW = 5


class AccountPage(QWidget):
    back = Signal()  # Esc: back to the search results
    loaded = Signal(object)  # AccountDetail

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountPage")
        self.ctx = ctx
        self.detail: AccountDetail | None = None
        self.dialog: QWidget | None = None  # the dialog an action opened last (tests)
        self._seq = 0
        self._thens: list[Callable[[AccountDetail], None]] = []
        self._action_shortcuts: list[QShortcut] = []
        self.action_buttons: dict[str, QPushButton] = {}

        # ---- header: number, holder, status
        self.number = QLabel()
        self.number.setObjectName("accountNumber")
        self.number.setStyleSheet("font-size: 20pt; font-weight: 700; color: #1f3a5f;")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.holder = QLabel()
        self.holder.setObjectName("accountHolder")
        self.holder.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.status = QLabel()
        self.status.setObjectName("accountStatus")
        self.kind = QLabel()
        self.kind.setStyleSheet("color: #5b6b7f; font-size: 11pt;")
        back = QPushButton(self.tr("← Search (Esc)"))
        back.setObjectName("backToSearch")
        back.clicked.connect(self.back.emit)
        refresh = QPushButton(self.tr("Refresh (F5)"))
        refresh.clicked.connect(lambda: self.reload())
        header = QHBoxLayout()
        header.setSpacing(16)
        for widget in (self.number, self.holder, self.status, self.kind):
            header.addWidget(widget)
        header.addStretch(1)
        header.addWidget(refresh)
        header.addWidget(back)

        # ---- actions
        self.actions_box = QWidget()
        self.actions_grid = QGridLayout(self.actions_box)
        self.actions_grid.setContentsMargins(0, 0, 0, 0)
        self.actions_grid.setHorizontalSpacing(8)
        self.actions_grid.setVerticalSpacing(6)

        # ---- cards
        self.holder_card = Card(self.tr("Holder"), [
            ("name", self.tr("Name:")), ("id_number", self.tr("ID number:")), ("phone", self.tr("Phone:")),
            ("household", self.tr("Household:")),
        ])
        self.premises_card = Card(self.tr("Premises and meter"), [
            ("address", self.tr("Address:")), ("area", self.tr("Area:")), ("meter", self.tr("Meter:")),
            ("dates", self.tr("Dates:")),
        ])
        self.money_card = Card(self.tr("Money"), [
            ("balance", self.tr("Balance:")), ("arrears", self.tr("Arrears:")), ("credit", self.tr("Credit:")),
            ("prepayment", self.tr("Prepayment:")), ("deposits", self.tr("Deposits:")),
        ])
        self.money_card.values["balance"].setStyleSheet("font-weight: 700; font-size: 12pt;")
        cards = QHBoxLayout()
        cards.setSpacing(10)
        cards.addWidget(self.holder_card, 4)
        cards.addWidget(self.premises_card, 5)
        cards.addWidget(self.money_card, 3)

        # ---- tables
        self.ledger_model = RowsModel([
            Column(self.tr("Business day"), lambda e: fmt.day(e.business_date)),
            Column(self.tr("Written"), lambda e: fmt.day(e.created_at)),
            Column(self.tr("Item"), lambda e: fmt.name_of(labels.LEDGER_KIND, e.kind)),
            Column(self.tr("Amount"), lambda e: fmt.yuan(e.amount), align_right=True),
            Column(self.tr("Method"), lambda e: fmt.name_of(labels.PAYMENT_METHOD, e.method)),
            Column(self.tr("By"), lambda e: f"{e.login} {e.counter}".strip()),
            Column(self.tr("Note"), self._entry_note),
        ], self, muted=lambda e: e.reversed_by is not None or e.reversal_of is not None)
        self.meters_model = RowsModel([
            Column(self.tr("Serial"), lambda m: m.serial),
            Column(self.tr("Model"), lambda m: m.model),
            Column(self.tr("Digits"), lambda m: m.digits, align_right=True),
            Column(self.tr("Fitted"), lambda m: fmt.day(m.installed_on)),
            Column(self.tr("Initial"), lambda m: fmt.m3(m.initial_reading), align_right=True),
            Column(self.tr("Removed"), lambda m: fmt.day(m.removed_on)),
            Column(self.tr("Final"), lambda m: fmt.m3(m.final_reading), align_right=True),
            Column(self.tr("Last reading"), lambda m: fmt.m3(m.last_reading), align_right=True),
        ], self, muted=lambda m: not m.active)
        self.contracts_model = RowsModel([
            Column(self.tr("Signed"), lambda c: fmt.day(c.signed_on)),
            Column(self.tr("Kind"), lambda c: fmt.name_of(labels.CONTRACT_KIND, c.kind)),
            Column(self.tr("Holder"), lambda c: c.holder_name),
            Column(self.tr("Opening fee"), lambda c: fmt.yuan(c.opening_fee), align_right=True),
            Column(self.tr("Installation"), lambda c: fmt.yuan(c.installation_fee), align_right=True),
            Column(self.tr("Prepayment"), lambda c: fmt.yuan(c.prepayment), align_right=True),
            Column(self.tr("Deposit"), lambda c: fmt.yuan(c.deposit), align_right=True),
            Column(self.tr("Status"), lambda c: self.tr("Open") if c.status == "open" else
                   self.tr("Ended %1").replace("%1", fmt.day(c.ended_on))),
            Column(self.tr("Note"), lambda c: c.note),
        ], self, muted=lambda c: c.status != "open")
        self.attachments_model = RowsModel([
            Column(self.tr("Kind"), lambda a: fmt.name_of(labels.ATTACHMENT_KIND, a.kind)),
            Column(self.tr("File"), lambda a: a.filename),
            Column(self.tr("Size"), lambda a: f"{a.size / 1024:,.0f} KB", align_right=True),
            Column(self.tr("Added"), lambda a: f"{fmt.day(a.added_at)} {a.added_by}"),
        ], self)
        self.history_model = RowsModel([
            Column(self.tr("Time"), lambda h: fmt.day(h.at)),
            Column(self.tr("Action"), lambda h: audit_words.action_text(h.action, self.ctx.lang)),
            Column(self.tr("By"), lambda h: f"{h.login} {h.counter}".strip()),
            Column(self.tr("Details"), self._history_note),
        ], self)
        self.readings_tab = ReadingsTab(ctx.lang)
        self.readings_model, self.use_chart = self.readings_tab.model, self.readings_tab.chart  # as tests know them
        self.bills_tab = BillsTab()
        self.receipts_tab = ReceiptsTab(self.reprint_receipt, self.void_receipt)
        page_on_runner(self.ledger_model, ctx.runner, self, PAGE, self._older_entries, self._page_failed)
        page_on_runner(self.history_model, ctx.runner, self, PAGE, self._older_history, self._page_failed)
        for model in (self.ledger_model, self.history_model):
            model.paged.connect(self._set_tab_titles)
        self.ledger_view = table_view(self.ledger_model)
        self.attachments_view = table_view(self.attachments_model)
        self.attachments_view.activated.connect(lambda _i: self.open_attachment())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("accountTabs")
        self._tab_titles = [self.tr("Ledger"), self.tr("Meters"), self.tr("Contracts"), self.tr("Attachments"),
                            self.tr("History"), self.tr("Readings"), self.tr("Bills"), self.tr("Receipts")]
        for view in (self.ledger_view, table_view(self.meters_model), table_view(self.contracts_model),
                     self.attachments_view, table_view(self.history_model), self.readings_tab, self.bills_tab,
                     self.receipts_tab):
            self.tabs.addTab(view, "")
        for i in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Alt+{i + 1}"), self, lambda i=i: self._show_tab(i),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.note = QLabel()
        self.note.setObjectName("pageNote")
        self.note.setWordWrap(True)
        self.note.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.actions_box)
        layout.addWidget(self.note)
        layout.addLayout(cards)
        layout.addWidget(self.tabs, 1)

        for key, slot in (("Esc", self.back.emit), ("F5", self.reload)):
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.pii = HolderPii(ctx, self.holder_card, self, self._page_failed)
        self.can_reveal = self.pii.can_reveal  # as tests know it
        ctx.runner.changed.connect(self._on_changed)

    # ---- loading ----------------------------------------------------------

    def load(self, account: int | str, then: Callable[[AccountDetail], None] | None = None) -> None:
        self._seq += 1
        seq, actor = self._seq, self.ctx.actor
        if then is not None:
            self._thens.append(then)  # kept until the newest load arrives (a later reload supersedes, not drops)
        self.ctx.runner.submit(lambda s: page.account_detail(s, actor, account),
                               lambda d: self._loaded(seq, d), lambda e: self._load_failed(seq, e),
                               write=False, owner=self)

    def reload(self, then: Callable[[AccountDetail], None] | None = None) -> None:
        if self.detail is not None:
            self.load(self.detail.summary.id, then)

    def _on_changed(self, what: frozenset[str]) -> None:
        # LEDGER: a payment elsewhere changes what is open of the bills (READING: a bill may follow)
        if what & {Change.ACCOUNT, Change.READING, Change.LEDGER} and self.isVisible():
            self.reload()

    def _load_failed(self, seq: int, exc: BaseException) -> None:
        if seq == self._seq:
            self._thens = []
            self.say(error_text(exc), error=True)

    def _loaded(self, seq: int, detail: AccountDetail) -> None:
        if seq != self._seq:
            return  # a newer load is on its way
        self.detail = detail
        self.note.hide()
        self._fill(detail)
        self._hint_next_step(detail)
        self.loaded.emit(detail)
        thens, self._thens = self._thens, []
        for then in thens:
            then(detail)

    def say(self, text: str, *, error: bool = False) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(f"color: {'#b3261e' if error else '#1f3a5f'}; font-weight: 600;")
        self.note.setVisible(bool(text))

    # ---- showing ----------------------------------------------------------

    def _fill(self, d: AccountDetail) -> None:
        s, b = d.summary, d.balances
        self.number.setText(fmt.spaced_number(s.number) if s.number else self.tr("Application %1").replace(
            "%1", str(s.id)))
        self.holder.setText(s.holder_name)
        status = fmt.name_of(labels.ACCOUNT_STATUS, s.status)
        color = {"in_service": "#1b7a3a", "suspended": "#b26a00", "closed": "#6b7280"}.get(s.status, "#1f5fa8")
        self.status.setText(status)
        self.status.setStyleSheet(f"background: {color}; color: white; border-radius: 10px; padding: 3px 12px;"
                                  "font-weight: 600; font-size: 11pt;")
        self.kind.setText(fmt.name_of(labels.ACCOUNT_TYPE, s.type))
        self.holder_card.set("name", s.holder_name)
        self.pii.fill(s)
        self.holder_card.set("household", self.tr("%1 person(s)").replace("%1", str(s.household_size)))
        self.premises_card.set("address", s.address)
        self.premises_card.set("area", f"{s.area_code} {s.area_name}")
        meter = next((m for m in d.meters if m.active), None)
        self.premises_card.set("meter", self.tr("%1 · initial %2 · last %3").replace("%1", meter.serial)
                               .replace("%2", fmt.m3(meter.initial_reading)).replace("%3", fmt.m3(meter.last_reading))
                               if meter else self.tr("none registered"))
        self.premises_card.set("dates", self._dates(d))
        self.money_card.set("balance", fmt.yuan(b.available))
        self.money_card.set("arrears", fmt.yuan(b.arrears))
        self.money_card.values["arrears"].setStyleSheet(
            "font-weight: 700; color: #b3261e;" if b.arrears > 0 else "")
        self.money_card.set("credit", fmt.yuan(b.credit))
        self.money_card.set("prepayment", fmt.yuan(b.prepayment_credit))
        self.money_card.set("deposits", fmt.yuan(b.deposits))
        # The detail brings up to 200 rows: the first page shows 100, and more exist only if it brought more.
        self.ledger_model.set_rows(d.ledger[:PAGE], more=len(d.ledger) > PAGE)
        self.meters_model.set_rows(d.meters)
        self.contracts_model.set_rows(d.contracts)
        self.attachments_model.set_rows(d.attachments)
        self.history_model.set_rows(d.history[:PAGE], more=len(d.history) > PAGE)
        self.readings_tab.set_readings(d.readings)
        self.bills_tab.set_bills(d.bills)
        self.receipts_tab.set_receipts(d.receipts)
        self._set_tab_titles()
        self._build_actions(d)

    def _set_tab_titles(self) -> None:
        d = self.detail
        if d is None:
            return
        counts = (self.ledger_model.count_text(), str(len(d.meters)),
                  str(len([c for c in d.contracts if c.status == "open"])), str(len(d.attachments)),
                  self.history_model.count_text(), str(len(d.readings)), str(len(d.bills)), str(len(d.receipts)))
        for i, (title, count) in enumerate(zip(self._tab_titles, counts, strict=True)):
            self.tabs.setTabText(i, f"{title} ({count})  Alt+{i + 1}")

    # ---- older pages (keyset: below the last row shown) ---------------------

    def _older_entries(self, last: Any) -> Callable[[Any], list[Any]]:
        actor, account_id = self.ctx.actor, self._account_id()
        before = last.id if last is not None else None
        return lambda s: ledger.entries(s, actor, account_id, PAGE, before_id=before)

    def _older_history(self, last: Any) -> Callable[[Any], list[Any]]:
        actor, account_id = self.ctx.actor, self._account_id()
        before = last.id if last is not None else None
        return lambda s: page.account_history(s, actor, account_id, PAGE, before_id=before)

    def _account_id(self) -> int:
        assert self.detail is not None  # pages are asked for only once an account is shown
        return self.detail.summary.id

    def _page_failed(self, exc: BaseException) -> None:
        self.say(error_text(exc), error=True)

    def _dates(self, d: AccountDetail) -> str:
        s = d.summary
        steps = [
            (self.tr("applied"), s.applied_on), (self.tr("signed"), s.contract_signed_on),
            (self.tr("installation planned"), s.install_planned_on), (self.tr("installed"), s.installed_on),
            (self.tr("gas on"), s.opened_on), (self.tr("closed"), s.closed_on),
        ]
        text = " · ".join(f"{name} {fmt.day(when)}" for name, when in steps if when)
        if s.installer_team and not s.installed_on:
            text += " · " + s.installer_team
        return text

    def _entry_note(self, e: Any) -> str:
        """The entry's reason, cash and change, and reversals, in words (core.audit_words)."""
        return audit_words.entry_note(e.reason, e.reversal_of, e.reversed_by, tendered=e.tendered,
                                      change_given=e.change_given, lang=self.ctx.lang)

    def _history_note(self, h: Any) -> str:
        """The audit row in words, the same renderer as the audit log's (core.audit_words)."""
        return h.text(self.ctx.lang)  # type: ignore[no-any-return]

    def _show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.tabs.currentWidget().setFocus()

    # ---- actions ----------------------------------------------------------

    def _page_actions(self, d: AccountDetail) -> list[tuple[str, str, str, Callable[[], None]]]:
        """(name, title, key, slot) for every button this user may press on this account now."""
        shown = []
        for name in d.allowed_actions:
            action = ACTIONS.get(name)
            if action is None:
                continue  # e.g. reverse: below
            title = QCoreApplication.translate("AccountPage", action.title)
            shown.append((name, title, action.key, lambda n=name: self.run_action(n)))
        if d.attachments:
            shown.append(("open_attachment", self.tr("Open attachment"), "Alt+O", self.open_attachment))
        if "reverse" in d.allowed_actions:
            shown.append(("reverse", self.tr("Reverse entry…"), "Alt+Z", self.reverse_selected))
        return shown

    def _build_actions(self, d: AccountDetail) -> None:
        for shortcut in self._action_shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._action_shortcuts = []
        while self.actions_grid.count():
            item = self.actions_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.action_buttons = {}
        for i, (name, title, key, slot) in enumerate(self._page_actions(d)):
            button = QPushButton(f"{title}  {key_text(key)}")
            button.setObjectName(f"action_{name}")
            button.setToolTip(key_text(key))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(slot)
            if name == d.next_step:
                button.setStyleSheet("font-weight: 600;")
            self.actions_grid.addWidget(button, i // BUTTONS_PER_ROW, i % BUTTONS_PER_ROW)
            self.action_buttons[name] = button
            shortcut = QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._action_shortcuts.append(shortcut)
        self.actions_box.setVisible(bool(self.action_buttons))

    def run_action(self, name: str) -> CounterDialog | None:
        """Open the action's dialog. Each step of the opening is its own: after the number the
        page waits (installation and gas-on happen days later) and hints the next step."""
        if self.detail is None or name not in self.detail.allowed_actions:
            return None
        dialog = ACTIONS[name].dialog(self.ctx, self.detail, self)
        dialog.saved.connect(self._action_done)
        dialog.rejected.connect(self.refocus)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _action_done(self, result: object) -> None:
        number = result.receipt_number if isinstance(result, PaymentDone | Refunded) else None
        if number:  # the receipt (or the refund's) prints as the page reloads
            print_receipt(self.ctx, self, number, shown=self._receipt_shown)

        def then(_detail: AccountDetail) -> None:
            if number:
                return  # the receipt's preview has the keys; closing it comes back here
            if isinstance(result, SigningResult):  # the number, large, to read to the customer
                shown = opening_dialogs.NumberAssignedDialog(result.number, self)
                shown.finished.connect(lambda _r: self.refocus())
                self.dialog = shown
                shown.open()
            else:
                self.refocus()

        self.reload(then)

    def _hint_next_step(self, detail: AccountDetail) -> None:
        """The opening's next step as a hint under the buttons (never opened by itself)."""
        action = ACTIONS.get(detail.next_step or "")
        if action is None:
            return
        title = QCoreApplication.translate("AccountPage", action.title).rstrip("…").rstrip(".")
        self.say(self.tr("Next step: %1 (%2)").replace("%1", title).replace("%2", key_text(action.key)))

    def _receipt_shown(self, preview: QWidget) -> None:
        self.dialog = preview
        preview.finished.connect(lambda _r: self.refocus())

    def reprint_receipt(self, row: ReceiptRow) -> None:
        print_receipt(self.ctx, self, row.number, reprint=True, shown=self._receipt_shown)

    def void_receipt(self, row: ReceiptRow) -> None:
        if self.detail is None:
            return
        dialog = VoidDialog(self.ctx, self.detail, row, self)
        dialog.saved.connect(self._action_done)  # a refund's receipt prints
        dialog.rejected.connect(self.refocus)
        self.dialog = dialog
        dialog.open()

    def refocus(self) -> None:
        """After a dialog: the keys work on the account again."""
        self.window().activateWindow()
        self.tabs.currentWidget().setFocus()

    def selected_entry(self) -> Any:
        index = self.ledger_view.currentIndex()
        return self.ledger_model.row(index.row()) if index.isValid() else None

    def reverse_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or self.detail is None:
            self._show_tab(0)
            self.say(self.tr("Choose the entry to reverse in the ledger (Up/Down), then press Alt+Z again."))
            return
        dialog = change_dialogs.ReverseDialog(self.ctx, self.detail, entry, self)
        dialog.saved.connect(lambda _r: self.reload())
        self.dialog = dialog
        dialog.open()

    def open_attachment(self) -> None:
        index = self.attachments_view.currentIndex()
        row = self.attachments_model.row(index.row() if index.isValid() else 0)
        if row is None:
            return
        actor = self.ctx.actor
        self.ctx.runner.submit(lambda s: attachments.read(s, actor, row.id),
                               lambda data: self._show_file(row.filename, data), write=False, owner=self)

    def _show_file(self, filename: str, data: bytes) -> None:
        folder = Path(tempfile.mkdtemp(prefix="gasdesk-"))
        path = write_atomic(folder / Path(filename).name, data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

