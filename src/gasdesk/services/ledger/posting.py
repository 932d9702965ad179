"""Posting to the ledger: one posting step, replayed by its submission key.

``record`` is the internal step: it checks lines, not people. A higher service checks its own
permission (``account.open`` for a signing, ``billing.post`` for a reader's bills, ``depot.sell``
at a depot) and then calls it in its own transaction, adding what is its own (a contract, a
receipt) beside the posting; a retry with the same key reads back what was stored. ``post`` is
the counter's own posting (``ledger.post``).

A posting that moves money belongs to the actor's shift and takes its business date; any other
takes the day it is made. Credits are allocated to the charges they settle (allocations.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gasdesk.models import LedgerEntry, LedgerPosting, Party, Shift
from gasdesk.money import MAX_AMOUNT_SETTING, AmountRefused, max_amount, money
from gasdesk.services.core import audit, business_day, labels, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.core.text import shown
from gasdesk.services.ledger import allocations, parties, shifts
from gasdesk.services.ledger.allocations import AllocationInfo
from gasdesk.services.ledger.entries import ZERO, Balances, EntryInfo, entries_query, infos, party_balances

METHODS = labels.PAYMENT_METHOD
POSTED = frozenset({Change.LEDGER, Change.ACCOUNT})  # a posting changes the account's balances too


# kind -> (bucket, sign): sign +1 means the amount must be positive (owed by the customer).
KINDS: dict[str, tuple[str, int]] = {
    "opening_fee": ("charge", +1),
    "installation_fee": ("charge", +1),
    "gas_charge": ("charge", +1),
    "settlement": ("charge", +1),
    "penalty": ("charge", +1),
    "meter_fee": ("charge", +1),  # the counter's fees (services.cashier.fees)
    "service_fee": ("charge", +1),
    "reconnection_fee": ("charge", +1),
    "lpg_sale": ("charge", +1),  # the depot's exchange, paid on the spot (services.depot.exchange)
    "coupon_sale": ("charge", +1),  # a book of LPG coupons, paid when sold (services.depot.coupons)
    "adjustment": ("charge", 0),  # either sign, with a reason
    "prepayment": ("prepayment", +1),
    "prepayment_applied": ("prepayment", -1),
    "prepayment_refund": ("prepayment", -1),
    "deposit": ("deposit", +1),
    "deposit_refund": ("deposit", -1),
    "payment": ("money", -1),
    "refund": ("money", +1),
}


@dataclass(frozen=True)
class Line:
    kind: str
    amount: Decimal
    method: str | None = None
    reason: str = ""


def _method_refused() -> ValidationError:
    return ValidationError(
        f"请选择付款方式（{labels.joined(METHODS, METHODS, 'zh')}）。",
        f"Choose a payment method ({', '.join(METHODS)}).",
    )


@dataclass(frozen=True)
class Payment:
    """Money received with the posting (a positive amount); becomes a `payment` entry. For cash,
    ``tendered`` is what the customer handed over; the change is worked out and kept here.

    Checked when it is made: an amount that is not exact money (text goes through
    ``money.money``), not more than 0, an unknown method, cash tendered short of the amount or
    tendered for anything but cash are refused as ValidationError in words. The amounts are
    kept as parsed (Decimal, two places); ``record`` checks them again against the office's bound."""

    amount: Decimal
    method: str
    tendered: Decimal | None = None

    def __post_init__(self) -> None:
        amount = money(self.amount)
        if amount <= 0:
            raise ValidationError(f"收款金额必须大于 0 元，现在是 {amount} 元。",
                                  f"The amount received must be more than 0; it is {amount}.")
        if not isinstance(self.method, str) or self.method not in METHODS:
            raise _method_refused()
        object.__setattr__(self, "amount", amount)
        if self.tendered is None:
            return
        if self.method != "cash":
            raise ValidationError("只有现金收款才有“实收现金”和找零。",
                                  "Only a cash payment has cash tendered and change.")
        tendered = money(self.tendered, signed=False)
        if tendered < amount:
            raise ValidationError(
                f"实收现金 {tendered} 元少于应收 {amount} 元，请再收 {amount - tendered} 元。",
                f"Cash tendered {tendered} is less than the {amount} due; collect {amount - tendered} more.",
            )
        object.__setattr__(self, "tendered", tendered)


@dataclass(frozen=True)
class PostingResult(Changed):
    posting_id: int
    account_id: int | None
    idempotency_key: str
    action: str
    entries: list[EntryInfo]
    balances: Balances
    replayed: bool = False
    party_id: int = 0
    business_date: date | None = None
    shift_id: int | None = None
    approved_by: int | None = None
    voids: int | None = None  # the posting this one voids
    allocations: list[AllocationInfo] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((e.amount for e in self.entries), ZERO)

    @property
    def change_given(self) -> Decimal:
        return sum((e.change_given for e in self.entries if e.change_given is not None), ZERO)


