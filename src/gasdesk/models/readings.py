"""Meter reading: routes (抄表册) with their ordered stops, and every reading of every meter.

A reading row is never rewritten: its meter, day, value and kind are fixed once stored (a
guard refuses an UPDATE of them and every DELETE). What a person decides later, a held
reading confirmed or a reading superseded by its correction, moves only its status and reasons.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, Timestamp, UTCDateTime, one_of, search_key
from gasdesk.money import Volume


class ReadingKind(StrEnum):
    ACTUAL = "actual"  # 实抄
    ESTIMATED = "estimated"  # 估抄: billed, re-billed when the next actual reading comes
    NO_ACCESS = "no_access"  # 未入户: no value, not billed; the next reading covers both periods
    INITIAL = "initial"  # a meter fitted (gas-on, a new meter)
    FINAL = "final"  # a meter removed (replacement, closing)
    TRANSFER = "transfer"  # taken at 过户: the old holder's use ends here


class ReadingStatus(StrEnum):
    ACCEPTED = "accepted"
    HELD = "held"  # stored, not billed, until a person confirms or corrects it
    SUPERSEDED = "superseded"  # replaced by its correction (kept, never billed)
    BILLED = "billed"  # the billing issue marks the readings it billed


class RouteCycle(StrEnum):
    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"



class Route(Base):
    """A reader's route: its stops in walking order, read on its scheduled days of the month."""

    __tablename__ = "routes"
    __table_args__ = (CheckConstraint(one_of("cycle", RouteCycle), name="cycle"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(search_key(12), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    reader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    cycle: Mapped[str] = mapped_column(String(10), default=RouteCycle.MONTHLY.value)
    # Days of the month the route is read, "5" or "5,6" (days past a short month's end fall on its last day).
    days: Mapped[str] = mapped_column(String(40), default="")
    # Bimonthly routes are read in odd (1) or even (0) months.
    odd_months: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[Timestamp]


class RouteStop(Base):
    """An account on a route (its fitted meter is what is read); an account is on one route at most."""

    __tablename__ = "route_stops"
    __table_args__ = (Index("ix_route_stops_route_position", "route_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    position: Mapped[int]


class Reading(Base):
    __tablename__ = "readings"
    __table_args__ = (
        CheckConstraint(one_of("kind", ReadingKind), name="kind"),
        CheckConstraint(one_of("status", ReadingStatus), name="status"),
        CheckConstraint("value IS NOT NULL OR kind = 'no_access'", name="value"),
        CheckConstraint("value IS NULL OR value >= 0", name="value_positive"),
        # The meter's readings in date order: the previous reading, the last cycles' use.
        Index("ix_readings_meter_day", "meter_id", "read_on", "id"),
        Index("ix_readings_status_day", "status", "read_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    meter_id: Mapped[int] = mapped_column(ForeignKey("meters.id"))
    read_on: Mapped[date]
    value: Mapped[Decimal | None] = mapped_column(Volume())  # m³; none for no access
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    reasons: Mapped[str] = mapped_column(String(120), default="")  # the hold's reason codes, comma-separated
    note: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(10), default="entry")  # entry | import | account | correction | history
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("readings.id"), unique=True)
    entered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[Timestamp]


class ReadingFollowUp(Base):
    """A held reading's note for the household (the meter looks abnormal: tell them and the supervisor)."""

    __tablename__ = "reading_follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    reading_id: Mapped[int] = mapped_column(ForeignKey("readings.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    note: Mapped[str] = mapped_column(String(400))
    opened_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[Timestamp]
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
