"""Who is acting: the signed-in user as the services see them, at the counter they signed in at."""

from __future__ import annotations

from dataclasses import dataclass

from gasdesk.models.users import Role


@dataclass(frozen=True)
class Actor:
    user_id: int
    login: str
    name: str
    role: Role
    counter: str = ""  # the registered counter's code ("" for a script that named none)
    counter_id: int | None = None  # postings need it: money is taken at a registered counter
