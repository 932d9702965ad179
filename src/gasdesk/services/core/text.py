"""What every typed or scanned code goes through before it is read."""

from __future__ import annotations

import unicodedata


def normalize_typed(text: str) -> str:
    """Full-width digits and letters become ASCII; spaces (also full-width) are dropped."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())