def posting_result(session: Session, posting: LedgerPosting, replayed: bool) -> PostingResult:
    q = entries_query().where(LedgerEntry.posting_id == posting.id).order_by(LedgerEntry.id)
    return PostingResult(
        posting.id, posting.account_id, posting.idempotency_key, posting.action, infos(session, q),
        party_balances(session, posting.party_id), replayed, posting.party_id, posting.business_date,
        posting.shift_id, posting.approved_by, posting.voids, allocations.of_posting(session, posting.id),
        changes=POSTED,
    )


def find_posting(session: Session, idempotency_key: str) -> LedgerPosting | None:
    return session.scalar(select(LedgerPosting).where(LedgerPosting.idempotency_key == idempotency_key))


def submission_key(idempotency_key: str) -> str:
    """The key a form made when it opened: required, so a double submit posts once."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise ValidationError("缺少提交编号（idempotency key）。", "A submission key (idempotency key) is required.")
    return key


def replay(session: Session, idempotency_key: str, account_id: int | None = None, *,
           party_id: int | None = None) -> PostingResult | None:
    """The first result of a submission already posted under this key, if any (for the same
    account or party: a key names one submission for one customer)."""
    posting = find_posting(session, idempotency_key)
    if posting is None:
        return None
    if (account_id is not None and posting.account_id != account_id) or (
            party_id is not None and posting.party_id != party_id):
        raise Conflict(
            "这个提交编号已用于另一个户号，请重新打开表单。",
            "This submission key was already used for another account; reopen the form.",
        )
    return posting_result(session, posting, replayed=True)


def amount_bound(session: Session) -> Decimal:
    """The largest amount one ledger line may carry: the office's ``money.max_amount`` setting
    (once the settings list it), else ``money.MAX_AMOUNT``; never more, the Money column refuses it."""
    text = settings.get(session, MAX_AMOUNT_SETTING) if MAX_AMOUNT_SETTING in settings.DEFAULTS else None
    return max_amount(text)


def _check_line(line: Line, bound: Decimal | None = None) -> tuple[str, Decimal, str | None]:
    if not isinstance(line.kind, str) or line.kind not in KINDS:
        kind = shown(str(line.kind))
        raise ValidationError(f"未知的账目类型：{kind}", f"Unknown ledger entry kind: {kind}")
    bucket, sign = KINDS[line.kind]
    name = labels.text(labels.LEDGER_KIND, line.kind, "zh")
    try:
        amount = money(line.amount, bound=bound)
    except AmountRefused as exc:  # the parser's words, naming the line they are about
        raise AmountRefused(f"{name}金额无效：{exc.zh}", f"Invalid {line.kind} amount: {exc.en}") from None
    if amount == 0:
        raise ValidationError(f"{name}金额不能为 0。", f"The {line.kind} amount cannot be 0.")
    if sign and (amount > 0) != (sign > 0):
        raise ValidationError(
            f"{name}金额的符号不对（应为{'正数' if sign > 0 else '负数'}）：{amount}",
            f"The {line.kind} amount has the wrong sign: {amount}",
        )
    if line.kind == "adjustment" and not line.reason.strip():
        raise ValidationError("调整账目必须写明原因。", "An adjustment needs a reason.")
    if bucket == "money":
        if not isinstance(line.method, str) or line.method not in METHODS:
            raise _method_refused()
    elif line.method is not None:
        raise ValidationError(f"{name}不涉及付款方式。", f"A {line.kind} entry has no payment method.")
    return bucket, amount, line.method


def _party(session: Session, account_id: int | None, party_id: int | None) -> Party:
    if (account_id is None) == (party_id is None):
        raise ValueError("a posting names an account or a party, one of them")
    return parties.for_account(session, account_id) if account_id is not None else parties.get(session, party_id)


def _payment_line(payment: Payment, bound: Decimal | None = None) -> tuple[Line, Decimal | None, Decimal | None]:
    """The payment entry, and for cash the tendered amount and the change (Payment checked the
    rest when it was made; here both amounts meet the office's bound too)."""
    if not isinstance(payment, Payment):
        raise ValidationError("收款应当是一笔 Payment（金额、付款方式）。", "A payment is a Payment (amount, method).")
    amount = money(payment.amount, bound=bound)
    if payment.tendered is None:
        return Line("payment", -amount, payment.method), None, None
    tendered = money(payment.tendered, bound=bound)
    return Line("payment", -amount, payment.method), tendered, tendered - amount


def with_payment(lines: Sequence[Line], payment: Payment | None,
                 bound: Decimal | None = None) -> tuple[list[Line], Decimal | None, Decimal | None]:
    """The posting's lines with its payment line last, and the cash tendered and change, if any;
    ``bound`` is the office's largest amount (``amount_bound``), ``money.MAX_AMOUNT`` if not given."""
    all_lines = list(lines)
    tendered = change = None
    if payment is not None:
        line, tendered, change = _payment_line(payment, bound)
        all_lines.append(line)
    if not all_lines:
        raise ValidationError("没有要记账的项目。", "Nothing to post.")
    return all_lines, tendered, change


def record(
    session: Session,
    actor: Actor,
    account_id: int | None,
    lines: Sequence[Line],
    *,
    party_id: int | None = None,
    payment: Payment | None = None,
    idempotency_key: str,
    action: str = "ledger.post",
    memo: str = "",
    audit_it: bool = True,
    approved_by: int | None = None,
    shift: Shift | None = None,
    on: date | None = None,
) -> PostingResult:
    """One posting of charges and money received, for an account or another party; a retry
    with the same key replays. No permission is checked here: the caller checked its own.

    ``shift`` and ``on`` are for building history (the demo office, an import of old records):
    a money posting otherwise takes the actor's current shift, any other posting today."""
    key = submission_key(idempotency_key)
    first = replay(session, key, account_id, party_id=party_id)
    if first is not None:
        return first
    posting, _entries = write_posting(session, actor, account_id, lines, party_id=party_id, payment=payment,
                                      idempotency_key=key, action=action, memo=memo, approved_by=approved_by,
                                      shift=shift, on=on)
    result = posting_result(session, posting, replayed=False)
    if audit_it:
        audit.record(session, actor, action, "account" if posting.account_id else "party",
                     posting.account_id or posting.party_id, after=audit_view(result))
    return result


def write_posting(
    session: Session,
    actor: Actor,
    account_id: int | None,
    lines: Sequence[Line],
    *,
    party_id: int | None = None,
    payment: Payment | None = None,
    idempotency_key: str,
    action: str,
    memo: str = "",
    approved_by: int | None = None,
    shift: Shift | None = None,
    on: date | None = None,
) -> tuple[LedgerPosting, list[LedgerEntry]]:
    """``record``'s writing, with no replay, no result read back and no audit row: for a caller
    that posts many (billing) and keeps its own trail. The same checks, shift, rows, allocations."""
    key = submission_key(idempotency_key)
    party = _party(session, account_id, party_id)
    counter_id = shifts.counter_of(actor)
    bound = amount_bound(session)
    all_lines, tendered, change = with_payment(lines, payment, bound)
    checked = [(line, *_check_line(line, bound)) for line in all_lines]
    moves_money = any(bucket == "money" for _line, bucket, _a, _m in checked)
    if moves_money:
        shift = shift or shifts.current(session, actor)
        shifts.check_open(shift)
        day = shift.business_date
    else:
        shift, day = None, on or business_day.today(session)
    posting = LedgerPosting(
        party_id=party.id, account_id=party.account_id, idempotency_key=key, action=action, memo=memo[:200],
        business_date=day, counter_id=counter_id, user_id=actor.user_id, approved_by=approved_by,
        shift_id=shift.id if shift else None,
    )
    session.add(posting)
    try:
        session.flush()
    except IntegrityError:  # another counter posted the same key a moment earlier
        raise Conflict("该操作已提交过，请刷新后查看。", "This was already submitted; refresh to see it.") from None
    written = []
    for line, bucket, amount, method in checked:
        cash = line.kind == "payment" and tendered is not None
        entry = LedgerEntry(
            posting_id=posting.id, party_id=party.id, account_id=party.account_id, kind=line.kind, bucket=bucket,
            amount=amount, method=method, reason=line.reason[:200], user_id=actor.user_id,
            tendered=tendered if cash else None, change_given=change if cash else None,
        )
        session.add(entry)
        written.append(entry)
    session.flush()
    allocations.allocate(session, posting, written)
    return posting, written


def post(
    session: Session,
    actor: Actor,
    account_id: int,
    lines: Sequence[Line],
    *,
    payment: Payment | None = None,
    idempotency_key: str,
    action: str = "ledger.post",
    memo: str = "",
) -> PostingResult:
    """The counter's own posting of charges and money received (``ledger.post``; a refund
    also needs ``ledger.refund``)."""
    require(session, actor, "ledger.post")
    if any(line.kind == "refund" for line in lines):
        require(session, actor, "ledger.refund")
    return record(session, actor, account_id, lines, payment=payment, idempotency_key=idempotency_key,
                  action=action, memo=memo)


def audit_view(result: PostingResult) -> dict[str, object]:
    return {
        "posting_id": result.posting_id,
        "business_date": result.business_date,
        "entries": [[e.kind, str(e.amount), e.method] for e in result.entries],
        "balance": str(result.balances.balance),
    }
