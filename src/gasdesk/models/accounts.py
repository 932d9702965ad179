"""Piped-gas accounts, their meters, contracts, attachments and number counters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, MoneyCol, Timestamp, VolumeCol, one_of, search_key
from gasdesk.money import Volume


class AccountType(StrEnum):
    RESIDENTIAL = "residential"
    COMMERCIAL = "commercial"
    INDUSTRIAL = "industrial"
    PUBLIC = "public"


class AccountStatus(StrEnum):
    APPLICATION = "application"
    CONTRACT_SIGNED = "contract_signed"
    NUMBERED = "numbered"
    INSTALL_PLANNED = "install_planned"
    INSTALLED = "installed"
    GAS_ON = "gas_on"
    IN_SERVICE = "in_service"
    SUSPENDED = "suspended"
    CLOSED = "closed"



class AccountNumberCounter(Base):
    """Last sequence used per area: bumped in the transaction that numbers an account."""

    __tablename__ = "account_number_counters"

    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint(one_of("type", AccountType), name="type"),
        CheckConstraint(one_of("status", AccountStatus), name="status"),
        CheckConstraint("household_size >= 1", name="household_size"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Area code (2) + sequence (6) + check digit (1); NULL until the account is numbered.
    number: Mapped[str | None] = mapped_column(search_key(9), unique=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    premises_id: Mapped[int] = mapped_column(ForeignKey("premises.id"), index=True)
    type: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(16), index=True)
    holder_name: Mapped[str] = mapped_column(search_key(60), index=True)
    # Stored in full; services mask it for roles without "pii.view".
    holder_id_number: Mapped[str] = mapped_column(String(18), index=True)
    # Search keys kept in sync with holder_name: "zhangsan" / "zs" (lower case, no spaces).
    name_pinyin: Mapped[str] = mapped_column(search_key(160), index=True)
    name_initials: Mapped[str] = mapped_column(search_key(40), index=True)
    phone: Mapped[str] = mapped_column(search_key(20), index=True)
    phone2: Mapped[str] = mapped_column(String(20), default="", index=True)  # 0003: counter search
    phone_tail4: Mapped[str] = mapped_column(String(4), index=True)
    household_size: Mapped[int] = mapped_column(default=1)
    applied_on: Mapped[date]
    contract_signed_on: Mapped[date | None]
    install_planned_on: Mapped[date | None]
    installer_team: Mapped[str] = mapped_column(String(40), default="")
    installed_on: Mapped[date | None]
    opened_on: Mapped[date | None]  # gas-on day
    closed_on: Mapped[date | None]
    created_at: Mapped[Timestamp]


class Meter(Base):
    """A gas meter on an account. Initial/final readings bracket its life on the account."""

    __tablename__ = "meters"
    __table_args__ = (
        # A serial is unique among meters still fitted; a removed meter may be refitted elsewhere.
        Index(
            "ix_meters_active_serial",
            "serial",
            unique=True,
            sqlite_where=text("removed_on IS NULL"),
            postgresql_where=text("removed_on IS NULL"),
        ),
        CheckConstraint("digits BETWEEN 3 AND 9", name="digits"),
        CheckConstraint("initial_reading >= 0", name="initial_reading"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    serial: Mapped[str] = mapped_column(search_key(30), index=True)
    model: Mapped[str] = mapped_column(String(40), default="")
    digits: Mapped[int] = mapped_column(default=5)  # integer digits of the register (rollover)
    installed_on: Mapped[date]
    initial_reading: Mapped[VolumeCol]
    removed_on: Mapped[date | None]
    final_reading: Mapped[Decimal | None] = mapped_column(Volume())
    registered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[Timestamp]


class ContractStatus(StrEnum):
    OPEN = "open"
    ENDED = "ended"


class Contract(Base):
    """A supply contract with one holder: the opening contract, or a new one at transfer."""

    __tablename__ = "contracts"
    __table_args__ = (CheckConstraint(one_of("status", ContractStatus), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # opening | transfer
    holder_name: Mapped[str] = mapped_column(String(60))
    holder_id_number: Mapped[str] = mapped_column(String(18))
    signed_on: Mapped[date]
    opening_fee: Mapped[MoneyCol]
    installation_fee: Mapped[MoneyCol]
    prepayment: Mapped[MoneyCol]
    deposit: Mapped[MoneyCol]
    status: Mapped[str] = mapped_column(String(8))
    ended_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(String(400), default="")
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_postings.id"))
    # The form's submission key: a retried signing or transfer reads this contract back.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    signed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[Timestamp]


class Attachment(Base):
    """A file kept by content hash under data_dir()/attachments/<sha[:2]>/<sha>."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # contract | id_photo | other
    filename: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    added_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[Timestamp]


class GasOnEvent(Base):
    """A compound's gas-on day (小区点火通气)."""

    __tablename__ = "gas_on_events"
    __table_args__ = (CheckConstraint("status IN ('planned', 'done', 'cancelled')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    compound_id: Mapped[int] = mapped_column(ForeignKey("compounds.id"), index=True)
    planned_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default="planned")
    installer_team: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(String(400), default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[Timestamp]


class GasOnHousehold(Base):
    __tablename__ = "gas_on_households"
    __table_args__ = (
        CheckConstraint("outcome IN ('pending', 'done', 'absent', 'refused')", name="outcome"),
        Index("ix_gas_on_households_event_account", "event_id", "account_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("gas_on_events.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(10), default="pending")
    note: Mapped[str] = mapped_column(String(200), default="")
    marked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    marked_at: Mapped[datetime | None]
