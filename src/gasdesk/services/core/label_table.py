"""The machinery of the label tables (labels.py): a name in both languages, a table of them
written one code a line, and the lookups that speak the current language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from gasdesk.services.core.errors import current_language


class Label(NamedTuple):
    zh: str
    en: str

    def text(self, lang: str | None = None) -> str:
        return self.en if (lang or current_language()) == "en" else self.zh


Table = Mapping[str, Label]


def text(table: Table, code: object, lang: str | None = None) -> str:
    """The name of ``code`` (a str enum or its value) in ``lang``; the code itself when unknown."""
    key = "" if code is None else str(code)
    found = table.get(key)
    return found.text(lang) if found is not None else key


def joined(table: Table, codes: object, lang: str | None = None) -> str:
    """Several names in a list, the way each language writes one (、 or , )."""
    sep = ", " if (lang or current_language()) == "en" else "、"
    return sep.join(text(table, c, lang) for c in codes)  # type: ignore[attr-defined]


def table(rows: str) -> Table:
    """A table written one code a line, ``code | 中文 | English`` (blank lines skipped)."""
    parsed: dict[str, Label] = {}
    for line in rows.strip().splitlines():
        code, zh, en = (part.strip() for part in line.split("|"))
        parsed[code] = Label(zh, en)
    return parsed
