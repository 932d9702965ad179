"""Two years of bills for a generated office with readings (benchmarks/_gen/readings.py), in bulk.

Tariffs go in through services.billing.tariffs as the admin loads them, as the demo's billing
builder loads them (services/demo/billing.py): the demo's earlier tariff from 1 January of the
year of the office's first reading, the shipped sample file (2024-01-01) and the demo's one
residential price change (the 20th, 8 months back). Then every accepted reading is billed by
``bills.bill_history``, bill_meters' rules written as rows (the walk, ``compute.bill_lines``, the
posting through ``ledger.history``, Bill, BillLine, the audit row, the reading moved to billed),
posted by the clerk the day after each reading, in one transaction.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from _gen.accounts import COUNTER, PASSWORD
from gasdesk.models import Reading
from gasdesk.services.billing import bills, schedules, tariffs
from gasdesk.services.demo import billing as demo_billing
from gasdesk.services.office import users
from gasdesk.startup import prepare


def generate(path: Path) -> tuple[float, bills.Billed]:
    """Bill every reading of the office at ``path``: (seconds, what was billed)."""
    t = time.perf_counter()
    db = prepare(path, create=False)
    try:
        with db.write() as s:
            admin = users.authenticate(s, "admin", PASSWORD, counter=COUNTER).actor
            clerk = users.authenticate(s, "clerk", PASSWORD, counter=COUNTER).actor
            assert admin is not None and clerk is not None
            first = s.scalar(select(func.min(Reading.read_on)))
            assert first is not None, "the office has readings"
            tariffs.load(s, admin, tariffs.sample_path())
            current = schedules.in_force(schedules.load(s, "residential"), date.today())
            assert current is not None
            tariffs.load(s, admin, [*demo_billing.earlier_tariff(current, date(first.year, 1, 1)),
                                    demo_billing.price_change(current, demo_billing.price_change_day(date.today()))],
                         name="benchmark: earlier tariff and the price change")
            done = bills.bill_history(s, clerk, posted_on=lambda day: day + timedelta(days=1))
    finally:
        db.dispose()
    return time.perf_counter() - t, done
