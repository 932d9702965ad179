"""The demo office's LPG depot (城东调瓶点 D01): its register of some 3,000 company cylinders of
every age, about 300 registered customers, and a year of the keeper's days.

The fleet is registered on the first day of the year as deliveries (serial ranges GD12-, GD35-,
GD118-) made and inspected in different years, so that by the build day some cylinders are past
their design life, some overdue for inspection and some fall due within 30 days; a few dozen
customers' own cylinders (GK-) are registered with them. The customers who already held company
cylinders when the register was started get them in an opening transaction (their deposits are in
the old books); later customers borrow against a deposit (``deposits.lend``, slips D01-Y-…), and a
few bring them back for a refund late in the year.

Each weekday the keeper exchanges empties for fulls (``exchange.exchange``): most regulars pay
with coupons from books they bought (``coupons.sell_book``, books LQ26-… received into stock with
``coupons.receive``), the rest in cash or by WeChat; an empty the checks would refuse is refused
(and logged) as at the counter, a full is picked only when ``checks.hand_out`` allows it. On
Mondays the fit empties go to the filling plant and last week's come back full. In the last weeks
a handful are sent for inspection, rejected, scrapped or taken into custody, so every state
appears. Each day's shift is closed and remitted as the cashier's are.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Cylinder, LpgCustomer, User
from gasdesk.models.accounts import AccountStatus
from gasdesk.models.depot import CylinderState
from gasdesk.services.cashier import remittances, shift_close, shift_report
from gasdesk.services.core import business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import NotFound
from gasdesk.services.demo import office
from gasdesk.services.demo.accounts import _id_number, _name_pool, _phone
from gasdesk.services.demo.cashier import FINANCE, notes
from gasdesk.services.demo.depot_state import DepotYear, Regular
from gasdesk.services.depot import coupons, custody, customers, cylinders, dates, deposits, exchange, movements
from gasdesk.services.depot.machine import CylinderEvent as E
from gasdesk.services.office import counters

SEED = 20261204
DAYS = 365
DEPOT = "D01"
CUSTOMERS = 300  # registered by the end of the year
FROM_ACCOUNTS = 12  # of them: piped-gas account holders, registered from their account
RESTAURANTS = 30
LENDERS = 45  # of them: new customers in the first months, lent cylinders against a deposit
REFUNDS = 8  # of the lenders: cylinders brought back, the deposit refunded
OWN = 24  # customers with cylinders of their own (1 or 2 each)
PER_DAY = (2, 7)  # exchanges a weekday
FILL_MARGIN = 60  # days an empty must stay in date to be sent for filling (else: for inspection)
MAX_REFUSALS = 12  # refused exchanges written to the rejection log
ID_BASE = 9_000_000  # the demo accounts' ID numbers are made from below this
# size -> (serial prefix, cylinders, per delivery, exchange price = coupon face value)
FLEET = {"YSP12": ("GD12-", 900, 50, 55), "YSP35.5": ("GD35-", 1850, 50, 120), "YSP118": ("GD118-", 250, 25, 420)}
COUPON_TAG = {"YSP12": "12", "YSP35.5": "35", "YSP118": "118"}
PER_BOOK = 10
BOOKS_A_DELIVERY = 40
# cohort -> share of a size's deliveries (%, at least one each): how old it is by the build day
COHORTS = (("good", 80), ("due_soon", 6), ("overdue", 6), ("life_end", 5), ("old", 3))
MAKERS = ("宁波钢瓶厂", "江苏民生重工", "湖北大冶钢瓶", "山东华建钢瓶")
SHOPS = ("川味小馆", "老王面馆", "兴隆饭店", "好再来酒家", "金桥快餐", "东湖大排档", "滨江烧烤", "幸福早餐店")
REJECTED = ("瓶阀漏气", "护罩变形", "瓶体锈蚀严重", "底座开焊", "瓶体有凹坑")


def build(session: Session, admin: Actor, size: int) -> None:
    """The depot demo builder (services.demo.BUILDERS)."""
    rng = random.Random(SEED)
    d = DepotYear(session, _actor(session, "depot"), _actor(session, "super"), rng,
               margin=movements.hand_out_margin(session))
    today = date.today()
    days = [today - timedelta(days=n) for n in range(DAYS, 0, -1)]
    days = [day for day in days if day.weekday() < 5]
    names = _name_pool(rng)
    lend_days = set(rng.sample(days[5:110], LENDERS))
    refund_days = sorted(rng.sample(days[-110:-10], REFUNDS))
    custody_days = {days[-60]: "take", days[-25]: "back"}
    with business_day.on_day(session, days[0]):
        _fleet(d, today)
        _customers(d, names, CUSTOMERS - LENDERS, today)
        _opening(d)
        for kind in FLEET:
            _receive_books(d, kind)
    lenders = iter(range(LENDERS))
    for day in days:
        with business_day.on_day(session, day):
            if day.weekday() == 0 and day != days[0]:
                _plant_trip(d)
            if day in lend_days:
                _lend(d, names, next(lenders))
            for _ in range(rng.randint(*PER_DAY)):
                _exchange_one(d)
            if day in refund_days:
                _refund(d, lost=day == refund_days[-1])  # the last one has lost the slip
            if day in custody_days:
                _custody(d, custody_days[day])
            _states_at_the_end(d, day, days)
            _close(d)


def _actor(session: Session, login: str) -> Actor:
    """A demo user signed in at the depot (the keeper, the supervisor who approves)."""
    user = session.scalar(select(User).where(User.login == login))
    assert user is not None, f"the demo needs its user {login}"
    counter = counters.registered(session, DEPOT)
    return Actor(user.id, user.login, user.name, user.role, counter.code, counter.id)  # type: ignore[arg-type]


# --- the first day: the register, the customers, what they already held --------------------------


def _dates(rng: random.Random, cohort: str, today: date) -> tuple[date, date]:
    """(made, last inspected) of a delivery of ``cohort``, by the build day ``today`` (4 years between
    inspections, 8 of design life: the sizes' settings)."""
    years, back = dates.add_years, (lambda lo, hi: today - timedelta(days=rng.randint(lo, hi)))
    if cohort == "due_soon":  # due within the coming 30 days
        inspected = years(today + timedelta(days=rng.randint(3, 27)), -4)
    elif cohort == "overdue":  # fell due during the year
        inspected = years(back(15, 280), -4)
    elif cohort in ("life_end", "old"):  # design life over during the year / before it
        made = years(back(15, 280) if cohort == "life_end" else back(420, 1100), -8)
        return made, years(made, 4) + timedelta(days=rng.randint(0, 20))
    else:
        inspected = back(DAYS + 5, 4 * 365 - 90)
    made = max(inspected - timedelta(days=rng.randint(0, 4 * 365)), years(today, -8) + timedelta(days=120))
    return min(made, inspected), inspected


def _fleet(d: DepotYear, today: date) -> None:
    """The company's cylinders as deliveries: ranges of one make, made and inspected together."""
    for kind, (prefix, total, per, _price) in FLEET.items():
        deliveries = -(-total // per)
        ages = [c for c, share in COHORTS[1:] for _ in range(max(1, round(deliveries * share / 100)))]
        ages += [COHORTS[0][0]] * (deliveries - len(ages))
        d.rng.shuffle(ages)  # every age in every size, in their shares
        d.full[kind] = []
        for first in range(1, total + 1, per):
            last = min(total, first + per - 1)
            cohort = ages[(first - 1) // per]
            made, inspected = _dates(d.rng, cohort, today)
            state = "empty" if cohort == "old" or d.rng.random() < 0.05 else "full"
            serials = cylinders.register(
                d.session, d.keeper, f"{prefix}{first:06d}~{last:06d}", size=kind, made_on=made.isoformat(),
                last_inspected_on=inspected.isoformat(), maker=d.rng.choice(MAKERS), state=state,
                key=d.key("register"), document=f"入库单 {made:%Y}-{first // per + 1:03d}").serials
            found = list(d.session.scalars(select(Cylinder).where(Cylinder.serial.in_(serials))
                                           .order_by(Cylinder.serial)))
            (d.full[kind] if state == "full" else d.empty).extend(found)
    _sort_empties(d)


def _sort_empties(d: DepotYear) -> None:
    """Empties fit to be filled stay in ``empty``; the others wait for the inspection station."""
    day = business_day.today(d.session)
    fit, unfit = [], []
    for c in d.empty:
        due_soon = dates.due_soon(c.next_due_on, day, FILL_MARGIN)
        bad = dates.overdue(c.next_due_on, day) or dates.life_over(c.life_ends_on, day) or due_soon
        (unfit if bad else fit).append(c)
    d.empty, d.unfit = fit, d.unfit + unfit


def _address(rng: random.Random, kind: str) -> str:
    area = rng.choice(office.DEMO_AREAS)
    compound, street = rng.choice(area[2])
    if kind == "restaurant":
        return f"{street.split()[0]} {rng.randint(1, 300)} 号 一楼商铺"
    return f"{compound} {rng.randint(1, 24)} 栋 {rng.randint(1, 4)} 单元 {rng.randint(1, 18)}{rng.randint(1, 4):02d}"


def _new_customer(d: DepotYear, names: list[str], i: int, kind: str) -> Regular:
    name = d.rng.choice(names)
    if kind == "restaurant":
        name = f"{d.rng.choice(SHOPS)}（{name}）"
    done = customers.register(d.session, d.keeper, name=name, id_number=_id_number(ID_BASE + 7919 * i),
                              phone=_phone(d.rng), address=_address(d.rng, kind), kind=kind).customer
    pays = d.rng.choices(("coupon", "cash", "wechat"), (60, 28, 12))[0]
    return Regular(done.id, done.number, kind, pays)


def _customers(d: DepotYear, names: list[str], count: int, today: date) -> None:
    """The customers registered when the register was started: some from their piped-gas account."""
    holders = d.session.execute(
        select(Account.number, Account.holder_id_number).where(Account.status == AccountStatus.IN_SERVICE,
                                                               Account.number.is_not(None))
        .order_by(Account.id)).all()
    seen: set[str] = set()
    picked = []
    for number, id_number in d.rng.sample(holders, min(len(holders), FROM_ACCOUNTS * 3)):
        if id_number not in seen and len(picked) < FROM_ACCOUNTS:
            seen.add(id_number)
            picked.append(number)
    for number in picked:
        done = customers.register_account_holder(d.session, d.keeper, number).customer
        d.regulars.append(Regular(done.id, done.number, "household", d.rng.choice(("coupon", "cash"))))
    for i in range(count - len(picked)):
        d.regulars.append(_new_customer(d, names, i, "restaurant" if i % (count // RESTAURANTS) == 0
                                        else "household"))
    for n, r in enumerate(d.rng.sample([r for r in d.regulars if r.kind == "household"], OWN)):
        serials = f"GK-{2 * n + 1:05d}" + (f"~{2 * n + 2:05d}" if n % 3 == 0 else "")  # a third own two
        made, inspected = _dates(d.rng, "good", today)
        cylinders.register(d.session, d.keeper, serials, size="YSP35.5" if n % 4 else "YSP12",
                           made_on=made.isoformat(), last_inspected_on=inspected.isoformat(),
                           maker=MAKERS[n % len(MAKERS)], owner=r.number, key=d.key("own"), document="用户自有瓶登记")


def _wants(d: DepotYear, r: Regular) -> list[str]:
    """The sizes a customer holds: a household one or two, a restaurant two to four larger ones."""
    if r.kind == "restaurant":
        return [d.rng.choice(("YSP35.5", "YSP118"))] * d.rng.randint(2, 4)
    return [d.rng.choices(("YSP35.5", "YSP12"), (65, 35))[0]] * d.rng.choices((1, 2), (70, 30))[0]


def _opening(d: DepotYear) -> None:
    """The company cylinders the first customers held when the register was started."""
    for r in d.regulars:
        wanted = [c for c in (d.pick_full(kind, r.id) for kind in _wants(d, r)) if c is not None]
        if not wanted:
            continue
        txn = movements.open_transaction(d.session, d.keeper, "opening", d.key("opening"), customer_id=r.id,
                                         note="建档前已在用户处（押金在旧台账）")
        for c in wanted:
            d.move(txn, c, E.HAND_OUT, holder_id=r.id, reason="建档前已在用户处")
        r.holds.extend(wanted)


def _receive_books(d: DepotYear, kind: str) -> None:
    """A delivery of printed coupon books of ``kind`` into the depot's stock."""
    first = d.next_coupon.get(kind, 1)
    last = first + BOOKS_A_DELIVERY * PER_BOOK - 1
    tag = f"LQ26-{COUPON_TAG[kind]}-"
    face = FLEET[kind][3]
    done = coupons.receive(d.session, d.keeper, f"{tag}{first:05d}~{last:05d}", size=kind, face_value=str(face),
                           per_book=PER_BOOK)
    d.books.setdefault(kind, []).extend(b for b, _e in done.books)
    d.next_coupon[kind] = last + 1


# --- the keeper's day ----------------------------------------------------------------------------


def _method(d: DepotYear, r: Regular) -> tuple[str, str | None]:
    method = "wechat" if r.pays == "wechat" or d.rng.random() < 0.15 else "cash"
    reference = None if method == "cash" else f"WX{business_day.today(d.session):%Y%m%d}{r.id:05d}{d.n}"
    return method, reference


def _exchange_one(d: DepotYear) -> None:
    """A regular comes with their empties: exchanged when the checks allow, refused (and logged) when not."""
    active = [r for r in d.regulars if r.active and r.holds]
    if not active:
        return
    r = d.rng.choices(active, [3 if x.kind == "restaurant" else 1 for x in active])[0]
    fit = [c for c in r.holds if d.may_take_in(c, r.id)]
    if not fit:
        _refused(d, r)
        return
    bring = fit if r.kind == "restaurant" else fit[:1 if d.rng.random() < 0.75 else 2]
    pairs, fulls = [], []
    for empty in bring:
        full = d.pick_full(empty.size, r.id)
        if full is None:
            break
        pairs.append(exchange.Pair(empty.serial, full.serial))
        fulls.append((empty, full))
    if not pairs:
        return
    sizes = [full.size for _e, full in fulls]
    if r.pays == "coupon":
        paying = _coupons_for(d, r, sizes)
        exchange.exchange(d.session, d.keeper, r.number, pairs, coupons=paying, key=d.key("exchange"))
    else:
        method, reference = _method(d, r)
        amount = Decimal(sum(FLEET[s][3] for s in sizes))
        tendered = (amount // 50 + 1) * 50 if method == "cash" and d.rng.random() < 0.5 else None
        exchange.exchange(d.session, d.keeper, r.number, pairs, amount=amount, method=method, reference=reference,
                          tendered=tendered, key=d.key("exchange"))
    _swapped(d, r, fulls)


def _swapped(d: DepotYear, r: Regular, fulls: list[tuple[Cylinder, Cylinder]]) -> None:
    """What the builder knows after an exchange: the fulls with the customer, the empties in stock."""
    for empty, full in fulls:
        r.holds.remove(empty)
        r.holds.append(full)
        d.empty.append(empty)


def _refused(d: DepotYear, r: Regular) -> None:
    """The customer's empty is overdue or past its life: refused at the counter (and logged); they
    stop coming."""
    r.active = False
    empty = r.holds[0]
    full = d.pick_full(empty.size, r.id) if d.refused < MAX_REFUSALS else None
    if full is None:
        return
    try:
        exchange.exchange(d.session, d.keeper, r.number, [exchange.Pair(empty.serial, full.serial)],
                          amount=str(FLEET[empty.size][3]), method="cash", key=d.key("refused"))
    except exchange.ExchangeRefused as refusal:
        exchange.log_refusals(d.session, d.keeper, r.number, refusal.refusals)
        d.refused += 1
        d.full[full.size].append(full)  # it stays in stock
        return
    _swapped(d, r, [(empty, full)])  # the service took it after all: they keep coming
    r.active = True


def _coupons_for(d: DepotYear, r: Regular, sizes: list[str]) -> list[str]:
    """One coupon of each full's size, buying a book when the customer has run out."""
    paying = []
    for kind in sizes:
        wallet = r.wallet.setdefault(kind, [])
        if not wallet:
            if not d.books.get(kind):
                _receive_books(d, kind)
            first = d.books[kind].pop(0)
            method, reference = _method(d, r)
            sold = coupons.sell_book(d.session, d.keeper, r.number, first, method=method, reference=reference,
                                     key=d.key("coupons"))
            prefix = sold.first_serial[:-5]
            start = int(sold.first_serial[-5:])
            wallet.extend(f"{prefix}{n:05d}" for n in range(start, start + sold.count))
        paying.append(wallet.pop(0))
    return paying


def _lend(d: DepotYear, names: list[str], i: int) -> None:
    """A new customer takes company cylinders home against a deposit."""
    r = _new_customer(d, names, CUSTOMERS + i, "restaurant" if i % 9 == 4 else "household")
    d.regulars.append(r)
    kind, count = ("YSP35.5", 2) if r.kind == "restaurant" else (d.rng.choice(("YSP35.5", "YSP12")), 1)
    lent = [c for c in (d.pick_full(kind, r.id) for _ in range(count)) if c is not None]
    if not lent:
        return
    method, reference = _method(d, r)
    done = deposits.lend(d.session, d.keeper, r.number, [c.serial for c in lent], method=method, reference=reference,
                         key=d.key("lend"))
    r.holds.extend(lent)
    r.slip = done.slip_number


def _cash_in_till(d: DepotYear) -> Decimal:
    try:
        shift = shift_close.open_shift_of(d.session, d.keeper)
    except NotFound:
        return Decimal(0)
    return shift_report.money_in(d.session, shift.id)[1]


def _refund(d: DepotYear, *, lost: bool) -> None:
    """A borrower brings the cylinders back: the deposit refunded against the slip (or, the slip
    lost, with the supervisor's approval)."""
    borrowers = [r for r in d.regulars if r.slip and r.holds]
    if not borrowers:
        return
    r = d.rng.choice(borrowers)
    slip = deposits.find_slip(d.session, r.slip or "")
    back = [c for c in r.holds if c.size == slip.size][:slip.count]
    if len(back) != slip.count:
        return
    method = "cash" if _cash_in_till(d) >= slip.amount else "wechat"
    reference = None if method == "cash" else f"WXR{business_day.today(d.session):%Y%m%d}{r.id:05d}"
    serials = [c.serial for c in back]
    if lost:
        deposits.refund(d.session, d.keeper, serials, customer_number=r.number, approver=d.boss, method=method,
                        reference=reference, key=d.key("refund"))
    else:
        deposits.refund(d.session, d.keeper, serials, slip_number=slip.number, method=method, reference=reference,
                        key=d.key("refund"))
    for c in back:
        r.holds.remove(c)
        d.empty.append(c)
    r.slip, r.active = None, bool(r.holds)


def _moved(d: DepotYear, kind: str, batch: list[Cylinder], event: E, *, document: str = "", reason: str = "",
           note: str = "") -> None:
    """``batch`` moved by ``event`` in one depot transaction of ``kind``."""
    if not batch:
        return
    txn = movements.open_transaction(d.session, d.keeper, kind, d.key(kind), document=document, note=note)
    for c in batch:
        d.move(txn, c, event, reason=reason)


def _plant_trip(d: DepotYear) -> None:
    """Monday: last week's empties back full from the filling plant, this week's fit empties sent."""
    day = business_day.today(d.session)
    back, d.plant = d.plant, []
    _moved(d, "from_plant", back, E.RECEIVE_FULL, document=f"充装单 {day:%Y%m%d}")
    for c in back:
        d.full[c.size].append(c)
    _sort_empties(d)
    d.plant, d.empty = d.empty, []
    _moved(d, "to_plant", d.plant, E.SEND_TO_PLANT, document=f"送充单 {day:%Y%m%d}")


def _custody(d: DepotYear, step: str) -> None:
    """Customers' own cylinders left with the depot against a custody slip (代存单), and one slip
    handed back later."""
    own = d.session.scalars(select(Cylinder).where(Cylinder.owner_id.is_not(None),
                                                   Cylinder.state == CylinderState.WITH_CUSTOMER)
                            .order_by(Cylinder.serial))
    if step == "take":
        by_owner: dict[int, list[str]] = {}
        for c in own:
            by_owner.setdefault(c.owner_id or 0, []).append(c.serial)
        for owner in list(by_owner)[:4]:
            number = d.session.get(LpgCustomer, owner).number  # type: ignore[union-attr]
            d.slips.append(custody.take(d.session, d.keeper, number, by_owner[owner], key=d.key("custody"))
                           .slip_number)
    elif d.slips:
        custody.hand_back(d.session, d.keeper, d.slips.pop(0), key=d.key("hand-back"))


def _states_at_the_end(d: DepotYear, day: date, days: list[date]) -> None:
    """The last weeks: past-life empties sent for inspection and scrapped there, others rejected and
    scrapped at the depot, a batch of overdue ones still at the inspection station."""
    if day == days[-45]:
        _sort_empties(d)
        old = [c for c in d.unfit if dates.life_over(c.life_ends_on, day)][:8]
        d.unfit = [c for c in d.unfit if c not in old]
        _moved(d, "to_inspection", old, E.SEND_INSPECTION, document=f"送检单 {day:%Y%m%d}")
        d.inspection = old
    elif day == days[-25]:
        _moved(d, "from_inspection", d.inspection, E.FAIL_INSPECTION, reason="检验不合格",
               document=f"检验报告 {day:%Y%m%d}", note="报废")
        d.inspection = []
    elif day == days[-15]:
        _sort_empties(d)
        rejected = d.rng.sample(d.empty, min(8, len(d.empty)))
        d.empty = [c for c in d.empty if c not in rejected]
        for n, c in enumerate(rejected):
            _moved(d, "reject", [c], E.REJECT, reason=REJECTED[n % len(REJECTED)], note="停用待处理")
            if n < 3:
                _moved(d, "scrap", [c], E.SCRAP, reason=REJECTED[n % len(REJECTED)], note="报废")
    elif day == days[-6]:
        _sort_empties(d)
        due = sorted((c for c in d.unfit if not dates.life_over(c.life_ends_on, day)),
                     key=lambda c: (c.next_due_on, c.serial))[:12]  # the most overdue first
        d.unfit = [c for c in d.unfit if c not in due]
        _moved(d, "to_inspection", due, E.SEND_INSPECTION, document=f"送检单 {day:%Y%m%d}")
        d.inspection = due


def _close(d: DepotYear) -> None:
    """The keeper's day closed by denomination (the till is right) and remitted to finance."""
    try:
        shift = shift_close.open_shift_of(d.session, d.keeper)
    except NotFound:  # only coupons that day: no money taken
        return
    cash = shift_report.money_in(d.session, shift.id)[1]
    shift_close.close_shift(d.session, d.keeper, counted=notes(cash), approver=d.boss)
    remittances.remit(d.session, d.keeper, shift.id, received_by=FINANCE)
