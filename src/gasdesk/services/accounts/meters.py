"""Gas meters on an account: what is known of one, fitting one, and the final-reading rule.

Registering and replacing a meter are account changes (changes.py); gas-on fits one too. A meter's
initial and final readings are kept on the meter and stored as readings of those kinds too
(services.readings), where the three checks compare every later reading with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Meter, ReadingKind
from gasdesk.money import volume
from gasdesk.services.accounts.identity import normalize_typed
from gasdesk.services.accounts.records import describe
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Changed
from gasdesk.services.core.errors import Conflict, ValidationError
from gasdesk.services.core.text import readable, shown
from gasdesk.services.readings.store import store_account_reading


@dataclass(frozen=True)
class MeterInfo(Changed):
    id: int
    serial: str
    model: str
    digits: int
    installed_on: date
    initial_reading: Decimal
    removed_on: date | None
    final_reading: Decimal | None
    last_reading: Decimal  # final, else initial; on the account page the newest reading that counts
    active: bool


def active_meter(session: Session, account_id: int) -> Meter | None:
    return session.scalar(select(Meter).where(Meter.account_id == account_id, Meter.removed_on.is_(None)))


def meter_info(m: Meter) -> MeterInfo:
    last = m.final_reading if m.final_reading is not None else m.initial_reading
    return MeterInfo(
        m.id, m.serial, m.model, m.digits, m.installed_on, m.initial_reading, m.removed_on, m.final_reading,
        last, m.removed_on is None,
    )


def add_meter(
    session: Session,
    actor: Actor,
    account: Account,
    *,
    serial: str,
    initial_reading: Decimal,
    installed_on: date,
    digits: int = 5,
    model: str = "",
) -> Meter:
    """Fit a meter (no permission check: callers check theirs)."""
    serial_clean = normalize_typed(serial or "").upper()  # another script's digits are refused in words
    if not serial_clean or len(serial_clean) > 30:
        raise ValidationError("请填写燃气表表号（最多 30 个字符）。", "Enter the meter serial (30 characters at most).")
    if not readable(serial_clean):
        raise ValidationError(f"表号“{shown(serial_clean)}”里有无法识别的字符，请重新输入。",
                              f"The meter serial “{shown(serial_clean)}” has a character that cannot be read; "
                              "type it again.")
    try:
        reading = volume(initial_reading)
    except (TypeError, ValueError):
        raise ValidationError(f"读数无效：{initial_reading}", f"Invalid reading: {initial_reading}") from None
    if reading < 0:
        raise ValidationError("读数不能为负数。", "A reading cannot be negative.")
    if not 3 <= digits <= 9:
        raise ValidationError("表的整数位数应在 3 到 9 之间。", "A meter register has 3 to 9 integer digits.")
    if reading >= Decimal(10) ** digits:
        raise ValidationError(f"读数 {reading} 超出 {digits} 位表的量程。",
                              f"The reading {reading} does not fit a {digits}-digit meter.")
    other = session.scalar(select(Meter).where(Meter.serial == serial_clean, Meter.removed_on.is_(None)))
    if other is not None:
        holder = session.get(Account, other.account_id)
        raise Conflict(
            f"表号 {serial_clean} 已装在{describe(holder) if holder else '其他用户'}，请核对。",
            f"Meter {serial_clean} is already fitted on account {holder.number if holder else other.account_id}.",
        )
    meter = Meter(
        account_id=account.id, serial=serial_clean, model=model.strip()[:40], digits=digits,
        installed_on=installed_on, initial_reading=reading, registered_by=actor.user_id,
    )
    session.add(meter)
    session.flush()
    store_account_reading(session, actor, meter, reading, installed_on, ReadingKind.INITIAL)
    return meter


def check_final_reading(meter: Meter, final: Decimal) -> None:
    if final < meter.initial_reading:
        raise ValidationError(
            f"最终读数 {final} 小于该表初始读数 {meter.initial_reading}，请核对。",
            f"The final reading {final} is below the meter's initial reading {meter.initial_reading}.",
        )
    if final >= Decimal(10) ** meter.digits:
        raise ValidationError(
            f"读数 {final} 超出该表 {meter.digits} 位整数的量程。",
            f"The reading {final} does not fit the meter's {meter.digits} digits.",
        )
