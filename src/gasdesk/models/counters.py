"""Registered counters: the office's counter PCs and the LPG depots, each a receipt series."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, Timestamp

COUNTER_KINDS = ("counter", "depot")


class Counter(Base):
    """A place money is taken: a counter of the business office or an LPG depot (调瓶点).

    A sign-in names one of these, so a typo cannot start a new receipt series."""

    __tablename__ = "counters"
    __table_args__ = (CheckConstraint("kind IN ('counter', 'depot')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10), default="counter")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[Timestamp]
