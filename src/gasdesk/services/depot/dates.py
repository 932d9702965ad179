"""A cylinder's dates, exactly.

In date through its inspection due date, overdue from the next day. Its design life is over from
the anniversary of its manufacture that ends it (made 2019-05-10 with 8 years: over from
2027-05-10). A full cylinder goes out only if it stays in date for a margin (30 days by default).
A date known only to the month (a stamped inspection ring) means the last day of that month.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta

from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.label_table import Label

DUE_SOON_DAYS = 30
_DAY = re.compile(r"(\d{4})[-./年](\d{1,2})(?:[-./月](\d{1,2})日?)?月?")


def add_years(day: date, years: int) -> date:
    """The same day ``years`` on; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_day(text: str, what: Label, *, field: str) -> date:
    """2026-05-10, 2026/5/10, 2026年5月10日, or 2026-05 (the last day of that month)."""
    clean = unicodedata.normalize("NFKC", text or "").strip()
    m = _DAY.fullmatch(clean)
    try:
        if m is None:
            raise ValueError
        year, month = int(m.group(1)), int(m.group(2))
        return date(year, month, int(m.group(3))) if m.group(3) else month_end(year, month)
    except ValueError:
        raise ValidationError(f"{what.zh}不是有效日期：{clean[:20]}（写成 2026-05-10，或只知年月时写 2026-05）。",
                              f"{what.en}: not a date: {clean[:20]} (write 2026-05-10, or 2026-05).",
                              field=field) from None


def next_due(last_inspected: date, inspection_years: int) -> date:
    return add_years(last_inspected, inspection_years)


def life_ends_on(made_on: date, life_years: int) -> date:
    return add_years(made_on, life_years)


def overdue(due: date, on: date) -> bool:
    return on > due


def life_over(ends: date, on: date) -> bool:
    return on >= ends


def due_soon(due: date, on: date, margin_days: int = DUE_SOON_DAYS) -> bool:
    """Still in date today, but not for the whole margin after it."""
    return not overdue(due, on) and on + timedelta(days=margin_days) > due
