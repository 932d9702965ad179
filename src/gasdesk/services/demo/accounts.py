"""The demo office's accounts: a few hundred opened through the real services (full audit
trail, every state, a transfer, a meter change, a gas-on day), the rest generated in bulk.

Both post their money on the business days it happened. The service-opened accounts take their
steps in date order, each inside ``business_day.on_day``, so the services post the signing, a
transfer's refund and a settlement in that day's shift. The bulk accounts come in date order
too (2016 up to the day before the first service-opened one), and their postings are built by
``ledger.history`` (the ledger's line checks, allocations and Money type) and written day by day
into one closed shift per day at the demo counter, and each one's history rows (the audit rows
its steps' services write, on their business days) are sealed on the chain after them. The only
gas charged is a closing settlement's, for the use its meters show (DEMO_PRICE); bills come from
the billing demo.

The bulk generator keeps the invariants the services keep: numbers come from the same
per-area counters and check digit, signings and settlements post the lines the services post
(closing.release_lines), search keys come from name_keys().
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gasdesk.models import Account, Area, AuditEntry, Compound, Contract, Meter, Premises, Shift, User
from gasdesk.models.base import utcnow
from gasdesk.models.users import Role
from gasdesk.money import round_fen
from gasdesk.services.accounts import changes, closing, gas_on_days, numbers, opening, records
from gasdesk.services.accounts.identity import id_check_char, mask_id, mask_phone, name_keys, phone_tail4
from gasdesk.services.core import audit, business_day
from gasdesk.services.core.actor import Actor
from gasdesk.services.demo import office
from gasdesk.services.ledger import Balances, Line, Payment, history
from gasdesk.services.ledger.posting import with_payment
from gasdesk.services.office import address, counters

D = Decimal
SEED = 20261127
BASE_ACCOUNTS = 3000
SERVICE_ACCOUNTS = 240  # opened through the services one by one
FLATS_PER_COMPOUND = 20 * 4 * 18 * 4  # buildings x units x floors x rooms per floor
CHUNK = 20_000
SERVICE_START = date(2025, 3, 1)  # the service-opened accounts apply one a day from here
BULK_START, BULK_END = date(2016, 1, 1), SERVICE_START - timedelta(days=1)  # the generated years
METHODS = ("cash", "wechat", "alipay", "card")

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红"
    "建国志文斌宇浩凯鹏辉俊峰晨欣怡雪梅海燕子涵一鸣思远佳琪"
)
REGIONS = ("110105", "310104", "420102", "440106", "510107", "330106", "320102", "370102")
STREETS = ("建设路", "解放大道", "人民路", "中山路", "工业大道", "滨江路", "东湖路", "西环路")
# The street customers: what the premises are, and the customer type that follows from it (one table,
# so a restaurant is never typed industrial). One in STREET_EVERY generated accounts is one of these.
STREET_CUSTOMERS: tuple[tuple[str, str], ...] = (
    ("餐馆", "commercial"), ("面馆", "commercial"), ("酒店", "commercial"), ("茶楼", "commercial"),
    ("烘焙坊", "commercial"), ("洗衣店", "commercial"), ("食品厂", "industrial"), ("机械厂", "industrial"),
    ("纺织厂", "industrial"), ("小学", "public"), ("中学", "public"), ("医院", "public"), ("卫生院", "public"),
    ("机关办公楼", "public"), ("街道办事处", "public"),
)
STREET_EVERY = 25
# Illustrative first-tier gas prices (yuan per m³) the demo's closing settlements charge the use at,
# until the billing demo bills readings: no meter shows use that nothing charged, nor a charge without use.
DEMO_PRICE = {"residential": D("2.61"), "commercial": D("3.20"), "industrial": D("3.05"), "public": D("3.10")}

# status -> share of the generated accounts (sums to 1000)
STATUS_MIX = (
    ("in_service", 800), ("suspended", 30), ("closed", 40), ("application", 25), ("contract_signed", 5),
    ("numbered", 25), ("install_planned", 20), ("installed", 45), ("gas_on", 10),
)
FEES = {"residential": (D("200.00"), D("1500.00"), D("300.00")),
        "commercial": (D("500.00"), D("3000.00"), D("1000.00")),
        "industrial": (D("1000.00"), D("8000.00"), D("5000.00")),
        "public": (D("500.00"), D("3000.00"), D("1000.00"))}


@cache
def _keys(name: str) -> tuple[str, str]:
    return name_keys(name)


def _name_pool(rng: random.Random) -> list[str]:
    given = list(GIVEN)
    pool = {s + g for s in SURNAMES for g in given}
    while len(pool) < 12_000:
        pool.add(rng.choice(SURNAMES) + rng.choice(given) + rng.choice(given))
    return sorted(pool)


def _id_number(i: int) -> str:
    born = date(1940, 1, 1) + timedelta(days=i % 21_900)
    body = f"{REGIONS[(i // 21_900) % len(REGIONS)]}{born:%Y%m%d}{(i // 175_200) % 1000:03d}"
    return body + id_check_char(body)


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def _clerk(session: Session) -> Actor:
    user = session.scalar(select(User).where(User.role == Role.CLERK.value).order_by(User.id))
    assert user is not None, "the demo needs its clerk"
    counter = counters.registered(session, office.COUNTER)
    return Actor(user.id, user.login, user.name, Role.CLERK, counter.code, counter.id)


def build(session: Session, admin: Actor, size: int) -> None:
    """The accounts demo builder (services.demo.BUILDERS): BASE_ACCOUNTS + size accounts."""
    rng = random.Random(SEED)
    names = _name_pool(rng)
    clerk = _clerk(session)
    total = BASE_ACCOUNTS + max(size, 0)
    _ensure_compounds(session, admin, total)
    flats = _flats(session)
    opened = _open_with_services(session, clerk, rng, names, flats)
    _bulk(session, admin, clerk, rng, names, flats[opened:], total - opened)


def _ensure_compounds(session: Session, admin: Actor, total: int) -> None:
    need = -(-total // FLATS_PER_COMPOUND) + 1
    areas = session.scalars(select(Area).order_by(Area.code)).all()
    have = session.scalar(select(func.count()).select_from(Compound)) or 0
    n = 0
    while have < need:
        n += 1
        area = areas[n % len(areas)]
        address.add_compound(session, admin, area.id, f"新城{n}期", f"{STREETS[n % len(STREETS)]} {100 + n} 号")
        have += 1


def _flats(session: Session) -> list[tuple[int, int, str, str, str]]:
    """(area_id, compound_id, building, unit, room) for every flat, compound by compound."""
    out = []
    for c in session.scalars(select(Compound).order_by(Compound.id)):
        for b in range(1, 21):
            for u in range(1, 5):
                for floor in range(1, 19):
                    for r in range(1, 5):
                        out.append((c.area_id, c.id, str(b), str(u), f"{floor}{r:02d}"))
    return out


def _open_with_services(session: Session, clerk: Actor, rng: random.Random, names: list[str],
                        flats: list[tuple[int, int, str, str, str]]) -> int:
    """A few hundred accounts through the real workflow, so history and audit look lived-in.

    Every account's steps are a generator that yields the day of its next step; the steps of
    all of them run in date order, each on its business day, so each day has one shift."""
    key = iter(range(1, 10**9))
    due = []
    for i in range(SERVICE_ACCOUNTS):
        life = _life(session, clerk, rng, names, flats[i], i, key)
        due.append((next(life), i, life))
    heapq.heapify(due)
    while due:
        day, i, life = heapq.heappop(due)
        with business_day.on_day(session, day):
            later = next(life, None)
        if later is not None:
            heapq.heappush(due, (later, i, life))
    # The last day's shift ends with it (shifts.current closed the others as the days moved on).
    for shift in session.scalars(select(Shift).where(Shift.user_id == clerk.user_id, Shift.status == "open")):
        shift.status, shift.closed_at = "closed", utcnow()
    session.flush()
    # one compound's gas-on day under way today (marks only once the day has come): some households marked
    event = gas_on_days.plan_event(session, clerk, flats[0][1], planned_on=business_day.today(session),
                                   installer_team="安装一队", note="物业已通知各户")
    rows = gas_on_days.sign_off_rows(session, clerk, event.id).rows
    for row in rows[:3]:
        if row.meter_serial:
            gas_on_days.mark(session, clerk, event.id, row.account_id, "done")
    if len(rows) > 4:
        gas_on_days.mark(session, clerk, event.id, rows[-1].account_id, "absent", note="家中无人")
    return SERVICE_ACCOUNTS


def _life(session: Session, clerk: Actor, rng: random.Random, names: list[str], flat: tuple[int, int, str, str, str],
          i: int, key: Iterator[int]) -> Iterator[date]:
    """Account i's steps, from its application on day i: yields the day of the next step."""
    _area_id, compound_id, b, u, r = flat
    statuses = [s for s, _ in STATUS_MIX if s != "contract_signed"]
    # building 1 of the first compound waits for its gas-on day; the rest cycle through every state
    status = "installed" if i < 24 else statuses[i % len(statuses)]
    day = SERVICE_START + timedelta(days=i)
    yield day
    a = opening.apply(
        session, clerk, account_type="residential",
        holder=records.HolderInput(names[rng.randrange(len(names))], _id_number(5_000_000 + i), _phone(rng)),
        premises=records.PremisesInput(compound_id=compound_id, building=b, unit=u, room=r),
        household_size=rng.randint(1, 6), applied_on=day,
    )
    if status == "application":
        return
    if status == "closed" and i % 2:
        yield day + timedelta(days=3)
        closing.close(session, clerk, a.id, closed_on=day + timedelta(days=3))
        return
    fees = records.ContractFees(*FEES["residential"])
    opening.sign_contract(session, clerk, a.id, fees=fees, paid=fees.total, method=rng.choice(METHODS),
                          idempotency_key=f"demo-svc-{next(key)}", signed_on=day)
    if status == "numbered":
        return
    opening.plan_installation(session, clerk, a.id, planned_on=day + timedelta(days=7),
                              installer_team=f"安装{'一二三'[i % 3]}队")
    if status == "install_planned":
        return
    yield day + timedelta(days=7)
    opening.mark_installed(session, clerk, a.id, installed_on=day + timedelta(days=7))
    if status == "installed":
        if i % 2:
            changes.register_meter(session, clerk, a.id, serial=f"SV{i:07d}", initial_reading=D("0"),
                                   installed_on=day + timedelta(days=7))
        return
    yield day + timedelta(days=10)
    opening.gas_on(session, clerk, a.id, on=day + timedelta(days=10), serial=f"SV{i:07d}", initial_reading=D("0"))
    if status == "gas_on":
        return
    opening.start_service(session, clerk, a.id)
    if i % 7 == 0:
        changes.rename(session, clerk, a.id, names[rng.randrange(len(names))], reason="家庭成员变更")
    if i % 11 == 0:
        yield day + timedelta(days=60)
        changes.transfer(
            session, clerk, a.id, funds="carry_over" if i % 2 else "refund", consent="原户主签字同意",
            holder=records.HolderInput(names[rng.randrange(len(names))], _id_number(6_000_000 + i), _phone(rng)),
            idempotency_key=f"demo-svc-{next(key)}", signed_on=day + timedelta(days=60))
    used = D("0.000")  # gas through the account's meters since gas-on (no bill has charged any yet)
    if i % 13 == 0:
        yield day + timedelta(days=90)
        old_final = D("85.250")
        changes.replace_meter(session, clerk, a.id, final_reading=old_final, new_serial=f"SN{i:07d}",
                              new_initial_reading=D("0"), on=day + timedelta(days=90))
        used += old_final
    if status == "suspended":
        changes.suspend(session, clerk, a.id, "用户外出，申请停气")
    elif status == "closed":
        yield day + timedelta(days=120)
        final = D(40_000 + i * 7919 % 360_000) / 1000  # initial reading 0: this is the meter's use
        closing.settle_for_closing(session, clerk, a.id, method="cash", idempotency_key=f"demo-svc-{next(key)}",
                                   settlement_charge=gas_charge("residential", used + final))
        closing.close(session, clerk, a.id, final_reading=final, closed_on=day + timedelta(days=120))


