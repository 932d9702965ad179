"""The LPG depot's rows: cylinder sizes, real-name LPG customers, the cylinder register, and the
movements and refusals that are the cylinders' history.

A cylinder's state and holder are kept on its row for the counter's lookups, but they are only ever
written with a movement in the same transaction (services.depot.movements): replaying the
movements gives the same state, and ``db check`` proves it. Movements and refusals are
append-only: a mistake is corrected by another movement.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, MoneyCol, Timestamp, one_of


class CylinderState(StrEnum):
    FULL = "full"  # full, in stock at a depot
    EMPTY = "empty"  # empty, in stock at a depot
    WITH_CUSTOMER = "with_customer"
    IN_CUSTODY = "in_custody"  # a customer's own cylinder kept at the depot for them (顾客钢瓶)
    AT_INSPECTION = "at_inspection"  # sent to the inspection station
    AT_PLANT = "at_plant"  # sent empty to the filling plant
    REJECTED = "rejected"  # failed its inspection or refused: out of circulation until decided
    SCRAPPED = "scrapped"


class CustomerKind(StrEnum):
    HOUSEHOLD = "household"
    RESTAURANT = "restaurant"
    OTHER = "other"


class CylinderSize(Base):
    """A cylinder size (YSP12 ...): its inspection interval, design life and deposit."""

    __tablename__ = "cylinder_sizes"
    __table_args__ = (
        CheckConstraint("inspection_years BETWEEN 1 AND 20", name="inspection_years"),
        CheckConstraint("life_years BETWEEN 1 AND 50", name="life_years"),
        CheckConstraint("deposit >= 0", name="deposit"),
    )

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))  # 约 15 kg
    inspection_years: Mapped[int] = mapped_column(default=4)
    life_years: Mapped[int] = mapped_column(default=8)
    deposit: Mapped[MoneyCol]
    position: Mapped[int] = mapped_column(default=0)  # the order on screens and sheets


class LpgCustomer(Base):
    """液化气实名制: a registered LPG customer, with a party of its own for its money. A piped-gas
    account holder registered here points at the account (the name and ID come from it)."""

    __tablename__ = "lpg_customers"
    __table_args__ = (CheckConstraint(one_of("kind", CustomerKind), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(unique=True)  # the number's sequence, never reused
    number: Mapped[str] = mapped_column(String(8), unique=True)  # 7-digit sequence + Damm check digit
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), unique=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(12), default=CustomerKind.HOUSEHOLD.value)
    name: Mapped[str] = mapped_column(String(60))
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    pinyin: Mapped[str] = mapped_column(String(160), default="", index=True)
    initials: Mapped[str] = mapped_column(String(40), default="", index=True)
    phone: Mapped[str] = mapped_column(String(20))
    tail4: Mapped[str] = mapped_column(String(4), index=True)
    address: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[Timestamp]


class Cylinder(Base):
    """A cylinder by its stamped serial (钢印号), with its label's barcode where it has one."""

    __tablename__ = "cylinders"
    __table_args__ = (
        CheckConstraint(one_of("state", CylinderState), name="state"),
        CheckConstraint("made_on <= last_inspected_on", name="inspected_after_made"),
        CheckConstraint("(state = 'with_customer') = (holder_id IS NOT NULL)", name="holder"),
        Index("ix_cylinders_state_size", "state", "size"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    barcode: Mapped[str | None] = mapped_column(String(64), unique=True)
    size: Mapped[str] = mapped_column(ForeignKey("cylinder_sizes.code"))
    maker: Mapped[str] = mapped_column(String(60), default="")
    made_on: Mapped[date]
    last_inspected_on: Mapped[date]
    next_due_on: Mapped[date] = mapped_column(index=True)
    life_ends_on: Mapped[date]
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("lpg_customers.id"))  # None: the company's
    state: Mapped[str] = mapped_column(String(16))
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("lpg_customers.id"), index=True)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))  # the depot it was last at
    registered_at: Mapped[Timestamp]


class DepotTransaction(Base):
    """One act at a depot (an exchange, a delivery, a batch sent for inspection ...): its movements
    and refusals point here; a retried submit finds it by its idempotency key."""

    __tablename__ = "depot_transactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("lpg_customers.id"), index=True)
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_postings.id"))
    document: Mapped[str] = mapped_column(String(40), default="")  # a delivery note's number
    note: Mapped[str] = mapped_column(String(200), default="")
    business_date: Mapped[date] = mapped_column(index=True)
    created_at: Mapped[Timestamp]


class CylinderMovement(Base):
    """A cylinder's change of state: who, when, at which depot, why, in which transaction."""

    __tablename__ = "cylinder_movements"
    __table_args__ = (
        CheckConstraint(one_of("to_state", CylinderState), name="to_state"),
        Index("ix_cylinder_movements_cylinder", "cylinder_id", "id"),
        Index("ix_cylinder_movements_day", "business_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cylinder_id: Mapped[int] = mapped_column(ForeignKey("cylinders.id"))
    transaction_id: Mapped[int] = mapped_column(ForeignKey("depot_transactions.id"), index=True)
    event: Mapped[str] = mapped_column(String(20))
    from_state: Mapped[str | None] = mapped_column(String(16))  # None: registered
    to_state: Mapped[str] = mapped_column(String(16))
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("lpg_customers.id"))  # after the move
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    business_date: Mapped[date]
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[Timestamp]


class CylinderRefusal(Base):
    """A cylinder refused at the counter, with its reason codes (the rejection log)."""

    __tablename__ = "cylinder_refusals"
    __table_args__ = (CheckConstraint("direction IN ('in', 'out')", name="direction"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(64))  # as scanned (it may be unregistered)
    cylinder_id: Mapped[int | None] = mapped_column(ForeignKey("cylinders.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("lpg_customers.id"))
    direction: Mapped[str] = mapped_column(String(3))  # in: taken in from a customer; out: handed out
    reasons: Mapped[str] = mapped_column(String(200))  # codes, comma-separated
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    business_date: Mapped[date]
    created_at: Mapped[Timestamp]


class StockCount(Base):
    """盘点: the cylinders found at a depot by scanning, against its stock by the register; the
    differences are its lines, explained by the keeper."""

    __tablename__ = "stock_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("depot_transactions.id"), unique=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    expected: Mapped[int]  # in stock by the register
    counted: Mapped[int]  # scanned
    explanation: Mapped[str] = mapped_column(String(400), default="")
    business_date: Mapped[date] = mapped_column(index=True)
    created_at: Mapped[Timestamp]


class StockCountLine(Base):
    """A difference of a count: a cylinder in stock by the register but not found (missing), or
    found but not in this depot's stock (extra: another state or depot, or not registered)."""

    __tablename__ = "stock_count_lines"
    __table_args__ = (CheckConstraint("difference IN ('missing', 'extra')", name="difference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_counts.id"), index=True)
    serial: Mapped[str] = mapped_column(String(64))
    cylinder_id: Mapped[int | None] = mapped_column(ForeignKey("cylinders.id"))
    difference: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), default="")  # the register's state (blank: unregistered)
