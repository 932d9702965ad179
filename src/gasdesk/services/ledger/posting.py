"""Posting to the ledger: one posting service, replays by submission key, reversals.

Higher services compose it explicitly: they call ``post`` in their own transaction and add
what is theirs (a contract, a receipt) beside it; a retry with the same key reads back what
was stored. Posted rows are append-only (guarded in the database); a correction is a reversal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gasdesk.models import Account, LedgerEntry, LedgerPosting
from gasdesk.money import money
from gasdesk.services.core import audit, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.ledger.entries import ZERO, Balances, EntryInfo, balances, entries_query, entry_info

METHODS = labels.PAYMENT_METHOD
POSTED = frozenset({Change.LEDGER, Change.ACCOUNT})  # a posting changes the account's balances too


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
class PostingResult(Changed):
    posting_id: int
    account_id: int
    idempotency_key: str
    action: str
    entries: list[EntryInfo]
    balances: Balances
    replayed: bool = False

    @property
    def total(self) -> Decimal:
        return sum((e.amount for e in self.entries), ZERO)


def _posting_result(session: Session, posting: LedgerPosting, replayed: bool) -> PostingResult:
    q = entries_query().where(LedgerEntry.posting_id == posting.id).order_by(LedgerEntry.id)
    infos = [entry_info(e, login, rev_id) for e, login, rev_id in session.execute(q)]
    return PostingResult(
        posting.id, posting.account_id, posting.idempotency_key, posting.action, infos,
        balances(session, posting.account_id), replayed, changes=POSTED,
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
    name = labels.text(labels.LEDGER_KIND, line.kind, "zh")
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
                f"请选择付款方式（{labels.joined(METHODS, METHODS, 'zh')}）。",
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
    return result