def gas_charge(kind: str, use: Decimal) -> Decimal:
    """What the demo charges for ``use`` m³ of gas (half-up to the fen, as every charge)."""
    return round_fen(use * DEMO_PRICE[kind])


def _next_id(session: Session, model: type) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1  # type: ignore[attr-defined]


def _chunks(n: int) -> Iterator[range]:
    for start in range(0, n, CHUNK):
        yield range(start, min(start + CHUNK, n))


def _bulk(session: Session, admin: Actor, clerk: Actor, rng: random.Random, names: list[str],
          flats: list[tuple[int, int, str, str, str]], count: int) -> None:
    """Generated accounts in date order, inserted in chunks through Core (no ORM objects, explicit
    ids); their postings day by day (ledger.history), a closing's when its day comes."""
    if count <= 0:
        return
    if session.connection().dialect.name == "sqlite":
        # A large page cache keeps the index B-trees in memory during the load.
        session.connection().exec_driver_sql("PRAGMA cache_size=-262144")
    mix = [s for s, share in STATUS_MIX for _ in range(share)]
    ids = {m: _next_id(session, m) for m in (Premises, Account, Meter, Contract)}
    book = history.Batch(session)
    closings: list[tuple[date, int, str, Decimal, dict]] = []  # (day, account, type, use, row), soonest first
    span = (BULK_END - BULK_START).days - 12  # the last ones still open before BULK_END
    areas = [a.id for a in session.scalars(select(Area).order_by(Area.code))]
    flat_i = 0
    for chunk in _chunks(count):
        rows: dict[type, list[dict]] = {m: [] for m in ids}
        numbered: dict[int, list[dict]] = {}
        lives: list[tuple[dict, int | None, bool]] = []  # (account row, its signing posting, has a meter)
        for k in chunk:
            status = mix[rng.randrange(len(mix))]
            street = (k % STREET_EVERY) == 0 or flat_i >= len(flats)
            pid = ids[Premises]
            ids[Premises] += 1
            applied = BULK_START + timedelta(days=k * span // count)
            at = history.moment(applied)
            if street:
                shop, kind = STREET_CUSTOMERS[k // STREET_EVERY % len(STREET_CUSTOMERS)]
                area_id = areas[k % len(areas)]
                rows[Premises].append(dict(id=pid, area_id=area_id, compound_id=None, building=None, unit=None,
                                           room=None, street=f"{STREETS[k % len(STREETS)]} {k + 1} 号 {shop}"))
            else:
                kind = "residential"
                area_id, compound_id, b, u, r = flats[flat_i]
                flat_i += 1
                rows[Premises].append(dict(id=pid, area_id=area_id, compound_id=compound_id, building=b, unit=u,
                                           room=r, street=""))
            name = names[rng.randrange(len(names))]
            pinyin, initials = _keys(name)
            phone = _phone(rng)
            aid = ids[Account]
            ids[Account] += 1
            signed = status != "application"
            planned = status not in ("application", "contract_signed", "numbered")
            live = status in ("gas_on", "in_service", "suspended", "closed")
            opened_on = applied + timedelta(days=12)
            acc = dict(
                id=aid, number=None, area_id=area_id, premises_id=pid, type=kind, status=status,
                holder_name=name, holder_id_number=_id_number(k), name_pinyin=pinyin, name_initials=initials,
                phone=phone, phone2="", phone_tail4=phone_tail4(phone), household_size=rng.randint(1, 6),
                applied_on=applied, contract_signed_on=applied + timedelta(days=2) if signed else None,
                install_planned_on=applied + timedelta(days=9) if planned else None,
                installer_team="安装一队" if planned else "",
                installed_on=applied + timedelta(days=9) if status == "installed" or live else None,
                opened_on=opened_on if live else None,
                # closed some time before BULK_END: the settlement's day stays inside the generated years
                closed_on=opened_on + timedelta(days=(BULK_END - opened_on).days * (k % 89 + 1) // 90)
                if status == "closed" else None,
                created_at=at,
            )
            rows[Account].append(acc)
            if signed and status != "contract_signed":
                numbered.setdefault(area_id, []).append(acc)
            signing = _bulk_signing(book, rows, ids, acc, kind, clerk, rng) if signed else None
            metered = live or (status == "installed" and k % 2 == 1)
            lives.append((acc, signing, metered))
            if metered:
                mid = ids[Meter]
                ids[Meter] += 1
                final = D(rng.randrange(50_000, 3_000_000)) / 1000 if status == "closed" else None
                installed = acc["installed_on"] or applied
                rows[Meter].append(dict(
                    id=mid, account_id=aid, serial=f"G{aid:09d}", model="G2.5", digits=5,
                    installed_on=installed, initial_reading=D("0.000"), removed_on=acc["closed_on"],
                    final_reading=final, registered_by=clerk.user_id, created_at=history.moment(installed)))
            if status == "closed":
                heapq.heappush(closings, (acc["closed_on"], aid, kind, final, acc))
        for area_id, accs in numbered.items():
            first = numbers.reserve(session, area_id, len(accs))
            code = session.get(Area, area_id).code  # type: ignore[union-attr]
            for offset, acc in enumerate(accs):
                acc["number"] = numbers.make_number(code, first + offset)
        # the settlements due by the chunk's last signing day; later ones wait for their day
        last = applied + timedelta(days=2) if chunk.stop < count else date.max
        trail = [row for acc, signing, metered in lives for row in _bulk_trail(acc, signing, metered, clerk)]
        while closings and closings[0][0] <= last:
            trail += _bulk_closing(book, *heapq.heappop(closings), clerk)
        # Parents before children (foreign keys are on): accounts, their postings, the contracts;
        # then their history, sealed on the chain after the postings it names.
        for model in (Premises, Account, Meter):
            history.insert_rows(session, model, rows[model])
        history.write(session, book)
        history.insert_rows(session, Contract, rows[Contract])
        history.insert_rows(session, AuditEntry, trail)
    history.close(session, book)
    audit.record(session, admin, "demo.generate_accounts", "account", "", after={"accounts": count, "seed": SEED})


def _bulk_signing(book: history.Batch, rows: dict, ids: dict, acc: dict, kind: str, clerk: Actor,
                  rng: random.Random) -> int:
    """The signing as opening.sign_contract posts it: the fees as charges, paid in full. Returns the posting."""
    opening_fee, install, prepay = FEES[kind]
    day = acc["contract_signed_on"]
    lines = [Line("opening_fee", opening_fee), Line("installation_fee", install), Line("prepayment", prepay)]
    payment = Payment(opening_fee + install + prepay, rng.choice(METHODS))
    pid = history.record(book, acc["id"], lines, payment=payment, on=day, counter_id=_counter(clerk),
                         user_id=clerk.user_id, action="account.sign_contract", memo="开户签约")
    acc["_signing"] = (pid, with_payment(lines, payment)[0])
    rows[Contract].append(dict(
        id=ids[Contract], account_id=acc["id"], kind="opening", holder_name=acc["holder_name"],
        holder_id_number=acc["holder_id_number"], signed_on=day, opening_fee=opening_fee,
        installation_fee=install, prepayment=prepay, deposit=D("0.00"),
        status="ended" if acc["status"] == "closed" else "open", ended_on=acc["closed_on"], note="",
        posting_id=pid, submission_key=None, signed_by=clerk.user_id, created_at=history.moment(day)))
    ids[Contract] += 1
    return pid


def _bulk_closing(book: history.Batch, day: date, account_id: int, kind: str, use: Decimal, acc: dict,
                  clerk: Actor) -> list[dict]:
    """The settlement as closing.settle_for_closing posts it (the gas since gas-on charged, the prepayment
    held since signing released, the net taken or paid back), then 销户 with the final reading: the
    posting, and the history rows the two services write."""
    held = Balances(D("0.00"), FEES[kind][2], D("0.00"))
    lines = closing.release_lines(held, "cash", gas_charge(kind, use))
    pid = history.record(book, account_id, lines, on=day, counter_id=_counter(clerk), user_id=clerk.user_id,
                         action="account.settle", memo="销户结算")
    return [_trail_row(clerk, day, "account.settle", account_id, None, _posting_view(pid, day, lines)),
            _trail_row(clerk, day, "account.close", account_id, {"status": "in_service"},
                       {"status": "closed", "number": acc["number"], "final_reading": use})]


def _posting_view(posting_id: int, day: date, lines: list[Line]) -> dict[str, object]:
    """A posting as the ledger's audit row shows it (posting.audit_view): paid in full, balance 0."""
    return {"posting_id": posting_id, "business_date": day, "balance": "0.00",
            "entries": [[line.kind, str(line.amount), line.method] for line in lines]}


def _trail_row(clerk: Actor, day: date, action: str, account_id: int, before: dict | None,
               after: dict | None) -> dict[str, object]:
    """One history row as audit.record writes it (its serialisation), at the clerk's counter on its business day."""
    return dict(id=None, at=history.moment(day), user_id=clerk.user_id, login=clerk.login, counter=clerk.counter,
                action=action, entity="account", entity_id=str(account_id), before=audit._dump(before),
                after=audit._dump(after), chain_seq=None, row_hash=None)


def _bulk_trail(acc: dict, signing: int | None, metered: bool, clerk: Actor) -> Iterator[dict]:
    """The history rows the opening services write for a generated account, step by step up to its
    status (a closing's come with its settlement): application, signing and its posting, number,
    installation plan, installed, the meter, gas-on, in service, a suspension."""
    aid, number, status = acc["id"], acc["number"], acc["status"]

    def step(day: date, event: str, before: str, after: str, **detail: object) -> dict:
        return _trail_row(clerk, day, f"account.{event}", aid, {"status": before},
                          {"status": after, "number": number, **detail})

    yield _trail_row(clerk, acc["applied_on"], "account.apply", aid, None, {
        "type": acc["type"], "premises_id": acc["premises_id"], "household_size": acc["household_size"],
        "holder_name": acc["holder_name"], "id_number": mask_id(acc["holder_id_number"]),
        "phone": mask_phone(acc["phone"])})
    if signing is None:
        return
    signed = acc["contract_signed_on"]
    yield _trail_row(clerk, signed, "account.sign", aid, {"status": "application"},
                     {"status": "contract_signed", "number": None})
    pid, lines = acc.pop("_signing")
    yield _trail_row(clerk, signed, "account.sign_contract", aid, None, _posting_view(pid, signed, lines))
    if status == "contract_signed":
        return
    yield step(signed, "number", "contract_signed", "numbered")
    if acc["install_planned_on"] is None:
        return
    yield step(signed, "plan_install", "numbered", "install_planned", planned_on=acc["install_planned_on"],
               installer_team=acc["installer_team"])
    if acc["installed_on"] is None:
        return
    yield step(acc["installed_on"], "install", "install_planned", "installed", on=acc["installed_on"])
    if status == "installed":
        if metered:  # registered before the gas-on day, as changes.register_meter does
            yield _trail_row(clerk, acc["installed_on"], "account.register_meter", aid, None,
                             {"serial": f"G{aid:09d}", "initial_reading": D("0.000"), "digits": 5})
        return
    yield step(acc["opened_on"], "gas_on", "installed", "gas_on", on=acc["opened_on"])
    if status == "gas_on":
        return
    yield step(acc["opened_on"], "start_service", "gas_on", "in_service")
    if status == "suspended":
        yield step(min(acc["opened_on"] + timedelta(days=30), BULK_END), "suspend", "in_service", "suspended",
                   reason="用户外出，申请停气")


def _counter(clerk: Actor) -> int:
    assert clerk.counter_id is not None, "the demo clerk works at the demo counter"
    return clerk.counter_id
