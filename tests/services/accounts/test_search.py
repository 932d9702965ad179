"""Counter search: every query kind finds exactly the right accounts in the right order,
masks phones for every role, refuses roles without account.view, and never scans a big table."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event

from gasdesk.db import Database
from gasdesk.models.users import Role
from gasdesk.services.accounts import opening, records
from gasdesk.services.accounts.identity import id_check_char
from gasdesk.services.accounts.numbers import make_number
from gasdesk.services.accounts.search import MatchCount, SearchHit, count_matches, search, search_hint
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import PermissionDenied
from gasdesk.services.office import address, counters, users
from gasdesk.startup import prepare

D = Decimal
FEES = records.ContractFees(D("200.00"), D("1500.00"), D("300.00"))
PASSWORD = "secret-123"


@dataclass(frozen=True)
class Row:
    """One account of the test office: label -> holder, phone, where, how far it got."""

    name: str
    phone: str
    place: tuple[str, str, str, str] | str  # (compound, building, unit, room) or a street address
    status: str = "numbered"
    serial: str | None = None
    phone2: str = ""


# Opened in this order: area 01 numbers A=1, C=2, D=3, E=4, F=5, H=6, I=7, J=8, fillers 9..; B is area 02's first.
ROWS: dict[str, Row] = {
    "A": Row("张三", "13812345678", ("阳光花园", "3", "2", "501"), "in_service", "GM1001"),
    "B": Row("张三", "13900001111", ("阳光新城", "1", "1", "101")),
    "C": Row("张三丰", "13700002222", ("阳光花园", "3", "2", "502")),
    "D": Row("张珊", "13600003333", ("阳光花园", "3", "1", "501")),
    "E": Row("章三", "13500004444", ("东湖小区", "5", "1", "301")),
    "F": Row("赵四", "15800005678", ("东湖小区", "5", "1", "302"), "in_service", "SN7788"),
    "G": Row("周深", "18600006666", ("阳光花园", "12", "1", "101"), "application", phone2="13812340000"),
    "H": Row("王五", "010-87654321", "建设路 18 号 餐馆"),
    "I": Row("李四", "13300007777", ("阳光花园", "3", "2", "1501")),
    "J": Row("阳光明", "13200008888", ("东湖小区", "6", "1", "101")),
    **{f"K{i:02d}": Row(f"冯{g}", f"1770000{i:04d}", ("幸福家园", "8", "1", f"{100 + i}"))
       for i, g in enumerate("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸")},
}
COMPOUNDS = {"阳光花园": "01", "东湖小区": "01", "幸福家园": "01", "阳光新城": "02"}


@dataclass
class World:
    db: Database
    actors: dict[Role, Actor]
    ids: dict[str, int]
    numbers: dict[str, str | None]

    def find(self, query: str, role: Role = Role.CLERK, limit: int = 20) -> list[SearchHit]:
        with self.db.read() as s:
            return search(s, self.actors[role], query, limit)

    def count(self, query: str) -> MatchCount:
        with self.db.read() as s:
            return count_matches(s, self.actors[Role.CLERK], query)

    def labels(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        back = {v: k for k, v in self.ids.items()}
        return [(back[h.account_id], h.matched_on) for h in self.find(query, limit=limit)]


def _id_number(n: int) -> str:
    body = f"11010519800101{n:03d}"
    return body + id_check_char(body)


def _open(s, clerk: Actor, n: int, row: Row, compounds: dict[str, int], areas: dict[str, int]) -> int:
    if isinstance(row.place, str):
        kind, where = "commercial", records.PremisesInput(area_id=areas["01"], street=row.place)
    else:
        compound, b, u, r = row.place
        kind, where = "residential", records.PremisesInput(compound_id=compounds[compound], building=b, unit=u,
                                                            room=r)
    a = opening.apply(s, clerk, account_type=kind, holder=records.HolderInput(row.name, _id_number(n), row.phone,
                                                                               row.phone2),
                       premises=where, applied_on=date(2026, 1, 5))
    if row.status == "application":
        return a.id
    opening.sign_contract(s, clerk, a.id, fees=FEES, paid=FEES.total, method="cash",
                           idempotency_key=f"search-test-{n}", signed_on=date(2026, 1, 6))
    if row.status == "in_service":
        opening.plan_installation(s, clerk, a.id, planned_on=date(2026, 1, 10), installer_team="安装一队")
        opening.mark_installed(s, clerk, a.id, installed_on=date(2026, 1, 10))
        opening.gas_on(s, clerk, a.id, on=date(2026, 1, 12), serial=row.serial, initial_reading=D("0"))
        opening.start_service(s, clerk, a.id)
    return a.id


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """A small office built once through the real services; the tests only read it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GASDESK_HOME", str(tmp_path_factory.mktemp("home")))
        db = prepare(tmp_path_factory.mktemp("search") / "office.db", create=True)
        with db.write() as s:
            info = users.create_first_admin(s, "admin", "管理员", PASSWORD)
            admin = users.actor_for(s.get(users.User, info.id))
            counter = counters.add_counter(s, admin, "T01", "测试柜台")
            actors = {Role.ADMIN: admin}
            for role in Role:
                if role is not Role.ADMIN:
                    u = users.add_user(s, admin, role.value, f"{role.value} 用户", role, PASSWORD)
                    actors[role] = Actor(u.id, u.login, u.name, role, counter.code, counter.id)
            areas = {"01": address.add_area(s, admin, "01", "城东片区").id,
                     "02": address.add_area(s, admin, "02", "城西片区").id}
            compounds = {name: address.add_compound(s, admin, areas[code], name, "").id
                         for name, code in COMPOUNDS.items()}
            ids = {label: _open(s, actors[Role.CLERK], n, row, compounds, areas)
                   for n, (label, row) in enumerate(ROWS.items())}
        seq = {"01": 0, "02": 0}
        numbers: dict[str, str | None] = {}
        for label, row in ROWS.items():
            area = "02" if not isinstance(row.place, str) and row.place[0] == "阳光新城" else "01"
            if row.status == "application":
                numbers[label] = None
            else:
                seq[area] += 1
                numbers[label] = make_number(area, seq[area])
        yield World(db, actors, ids, numbers)
        db.dispose()


