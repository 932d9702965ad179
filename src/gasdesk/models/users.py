"""People who sign in, and office-wide settings."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from gasdesk.models.base import Base, Timestamp


class Role(StrEnum):
    CLERK = "clerk"
    READER = "reader"
    DEPOT = "depot"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


ROLE_CHECK = "role IN ('clerk', 'reader', 'depot', 'supervisor', 'admin')"


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(ROLE_CHECK, name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[Timestamp]


class Setting(Base):
    """Office-wide settings (idle lock minutes, login attempts, print font...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(400))
