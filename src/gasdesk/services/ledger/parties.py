"""Whom a posting is for: a piped-gas account's party, or an LPG customer's (the depot adds them)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Party
from gasdesk.services.core.errors import found


def for_account(session: Session, account_id: int) -> Party:
    """The account's party, made the first time the account posts anything."""
    party = session.scalar(select(Party).where(Party.account_id == account_id))
    if party is None:
        found(session.get(Account, account_id), "用户不存在。", "The account does not exist.")
        party = Party(kind="account", account_id=account_id)
        session.add(party)
        session.flush()
    return party


def new_lpg_customer_party(session: Session) -> Party:
    """A party for a new LPG customer (the depot's customer row points at it)."""
    party = Party(kind="lpg_customer", account_id=None)
    session.add(party)
    session.flush()
    return party


def get(session: Session, party_id: int) -> Party:
    return found(session.get(Party, party_id), "收付款对象不存在。", "The party does not exist.")
