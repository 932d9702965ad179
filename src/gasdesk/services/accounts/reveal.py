"""Showing one masked field of a holder in clear, on demand, for a role with pii.view.

The screen shows ID numbers and phones masked for every role (records.summarize, search): anyone
standing behind the counter could read them. When the clerk needs the full value (to read a phone
back to the customer, to compare an ID card), one field is revealed by this call, and the reveal is
audited in the same transaction: which account, which field, by whom. The audit row never holds the
value itself (the log is read more widely than the account file).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from gasdesk.services.accounts.records import load
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.permissions import require

# field -> the audit action that names it (labels.AUDIT_ACTION has each one's words)
FIELDS = {"id_number": "account.reveal_id_number", "phone": "account.reveal_phone",
          "phone2": "account.reveal_phone2"}


@dataclass(frozen=True)
class Revealed:
    account_id: int
    field: str
    value: str  # in clear: for the screen only, never printed or logged


def reveal(session: Session, actor: Actor, account_id: int, field: str) -> Revealed:
    """The clear value of one of the holder's ``FIELDS``; one audit row per call."""
    require(session, actor, "account.view")
    require(session, actor, "pii.view")
    if field not in FIELDS:
        raise ValidationError(f"无法显示“{field}”：只能显示证件号码或电话。",
                              f"“{field}” cannot be shown: only the ID number or a phone can.")
    account = load(session, account_id)
    value = {"id_number": account.holder_id_number, "phone": account.phone, "phone2": account.phone2}[field]
    audit.record(session, actor, FIELDS[field], "account", account.id)
    return Revealed(account.id, field, value)
