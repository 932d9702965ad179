"""What a receipt (收据) shows, as the print layouts read it: gathered by the receipts service from
the receipt row, its posting and its allocations, so the layouts hold no queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class ReceiptItem:
    """One thing paid for: a bill (its period and volume) or a charge, and what this receipt paid of it."""

    label: str  # e.g. "气费" or "安装费"
    detail: str  # e.g. "2026-01-13～2026-02-11  12.345 m³"; "" for a plain charge
    amount: Decimal


@dataclass(frozen=True)
class ReceiptDoc:
    company: str  # the office_name setting
    counter: str  # counter code, e.g. C01
    clerk: str  # the clerk's name (login in brackets)
    number: str  # e.g. C01-A-0000123
    kind: str  # "payment" (收款收据) or "refund" (退款收据)
    status: str  # "issued" or "void" (a voided receipt reprinted shows 作废)
    account_number: str
    holder: str  # masked, e.g. 张*
    address: str
    items: tuple[ReceiptItem, ...]
    prepayment: Decimal  # what this payment put to prepayment (预存); 0.00 when none
    method: str  # the method's name in Chinese, e.g. 现金, 微信
    reference: str  # the non-cash reference number; "" for cash
    amount: Decimal  # the receipt's total (positive; a refund's amount paid back)
    tendered: Decimal | None  # cash handed over (cash only)
    change: Decimal | None  # change given (cash only)
    balance_after: Decimal  # 余额 after: prepayment less arrears (negative: still owed)
    issued_at: datetime  # local time
    business_date: date
    copy: bool  # a reprint (补打): the copy mark 副本 is printed
    title: str = ""  # another document on the receipt's layout (押金条); "" for 收款收据 / 退款收据
    notes: tuple[str, ...] = ()  # lines printed under the payment (the slip's receipt number, its terms)
    show_balance: bool = True  # 余额 after: a slip does not show it
