"""The reading cycle a day falls in: a month, or a bimonthly route's two months."""

from __future__ import annotations

from datetime import date

import pytest

from gasdesk.services.readings.views import cycle_window


@pytest.mark.parametrize(("cycle", "odd", "day", "window"), [
    ("monthly", True, date(2027, 2, 14), (date(2027, 2, 1), date(2027, 2, 28))),
    ("monthly", False, date(2028, 2, 29), (date(2028, 2, 1), date(2028, 2, 29))),
    ("monthly", True, date(2026, 12, 31), (date(2026, 12, 1), date(2026, 12, 31))),
    ("bimonthly", True, date(2027, 3, 5), (date(2027, 3, 1), date(2027, 4, 30))),  # its reading month
    ("bimonthly", True, date(2027, 4, 30), (date(2027, 3, 1), date(2027, 4, 30))),  # the month after
    ("bimonthly", False, date(2027, 1, 1), (date(2026, 12, 1), date(2027, 1, 31))),  # across the year
    ("bimonthly", False, date(2026, 12, 9), (date(2026, 12, 1), date(2027, 1, 31))),
    ("bimonthly", True, date(2026, 11, 30), (date(2026, 11, 1), date(2026, 12, 31))),
])
def test_the_cycle_window(cycle: str, odd: bool, day: date, window: tuple[date, date]) -> None:
    assert cycle_window(cycle, odd, day) == window
