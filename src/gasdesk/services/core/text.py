"""What every typed or scanned code goes through before it is read."""

from __future__ import annotations

import unicodedata


def normalize_typed(text: str) -> str:
    """Full-width digits and letters become ASCII; spaces (also full-width) are dropped."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def shown(text: str, limit: int = 20) -> str:
    """Typed text as a refusal or the audit log may quote it: a short prefix, any undecodable
    bytes (lone surrogates from a bad command line) written as escapes instead of failing."""
    safe = (text or "").encode("utf-8", "backslashreplace").decode("utf-8")
    return safe if len(safe) <= limit else safe[:limit] + "…"
