"""The counter's fees (收费项目) from the office's fee list: a meter bought at the counter, a call-out,
a reconnection. Each is charged in the payment's own posting, so the money received pays it first
(allocations: a posting's own charges before the open bills), and the receipt names it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from gasdesk.money import AmountRefused, money
from gasdesk.services.core import labels, settings
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.text import shown

# ledger kind -> the fee list's setting that gives its standard amount (in the order the form lists them)
COUNTER_FEES: dict[str, str] = {
    "meter_fee": "fee_meter",
    "service_fee": "fee_service_call",
    "reconnection_fee": "fee_reconnection",
}


@dataclass(frozen=True)
class FeeItem:
    kind: str
    label: labels.Label
    listed: Decimal  # the fee list's amount (0.00: none set, the clerk types it)


@dataclass(frozen=True)
class Fee:
    kind: str
    amount: Decimal


def fee_items(session: Session) -> list[FeeItem]:
    """The fees the payment form offers, with the fee list's amounts."""
    return [FeeItem(kind, labels.LEDGER_KIND[kind], money(settings.get(session, key), signed=False))
            for kind, key in COUNTER_FEES.items()]


def checked(session: Session, fees: Iterable[tuple[str, Decimal | str | None]]) -> list[Fee]:
    """The fees to charge, each a known item of more than 0 yuan, at most one of each kind; an
    amount of None charges the fee list's."""
    out: list[Fee] = []
    for kind, amount in fees:
        if kind not in COUNTER_FEES:
            known = "、".join(f"{k}（{labels.LEDGER_KIND[k].zh}）" for k in COUNTER_FEES)
            raise ValidationError(f"没有这个收费项目：{shown(str(kind))}；可收的有 {known}。",
                                  f"No such fee: {shown(str(kind))} (known: {', '.join(COUNTER_FEES)}).",
                                  field="fee")
        name = labels.LEDGER_KIND[kind]
        if amount is None:
            amount = settings.get(session, COUNTER_FEES[kind])
        try:
            value = money(amount, signed=False)
        except AmountRefused as exc:
            raise ValidationError(f"{name.zh}金额无效：{exc.zh}", f"{name.en}: {exc.en}", field="fee") from None
        if value <= 0:
            raise ValidationError(f"{name.zh}金额必须大于 0 元（收费标准里没有设这项时，请写明金额）。",
                                  f"The {name.en.lower()} must be more than 0 (the fee list sets none: "
                                  "give the amount).", field="fee")
        if any(f.kind == kind for f in out):
            raise ValidationError(f"{name.zh}只能收一笔。", f"Charge the {name.en.lower()} once.", field="fee")
        out.append(Fee(kind, value))
    return out
