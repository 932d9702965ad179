"""SQLAlchemy models, one module per domain. Importing this package registers them all."""

from gasdesk.models.address import Area, Compound
from gasdesk.models.audit import AuditEntry
from gasdesk.models.base import Base
from gasdesk.models.users import Role, Setting, User

__all__ = ["Area", "AuditEntry", "Base", "Compound", "Role", "Setting", "User"]
