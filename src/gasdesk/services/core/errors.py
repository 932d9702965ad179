"""Domain errors: each carries a message a counter clerk can act on, in Chinese and English.

Services raise these; the UI and the CLI show ``err.text(lang)``. Nothing here
knows about Qt, so the same words reach the window and the terminal.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

_LANG = ["zh"]


def set_language(lang: str) -> None:
    """Pick the language ``str(err)`` speaks (the UI and CLI set this once at start)."""
    _LANG[0] = "en" if lang.lower().startswith("en") else "zh"


def current_language() -> str:
    return _LANG[0]


class GasdeskError(Exception):
    """Base of every refusal a person may see."""

    exit_code: ClassVar[int] = 1

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def text(self, lang: str | None = None) -> str:
        return self.en if (lang or _LANG[0]) == "en" else self.zh

    def __str__(self) -> str:
        return self.text()


class ValidationError(GasdeskError):
    """Input that cannot be accepted as typed. ``field`` names the input at fault when there is one
    (``id_number``, ``phone``, ``phone2`` ...), so a form can put the cursor back in it."""

    def __init__(self, zh: str, en: str, *, field: str | None = None) -> None:
        super().__init__(zh, en)
        self.field = field


class NotFound(GasdeskError):
    """A record the user named does not exist."""


T = TypeVar("T")


def found(value: T | None, zh: str, en: str) -> T:
    """``value``, or the refusal that the record the user named does not exist."""
    if value is None:
        raise NotFound(zh, en)
    return value


class Conflict(GasdeskError):
    """The action clashes with the current state (duplicate, wrong step, stale form)."""


class PermissionDenied(GasdeskError):
    """The acting user's role may not do this."""

    exit_code = 3


class AuthError(GasdeskError):
    """Wrong login or password, a disabled or locked user."""

    exit_code = 3


class DatabaseError(GasdeskError):
    """The database file cannot be used safely as it is.

    ``kind`` says what is wrong, for the one command that answers with more than "unusable"
    (``gasdesk db check``): ``damaged`` only when SQLite's own check reports corruption or the
    hash chain does not verify; otherwise ``missing``, ``empty``, ``folder``, ``not_sqlite``,
    ``foreign``, ``newer``, ``read_only``, ``folder_read_only``, ``unreadable``, ``locked``,
    ``network``, ``disk_full`` or ``unusable``."""

    exit_code = 2

    def __init__(self, zh: str, en: str, *, kind: str = "unusable") -> None:
        super().__init__(zh, en)
        self.kind = kind
