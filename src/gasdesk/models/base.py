"""Declarative base: naming convention for alembic, exact money and volume columns."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, mapped_column
from sqlalchemy.types import TypeDecorator

from gasdesk.money import Money, Volume

# Named constraints: SQLite batch migrations rebuild tables, and an unnamed
# CHECK would be silently dropped on the way.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in Python; SQLite stores them naive, so we re-attach UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def search_key(length: int) -> String:
    """Text the counter searches by prefix (``p <= key < p + U+10FFFF``, an index range).

    That range means "starts with p" only in code point order: SQLite's BINARY, and on
    PostgreSQL the "C" collation (a server's zh_CN or en_US collation would put other keys
    inside the range and order them differently). Migration 0004 sets it on PostgreSQL.
    """
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def one_of(column: str, enum: type[StrEnum]) -> str:
    """A CHECK that ``column`` holds one of the enum's values: ``status IN ('a', 'b')``."""
    return f"{column} IN ({', '.join(repr(m.value) for m in enum)})"


def utcnow() -> datetime:
    return datetime.now(UTC)


MoneyCol = Annotated[Decimal, mapped_column(Money())]
VolumeCol = Annotated[Decimal, mapped_column(Volume())]
Timestamp = Annotated[datetime, mapped_column(UTCDateTime(), default=utcnow)]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}
