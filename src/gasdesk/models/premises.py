"""Supply points below the address tree: a flat in a compound, or a street address."""

from __future__ import annotations

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, search_key


class Premises(Base):
    """One supply point. Residential: compound + building/unit/room; shops and factories: street.

    A premises outlives its accounts: after a closing, a new account may open on it.
    """

    __tablename__ = "premises"
    # NULLs are distinct in a UNIQUE, so street premises (no building) are not constrained here.
    __table_args__ = (UniqueConstraint("compound_id", "building", "unit", "room"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    compound_id: Mapped[int | None] = mapped_column(ForeignKey("compounds.id"), index=True)
    building: Mapped[str | None] = mapped_column(search_key(10))
    unit: Mapped[str | None] = mapped_column(search_key(10))
    room: Mapped[str | None] = mapped_column(search_key(10))
    street: Mapped[str] = mapped_column(search_key(160), default="", index=True)  # 0003: counter search
