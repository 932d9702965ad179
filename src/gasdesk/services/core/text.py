"""What every typed or scanned code goes through before it is read.

The digit rule, one for amounts, volumes, account numbers, meter serials and every other number
typed at the counter: the digits are ASCII 0-9 and full-width ０-９ (what a Chinese input method
types). A character of another script that reads as a digit (Arabic-Indic ٣, Devanagari ३,
Thai ๓, mathematical bold 𝟑, superscript ², circled ①) is refused in words: NFKC would turn
some of them into ASCII and leave the others as "digits" no lookup can find.
"""

from __future__ import annotations

import unicodedata

from gasdesk.services.core.errors import ValidationError

ASCII_DIGITS = frozenset("0123456789")
FULL_WIDTH_DIGITS = frozenset(chr(0xFF10 + i) for i in range(10))


def _reads_as_digit(char: str) -> bool:
    if char.isdigit() or unicodedata.category(char) == "Nd":
        return True
    return any(c in ASCII_DIGITS for c in unicodedata.normalize("NFKC", char))


def foreign_digit(text: str) -> str | None:
    """The first character of ``text`` that reads as a digit but is not 0-9 or ０-９, if any."""
    if text.isascii():
        return None
    for char in text:
        if not char.isascii() and char not in FULL_WIDTH_DIGITS and _reads_as_digit(char):
            return char
    return None


def check_digits(text: str) -> None:
    """Refuse, in words, a digit of another script (see the module's digit rule)."""
    char = foreign_digit(text)
    if char is not None:
        shown_char = shown(char, 4)
        raise ValidationError(
            f"只能输入阿拉伯数字 0-9，“{shown_char}”不是。",
            f"Only the digits 0-9 can be typed; “{shown_char}” is not one of them.",
        )


def readable(text: str) -> bool:
    """False for text that cannot be stored or shown as it is: a lone surrogate (a bad command
    line, a broken import file). The caller refuses it in words, quoting it through ``shown``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def normalize_typed(text: str) -> str:
    """Full-width digits and letters become ASCII; spaces (also full-width) are dropped.

    A digit of another script is refused (ValidationError, see ``check_digits``) before NFKC
    could turn it into an ASCII one. Anything else is kept, a lone surrogate too: the caller
    quotes what it refuses through ``shown``."""
    text = text or ""
    check_digits(text)
    return "".join(unicodedata.normalize("NFKC", text).split())


def shown(text: str, limit: int = 20) -> str:
    """Typed text as a refusal or the audit log may quote it: a short prefix, any undecodable
    bytes (lone surrogates from a bad command line) written as escapes instead of failing."""
    safe = (text or "").encode("utf-8", "backslashreplace").decode("utf-8")
    return safe if len(safe) <= limit else safe[:limit] + "…"
