"""The demo office's meter reading: routes with readers, two years of readings on them, and every
stored status what the three checks decide."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from gasdesk.services.readings import checks, store
from gasdesk.services.readings.checks import MeterPast


def rows(s: Session, sql: str) -> list[tuple]:
    return [tuple(r) for r in s.execute(text(sql))]


def test_routes_have_their_readers_and_every_read_account_is_on_one(s: Session) -> None:
    routes = rows(s, "SELECT r.code, r.cycle, u.login, count(x.id) FROM routes r JOIN users u ON u.id = r.reader_id "
                     "JOIN route_stops x ON x.route_id = r.id GROUP BY r.id")
    assert len(routes) >= 3
    assert {login for _c, _cy, login, _n in routes} == {"reader", "super"}
    assert {cycle for _c, cycle, _l, _n in routes} == {"monthly", "bimonthly"}
    assert rows(s, "SELECT count(*) FROM accounts WHERE status IN ('gas_on', 'in_service', 'suspended') "
                   "AND id NOT IN (SELECT account_id FROM route_stops)") == [(0,)]
    assert rows(s, "SELECT count(*) FROM route_stops x JOIN accounts a ON a.id = x.account_id "
                   "WHERE a.status NOT IN ('gas_on', 'in_service', 'suspended')") == [(0,)]
    # positions run 1..n on each route
    assert rows(s, "SELECT count(*) FROM (SELECT route_id FROM route_stops GROUP BY route_id "
                   "HAVING min(position) != 1 OR max(position) != count(*))") == [(0,)]


def test_two_years_of_readings_up_to_last_month(s: Session) -> None:
    today = date.today()
    first, last = rows(s, "SELECT min(read_on), max(read_on) FROM readings WHERE source = 'history'")[0]
    first, last = date.fromisoformat(first), date.fromisoformat(last)
    assert (last.year, last.month) == ((today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12))
    assert 700 <= (last - first).days <= 731
    # every in-service account on a route is read, monthly ones about 24 times
    counts = dict(rows(s, "SELECT a.id, count(r.id) FROM accounts a JOIN route_stops x ON x.account_id = a.id "
                          "LEFT JOIN readings r ON r.account_id = a.id AND r.source = 'history' "
                          "WHERE a.status = 'in_service' GROUP BY a.id"))
    assert len(counts) > 2000 and min(counts.values()) >= 1
    assert sorted(counts.values())[len(counts) // 2] >= 20


def test_held_readings_of_each_reason_wait_for_the_supervisor(s: Session) -> None:
    held = rows(s, "SELECT reasons, decided_by FROM readings WHERE status = 'held'")
    for reason in checks.HELD:
        assert sum(1 for r, _d in held if reason in r.split(",")) >= 2, reason
    assert all(d is None for _r, d in held)


def test_estimated_and_no_access_readings_have_notes(s: Session) -> None:
    for kind in ("estimated", "no_access"):
        found = rows(s, f"SELECT note FROM readings WHERE kind = '{kind}'")
        assert len(found) >= 10 and all(note for (note,) in found), kind
    assert rows(s, "SELECT count(*) FROM readings WHERE kind = 'no_access' AND value IS NOT NULL") == [(0,)]


def test_replaced_meters_have_final_and_initial_readings(s: Session) -> None:
    replaced = rows(s, "SELECT old.id, old.removed_on, new.id FROM meters old JOIN meters new "
                       "ON new.account_id = old.account_id AND new.installed_on = old.removed_on "
                       "JOIN accounts a ON a.id = old.account_id WHERE a.status = 'in_service' "
                       "AND old.removed_on >= date('now', '-2 years')")
    assert len(replaced) >= 2
    for old, day, new in replaced:
        assert rows(s, f"SELECT kind, read_on FROM readings WHERE meter_id = {old} ORDER BY read_on, id")[-1] \
            == ("final", day)
        kinds = [k for (k,) in rows(s, f"SELECT kind FROM readings WHERE meter_id = {new} ORDER BY read_on, id")]
        assert kinds[0] == "initial" and "actual" in kinds[1:]
        assert rows(s, f"SELECT count(*) FROM audit_log WHERE action = 'account.replace_meter' "
                       f"AND entity_id = (SELECT account_id FROM meters WHERE id = {new})") == [(1,)]


def test_every_stored_status_is_what_the_checks_decide(s: Session) -> None:
    """Each reading judged again against the meter's readings before it gives its stored status and reasons
    (all the held meters, and a sample of the others)."""
    held = [m for (m,) in rows(s, "SELECT DISTINCT meter_id FROM readings WHERE status = 'held'")]
    others = [m for (m,) in rows(s, "SELECT DISTINCT meter_id FROM readings WHERE kind IN ('estimated', 'no_access') "
                                    "OR meter_id IN (SELECT id FROM meters WHERE removed_on IS NOT NULL)")]
    every = [m for (m,) in rows(s, "SELECT DISTINCT meter_id FROM readings WHERE source = 'history'")]
    meters = set(held) | set(others) | set(random.Random(5).sample(every, 200))
    limits = store.thresholds(s)
    stored = {rid: (status, reasons, kind) for rid, status, reasons, kind in rows(
        s, "SELECT id, status, reasons, kind FROM readings")}
    checked = 0
    for meter_id, past in store.meter_past(s, meters).items():
        readings, past.readings = past.readings, []
        for p in readings:
            status, reasons, kind = stored[p.id]
            status = "accepted" if status == "billed" else status  # billing moved it on after the checks
            if kind != "initial":  # an initial reading starts the meter: nothing to check it against
                verdict = checks.judge(MeterPast(meter_id, past.digits, list(past.readings)), p.value, p.read_on,
                                       p.kind, limits)
                assert (verdict.outcome, ",".join(verdict.codes)) == (status, reasons), (meter_id, p)
                checked += 1
            past.readings.append(p)
    assert checked > 4000
