"""The account ledger: one posting service, reversals, derived balances.

Sign convention (see models/ledger.py): positive = owed by the customer, negative = in the
customer's favour. Balances are always SUM(amount); nothing stores a balance.

Later cashier work extends ``post`` through AFTER_POST hooks (receipt numbers from a counter
row, in the same transaction) rather than replacing it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from gasdesk.models import Account, LedgerEntry, LedgerPosting, User
from gasdesk.money import money
from gasdesk.services import audit
from gasdesk.services.errors import Conflict, NotFound, ValidationError
from gasdesk.services.permissions import require
from gasdesk.services.session import Actor

ZERO = Decimal("0.00")

# kind -> (bucket, sign): sign +1 means the amount must be positive (owed by the customer).
KINDS: dict[str, tuple[str, int]] = {
    "opening_fee": ("charge", +1),
    "installation_fee": ("charge", +1),
    "gas_charge": ("charge", +1),
    "settlement": ("charge", +1),
    "penalty": ("charge", +1),
    "adjustment": ("charge", 0),  # either sign, with a reason
    "prepayment": ("prepayment", +1),
    "prepayment_applied": ("prepayment", -1),
    "prepayment_refund": ("prepayment", -1),
    "deposit": ("deposit", +1),
    "deposit_refund": ("deposit", -1),
    "payment": ("money", -1),
    "refund": ("money", +1),
}

KIND_ZH = {
    "opening_fee": "开户费",
    "installation_fee": "安装费",
    "gas_charge": "气费",
    "settlement": "结算款",
    "penalty": "滞纳金",
    "adjustment": "调整",
    "prepayment": "预付款",
    "prepayment_applied": "预付款抵扣",
    "prepayment_refund": "预付款退还",
    "deposit": "押金",
    "deposit_refund": "押金退还",
    "payment": "收款",
    "refund": "退款",
    "reversal": "冲正",
}

METHODS: dict[str, str] = {
    "cash": "现金",
    "card": "银行卡",
    "wechat": "微信",
    "alipay": "支付宝",
    "transfer": "转账",
    "cheque": "支票",
}


@dataclass(frozen=True)
class Line:
    kind: str
    amount: Decimal
    method: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class Payment:
    """Money received with the posting (a positive amount); becomes a `payment` entry."""

    amount: Decimal
    method: str


@dataclass(frozen=True)
class Balances:
    balance: Decimal  # > 0 owed by the customer, < 0 credit
    prepayment_credit: Decimal
    deposits: Decimal

    @property
    def arrears(self) -> Decimal:
        return max(self.balance, ZERO)

    @property
    def credit(self) -> Decimal:
        return max(-self.balance, ZERO)

    @property
    def available(self) -> Decimal:
        """What the counter calls 余额: prepayment plus overpayment minus arrears (deposits aside).

        Positive is money the customer has with us, negative is what they owe. The registers
        compute the same figure in SQL (services.reports.registers._balance_column).
        """
        return self.prepayment_credit - self.balance

    @property
    def held(self) -> Decimal:
        return self.prepayment_credit + self.deposits


@dataclass(frozen=True)
class EntryInfo:
    id: int
    posting_id: int
    account_id: int
    kind: str
    kind_zh: str
    bucket: str
    amount: Decimal
    method: str | None
    reversal_of: int | None
    reversed_by: int | None
    reason: str
    login: str
    counter: str
    created_at: datetime


@dataclass(frozen=True)
class PostingResult:
    posting_id: int
    account_id: int
    idempotency_key: str
    action: str
    entries: list[EntryInfo]
    balances: Balances
    replayed: bool = False
    extras: dict[str, object] = field(default_factory=dict)  # filled by AFTER_POST hooks

    @property
    def total(self) -> Decimal:
        return sum((e.amount for e in self.entries), ZERO)


# Cashier hooks: called inside the posting's transaction, after its entries are flushed.
AFTER_POST: list[Callable[[Session, Actor, PostingResult], None]] = []


def _entry_info(e: LedgerEntry, login: str, reversed_by: int | None) -> EntryInfo:
    kind = e.kind
    return EntryInfo(
        e.id, e.posting_id, e.account_id, kind, KIND_ZH.get(kind, kind), e.bucket, e.amount, e.method,
        e.reversal_of, reversed_by, e.reason, login, e.counter, e.created_at,
    )


def _entries_query():  # type: ignore[no-untyped-def]
    rev = aliased(LedgerEntry)
    return (
        select(LedgerEntry, User.login, rev.id)
        .join(User, User.id == LedgerEntry.user_id)
        .outerjoin(rev, rev.reversal_of == LedgerEntry.id)
    )


def balances(session: Session, account_id: int) -> Balances:
    row = session.execute(
        select(
            func.coalesce(func.sum(LedgerEntry.amount), 0),
            func.coalesce(func.sum(case((LedgerEntry.bucket == "prepayment", LedgerEntry.amount), else_=0)), 0),
            func.coalesce(func.sum(case((LedgerEntry.bucket == "deposit", LedgerEntry.amount), else_=0)), 0),
        ).where(LedgerEntry.account_id == account_id)
    ).one()
    # SUM and COALESCE keep the Money type, so the sums come back as Decimal yuan.
    return Balances(*row)


def entries(
    session: Session, actor: Actor, account_id: int, limit: int = 200, *, before_id: int | None = None
) -> list[EntryInfo]:
    """The account's entries, newest first; ``before_id`` pages on (keyset: ids below it)."""
    require(session, actor, "account.view")
    q = _entries_query().where(LedgerEntry.account_id == account_id).order_by(LedgerEntry.id.desc()).limit(limit)
    if before_id is not None:
        q = q.where(LedgerEntry.id < before_id)
    return [_entry_info(e, login, rev_id) for e, login, rev_id in session.execute(q)]


