"""The account page's read model: everything about one account on one screen, and the actions
this user may take on it now (from the state machine, the permissions and the balances)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import AccountStatus, AuditEntry, Contract, Meter
from gasdesk.services.accounts.attachments import AttachmentInfo, attachment_rows
from gasdesk.services.accounts.meters import MeterInfo, meter_info
from gasdesk.services.accounts.records import AccountSummary, load, resolve, summarize
from gasdesk.services.accounts.states import MACHINE, AccountEvent
from gasdesk.services.billing.views import BillRow, account_bills
from gasdesk.services.cashier import receipts
from gasdesk.services.cashier.receipts import ReceiptRow
from gasdesk.services.core import audit_words
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.permissions import allowed, require
from gasdesk.services.ledger.entries import Balances, EntryInfo, balances
from gasdesk.services.ledger.entries import entries as ledger_entries
from gasdesk.services.readings.views import ReadingRow, account_readings

E = AccountEvent


@dataclass(frozen=True)
class ContractInfo:
    id: int
    kind: str
    holder_name: str
    signed_on: date
    opening_fee: Decimal
    installation_fee: Decimal
    prepayment: Decimal
    deposit: Decimal
    status: str
    ended_on: date | None
    note: str


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    login: str
    counter: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    id: int = 0  # the audit row's id (the key the page's next page starts below)
    balance: Decimal | None = None  # the 余额 right after a money action, from the ledger (audit_words)

    def text(self, lang: str | None = None) -> str:
        """The row's details in words (core.audit_words, as the audit log and the CLI use it)."""
        return audit_words.history_text(self.action, self.before, self.after, balance=self.balance, lang=lang)


@dataclass(frozen=True)
class AccountDetail:
    summary: AccountSummary
    meters: list[MeterInfo]
    balances: Balances
    contracts: list[ContractInfo]
    attachments: list[AttachmentInfo]
    ledger: list[EntryInfo]
    history: list[HistoryRow]
    next_events: list[str]  # state events the actor may fire now (AccountEvent values)
    allowed_actions: list[str]  # events + changes (rename, transfer, settle, reverse ...) allowed now
    next_step: str | None = None  # the opening's next step for this actor (the counter chains to it)
    readings: list[ReadingRow] = field(default_factory=list)  # every meter's, newest first
    bills: list[BillRow] = field(default_factory=list)  # newest first, each with its lines
    receipts: list[ReceiptRow] = field(default_factory=list)  # newest first (for who may see receipts)


def _contract_info(c: Contract) -> ContractInfo:
    return ContractInfo(c.id, c.kind, c.holder_name, c.signed_on, c.opening_fee, c.installation_fee, c.prepayment,
                        c.deposit, c.status, c.ended_on, c.note)


def history(session: Session, account_id: int, limit: int = 200, *, before_id: int | None = None) -> list[HistoryRow]:
    """The account's audit rows, newest first; ``before_id`` pages on (keyset: ids below it)."""
    q = (
        select(AuditEntry)
        .where(AuditEntry.entity == "account", AuditEntry.entity_id == str(account_id))
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        q = q.where(AuditEntry.id < before_id)
    rows = [
        HistoryRow(e.at, e.login, e.counter, e.action, json.loads(e.before) if e.before else None,
                   json.loads(e.after) if e.after else None, e.id)
        for e in session.scalars(q)
    ]
    after = audit_words.balances_after(session, filter(None, (audit_words.posting_id_of(r.after) for r in rows)))
    return [replace(r, balance=after.get(audit_words.posting_id_of(r.after) or 0)) for r in rows]


def account_history(
    session: Session, actor: Actor, account_id: int, limit: int = 200, *, before_id: int | None = None
) -> list[HistoryRow]:
    """The history tab's rows (whoever may view the account may read its history)."""
    require(session, actor, "account.view")
    return history(session, account_id, limit, before_id=before_id)


# Which permission each state event and change needs (for the page's allowed actions).
EVENT_PERMISSION: dict[AccountEvent, str] = {
    E.SIGN: "account.open", E.NUMBER: "account.open", E.PLAN_INSTALL: "account.open",
    E.INSTALL: "account.open", E.GAS_ON: "account.open", E.START_SERVICE: "account.open",
    E.SUSPEND: "account.change", E.RESUME: "account.change", E.CLOSE: "account.change",
}
CHANGE_PERMISSION = {
    "rename": "account.change", "update_phones": "account.change", "transfer": "account.change",
    "register_meter": "account.change", "replace_meter": "account.change", "settle": "ledger.refund",
    "attach": "account.change",
}


@dataclass(frozen=True)
class Actions:
    events: list[str]  # state events the actor may fire now (AccountEvent values)
    all: list[str]  # events, then the changes allowed for role, state and money
    next_step: str | None  # the opening's next step, when the actor may take it


def allowed_actions(actor: Actor, status: str, balances: Balances, *, has_entries: bool) -> Actions:
    """What this actor may do to an account in ``status`` holding ``balances``, from the state
    machine, the permissions and the money (nothing to settle: no settle)."""
    state = AccountStatus(status)
    events = [e.value for e in MACHINE.next_events(state) if allowed(actor, EVENT_PERMISSION[e])]
    changes = [c for c in MACHINE.actions_in(state) if allowed(actor, CHANGE_PERMISSION[c])]
    if not balances.to_settle and "settle" in changes:
        changes.remove("settle")
    if allowed(actor, "ledger.post") and state is not AccountStatus.CLOSED:
        changes.append("post_payment")
    if allowed(actor, "ledger.refund") and balances.held > 0:
        changes.append("refund_held")  # 退预存 / 退押金, with a supervisor's approval
    if allowed(actor, "ledger.reverse") and has_entries:
        changes.append("reverse")
    forward = MACHINE.forward_event(state)
    return Actions(events, events + changes, forward.value if forward and forward.value in events else None)


def account_detail(
    session: Session, actor: Actor, account_id_or_number: int | str, *, always_mask: bool = False
) -> AccountDetail:
    """Everything on the account page. ``always_mask`` masks ID and phones even for pii.view
    roles (printouts, CLI output)."""
    require(session, actor, "account.view")
    account = load(session, resolve(session, account_id_or_number))
    meters = session.scalars(select(Meter).where(Meter.account_id == account.id).order_by(Meter.id)).all()
    contracts = session.scalars(select(Contract).where(Contract.account_id == account.id).order_by(Contract.id))
    money = balances(session, account.id)
    entries = ledger_entries(session, actor, account.id)
    actions = allowed_actions(actor, account.status, money, has_entries=bool(entries))
    readings = account_readings(session, account.id)
    # A meter's last reading is its newest that counts (the meter itself knows only its first and last).
    last = {}
    for r in readings:
        if r.value is not None and r.status != "superseded":
            last.setdefault(r.meter_id, r.value)
    return AccountDetail(
        summary=summarize(session, actor, account, always_mask=always_mask),
        meters=[replace(info, last_reading=last.get(info.id, info.last_reading)) for info in map(meter_info, meters)],
        balances=money,
        contracts=[_contract_info(c) for c in contracts],
        attachments=attachment_rows(session, account.id),
        ledger=entries,
        history=history(session, account.id),
        next_events=actions.events,
        allowed_actions=actions.all,
        next_step=actions.next_step,
        readings=readings,
        bills=account_bills(session, account.id),
        receipts=receipts.rows(session, account_id=account.id, limit=200) if allowed(actor, "receipt.view") else [],
    )
