"""Translated names of roles, from the one label table (services.core.labels.ROLE)."""

from __future__ import annotations

from gasdesk.services.core import labels


def role_title(role: str) -> str:
    """``role`` is a Role (a str enum) or its value."""
    return labels.text(labels.ROLE, role)
