"""Money and gas volume: Decimal in Python, integers on disk, one rounding rule, one parser.

Money is kept in whole fen (分) and volume in whole litres. Every conversion
between the two worlds happens here, so a float can never slip into a ledger.

``money()`` and ``volume()`` are the one parser of amounts and volumes, for every form, import
and command. They take a Decimal, an int or typed text and return an exact Decimal (two places
for money, three for volume), or refuse with an ``AmountRefused`` (a ValidationError, in Chinese
and English words a clerk can act on), never a raw Python exception. Text may have:

- ASCII or full-width digits (０-９) only (``core.text``'s digit rule: other scripts' are refused);
- a point or a full-width point (．) for the decimals, no more decimals than the type holds;
- commas (, or ，) only as thousands separators, in whole groups of three: ``12,345,678.90``;
- one leading sign (+ - or full-width ＋ －) where a sign is allowed;
- spaces (also full-width) around it.

Exponents (``1e3``), NaN and infinities, a lone sign, empty text and a ¥ sign are refused.

The bound: no amount beyond ±``MAX_AMOUNT`` (99,999,999.99 yuan = 9,999,999,999 fen) is taken,
so a sum of even a billion of them fits a signed 64-bit integer of fen and no total can overflow.
The Money column refuses it too, so nothing beyond it is ever stored. An office may set a lower
bound (the setting ``money.max_amount``, read by the ledger with ``max_amount``) and pass it as
``money(..., bound=...)``; a bound can be lowered that way, never raised. Volumes have their own
bound, ``MAX_VOLUME`` (the largest reading of a nine-digit meter register).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger
from sqlalchemy.exc import DontWrapMixin
from sqlalchemy.types import TypeDecorator

from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.text import check_digits, readable, shown

FEN = Decimal("0.01")
LITRE = Decimal("0.001")

MAX_AMOUNT = Decimal("99999999.99")  # yuan, either sign; the Money column refuses anything beyond
MAX_AMOUNT_SETTING = "money.max_amount"  # an office's lower bound, as the text of a setting
MAX_VOLUME = Decimal("999999999.999")  # m³, either sign: a nine-digit register
TEN_THOUSANDTH = Decimal("0.0001")
MAX_PRICE = Decimal("9999.9999")  # yuan a unit (a price per m³, a daily late-fee rate): four places
MAX_TEXT = 32  # characters of typed text, once trimmed: longer is refused before it is read
# What round_fen and amount_in_words take: computed amounts and totals, beyond one line's bound
# but still whole fen in 64 bits, and what the financial capitals can write (below 1万亿亿).
_LARGEST = Decimal("9999999999999999.99")


class AmountRefused(ValidationError, ValueError, DontWrapMixin):
    """An amount or a volume that cannot be taken as given, in words a clerk can act on.

    A ValidationError; also a ValueError, so a caller that caught the old parser's ValueError
    still catches it. ``DontWrapMixin``: raised while a statement is executed (the Money column's
    bind), it reaches the caller as itself, not wrapped in SQLAlchemy's StatementError."""


class FloatRefused(AmountRefused, TypeError):
    """A float (or a bool) was offered where exact money or volume is required (a TypeError too, as before)."""


@dataclass(frozen=True)
class _Kind:
    zh: str
    en: str
    places: int
    step: Decimal
    ceiling: Decimal
    places_zh: str
    places_en: str
    unit_zh: str
    unit_en: str
    example: str  # what a refusal shows as the way to type one

    def limit(self, bound: Decimal | None) -> Decimal:
        """The bound in force: the kind's ceiling, or a lower one given (a higher one is the ceiling)."""
        if bound is None:
            return self.ceiling
        return min(abs(_exact(bound, self, limit=Decimal("Infinity"), places=False)), self.ceiling)


_MONEY = _Kind("金额", "amount", 2, FEN, MAX_AMOUNT, "超过两位小数（金额只记到分）",
               "has more than two decimals (amounts are kept to the fen)", "元", "yuan", "1500.00")
_VOLUME = _Kind("气量", "volume", 3, LITRE, MAX_VOLUME, "超过三位小数（气量只记到升）",
                "has more than three decimals (volumes are kept to the litre)", "立方米", "m³", "1234.5")
_PRICE = _Kind("单价", "price", 4, TEN_THOUSANDTH, MAX_PRICE, "超过四位小数（单价只记到万分之一元）",
               "has more than four decimals (prices are kept to a ten-thousandth of a yuan)", "元", "yuan", "2.61")

# Full-width digits, point, comma and signs, and the minus sign U+2212, as their ASCII selves.
_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                             "．": ".", "，": ",", "－": "-", "−": "-", "＋": "+"})
_NUMBER = re.compile(r"(?P<sign>[+-]?)(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.(?P<frac>[0-9]*))?")
_EXPONENT = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*e[+-]?[0-9]*")
_NOT_A_NUMBER = {"nan", "snan", "qnan", "inf", "infinity", "∞"}


