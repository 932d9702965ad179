"""Office-wide settings with their defaults, read and changed through one place."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from gasdesk.models import Setting
from gasdesk.money import AmountRefused, money, volume
from gasdesk.services.core import audit, labels
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
    # The fee list (收费标准) the contract form starts from; the clerk may charge another amount.
    "fee_opening": "200.00",
    "fee_installation_residential": "1500.00",
    "fee_installation_commercial": "3000.00",
    "fee_installation_industrial": "8000.00",
    "fee_installation_public": "3000.00",
    "fee_meter": "0.00",
    "fee_prepayment": "300.00",
    # Fees the payment form charges (services.cashier.fees): a call-out, a reconnection.
    "fee_service_call": "30.00",
    "fee_reconnection": "50.00",
    # The three checks of a reading (services.readings.checks): when a reading is held for a person.
    "reading_spike_factor": "3",  # use above this many times the usual use of the period ...
    "reading_spike_floor_m3": "30",  # ... and above this volume is a spike
    "reading_average_cycles": "6",  # the usual use: the last cycles' use, by the day
    "reading_zero_cycles": "3",  # this many periods in a row without use
    "bill_due_days": "15",  # a bill is due this many days after it is posted
    # The LPG depot (services.depot.checks): a full cylinder goes out only if it stays in date this long.
    "depot_due_soon_days": "30",
}
_INTEGER = {"idle_lock_minutes", "max_failed_logins", "lockout_minutes", "reading_average_cycles",
            "reading_zero_cycles", "bill_due_days", "depot_due_soon_days"}
_VOLUME = {"reading_spike_factor", "reading_spike_floor_m3"}  # exact decimals above zero
CUSTOMER_TYPES = ("residential", "commercial", "industrial", "public")  # models.AccountType's values
FEE_KEYS = ("fee_opening", *(f"fee_installation_{t}" for t in CUSTOMER_TYPES), "fee_meter", "fee_prepayment",
            "fee_service_call", "fee_reconnection")


@dataclass(frozen=True)
class FeeList:
    """The admin-kept standard fees, exact yuan."""

    opening_fee: Decimal
    installation_fee: dict[str, Decimal]  # by customer type
    meter_fee: Decimal
    prepayment: Decimal


def get(session: Session, key: str) -> str:
    """The setting's value, read once per unit of work (a check per cylinder or per row asks often)."""
    seen: dict[str, str] = session.info.setdefault("settings", {})
    if key not in seen:
        row = session.get(Setting, key)
        seen[key] = row.value if row else DEFAULTS[key]
    return seen[key]


def get_int(session: Session, key: str) -> int:
    return int(get(session, key))


def all_settings(session: Session) -> dict[str, str]:
    return {key: get(session, key) for key in DEFAULTS}


def fee_list(session: Session) -> FeeList:
    def fee(key: str) -> Decimal:
        return money(get(session, key), signed=False)

    return FeeList(fee("fee_opening"), {t: fee(f"fee_installation_{t}") for t in CUSTOMER_TYPES},
                   fee("fee_meter"), fee("fee_prepayment"))


def _checked(key: str, value: str) -> str:
    """The value as stored, or a refusal naming the setting in words."""
    name = labels.SETTING.get(key, labels.Label(key, key))
    if key in _INTEGER and (not value.isdigit() or not 1 <= int(value) <= 1440):
        raise ValidationError(f"“{name.zh}”必须是 1 到 1440 之间的整数（填写的是“{value}”）。",
                              f"{name.en} must be a whole number from 1 to 1440 (not “{value}”).", field=key)
    if key in _VOLUME:
        try:
            parsed = volume(value, signed=False)
        except AmountRefused as exc:
            raise ValidationError(f"“{name.zh}”：{exc.zh}", f"{name.en}: {exc.en}", field=key) from None
        if parsed <= 0:
            raise ValidationError(f"“{name.zh}”必须大于零。", f"{name.en} must be above zero.", field=key)
        return str(parsed.normalize())
    if key in FEE_KEYS:
        try:
            return str(money(value, signed=False))
        except AmountRefused as exc:
            raise ValidationError(f"“{name.zh}”：{exc.zh}", f"{name.en}: {exc.en}", field=key) from None
    return value


def set_value(session: Session, actor: Actor, key: str, value: str) -> None:
    require(session, actor, "settings.manage")
    if key not in DEFAULTS:
        raise ValidationError(f"没有这项设置：{key}", f"No such setting: {key}")
    value = _checked(key, value.strip())
    before = get(session, key)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.info.setdefault("settings", {})[key] = value
    audit.record(session, actor, "setting.change", "setting", key, before={"value": before}, after={"value": value})


def save_many(session: Session, actor: Actor, values: dict[str, str]) -> Done:
    """Several settings in one transaction: either all are saved or none."""
    for key, value in values.items():
        set_value(session, actor, key, value)
    return Done(changes=frozenset({Change.SETTING}))
