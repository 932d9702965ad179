"""Every print of every document: the original is the first print that reached a printer or a
file; every later one is a copy (副本). Append-only: a row is written once its outcome is known."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, Timestamp


class PrintJob(Base):
    __tablename__ = "print_jobs"
    __table_args__ = (
        CheckConstraint("outcome IN ('printed', 'saved', 'failed')", name="outcome"),
        Index("ix_print_jobs_document", "document_kind", "document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_kind: Mapped[str] = mapped_column(String(40))  # e.g. gas_on_sheet, receipt
    document_id: Mapped[str] = mapped_column(String(40))
    copy: Mapped[bool] = mapped_column(default=False)  # printed with the 副本 mark
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    target: Mapped[str] = mapped_column(String(200), default="")  # the printer's name or the file written
    outcome: Mapped[str] = mapped_column(String(10))
    error: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[Timestamp]
