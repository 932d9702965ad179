"""A branch office with N accounts, generated fast for the search benchmark.

Users, areas and compounds go through the real services; premises, accounts and meters are
bulk-inserted through sqlite3 into the migrated schema, with the same rules the services keep:
numbers from the per-area counters (numbers.reserve) with the real check digit,
search keys from identity.name_keys / phone_tail4, valid ID numbers. Indexes are dropped for
the load and recreated from their stored SQL, so the schema is exactly the migrated one.
Ledger and contracts are left out: the search never reads them.
"""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from gasdesk.models.users import Role
from gasdesk.services.accounts import numbers
from gasdesk.services.accounts.identity import id_check_char, name_keys, phone_tail4
from gasdesk.services.office import address, counters, users
from gasdesk.startup import prepare

SEED = 20261127
PASSWORD = "bench-123"
COUNTER = "BENCH"  # registered in the generated office: sign-ins name it
AREAS = (("01", "城东片区"), ("02", "城西片区"), ("03", "开发区"), ("04", "城南片区"), ("05", "城北片区"))
COMPOUND_HEADS = ("阳光", "东湖", "幸福", "锦绣", "金色", "翠湖", "绿洲", "凤凰", "紫荆", "碧水", "龙湖", "滨江",
                  "书香", "和平", "春晖", "明珠")
COMPOUND_TAILS = ("花园", "小区", "家园", "新村", "华庭", "名苑", "雅居", "公寓")
STREETS = ("建设路", "解放大道", "人民路", "中山路", "工业大道", "滨江路", "东湖路", "西环路", "新华街", "文化路")
SHOPS = ("餐馆", "面馆", "酒店", "食堂", "洗衣店", "烘焙坊", "茶楼", "工厂", "学校", "医院")
# The most common surnames carry most people (王 李 张 about 7% each); the rest share the remainder.
TOP_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
TOP_WEIGHTS = (72, 72, 68, 53, 46, 31, 22, 22, 20, 18, 17, 15, 13, 12, 11, 11, 10, 9, 9, 8)
OTHER_SURNAMES = ("郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方"
                  "白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚英华玉萍红建国志文斌宇浩凯鹏辉俊峰晨欣怡雪梅海燕子涵"
         "一鸣思远佳琪秀桂春丹玲婷飞鑫波宁琳颖慧倩晶欢瑶婧媛蕾薇茜莉嘉怡然博轩睿泽宸铭诚")
# buildings x units x floors x rooms per floor
BUILDINGS, UNITS, FLOORS, ROOMS = 20, 4, 18, 4
STREET_EVERY = 25  # one account in 25 is a shop, factory or institution on a street
STATUS_MIX = (("in_service", 880), ("suspended", 20), ("closed", 30), ("application", 20), ("numbered", 15),
              ("install_planned", 10), ("installed", 20), ("gas_on", 5))
LIVE = {"gas_on", "in_service", "suspended", "closed"}
CREATED = "2026-11-01 08:00:00.000000"
NAME_POOL = 40_000


@cache
def _keys(name: str) -> tuple[str, str]:
    return name_keys(name)


def _name_pool(rng: random.Random, size: int = NAME_POOL) -> list[str]:
    """Distinct names drawn with the surname weights; accounts then draw from the pool, so
    names repeat as they do in a city (and pinyin keys are computed once per name)."""
    surnames = list(TOP_SURNAMES) + list(OTHER_SURNAMES)
    weights = list(TOP_WEIGHTS) + [4] * len(OTHER_SURNAMES)
    pool: dict[str, None] = {}
    while len(pool) < size:
        surname = rng.choices(surnames, weights)[0]
        given = rng.choice(GIVEN) if rng.random() < 0.1 else rng.choice(GIVEN) + rng.choice(GIVEN)
        pool[surname + given] = None
    return list(pool)


def _id_number(i: int) -> str:
    born = date(1940, 1, 1) + timedelta(days=i % 21_900)
    body = f"{('110105', '310104', '420102', '440106')[(i // 21_900) % 4]}{born:%Y%m%d}{(i // 87_600) % 1000:03d}"
    return body + id_check_char(body)


def _setup(path: Path) -> tuple[int, dict[int, str], list[tuple[int, int, str]]]:
    """Schema at head, users, areas and compounds through the services. -> clerk id, areas, compounds."""
    db = prepare(path, create=True)
    try:
        with db.write() as s:
            info = users.create_first_admin(s, "admin", "管理员", PASSWORD)
            admin = users.actor_for(s.get(users.User, info.id))
            counters.add_counter(s, admin, COUNTER, "基准测试柜台")
            clerk = users.add_user(s, admin, "clerk", "王业务", Role.CLERK, PASSWORD)
            areas: dict[int, str] = {}
            compounds: list[tuple[int, int, str]] = []
            for code, name in AREAS:
                areas[address.add_area(s, admin, code, name).id] = code
            area_ids = list(areas)
            n = 0
            for tail in COMPOUND_TAILS:
                for head in COMPOUND_HEADS:
                    area_id = area_ids[n % len(area_ids)]
                    c = address.add_compound(s, admin, area_id, head + tail, f"{STREETS[n % len(STREETS)]} {n + 1} 号")
                    compounds.append((c.id, area_id, c.name))
                    n += 1
        return clerk.id, areas, compounds
    finally:
        db.dispose()


