"""Office-wide settings with their defaults, read and changed through one place."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gasdesk.models import Setting
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Done
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.permissions import require

DEFAULTS: dict[str, str] = {
    "idle_lock_minutes": "10",
    "max_failed_logins": "5",
    "lockout_minutes": "15",
    "office_name": "",
    "print_font": "",
}
_INTEGER = {"idle_lock_minutes", "max_failed_logins", "lockout_minutes"}


def get(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row else DEFAULTS[key]


def get_int(session: Session, key: str) -> int:
    return int(get(session, key))


def all_settings(session: Session) -> dict[str, str]:
    return {key: get(session, key) for key in DEFAULTS}


def set_value(session: Session, actor: Actor, key: str, value: str) -> None:
    require(session, actor, "settings.manage")
    if key not in DEFAULTS:
        raise ValidationError(f"没有这项设置：{key}", f"No such setting: {key}")
    value = value.strip()
    if key in _INTEGER and (not value.isdigit() or not 1 <= int(value) <= 1440):
        raise ValidationError(
            f"设置“{key}”必须是 1 到 1440 之间的整数。", f"Setting {key} must be a whole number from 1 to 1440."
        )
    before = get(session, key)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    audit.record(session, actor, "setting.change", "setting", key, before={"value": before}, after={"value": value})


def save_many(session: Session, actor: Actor, values: dict[str, str]) -> Done:
    """Several settings in one transaction: either all are saved or none."""
    for key, value in values.items():
        set_value(session, actor, key, value)
    return Done(changes=frozenset({Change.SETTING}))