def _wrong_check(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


# ---- account numbers ---------------------------------------------------------------------


def test_a_full_number_finds_its_account_with_every_field(world: World) -> None:
    number = world.numbers["A"]
    assert number == make_number("01", 1)
    assert world.find(number) == [SearchHit(
        account_id=world.ids["A"], number=number, holder_name="张三", address="阳光花园 3栋2单元501",
        phone="138****5678", status="in_service", status_zh="在用", matched_on="number",
    )]


def test_a_number_typed_with_full_width_digits_spaces_and_dashes(world: World) -> None:
    n = world.numbers["F"]
    typed = " ".join([n[:2], n[2:8], n[8]]).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert world.labels(typed) == [("F", "number")]
    assert world.labels(f"{n[:2]}-{n[2:8]}-{n[8]}") == [("F", "number")]


def test_a_wrong_check_digit_finds_nothing_and_says_why(world: World) -> None:
    wrong = _wrong_check(world.numbers["A"])
    assert world.find(wrong) == []
    assert search_hint(wrong) == "户号校验位不对，请核对后重新输入。"
    assert search_hint(world.numbers["A"]) is None
    assert search_hint("张三") is None
    assert search_hint("0100") is None


def test_a_valid_number_nobody_holds_finds_nothing(world: World) -> None:
    assert world.find(make_number("01", 999)) == []


def test_a_number_prefix_lists_numbers_in_order(world: World) -> None:
    assert world.labels("0100000", limit=3) == [("A", "number"), ("C", "number"), ("D", "number")]
    assert world.labels("02") == [("B", "number")]


# ---- phones ------------------------------------------------------------------------------


def test_a_full_phone_finds_the_holder(world: World) -> None:
    assert world.labels("13812345678") == [("A", "phone")]
    assert world.labels("138 1234 ５６７８") == [("A", "phone")]


def test_the_second_phone_counts_too(world: World) -> None:
    assert world.labels("13812340000") == [("G", "phone")]


def test_a_landline_with_or_without_its_dash(world: World) -> None:
    assert world.labels("010-87654321") == [("H", "phone")]
    assert world.labels("01087654321") == [("H", "phone")]


def test_the_last_four_digits_of_a_phone_in_number_order(world: World) -> None:
    assert world.labels("5678") == [("A", "phone_tail"), ("F", "phone_tail")]


def test_a_phone_prefix_while_typing(world: World) -> None:
    assert world.labels("1381234") == [("A", "phone")]


# ---- names ---------------------------------------------------------------------------------


def test_an_exact_name_first_then_names_starting_with_it(world: World) -> None:
    assert world.labels("张三") == [("A", "name"), ("B", "name"), ("C", "name")]


def test_a_surname_lists_its_holders_and_respects_the_limit(world: World) -> None:
    hits = world.labels("冯", limit=5)
    assert len(hits) == 5
    assert {m for _, m in hits} == {"name"}
    assert world.labels("冯丁") == [("K13", "name")]


def test_pinyin_initials_exact_before_longer_ones(world: World) -> None:
    # zs: 张三 x2, 张珊, 章三, 赵四, 周深 by number (unnumbered last), then 张三丰 (zsf)
    assert world.labels("zs") == [("A", "initials"), ("D", "initials"), ("E", "initials"), ("F", "initials"),
                                  ("B", "initials"), ("G", "initials"), ("C", "initials")]
    assert world.labels("ＺＳ") == world.labels("zs")


def test_full_pinyin_exact_then_prefix(world: World) -> None:
    # 张三 and 章三 are both zhangsan; 张三丰 starts with it; 张珊 (zhangshan) does not
    assert world.labels("zhangsan") == [("A", "pinyin"), ("E", "pinyin"), ("B", "pinyin"), ("C", "pinyin")]
    assert world.labels("Zhang San") == world.labels("zhangsan")
    assert world.labels("zhang") == [("A", "pinyin"), ("C", "pinyin"), ("D", "pinyin"), ("E", "pinyin"),
                                     ("B", "pinyin")]


# ---- meters --------------------------------------------------------------------------------


def test_a_meter_serial_exact_or_prefix_in_any_case(world: World) -> None:
    assert world.labels("GM1001") == [("A", "meter")]
    assert world.labels("sn77") == [("F", "meter")]
    assert world.labels("gm") == [("A", "meter")]


# ---- addresses -----------------------------------------------------------------------------


def test_compound_fragment_with_building_unit_room(world: World) -> None:
    assert world.labels("阳光 3-2-501") == [("A", "address")]
    assert world.labels("阳光花园 3栋2单元501") == [("A", "address")]  # as the account page writes it
    assert world.labels("阳光花园3号楼2单元501室") == [("A", "address")]


def test_the_room_being_typed_is_a_prefix(world: World) -> None:
    assert world.labels("阳光 3-2-5") == [("A", "address"), ("C", "address")]  # not 1501
    assert world.labels("阳光 3-2-15") == [("I", "address")]


def test_a_building_typed_with_its_mark_is_exact(world: World) -> None:
    assert world.labels("阳光花园3栋") == [("A", "address"), ("C", "address"), ("D", "address"), ("I", "address")]
    assert world.labels("阳光花园1") == [("G", "address")]  # building 12 starts with 1
    assert world.labels("阳光花园1栋") == []


def test_a_fragment_alone_names_first_then_the_compounds_households(world: World) -> None:
    # 阳光明 is a holder; 阳光花园 and 阳光新城 both contain the fragment
    assert world.labels("阳光") == [("J", "name"), ("A", "address"), ("C", "address"), ("D", "address"),
                                  ("I", "address"), ("B", "address"), ("G", "address")]
    assert world.labels("湖小") == [("E", "address"), ("F", "address"), ("J", "address")]


def test_a_street_address_prefix_spaces_ignored(world: World) -> None:
    assert world.labels("建设路") == [("H", "address")]
    assert world.labels("建设路18号") == [("H", "address")]
    assert world.labels("建设路19") == []


# ---- ranking across kinds, nothing found, masking, permissions ------------------------------


def test_an_account_matched_twice_is_listed_once_at_its_best(world: World) -> None:
    # 010: every area-01 number starts with it, and so does 王五's landline 010-87654321
    hits = world.labels("010", limit=50)
    assert len(hits) == len({label for label, _ in hits}) == 28
    assert ("H", "number") in hits
    # 张三: exact name for A and B, also found by the name prefix lookup; listed once each
    assert [label for label, _ in world.labels("张三")] == ["A", "B", "C"]


def test_the_second_phone_is_matched_in_full_only(world: World) -> None:
    assert world.labels("138123") == [("A", "phone")]


def test_nothing_to_search_for(world: World) -> None:
    assert world.find("") == []
    assert world.find("   ") == []
    assert world.find("!!") == []
    assert world.find("李四光") == []


@pytest.mark.parametrize("role", [Role.CLERK, Role.SUPERVISOR, Role.READER])
def test_phones_masked_for_every_role_even_with_pii_view(world: World, role: Role) -> None:
    # on screen too: the account page reveals one field on demand, audited (accounts.reveal)
    assert [h.phone for h in world.find("13812345678", role)] == ["138****5678"]
    assert [h.phone for h in world.find("王五", role)] == ["010-****4321"]


@pytest.mark.parametrize("role", [Role.DEPOT, Role.ADMIN])
def test_roles_without_account_view_are_refused(world: World, role: Role) -> None:
    with pytest.raises(PermissionDenied) as info:
        world.find("张三", role)
    assert "查看用户档案" in str(info.value)


# ---- every lookup uses an index ------------------------------------------------------------

QUERIES = {
    "number": lambda w: w.numbers["A"],
    "number prefix": lambda w: "0100",
    "phone": lambda w: "13812345678",
    "landline": lambda w: "010-87654321",
    "phone_tail": lambda w: "5678",
    "phone prefix": lambda w: "13812",
    "name": lambda w: "张三",
    "initials": lambda w: "zs",
    "pinyin": lambda w: "zhangsan",
    "meter": lambda w: "GM10",
    "address": lambda w: "阳光 3-2-501",
    "address building": lambda w: "阳光花园3栋",
    "street": lambda w: "建设路18",
}
BIG_TABLES = re.compile(r"\bSCAN (accounts|premises|meters)\b")


@pytest.mark.parametrize("kind", list(QUERIES))
def test_every_lookup_searches_an_index(world: World, kind: str) -> None:
    statements: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(world.db.engine, "before_cursor_execute", capture)
    try:
        world.find(QUERIES[kind](world))
        world.count(QUERIES[kind](world))  # the count's id-only variants too
    finally:
        event.remove(world.db.engine, "before_cursor_execute", capture)
    assert statements, "the search ran no query"
    conn = sqlite3.connect(world.db.path)
    try:
        for sql, params in statements:
            plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
            assert not [p for p in plan if BIG_TABLES.search(p)], (kind, sql, plan)
            scans = [p for p in plan if p.startswith("SCAN")]
            if "FROM compounds" in sql:  # small (one row per compound): the only table ever read whole
                assert scans == [p for p in plan if p.startswith("SCAN compounds ")], (kind, sql, plan)
            else:  # everything else is looked up through an index, nothing read whole
                assert scans == [] and plan[0].startswith("SEARCH "), (kind, sql, plan)
    finally:
        conn.close()
