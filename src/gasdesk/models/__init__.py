"""SQLAlchemy models, one module per domain. Importing this package registers them all."""

from gasdesk.models.accounts import (
    Account,
    AccountNumberCounter,
    AccountStatus,
    AccountType,
    Attachment,
    Contract,
    GasOnEvent,
    GasOnHousehold,
    Meter,
)
from gasdesk.models.address import Area, Compound
from gasdesk.models.audit import AuditEntry
from gasdesk.models.base import Base
from gasdesk.models.ledger import LedgerEntry, LedgerPosting
from gasdesk.models.premises import Premises
from gasdesk.models.users import Role, Setting, User

__all__ = [
    "Account",
    "AccountNumberCounter",
    "AccountStatus",
    "AccountType",
    "Area",
    "Attachment",
    "AuditEntry",
    "Base",
    "Compound",
    "Contract",
    "GasOnEvent",
    "GasOnHousehold",
    "LedgerEntry",
    "LedgerPosting",
    "Meter",
    "Premises",
    "Role",
    "Setting",
    "User",
]
