"""Money and gas volume: Decimal in Python, integers on disk, one rounding rule.

Money is kept in whole fen (分) and volume in whole litres. Every conversion
between the two worlds happens here, so a float can never slip into a ledger.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import BigInteger
from sqlalchemy.types import TypeDecorator

FEN = Decimal("0.01")
LITRE = Decimal("0.001")


class FloatRefused(TypeError):
    """A float was offered where exact money or volume is required."""


def _exact(value: object, what: str) -> Decimal:
    if isinstance(value, bool | float):
        raise FloatRefused(f"{what} must be exact (Decimal, int or str), not {type(value).__name__}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"{what} is not a number: {value!r}") from None
    else:
        raise TypeError(f"{what} must be Decimal, int or str, not {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{what} must be a finite number, not {value!r}")
    return result


def round_fen(value: Decimal) -> Decimal:
    """Half-up (四舍五入) to the fen: the one rounding rule for money."""
    return _exact(value, "amount").quantize(FEN, rounding=ROUND_HALF_UP)


def money(value: object) -> Decimal:
    """Parse an amount as exact yuan; refuses floats and amounts finer than a fen."""
    result = _exact(value, "amount")
    if result != result.quantize(FEN, rounding=ROUND_HALF_UP):
        raise ValueError(f"amount has more than two decimals: {value!r}")
    return result.quantize(FEN)


def volume(value: object) -> Decimal:
    """Parse a gas volume in m³, exact to the litre."""
    result = _exact(value, "volume")
    if result != result.quantize(LITRE, rounding=ROUND_HALF_UP):
        raise ValueError(f"volume has more than three decimals: {value!r}")
    return result.quantize(LITRE)


def to_fen(amount: object) -> int:
    return int(money(amount) * 100)


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(FEN)


def to_litres(m3: object) -> int:
    return int(volume(m3) * 1000)


def from_litres(litres: int) -> Decimal:
    return (Decimal(litres) / 1000).quantize(LITRE)


class Money(TypeDecorator[Decimal]):
    """Decimal yuan in Python, integer fen in the database."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: object, dialect: object) -> int | None:
        return None if value is None else to_fen(value)

    def process_result_value(self, value: int | None, dialect: object) -> Decimal | None:
        return None if value is None else from_fen(value)

    @property
    def python_type(self) -> type:
        return Decimal


class Volume(TypeDecorator[Decimal]):
    """Decimal m³ in Python, integer litres in the database."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: object, dialect: object) -> int | None:
        return None if value is None else to_litres(value)

    def process_result_value(self, value: int | None, dialect: object) -> Decimal | None:
        return None if value is None else from_litres(value)

    @property
    def python_type(self) -> type:
        return Decimal


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ["", "拾", "佰", "仟"]
_BIG_UNITS = ["", "万", "亿", "万亿"]


def _four_digits(n: int) -> str:
    """Write 0 < n < 10000 in financial capitals, with inner zeros as 零."""
    out: list[str] = []
    zero = False
    for pos in range(3, -1, -1):
        d = (n // 10**pos) % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[d] + _SMALL_UNITS[pos])
    return "".join(out)


def amount_in_words(amount: object) -> str:
    """Chinese financial capitals (大写金额): 1234.50 -> 壹仟贰佰叁拾肆元伍角整."""
    value = money(amount)
    prefix = "负" if value < 0 else ""
    fen_total = abs(to_fen(value))
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    if yuan >= 10 ** (4 * len(_BIG_UNITS)):  # beyond 万亿 there is no unit to write
        raise ValueError(f"amount too large to write in words: {amount!r}")
    groups: list[int] = []
    n = yuan
    while n:
        groups.append(n % 10000)
        n //= 10000
    text = ""
    need_zero = False
    for idx in range(len(groups) - 1, -1, -1):
        g = groups[idx]
        if g == 0:
            need_zero = bool(text)
            continue
        if text and (need_zero or g < 1000):
            text += "零"
        text += _four_digits(g) + _BIG_UNITS[idx]
        need_zero = False
    if text:
        text += "元"
    if jiao == 0 and fen == 0:
        return prefix + (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    else:
        text += "整"
    return prefix + text
