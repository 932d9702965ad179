"""The audit log: who did what to which record, before and after. Append-only and chained."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, Timestamp
from gasdesk.models.chain import Chained


class AuditEntry(Chained, Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[Timestamp]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    login: Mapped[str] = mapped_column(String(40))
    counter: Mapped[str] = mapped_column(String(20), default="")
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
