"""Corrections: a whole posting voided at once (作废, with an approver), or one entry reversed
(冲正). Both are postings of their own that mirror the original, linked to it, never repeated;
a posted row is never changed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import LedgerEntry, LedgerPosting
from gasdesk.services.core import audit, business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import Conflict, NotFound, ValidationError, found
from gasdesk.services.core.permissions import require
from gasdesk.services.ledger import allocations, shifts
from gasdesk.services.ledger.posting import PostingResult, audit_view, posting_result, replay, submission_key


def _mirror(session: Session, actor: Actor, original: LedgerPosting, entries: list[LedgerEntry], *, key: str,
            action: str, reason: str, approved_by: int | None = None, voids: int | None = None) -> LedgerPosting:
    """A posting whose entries reverse ``entries`` (and their allocations), in today's shift when money moves."""
    moves_money = any(e.bucket == "money" for e in entries)
    shift = shifts.current(session, actor) if moves_money else None
    posting = LedgerPosting(
        party_id=original.party_id, account_id=original.account_id, idempotency_key=key, action=action,
        memo=reason[:200], business_date=shift.business_date if shift else business_day.today(session),
        counter_id=shifts.counter_of(actor), user_id=actor.user_id, approved_by=approved_by,
        shift_id=shift.id if shift else None, voids=voids,
    )
    session.add(posting)
    session.flush()
    for e in entries:
        session.add(LedgerEntry(
            posting_id=posting.id, party_id=e.party_id, account_id=e.account_id, kind="reversal", bucket=e.bucket,
            amount=-e.amount, method=e.method, reversal_of=e.id, reason=reason[:200], user_id=actor.user_id,
        ))
    session.flush()
    allocations.reverse(session, posting, [e.id for e in entries])
    return posting


def _reason(text: str, what_zh: str, what_en: str) -> str:
    reason = (text or "").strip()
    if not reason:
        raise ValidationError(f"{what_zh}必须写明原因。", f"A {what_en} needs a reason.")
    return reason


def void_posting(session: Session, actor: Actor, posting_id: int, reason: str, *, idempotency_key: str,
                 approver: Actor) -> PostingResult:
    """作废: reverse every entry and allocation of one posting at once, requested by ``actor`` and
    approved by ``approver`` (a supervisor; they may be the same person when a supervisor voids)."""
    require(session, actor, "ledger.void")
    require(session, approver, "ledger.approve")
    original = found(session.get(LedgerPosting, posting_id), "这笔记账不存在。", "The posting does not exist.")
    key = submission_key(idempotency_key)
    first = replay(session, key, party_id=original.party_id)
    if first is not None:
        if first.voids != posting_id:
            raise Conflict("这个提交编号已用于另一笔作废，请重新打开作废窗口。",
                           "This submission key was already used for another void; reopen the void form.")
        return first
    why = _reason(reason, "作废", "void")
    if original.voids is not None:
        raise Conflict("作废记录本身不能再作废。", "A void cannot itself be voided.")
    done = session.scalar(select(LedgerPosting.id).where(LedgerPosting.voids == posting_id))
    if done is not None:
        raise Conflict(f"这笔记账已由记账 {done} 作废，不能重复作废。",
                       f"This posting was already voided by posting {done}; it cannot be voided twice.")
    entries = list(session.scalars(select(LedgerEntry).where(LedgerEntry.posting_id == posting_id)
                                   .order_by(LedgerEntry.id)))
    reversed_ids = set(session.scalars(select(LedgerEntry.reversal_of).where(
        LedgerEntry.reversal_of.in_([e.id for e in entries]))))
    if reversed_ids or any(e.kind == "reversal" for e in entries):
        raise Conflict("这笔记账已有账目单独冲正过，不能再整笔作废；请核对后逐项处理。",
                       "Some entries of this posting were already reversed one by one; it cannot be voided whole.")
    posting = _mirror(session, actor, original, entries, key=key, action="ledger.void", reason=why,
                      approved_by=approver.user_id, voids=posting_id)
    result = posting_result(session, posting, replayed=False)
    audit.record(session, actor, "ledger.void", "account" if original.account_id else "party",
                 original.account_id or original.party_id,
                 before={"posting_id": posting_id, "entries": len(entries)},
                 after={"reason": why, "approved_by": approver.login, **audit_view(result)})
    return result


def reverse(session: Session, actor: Actor, entry_id: int, reason: str, *, idempotency_key: str) -> PostingResult:
    """冲正: post the mirror of one entry, linked to it; an entry is reversed at most once."""
    require(session, actor, "ledger.reverse")
    original = session.get(LedgerEntry, entry_id)
    if original is None:
        raise NotFound("账目不存在。", "The ledger entry does not exist.")
    key = submission_key(idempotency_key)
    first = replay(session, key, party_id=original.party_id)
    if first is not None:
        # The key names one reversal of one entry; another entry under it would never be reversed.
        if not any(e.reversal_of == entry_id for e in first.entries):
            raise Conflict(
                "这个提交编号已用于另一笔冲正，请重新打开冲正窗口。",
                "This submission key was already used for another reversal; reopen the reversal form.",
            )
        return first
    why = _reason(reason, "冲正", "reversal")
    if original.kind == "reversal":
        raise Conflict("冲正记录不能再冲正。", "A reversal entry cannot itself be reversed.")
    done = session.scalar(select(LedgerEntry.id).where(LedgerEntry.reversal_of == entry_id))
    if done is not None:
        raise Conflict(
            f"该账目已于记录 {done} 冲正过，不能重复冲正。",
            f"This entry was already reversed by entry {done}; it cannot be reversed twice.",
        )
    posting_of = found(session.get(LedgerPosting, original.posting_id), "账目不存在。", "The entry does not exist.")
    posting = _mirror(session, actor, posting_of, [original], key=key, action="ledger.reverse", reason=why)
    result = posting_result(session, posting, replayed=False)
    audit.record(
        session, actor, "ledger.reverse", "account" if original.account_id else "party",
        original.account_id or original.party_id,
        before={"entry": original.id, "kind": original.kind, "amount": original.amount},
        after={"reason": why, **audit_view(result)},
    )
    return result


def mirror_posting(session: Session, actor: Actor, posting_id: int, *, reason: str, idempotency_key: str,
                   action: str, approved_by: int | None = None) -> PostingResult:
    """A domain's own correction (billing reversing a bill): every entry and allocation of the
    posting reversed by one posting of ``action``. The caller checks its permission and audits."""
    original = found(session.get(LedgerPosting, posting_id), "这笔记账不存在。", "The posting does not exist.")
    key = submission_key(idempotency_key)
    first = replay(session, key, party_id=original.party_id)
    if first is not None:
        return first
    entries = list(session.scalars(select(LedgerEntry).where(LedgerEntry.posting_id == posting_id)
                                   .order_by(LedgerEntry.id)))
    return posting_result(session, _mirror(session, actor, original, entries, key=key, action=action,
                                           reason=reason, approved_by=approved_by), replayed=False)