def _reserve_numbers(path: Path, per_area: dict[int, int]) -> dict[int, int]:
    """The real allocator's bulk API: take each area's block of sequence numbers. -> first seq."""
    db = prepare(path, create=False, upgrade=False)
    try:
        with db.write() as s:
            return {area_id: numbers.reserve(s, area_id, count) for area_id, count in per_area.items()}
    finally:
        db.dispose()


def generate(path: Path, size: int, *, log=print) -> float:  # type: ignore[no-untyped-def]
    """Write a new office database with ``size`` accounts at ``path``; returns the seconds taken."""
    started = time.perf_counter()
    rng = random.Random(SEED)
    clerk_id, areas, compounds = _setup(path)
    flats_per_compound = BUILDINGS * UNITS * FLOORS * ROOMS
    if size > len(compounds) * flats_per_compound:
        raise SystemExit(f"{size} accounts do not fit in {len(compounds)} compounds")
    names = _name_pool(rng)
    mix = [s for s, share in STATUS_MIX for _ in range(share)]
    area_ids = list(areas)
    premises, accounts, meters = [], [], []
    numbered: dict[int, list[int]] = {a: [] for a in area_ids}  # area -> indexes into accounts
    flat = 0
    for i in range(size):
        pid = aid = i + 1
        if i % STREET_EVERY == 0:
            area_id = area_ids[i % len(area_ids)]
            kind = ("commercial", "industrial", "public")[i % 3]
            street = f"{STREETS[i % len(STREETS)]} {i // len(STREETS) + 1} 号 {SHOPS[i % len(SHOPS)]}"
            premises.append((pid, area_id, None, None, None, None, street))
        else:
            c_id, area_id, _ = compounds[flat // flats_per_compound]
            k = flat % flats_per_compound
            b, k = divmod(k, UNITS * FLOORS * ROOMS)
            u, k = divmod(k, FLOORS * ROOMS)
            floor, r = divmod(k, ROOMS)
            premises.append((pid, area_id, c_id, str(b + 1), str(u + 1), f"{floor + 1}{r + 1:02d}", ""))
            kind = "residential"
            flat += 1
        status = mix[rng.randrange(len(mix))]
        name = names[rng.randrange(len(names))]
        pinyin, initials = _keys(name)
        phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        phone2 = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}" if rng.random() < 0.1 else ""
        applied = date(2012, 1, 1) + timedelta(days=rng.randrange(5000))
        live = status in LIVE
        installed = status == "installed" or live
        accounts.append([
            aid, None, area_id, pid, kind, status, name, _id_number(i), pinyin, initials, phone, phone2,
            phone_tail4(phone), rng.randint(1, 6), applied.isoformat(),
            None if status == "application" else (applied + timedelta(days=2)).isoformat(),
            (applied + timedelta(days=9)).isoformat() if installed or status == "install_planned" else None,
            "安装一队" if installed or status == "install_planned" else "",
            (applied + timedelta(days=9)).isoformat() if installed else None,
            (applied + timedelta(days=12)).isoformat() if live else None,
            (applied + timedelta(days=900)).isoformat() if status == "closed" else None,
            CREATED,
        ])
        if status != "application":
            numbered[area_id].append(i)
        if installed:
            # Real serials: mostly digits (year + sequence), some with the maker's letters.
            serial = f"{2012 + applied.year % 14}{aid:08d}" if aid % 3 else f"JL{aid:09d}"
            closed = status == "closed"
            meters.append((aid, aid, serial, "G2.5", 5, accounts[-1][18], 0,
                           accounts[-1][20] if closed else None, 120_000 if closed else None, clerk_id, CREATED))
    first = _reserve_numbers(path, {a: len(ix) for a, ix in numbered.items() if ix})
    for area_id, ix in numbered.items():
        for offset, i in enumerate(ix):
            accounts[i][1] = numbers.make_number(areas[area_id], first[area_id] + offset)
    log(f"  rows made in {time.perf_counter() - started:.1f}s; loading")
    _load(path, premises, accounts, meters)
    return time.perf_counter() - started


def _load(path: Path, premises: list[tuple], accounts: list[list], meters: list[tuple]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-400000")
        conn.execute("PRAGMA foreign_keys=ON")
        tables = ("premises", "accounts", "meters")
        indexes = conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
            f"AND tbl_name IN {tables}").fetchall()
        conn.execute("BEGIN IMMEDIATE")
        for name, _sql in indexes:
            conn.execute(f"DROP INDEX {name}")
        conn.executemany("INSERT INTO premises (id, area_id, compound_id, building, unit, room, street) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", premises)
        conn.executemany(
            "INSERT INTO accounts (id, number, area_id, premises_id, type, status, holder_name, holder_id_number, "
            "name_pinyin, name_initials, phone, phone2, phone_tail4, household_size, applied_on, contract_signed_on, "
            "install_planned_on, installer_team, installed_on, opened_on, closed_on, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", accounts)
        conn.executemany(
            "INSERT INTO meters (id, account_id, serial, model, digits, installed_on, initial_reading, removed_on, "
            "final_reading, registered_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", meters)
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise SystemExit(f"foreign key problems in the generated data: {problems[:5]}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