def _refuse(kind: _Kind, quote: str, zh: str, en: str, cls: type[AmountRefused] = AmountRefused) -> AmountRefused:
    """The refusal, with ``{what}`` (the kind's name) and ``{q}`` (a short prefix of the input) filled in."""
    return cls(zh.format(what=kind.zh, q=quote), en.format(what=kind.en, q=quote))


def _from_text(text: str, kind: _Kind, signed: bool) -> Decimal:
    typed = text.strip()
    quote = shown(typed)
    if not typed:
        raise _refuse(kind, quote, "请输入{what}。", "Enter the {what}.")
    if len(typed) > MAX_TEXT:
        raise _refuse(kind, quote, f"{{what}}“{{q}}”太长了（最多 {MAX_TEXT} 个字符）。",
                      f"The {{what}} “{{q}}” is too long ({MAX_TEXT} characters at most).")
    if not readable(typed):  # a lone surrogate: a bad command line or a broken import file
        raise _refuse(kind, quote, "{what}“{q}”里有无法识别的字符，请重新输入。",
                      "The {what} “{q}” contains a character that cannot be read; type it again.")
    try:
        check_digits(typed)
    except ValidationError as exc:
        raise AmountRefused(exc.zh, exc.en) from None
    plain = typed.translate(_FULL_WIDTH)
    lowered = plain.lower()
    if lowered.lstrip("+-") in _NOT_A_NUMBER:
        raise _refuse(kind, quote, "{what}必须是一个具体的数，“{q}”不是。",
                      "The {what} must be a definite number; “{q}” is not.")
    if _EXPONENT.fullmatch(lowered):
        raise _refuse(kind, quote, "{what}不能用科学计数法（如 1e3），请直接写出数字：“{q}”。",
                      "Write the {what} out in full, without an exponent (like 1e3): “{q}”.")
    match = _NUMBER.fullmatch(plain)
    if match is None or not (match["whole"] or match["frac"]):
        if match is None and "," in plain and _NUMBER.fullmatch(plain.replace(",", "")):
            raise _refuse(kind, quote, "逗号只能用作千位分隔符，每三位一组（如 1,500.00）：“{q}”。",
                          "A comma may only separate thousands, in groups of three (like 1,500.00): “{q}”.")
        if plain in ("+", "-"):
            raise _refuse(kind, quote, "“{q}”后面没有数字，请输入{what}。",
                          "“{q}” has no digits after it; enter the {what}.")
        raise _refuse(kind, quote, f"{{what}}“{{q}}”不是数字，请只输入数字和小数点（如 {kind.example}）。",
                      f"The {{what}} “{{q}}” is not a number; type digits and a decimal point only "
                      f"(like {kind.example}).")
    if match["sign"] == "-" and not signed:
        raise _refuse(kind, quote, "{what}不能是负数：“{q}”。", "The {what} cannot be negative: “{q}”.")
    whole = match["whole"].replace(",", "") or "0"
    return Decimal(f"{match['sign']}{whole}.{match['frac'] or '0'}")


def _exact(value: object, kind: _Kind, *, limit: Decimal, signed: bool = True, places: bool = True) -> Decimal:
    """``value`` as an exact, finite Decimal within ±``limit``, with no more decimals than the
    kind holds (unless ``places`` is False); or the refusal in words."""
    if isinstance(value, bool | float):
        raise _refuse(kind, shown(repr(value)),
                      "{what}必须是准确的数（Decimal、整数或文字），不能是浮点数或真假值：{q}",
                      "The {what} must be exact (Decimal, int or text), not a float or a bool: {q}", FloatRefused)
    if value is None:
        raise _refuse(kind, "", "请输入{what}。", "Enter the {what}.")
    if isinstance(value, str):
        result = _from_text(value, kind, signed)
        quote = shown(value.strip())
    elif isinstance(value, Decimal | int):
        result = Decimal(value)
        quote = shown(str(result))
    else:
        raise _refuse(kind, shown(type(value).__name__), "{what}必须是数（Decimal、整数或文字），不能是 {q}。",
                      "The {what} must be a number (Decimal, int or text), not {q}.")
    if not result.is_finite():
        raise _refuse(kind, quote, "{what}必须是一个具体的数，“{q}”不是。",
                      "The {what} must be a definite number; “{q}” is not.")
    if abs(result) > limit:
        most = f"±{limit:,.{kind.places}f}"
        raise _refuse(kind, quote, f"{{what}}“{{q}}”超出上限（最多 {most} {kind.unit_zh}）。",
                      f"The {{what}} “{{q}}” is beyond the limit of {most} {kind.unit_en}.")
    if result < 0 and not signed:
        raise _refuse(kind, quote, "{what}不能是负数：“{q}”。", "The {what} cannot be negative: “{q}”.")
    if places and result != result.quantize(kind.step, rounding=ROUND_HALF_UP):
        raise _refuse(kind, quote, f"{{what}}“{{q}}”{kind.places_zh}。", f"The {{what}} “{{q}}” {kind.places_en}.")
    return result.copy_abs() if result == 0 else result


