"""The demo office's accounts: a few hundred opened through the real services (full audit
trail, every state, a transfer, a meter change, a gas-on day), the rest generated in bulk.

The bulk generator keeps the invariants the services keep: numbers come from the same
per-area counters and check digit, money goes into the same append-only ledger tables as
postings whose entries net as a real signing would, search keys come from name_keys().
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, func, insert, select
from sqlalchemy.orm import Session

from gasdesk.models import (
    Account,
    Area,
    Compound,
    Contract,
    LedgerEntry,
    LedgerPosting,
    Meter,
    Party,
    Premises,
    User,
)
from gasdesk.models.base import UTCDateTime
from gasdesk.models.users import Role
from gasdesk.money import Money, Volume
from gasdesk.services.accounts import changes, closing, gas_on_days, numbers, opening, records
from gasdesk.services.accounts.identity import id_check_char, name_keys, phone_tail4
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.demo import office
from gasdesk.services.office import address, counters

D = Decimal
SEED = 20261127
BASE_ACCOUNTS = 3000
SERVICE_ACCOUNTS = 240  # opened through the services one by one
FLATS_PER_COMPOUND = 20 * 4 * 18 * 4  # buildings x units x floors x rooms per floor
CHUNK = 20_000

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
SHOPS = ("餐馆", "面馆", "酒店", "食堂", "洗衣店", "烘焙坊", "茶楼", "工厂")

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
    """A few hundred accounts through the real workflow, so history and audit look lived-in."""
    start = date(2025, 3, 1)
    statuses = [s for s, _ in STATUS_MIX if s != "contract_signed"]
    key = iter(range(1, 10**9))
    gas_on_compound = flats[0][1]
    for i in range(SERVICE_ACCOUNTS):
        _area_id, compound_id, b, u, r = flats[i]
        # building 1 of the first compound waits for its gas-on day; the rest cycle through every state
        status = "installed" if i < 24 else statuses[i % len(statuses)]
        day = start + timedelta(days=i)
        a = opening.apply(
            session, clerk, account_type="residential",
            holder=records.HolderInput(names[rng.randrange(len(names))], _id_number(5_000_000 + i), _phone(rng)),
            premises=records.PremisesInput(compound_id=compound_id, building=b, unit=u, room=r),
            household_size=rng.randint(1, 6), applied_on=day,
        )
        if status == "application":
            continue
        if status == "closed" and i % 2:
            closing.close(session, clerk, a.id, closed_on=day + timedelta(days=3))
            continue
        fees = records.ContractFees(*FEES["residential"])
        opening.sign_contract(session, clerk, a.id, fees=fees, paid=fees.total,
                               method=rng.choice(("cash", "wechat", "alipay", "card")),
                               idempotency_key=f"demo-svc-{next(key)}", signed_on=day)
        if status == "numbered":
            continue
        opening.plan_installation(session, clerk, a.id, planned_on=day + timedelta(days=7),
                                   installer_team=f"安装{'一二三'[i % 3]}队")
        if status == "install_planned":
            continue
        opening.mark_installed(session, clerk, a.id, installed_on=day + timedelta(days=7))
        if status == "installed":
            if i % 2:
                changes.register_meter(session, clerk, a.id, serial=f"SV{i:07d}",
                                               initial_reading=D("0"), installed_on=day + timedelta(days=7))
            continue
        opening.gas_on(session, clerk, a.id, on=day + timedelta(days=10), serial=f"SV{i:07d}",
                        initial_reading=D("0"))
        if status == "gas_on":
            continue
        opening.start_service(session, clerk, a.id)
        if i % 7 == 0:
            changes.rename(session, clerk, a.id, names[rng.randrange(len(names))], reason="家庭成员变更")
        if i % 11 == 0:
            changes.transfer(
                session, clerk, a.id, funds="carry_over" if i % 2 else "refund", consent="原户主签字同意",
                holder=records.HolderInput(names[rng.randrange(len(names))], _id_number(6_000_000 + i),
                                            _phone(rng)),
                idempotency_key=f"demo-svc-{next(key)}", signed_on=day + timedelta(days=60))
        if i % 13 == 0:
            changes.replace_meter(session, clerk, a.id, final_reading=D("85.250"),
                                          new_serial=f"SN{i:07d}", new_initial_reading=D("0"),
                                          on=day + timedelta(days=90))
        if status == "suspended":
            changes.suspend(session, clerk, a.id, "用户外出，申请停气")
        elif status == "closed":
            closing.settle_for_closing(session, clerk, a.id, method="cash",
                                               idempotency_key=f"demo-svc-{next(key)}")
            closing.close(session, clerk, a.id, final_reading=D("120.000"), closed_on=day + timedelta(days=120))
    # one compound's gas-on day: its installed households, some marked already
    event = gas_on_days.plan_event(session, clerk, gas_on_compound, planned_on=date(2026, 12, 5),
                                   installer_team="安装一队",
                              note="物业已通知各户")
    rows = gas_on_days.sign_off_rows(session, clerk, event.id).rows
    for row in rows[:3]:
        if row.meter_serial:
            gas_on_days.mark(session, clerk, event.id, row.account_id, "done")
    if len(rows) > 4:
        gas_on_days.mark(session, clerk, event.id, rows[-1].account_id, "absent", note="家中无人")
    return SERVICE_ACCOUNTS


def _next_id(session: Session, model: type) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1  # type: ignore[attr-defined]


def _chunks(n: int) -> Iterator[range]:
    for start in range(0, n, CHUNK):
        yield range(start, min(start + CHUNK, n))


def _bulk(session: Session, admin: Actor, clerk: Actor, rng: random.Random, names: list[str],
          flats: list[tuple[int, int, str, str, str]], count: int) -> None:
    """Generated accounts, inserted in chunks through Core (no ORM objects, explicit ids)."""
    if count <= 0:
        return
    if session.connection().dialect.name == "sqlite":
        # A large page cache keeps the index B-trees in memory during the load.
        session.connection().exec_driver_sql("PRAGMA cache_size=-262144")
    commercial_every = 25  # one in 25 is a shop, factory or institution on a street
    mix = [s for s, share in STATUS_MIX for _ in range(share)]
    ids = {m: _next_id(session, m) for m in (Premises, Account, Party, Meter, LedgerPosting, LedgerEntry, Contract)}
    now = datetime(2026, 11, 1, 8, tzinfo=UTC)
    areas = [a.id for a in session.scalars(select(Area).order_by(Area.code))]
    flat_i = 0
    made = 0
    for chunk in _chunks(count):
        rows: dict[type, list[dict]] = {m: [] for m in ids}
        numbered: dict[int, list[dict]] = {}
        for k in chunk:
            status = mix[rng.randrange(len(mix))]
            street = (k % commercial_every) == 0 or flat_i >= len(flats)
            pid = ids[Premises]
            ids[Premises] += 1
            if street:
                kind = ("commercial", "industrial", "public")[k % 3]
                area_id = areas[k % len(areas)]
                rows[Premises].append(dict(id=pid, area_id=area_id, compound_id=None, building=None, unit=None,
                                           room=None, street=f"{STREETS[k % len(STREETS)]} {k + 1} 号 "
                                                              f"{SHOPS[k % len(SHOPS)]}"))
            else:
                kind = "residential"
                area_id, compound_id, b, u, r = flats[flat_i]
                flat_i += 1
                rows[Premises].append(dict(id=pid, area_id=area_id, compound_id=compound_id, building=b, unit=u,
                                           room=r, street=""))
            name = names[rng.randrange(len(names))]
            pinyin, initials = _keys(name)
            phone = _phone(rng)
            applied = date(2016, 1, 1) + timedelta(days=rng.randrange(3600))
            aid = ids[Account]
            ids[Account] += 1
            signed = status != "application"
            live = status in ("gas_on", "in_service", "suspended", "closed")
            acc = dict(
                id=aid, number=None, area_id=area_id, premises_id=pid, type=kind, status=status,
                holder_name=name, holder_id_number=_id_number(made + k), name_pinyin=pinyin, name_initials=initials,
                phone=phone, phone2="", phone_tail4=phone_tail4(phone), household_size=rng.randint(1, 6),
                applied_on=applied, contract_signed_on=applied + timedelta(days=2) if signed else None,
                install_planned_on=applied + timedelta(days=9)
                if status not in ("application", "contract_signed", "numbered") else None,
                installer_team="安装一队" if status not in ("application", "contract_signed", "numbered") else "",
                installed_on=applied + timedelta(days=9) if status in ("installed",) or live else None,
                opened_on=applied + timedelta(days=12) if live else None,
                closed_on=applied + timedelta(days=900) if status == "closed" else None,
                created_at=now,
            )
            rows[Account].append(acc)
            if signed and status != "contract_signed":
                numbered.setdefault(area_id, []).append(acc)
            if signed:
                acc["party_id"] = ids[Party]
                rows[Party].append(dict(id=ids[Party], kind="account", account_id=aid, created_at=now))
                ids[Party] += 1
                _bulk_signing(rows, ids, acc, kind, clerk, now, rng)
            if live or (status == "installed" and k % 2):
                mid = ids[Meter]
                ids[Meter] += 1
                final = D(rng.randrange(50_000, 3_000_000)) / 1000 if status == "closed" else None
                rows[Meter].append(dict(
                    id=mid, account_id=aid, serial=f"G{aid:09d}", model="G2.5", digits=5,
                    installed_on=acc["installed_on"] or applied, initial_reading=D("0.000"),
                    removed_on=acc["closed_on"], final_reading=final, registered_by=clerk.user_id, created_at=now))
            if status in ("in_service", "suspended"):
                _bulk_usage(rows, ids, acc, clerk, now, rng)
            if status == "closed":
                _bulk_closing(rows, ids, acc, kind, clerk, now)
        for area_id, accs in numbered.items():
            first = numbers.reserve(session, area_id, len(accs))
            code = session.get(Area, area_id).code  # type: ignore[union-attr]
            for offset, acc in enumerate(accs):
                acc["number"] = numbers.make_number(code, first + offset)
        # Parents before children (foreign keys are on).
        for model in (Premises, Account, Party, Meter, LedgerPosting, LedgerEntry, Contract):
            if rows[model]:
                _insert(session, model, rows[model])
        made += len(chunk)
    audit.record(session, admin, "demo.generate_accounts", "account", "",
                 after={"accounts": made, "seed": SEED})


def _sqlite_value(column_type: object) -> Callable[[Any], object] | None:
    """The on-disk form SQLAlchemy's column types give a value on SQLite (see money.py, base.py);
    None where the driver takes the Python value as it is."""
    if isinstance(column_type, Money):
        return lambda v: None if v is None else int(v.scaleb(2))
    if isinstance(column_type, Volume):
        return lambda v: None if v is None else int(v.scaleb(3))
    if isinstance(column_type, UTCDateTime):
        seen: dict[datetime, str] = {}  # the generator stamps whole chunks with one time

        def stamp(v: datetime | None) -> str | None:
            if v is None:
                return None
            if v not in seen:
                seen[v] = v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
            return seen[v]

        return stamp
    if isinstance(column_type, Date):
        return lambda v: None if v is None else v.isoformat()
    return None


def _insert(session: Session, model: type, rows: list[dict]) -> None:
    """Bulk insert; on SQLite straight through the driver (the ORM's per-row work dominates at 500k)."""
    table = model.__table__  # type: ignore[attr-defined]
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    cols = [c.name for c in table.columns]
    convert = [(i, f) for i, c in enumerate(table.columns) if (f := _sqlite_value(c.type)) is not None]
    getter = itemgetter(*cols)
    values = []
    for r in rows:
        t = list(getter(r))
        for i, f in convert:
            t[i] = f(t[i])
        values.append(tuple(t))
    sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    conn.exec_driver_sql(sql, values)


def _posting(rows: dict, ids: dict, acc: dict, clerk: Actor, now: datetime, action: str,
             lines: list[tuple[str, str, Decimal, str | None]], day: date) -> int:
    pid = ids[LedgerPosting]
    ids[LedgerPosting] += 1
    rows[LedgerPosting].append(dict(
        id=pid, party_id=acc["party_id"], account_id=acc["id"], idempotency_key=f"demo-bulk-{pid}", action=action,
        memo="", business_date=day, counter_id=clerk.counter_id, user_id=clerk.user_id, approved_by=None,
        shift_id=None, voids=None, created_at=now))
    for kind, bucket, amount, method in lines:
        rows[LedgerEntry].append(dict(
            id=ids[LedgerEntry], posting_id=pid, party_id=acc["party_id"], account_id=acc["id"], kind=kind,
            bucket=bucket, amount=amount, method=method, tendered=None, change_given=None, reversal_of=None,
            reason="", user_id=clerk.user_id, created_at=now))
        ids[LedgerEntry] += 1
    return pid


def _bulk_signing(rows: dict, ids: dict, acc: dict, kind: str, clerk: Actor, now: datetime,
                  rng: random.Random) -> None:
    opening_fee, install, prepay = FEES[kind]
    method = rng.choice(("cash", "wechat", "alipay", "card"))
    pid = _posting(rows, ids, acc, clerk, now, "account.sign_contract", [
        ("opening_fee", "charge", opening_fee, None), ("installation_fee", "charge", install, None),
        ("prepayment", "prepayment", prepay, None), ("payment", "money", -(opening_fee + install + prepay), method)],
        acc["contract_signed_on"])
    rows[Contract].append(dict(
        id=ids[Contract], account_id=acc["id"], kind="opening", holder_name=acc["holder_name"],
        holder_id_number=acc["holder_id_number"], signed_on=acc["contract_signed_on"], opening_fee=opening_fee,
        installation_fee=install, prepayment=prepay, deposit=D("0.00"),
        status="ended" if acc["status"] == "closed" else "open", ended_on=acc["closed_on"], note="",
        posting_id=pid, submission_key=None, signed_by=clerk.user_id, created_at=now))
    ids[Contract] += 1


def _bulk_usage(rows: dict, ids: dict, acc: dict, clerk: Actor, now: datetime, rng: random.Random) -> None:
    """A few gas bills, paid — except one in ten accounts that still owes its last bill."""
    for n in range(rng.randint(1, 3)):
        bill = D(rng.randrange(3_000, 40_000)) / 100
        day = acc["opened_on"] + timedelta(days=30 * (n + 1))
        _posting(rows, ids, acc, clerk, now, "ledger.post", [("gas_charge", "charge", bill, None)], day)
        if not (n == 0 and rng.random() < 0.1):
            _posting(rows, ids, acc, clerk, now, "ledger.post",
                     [("payment", "money", -bill, rng.choice(("cash", "wechat", "alipay")))], day)


def _bulk_closing(rows: dict, ids: dict, acc: dict, kind: str, clerk: Actor, now: datetime) -> None:
    prepay = FEES[kind][2]
    _posting(rows, ids, acc, clerk, now, "account.settle",
             [("prepayment_refund", "prepayment", -prepay, None), ("refund", "money", prepay, "cash")],
             acc["closed_on"])