def _posting_result(session: Session, posting: LedgerPosting, replayed: bool) -> PostingResult:
    q = _entries_query().where(LedgerEntry.posting_id == posting.id).order_by(LedgerEntry.id)
    infos = [_entry_info(e, login, rev_id) for e, login, rev_id in session.execute(q)]
    return PostingResult(
        posting.id, posting.account_id, posting.idempotency_key, posting.action, infos,
        balances(session, posting.account_id), replayed,
    )


def find_posting(session: Session, idempotency_key: str) -> LedgerPosting | None:
    return session.scalar(select(LedgerPosting).where(LedgerPosting.idempotency_key == idempotency_key))


def submission_key(idempotency_key: str) -> str:
    """The key a form made when it opened: required, so a double submit posts once."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise ValidationError("缺少提交编号（idempotency key）。", "A submission key (idempotency key) is required.")
    return key


def replay(session: Session, idempotency_key: str, account_id: int) -> PostingResult | None:
    """The first result of a submission already posted under this key, if any."""
    posting = find_posting(session, idempotency_key)
    if posting is None:
        return None
    if posting.account_id != account_id:
        raise Conflict(
            "这个提交编号已用于另一个户号，请重新打开表单。",
            "This submission key was already used for another account; reopen the form.",
        )
    return _posting_result(session, posting, replayed=True)


def _check_line(line: Line) -> tuple[str, Decimal, str | None]:
    if line.kind not in KINDS:
        raise ValidationError(f"未知的账目类型：{line.kind}", f"Unknown ledger entry kind: {line.kind}")
    bucket, sign = KINDS[line.kind]
    try:
        amount = money(line.amount)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"金额无效：{line.amount!r}", f"Invalid amount: {line.amount!r} ({exc})") from None
    name = KIND_ZH[line.kind]
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
        if line.method not in METHODS:
            raise ValidationError(
                f"请选择付款方式（{'、'.join(METHODS.values())}）。",
                f"Choose a payment method ({', '.join(METHODS)}).",
            )
    elif line.method is not None:
        raise ValidationError(f"{name}不涉及付款方式。", f"A {line.kind} entry has no payment method.")
    return bucket, amount, line.method


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
    audit_it: bool = True,
) -> PostingResult:
    """Post charges and money received as one posting; a retry with the same key replays.

    Callers that change the account in the same transaction (contract signing, transfer,
    settlement) pass their own ``action`` and may audit the whole step themselves.
    """
    require(session, actor, "ledger.post")
    key = submission_key(idempotency_key)
    first = replay(session, key, account_id)
    if first is not None:
        return first
    if session.get(Account, account_id) is None:
        raise NotFound("用户不存在。", "The account does not exist.")
    all_lines = list(lines)
    if payment is not None:
        all_lines.append(Line("payment", -money(payment.amount), payment.method))
    if not all_lines:
        raise ValidationError("没有要记账的项目。", "Nothing to post.")
    checked = [(line, *_check_line(line)) for line in all_lines]
    if any(line.kind == "refund" for line, *_ in checked):
        require(session, actor, "ledger.refund")
    posting = LedgerPosting(
        account_id=account_id, idempotency_key=key, action=action, memo=memo[:200],
        user_id=actor.user_id, counter=actor.counter,
    )
    session.add(posting)
    try:
        session.flush()
    except IntegrityError:  # another counter posted the same key a moment earlier
        raise Conflict("该操作已提交过，请刷新后查看。", "This was already submitted; refresh to see it.") from None
    for line, bucket, amount, method in checked:
        session.add(
            LedgerEntry(
                posting_id=posting.id, account_id=account_id, kind=line.kind, bucket=bucket, amount=amount,
                method=method, reason=line.reason[:200], user_id=actor.user_id, counter=actor.counter,
            )
        )
    session.flush()
    result = _posting_result(session, posting, replayed=False)
    if audit_it:
        audit.record(session, actor, action, "account", account_id, after=_audit_view(result))
    for hook in AFTER_POST:
        hook(session, actor, result)
    return result


def _audit_view(result: PostingResult) -> dict[str, object]:
    return {
        "posting_id": result.posting_id,
        "entries": [[e.kind, str(e.amount), e.method] for e in result.entries],
        "balance": str(result.balances.balance),
    }


def reverse(session: Session, actor: Actor, entry_id: int, reason: str, *, idempotency_key: str) -> PostingResult:
    """Post the mirror of one entry, linked to it; an entry is reversed at most once."""
    require(session, actor, "ledger.reverse")
    original = session.get(LedgerEntry, entry_id)
    if original is None:
        raise NotFound("账目不存在。", "The ledger entry does not exist.")
    key = submission_key(idempotency_key)
    first = replay(session, key, original.account_id)
    if first is not None:
        # The key names one reversal of one entry; another entry under it would never be reversed.
        if not any(e.reversal_of == entry_id for e in first.entries):
            raise Conflict(
                "这个提交编号已用于另一笔冲正，请重新打开冲正窗口。",
                "This submission key was already used for another reversal; reopen the reversal form.",
            )
        return first
    if not reason.strip():
        raise ValidationError("冲正必须写明原因。", "A reversal needs a reason.")
    if original.kind == "reversal":
        raise Conflict("冲正记录不能再冲正。", "A reversal entry cannot itself be reversed.")
    done = session.scalar(select(LedgerEntry.id).where(LedgerEntry.reversal_of == entry_id))
    if done is not None:
        raise Conflict(
            f"该账目已于记录 {done} 冲正过，不能重复冲正。",
            f"This entry was already reversed by entry {done}; it cannot be reversed twice.",
        )
    posting = LedgerPosting(
        account_id=original.account_id, idempotency_key=key, action="ledger.reverse",
        memo=reason[:200], user_id=actor.user_id, counter=actor.counter,
    )
    session.add(posting)
    session.flush()
    session.add(
        LedgerEntry(
            posting_id=posting.id, account_id=original.account_id, kind="reversal", bucket=original.bucket,
            amount=-original.amount, method=original.method, reversal_of=original.id, reason=reason.strip()[:200],
            user_id=actor.user_id, counter=actor.counter,
        )
    )
    session.flush()
    result = _posting_result(session, posting, replayed=False)
    audit.record(
        session, actor, "ledger.reverse", "account", original.account_id,
        before={"entry": original.id, "kind": original.kind, "amount": original.amount},
        after={"reason": reason.strip(), **_audit_view(result)},
    )
    for hook in AFTER_POST:
        hook(session, actor, result)
    return result