def round_fen(value: Decimal) -> Decimal:
    """Half-up (四舍五入) to the fen: the one rounding rule for money. Takes any exact amount up
    to ±9,999,999,999,999,999.99 (a computed price or total, not a line to store)."""
    return _exact(value, _MONEY, limit=_LARGEST, places=False).quantize(FEN, rounding=ROUND_HALF_UP)


def money(value: object, *, signed: bool = True, bound: Decimal | None = None) -> Decimal:
    """An exact amount in yuan with two places, from a Decimal, an int or typed text.

    ``signed=False`` refuses a negative amount; ``bound`` lowers the bound (an office's
    ``max_amount``), never past ``MAX_AMOUNT``. Refusals are ``AmountRefused`` (a ValidationError)."""
    return _exact(value, _MONEY, limit=_MONEY.limit(bound), signed=signed).quantize(FEN)


def volume(value: object, *, signed: bool = True, bound: Decimal | None = None) -> Decimal:
    """An exact gas volume in m³ with three places (litres), parsed as ``money`` is; bound ``MAX_VOLUME``."""
    return _exact(value, _VOLUME, limit=_VOLUME.limit(bound), signed=signed).quantize(LITRE)


def price(value: object, *, bound: Decimal | None = None) -> Decimal:
    """An exact price (a tariff's yuan per m³, a late fee's daily rate) with four places, never
    negative, parsed as ``money`` is; bound ``MAX_PRICE``."""
    return _exact(value, _PRICE, limit=_PRICE.limit(bound), signed=False).quantize(TEN_THOUSANDTH)


def max_amount(setting: str | None = None) -> Decimal:
    """The bound an office's ``money.max_amount`` setting names (its stored text), ``MAX_AMOUNT``
    when it is not set. A setting may lower the bound, never raise it: the column would refuse."""
    if setting is None or not setting.strip():
        return MAX_AMOUNT
    try:
        bound = money(setting, signed=False)
    except AmountRefused as exc:
        raise ValidationError(f"设置 {MAX_AMOUNT_SETTING}（单笔金额上限）无效：{exc.zh}",
                              f"The setting {MAX_AMOUNT_SETTING} (largest amount) is not valid: {exc.en}") from None
    if bound == 0:
        raise ValidationError(f"设置 {MAX_AMOUNT_SETTING}（单笔金额上限）必须大于 0。",
                              f"The setting {MAX_AMOUNT_SETTING} (largest amount) must be more than 0.")
    return bound


def to_fen(amount: object) -> int:
    """Whole fen of an amount within ``MAX_AMOUNT`` (what the Money column stores)."""
    return int(money(amount) * 100)


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(FEN)


def to_litres(m3: object) -> int:
    """Whole litres of a volume within ``MAX_VOLUME`` (what the Volume column stores)."""
    return int(volume(m3) * 1000)


def from_litres(litres: int) -> Decimal:
    return (Decimal(litres) / 1000).quantize(LITRE)


class Money(TypeDecorator[Decimal]):
    """Decimal yuan in Python, integer fen in the database; nothing beyond ``MAX_AMOUNT`` is bound
    (the refusal, an AmountRefused, reaches the caller unwrapped and the flush stores nothing)."""

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
    """Decimal m³ in Python, integer litres in the database; nothing beyond ``MAX_VOLUME`` is bound."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: object, dialect: object) -> int | None:
        return None if value is None else to_litres(value)

    def process_result_value(self, value: int | None, dialect: object) -> Decimal | None:
        return None if value is None else from_litres(value)

    @property
    def python_type(self) -> type:
        return Decimal


class Price(TypeDecorator[Decimal]):
    """Decimal yuan in Python, integer ten-thousandths of a yuan in the database (bound ``MAX_PRICE``)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: object, dialect: object) -> int | None:
        return None if value is None else int(price(value) * 10000)

    def process_result_value(self, value: int | None, dialect: object) -> Decimal | None:
        return None if value is None else (Decimal(value) / 10000).quantize(TEN_THOUSANDTH)

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
    """Chinese financial capitals (大写金额): 1234.50 -> 壹仟贰佰叁拾肆元伍角整. A total may be
    beyond one line's bound: up to ±9,999,999,999,999,999.99 (beyond 万亿 there is no unit)."""
    value = _exact(amount, _MONEY, limit=_LARGEST).quantize(FEN)
    prefix = "负" if value < 0 else ""
    fen_total = int(abs(value) * 100)
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
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
