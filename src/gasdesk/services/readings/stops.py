"""A route's stops as the route sheet (route_sheet.py) and the day-end entry grid show them.

``route_stops`` gives the stops in route order with each meter's previous reading
(store.meter_past's rule), a page at a time, in a few queries whatever the route's length.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from gasdesk.models import Account, Compound, Meter, Premises, RouteStop
from gasdesk.services.accounts import records
from gasdesk.services.core import labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Changed
from gasdesk.services.readings.routes import RouteInfo, route_info
from gasdesk.services.readings.store import READ_STATUSES, meter_past


@dataclass(frozen=True)
class Stop:
    """One row of a route sheet and of the entry grid (names shown, phones never)."""

    position: int
    account_id: int
    account_number: str
    holder_name: str
    address: str
    account_status: str
    meter_id: int | None  # None: the account has no fitted meter
    meter_serial: str
    digits: int | None
    previous_value: Decimal | None
    previous_on: date | None
    previous_kind: str | None
    previous_status: str | None

    @property
    def status_text(self) -> str:
        return labels.text(labels.ACCOUNT_STATUS, self.account_status)


@dataclass(frozen=True)
class RouteStops(Changed):
    route: RouteInfo
    stops: tuple[Stop, ...]  # the page asked for
    total: int  # stops on the whole route


def route_stops(session: Session, actor: Actor, route_id: int, *, offset: int = 0,
                limit: int | None = None, readable_only: bool = False) -> RouteStops:
    """The route's stops in order (a page of them), each with its fitted meter and the meter's
    previous reading: the latest with a value that is not superseded (checks.MeterPast.previous).
    ``readable_only``: the accounts that are read (gas-on, in service, suspended), as the route
    sheet and the entry grid show them; a closed account stays on its route until it is removed."""
    route = route_info(session, actor, route_id)  # the route.view check, and words for a missing route
    readable = Account.status.in_(READ_STATUSES) if readable_only else true()
    total = session.scalar(select(func.count()).select_from(RouteStop).join(Account, Account.id == RouteStop.account_id)
                           .where(RouteStop.route_id == route.id, readable)) or 0
    q = (
        select(RouteStop.position, Account.id, Account.number, Account.holder_name, Account.status, Premises,
               Compound.name, Meter.id, Meter.serial, Meter.digits)
        .join(Account, Account.id == RouteStop.account_id)
        .join(Premises, Premises.id == Account.premises_id)
        .outerjoin(Compound, Compound.id == Premises.compound_id)
        .outerjoin(Meter, (Meter.account_id == Account.id) & Meter.removed_on.is_(None))
        .where(RouteStop.route_id == route.id, readable)
        .order_by(RouteStop.position, RouteStop.id)
        .offset(max(offset, 0))
    )
    if limit is not None:
        q = q.limit(max(limit, 0))
    rows = session.execute(q).all()
    pasts = meter_past(session, [r[7] for r in rows if r[7] is not None])
    stops = []
    for position, aid, number, holder, status, premises, compound_name, meter_id, serial, digits in rows:
        past = pasts.get(meter_id) if meter_id is not None else None
        prev = past.previous() if past is not None else None
        stops.append(Stop(
            position, aid, number or "", holder, records.address_string(premises, compound_name or ""), status,
            meter_id, serial or "", digits, prev.value if prev else None, prev.read_on if prev else None,
            prev.kind if prev else None, prev.status if prev else None,
        ))
    return RouteStops(replace(route, stops=total), tuple(stops), total)
