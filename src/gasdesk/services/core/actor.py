"""Who is acting: the signed-in user as the services see them."""

from __future__ import annotations

from dataclasses import dataclass

from gasdesk.models.users import Role


@dataclass(frozen=True)
class Actor:
    user_id: int
    login: str
    name: str
    role: Role
    counter: str = ""
