"""The address tree: area (片区) → compound (小区). Later levels hang below compounds."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base


class Area(Base):
    __tablename__ = "areas"
    __table_args__ = (CheckConstraint("length(code) = 2", name="code_len"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Two digits: the first part of every account number opened in the area.
    code: Mapped[str] = mapped_column(String(2), unique=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class Compound(Base):
    __tablename__ = "compounds"
    __table_args__ = (UniqueConstraint("area_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    street_address: Mapped[str] = mapped_column(String(160), default="")
    active: Mapped[bool] = mapped_column(default=True)
