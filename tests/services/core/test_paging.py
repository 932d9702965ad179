"""Keyset paging (``before_id``): pages are disjoint, newest first, and together the whole list."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from accounts_support import Office, key
from sqlalchemy import select

from gasdesk.models import AuditEntry, LedgerEntry
from gasdesk.services import ledger
from gasdesk.services.accounts import page
from gasdesk.services.core import audit
from gasdesk.services.core.errors import PermissionDenied

D = Decimal
CHARGES = 23


def _account_with_charges(o: Office) -> int:
    aid = o.account_at("in_service")
    with o.db.write() as s:
        for i in range(CHARGES):
            ledger.post(s, o.clerk, aid, [ledger.Line("gas_charge", D(f"{i + 1}.00"))], idempotency_key=key())
    return aid


def _pages(fetch: Callable[[int | None], list[int]], size: int) -> list[list[int]]:
    """Every page of ids, the next starting below the last id of the one before; stops at a short page."""
    pages: list[list[int]] = []
    before: int | None = None
    while True:
        page = fetch(before)
        pages.append(page)
        if len(page) < size:
            return pages
        before = page[-1]


def _check(pages: list[list[int]], expected: list[int], size: int) -> None:
    flat = [i for page in pages for i in page]
    assert flat == expected  # complete, newest first, in order
    assert len(set(flat)) == len(flat)  # disjoint
    assert [len(p) for p in pages[:-1]] == [size] * (len(pages) - 1)
    assert len(pages[-1]) == len(expected) % size if len(expected) % size else len(pages[-1]) in (0, size)


def test_ledger_entries_page_by_id(office: Office) -> None:
    aid = _account_with_charges(office)
    with office.db.read() as s:
        expected = list(s.scalars(select(LedgerEntry.id).where(LedgerEntry.account_id == aid)
                                  .order_by(LedgerEntry.id.desc())))
        assert len(expected) > CHARGES  # the contract's entries too
        pages = _pages(lambda b: [e.id for e in ledger.entries(s, office.clerk, aid, 10, before_id=b)], 10)
        assert [e.id for e in ledger.entries(s, office.clerk, aid)] == expected  # old callers unchanged
        first = ledger.entries(s, office.clerk, aid, 3)
    _check(pages, expected, 10)
    assert [e.amount for e in first] == [D("23.00"), D("22.00"), D("21.00")]


def test_a_ledger_page_below_the_oldest_id_is_empty(office: Office) -> None:
    aid = _account_with_charges(office)
    with office.db.read() as s:
        oldest = min(s.scalars(select(LedgerEntry.id).where(LedgerEntry.account_id == aid)))
        assert ledger.entries(s, office.clerk, aid, 10, before_id=oldest) == []
        assert [e.id for e in ledger.entries(s, office.clerk, aid, 10, before_id=oldest + 1)] == [oldest]


def test_account_history_pages_by_id(office: Office) -> None:
    aid = _account_with_charges(office)
    with office.db.read() as s:
        expected = list(s.scalars(select(AuditEntry.id).where(AuditEntry.entity == "account",
                                                               AuditEntry.entity_id == str(aid))
                                  .order_by(AuditEntry.id.desc())))
        assert len(expected) > CHARGES
        pages = _pages(lambda b: [h.id for h in page.account_history(s, office.clerk, aid, 7, before_id=b)], 7)
        detail = page.account_detail(s, office.clerk, aid)
        reader_rows = page.account_history(s, office.reader, aid, 5)
    _check(pages, expected, 7)
    assert [h.id for h in detail.history] == expected  # the page's first load unchanged
    assert [h.id for h in reader_rows] == expected[:5]  # account.view reads the history


def test_audit_recent_pages_by_id_and_filters(office: Office) -> None:
    aid = _account_with_charges(office)
    with office.db.read() as s:
        expected = list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id.desc())))
        pages = _pages(lambda b: [r["id"] for r in audit.recent(s, office.supervisor, limit=9, before_id=b)], 9)
        posts = list(s.scalars(select(AuditEntry.id).where(AuditEntry.action == "ledger.post")
                               .order_by(AuditEntry.id.desc())))
        post_pages = _pages(lambda b: [r["id"] for r in audit.recent(s, office.admin, limit=5, before_id=b,
                                                                      action_like="ledger.po")], 5)
        for_account = [r["id"] for r in audit.recent(s, office.admin, entity="account", entity_id=aid, limit=4,
                                                     before_id=expected[0])]
    _check(pages, expected, 9)
    assert len(posts) == CHARGES
    _check(post_pages, posts, 5)
    with office.db.read() as s:
        account_ids = [h.id for h in page.history(s, aid, 4, before_id=expected[0])]
    assert for_account == account_ids and len(for_account) == 4


def test_the_audit_pages_still_need_audit_view(office: Office) -> None:
    with office.db.read() as s, pytest.raises(PermissionDenied, match="查看审计日志"):
        audit.recent(s, office.clerk, before_id=10)
