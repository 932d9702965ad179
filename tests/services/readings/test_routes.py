"""Routes (抄表册): adding and changing them, putting accounts on them in order, moving and
reordering stops, what the sheet and the entry grid show of each stop, and the route sheet."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from accounts_support import Office, refused
from printing_support import pdf_pages
from sqlalchemy import select, text

from gasdesk.models import Account, AuditEntry, RouteStop
from gasdesk.models.users import Role
from gasdesk.services.accounts import changes, numbers, records
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from gasdesk.services.office import address, users
from gasdesk.services.printing import jobs
from gasdesk.services.readings import route_sheet, routes, stops, store
from gasdesk.services.readings.store import ReadingInput

D = Decimal


def add(office: Office, code: str = "A01", name: str = "阳光花园一册", **kw: object) -> routes.RouteInfo:
    kw.setdefault("reader_login_or_id", "reader")
    with office.db.write() as s:
        return routes.add_route(s, office.reader, code, name, **kw)  # type: ignore[arg-type]


def at(office: Office, monkeypatch: pytest.MonkeyPatch, status: str, building: str, unit: str, room: str,
       *, name: str = "张三", compound_id: int | None = None) -> int:
    """An account at ``status`` on a flat of our choosing (the accounts tests' factory, at this address)."""
    flat = records.PremisesInput(compound_id=compound_id or office.compound_id, building=building, unit=unit,
                                 room=room)
    monkeypatch.setattr(office, "flat", lambda room=None: flat)
    return office.account_at(status, name=name)


def numbers_of(office: Office, ids: list[int]) -> list[str]:
    with office.db.read() as s:
        found = dict(s.execute(select(Account.id, Account.number).where(Account.id.in_(ids))).all())
    return [found[i] for i in ids]


def order(office: Office, route_id: int) -> list[tuple[int, int]]:
    """(position, account id) of the route's stops, as stored."""
    with office.db.read() as s:
        return [tuple(r) for r in s.execute(select(RouteStop.position, RouteStop.account_id)
                                            .where(RouteStop.route_id == route_id).order_by(RouteStop.position))]


@dataclass(frozen=True)
class Logged:
    entity: str
    entity_id: str
    before: dict[str, object] | None
    after: dict[str, object] | None


def audit_rows(office: Office, action: str) -> list[Logged]:
    with office.db.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        return [Logged(r.entity, r.entity_id, json.loads(r.before) if r.before else None,
                       json.loads(r.after) if r.after else None) for r in rows]


# --- adding and changing routes ------------------------------------------------------------------


def test_a_route_is_added_with_its_reader_cycle_and_days_and_audited(office: Office) -> None:
    info = add(office, " a01 ", "  阳光花园  一册 ", cycle="bimonthly", days="6, 5", odd_months=False)
    assert (info.code, info.name, info.reader_login, info.reader_name) == \
        ("A01", "阳光花园 一册", "reader", "reader 用户")
    assert (info.cycle, info.days, info.days_text, info.odd_months, info.active, info.stops) == \
        ("bimonthly", (5, 6), "5,6", False, True, 0)
    assert info.changes == {routes.Change.ROUTE}
    assert info.schedule_text("zh") == "每两月（双月）5、6 日"
    assert info.schedule_text("en") == "every two months (even months), days 5, 6"
    row = audit_rows(office, "route.add")[0]
    assert (row.entity, row.entity_id) == ("route", str(info.id))
    with office.db.read() as s:
        listed = routes.routes(s, office.clerk)
    assert [(r.code, r.reader_login, r.stops) for r in listed] == [("A01", "reader", 0)]


def test_a_day_past_a_short_months_end_is_read_on_its_last_day(office: Office) -> None:
    monthly = add(office, "M1", days="31")
    assert monthly.read_days(2027, 2) == [date(2027, 2, 28)]
    assert monthly.read_days(2028, 2) == [date(2028, 2, 29)]
    assert monthly.read_days(2027, 4) == [date(2027, 4, 30)]
    assert monthly.read_days(2027, 5) == [date(2027, 5, 31)]
    both = add(office, "M2", days="30,31")
    assert both.read_days(2027, 2) == [date(2027, 2, 28)]  # one day, not the same day twice
    odd = add(office, "B1", cycle="bimonthly", days="5", odd_months=True)
    assert odd.read_days(2027, 3) == [date(2027, 3, 5)] and odd.read_days(2027, 4) == []


def test_adding_a_route_refuses_in_words(office: Office) -> None:
    add(office, "A01")
    with office.db.write() as s:
        users.add_user(s, office.admin, "gone", "离职抄表员", Role.READER, "secret-123")
        gone = users.set_active(s, office.admin, s.scalar(select(users.User.id).where(users.User.login == "gone")),
                                False)
    cases = [
        (dict(code="a01"), Conflict, "抄表册编号 A01 已经有了，请换一个编号。"),
        (dict(code="A 01!"), ValidationError, "抄表册编号只能由字母、数字和连字符组成（最多 12 个字符），例如 A01。"),
        (dict(name="  "), ValidationError, "请填写抄表册名称（最多 60 个字）。"),
        (dict(days="0"), ValidationError,
         "抄表日“0”无效：应为 1 到 31 之间的日子，几个日子用逗号分开，例如 5 或 5,6。"),
        (dict(days="5,32"), ValidationError,
         "抄表日“5,32”无效：应为 1 到 31 之间的日子，几个日子用逗号分开，例如 5 或 5,6。"),
        (dict(days="五号"), ValidationError,
         "抄表日“五号”无效：应为 1 到 31 之间的日子，几个日子用逗号分开，例如 5 或 5,6。"),
        (dict(days=""), ValidationError,
         "抄表日“”无效：应为 1 到 31 之间的日子，几个日子用逗号分开，例如 5 或 5,6。"),
        (dict(cycle="weekly"), ValidationError, "抄表周期只能是每月或每两月。"),
        (dict(reader_login_or_id="nobody"), NotFound, "没有登录名为 nobody 的用户。"),
        (dict(reader_login_or_id="gone"), Conflict, "用户 gone（离职抄表员）已停用，不能负责抄表册。"),
        (dict(reader_login_or_id=gone.id), Conflict, "用户 gone（离职抄表员）已停用，不能负责抄表册。"),
        (dict(reader_login_or_id="clerk"), ValidationError,
         "用户 clerk（clerk 用户）的角色是业务员：抄表册只能交给抄表员或主管。"),
    ]
    for change, exc, words in cases:
        kw: dict[str, object] = {"code": "B01", "name": "二册", "reader_login_or_id": "reader", **change}
        err = refused(office.db, lambda s, kw=kw: routes.add_route(s, office.reader, **kw), exc)  # type: ignore[misc]
        assert err.zh == words, change
    assert add(office, "S01", reader_login_or_id="supervisor").reader_login == "supervisor"
    assert add(office, "F01", days="５，６").days == (5, 6)  # full-width, as an input method types


def test_a_route_is_changed_field_by_field_and_only_the_change_is_audited(office: Office) -> None:
    info = add(office, "A01", days="5")
    with office.db.write() as s:
        changed = routes.change_route(s, office.supervisor, info.id, name="阳光花园东册",
                                      reader_login_or_id="supervisor", cycle="bimonthly", days="5,6",
                                      odd_months=False)
    assert (changed.name, changed.reader_login, changed.cycle, changed.days, changed.odd_months) == \
        ("阳光花园东册", "supervisor", "bimonthly", (5, 6), False)
    row = audit_rows(office, "route.change")[0]
    assert row.before == {"name": "阳光花园一册", "reader": "reader", "cycle": "monthly", "days": "5",
                          "odd_months": True}
    assert row.after == {"name": "阳光花园东册", "reader": "supervisor", "cycle": "bimonthly", "days": "5,6",
                         "odd_months": False}
    with office.db.write() as s:
        same = routes.change_route(s, office.supervisor, info.id, name="阳光花园东册")
        off = routes.change_route(s, office.supervisor, info.id, active=False)
    assert same.changes == frozenset() and off.changes == {routes.Change.ROUTE} and not off.active
    assert len(audit_rows(office, "route.change")) == 2
    err = refused(office.db, lambda s: routes.change_route(s, office.reader, info.id, days="40"), ValidationError)
    assert err.zh.startswith("抄表日“40”无效")
    err = refused(office.db, lambda s: routes.change_route(s, office.reader, 999, name="x"), NotFound)
    assert err.zh == "抄表册不存在。"


# --- putting accounts on routes ------------------------------------------------------------------


def test_a_compound_goes_on_in_walking_order_leaving_those_on_other_routes(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = add(office, "A01")
    b = add(office, "B01", "二册")
    b10_1_101 = at(office, monkeypatch, "in_service", "10", "1", "101")
    b2_2_1001 = at(office, monkeypatch, "suspended", "2", "2", "1001")
    b2_1_901 = at(office, monkeypatch, "gas_on", "2", "1", "901")
    b2_1_1002 = at(office, monkeypatch, "in_service", "2", "1", "1002")
    b2_1_102 = at(office, monkeypatch, "in_service", "2", "1", "102")
    not_yet = at(office, monkeypatch, "installed", "1", "1", "101")  # no gas yet: nothing to read
    elsewhere = at(office, monkeypatch, "in_service", "1", "1", "102")
    with office.db.write() as s:
        other = address.add_compound(s, office.admin, office.area_id, "翠湖小区", "湖滨路 2 号")
    other_compound = at(office, monkeypatch, "in_service", "1", "1", "101", compound_id=other.id)
    with office.db.write() as s:
        routes.assign_accounts(s, office.reader, b.id, [elsewhere])
        done = routes.assign_compound(s, office.reader, a.id, office.compound_id)
    walking = [b2_1_102, b2_1_901, b2_1_1002, b2_2_1001, b10_1_101]
    assert done.added == tuple(walking)
    assert (done.on_other_routes, done.moved, done.already_here, done.route.stops) == (1, 0, 0, 5)
    assert done.changes == {routes.Change.ROUTE}
    assert order(office, a.id) == list(enumerate(walking, start=1))
    assert order(office, b.id) == [(1, elsewhere)]
    assert not_yet not in dict(order(office, a.id)).values() and other_compound not in walking
    assert audit_rows(office, "route.assign")[-1].after == {
        "route": "A01", "compound_id": office.compound_id, "added": 5, "moved": 0, "on_other_routes": 1}
    # A later account joins at the end; those already on the route stay where they are.
    late = at(office, monkeypatch, "in_service", "1", "1", "103")
    with office.db.write() as s:
        again = routes.assign_compound(s, office.reader, a.id, office.compound_id)
    assert (again.added, again.already_here, again.on_other_routes) == ((late,), 5, 1)
    assert order(office, a.id)[-1] == (6, late)
    with office.db.write() as s:
        nothing = routes.assign_compound(s, office.reader, a.id, office.compound_id)
    assert nothing.added == () and nothing.changes == frozenset()
    err = refused(office.db, lambda s: routes.assign_compound(s, office.reader, a.id, 999), NotFound)
    assert err.zh == "小区不存在。"


def test_accounts_go_on_one_by_one_and_move_between_routes(office: Office) -> None:
    a = add(office, "A01")
    b = add(office, "B01", "二册")
    ids = [office.account_at("in_service") for _ in range(4)]
    nums = numbers_of(office, ids)
    with office.db.write() as s:
        first = routes.assign_accounts(s, office.reader, a.id, [nums[2], ids[0], ids[1], nums[2]])
        second = routes.assign_accounts(s, office.reader, b.id, [ids[3]])
    assert first.added == (ids[2], ids[0], ids[1]) and first.moved == 0
    assert order(office, a.id) == [(1, ids[2]), (2, ids[0]), (3, ids[1])]
    # Named one by one, an account on another route moves here; the route it left closes up.
    with office.db.write() as s:
        moved = routes.assign_accounts(s, office.reader, b.id, [ids[0], ids[3]])
    assert (moved.added, moved.moved, moved.already_here) == ((ids[0],), 1, 1)
    assert order(office, a.id) == [(1, ids[2]), (2, ids[1])]
    assert order(office, b.id) == [(1, ids[3]), (2, ids[0])]
    with office.db.write() as s:
        back = routes.move(s, office.reader, [ids[3]], a.id)
    assert back.moved == 1 and order(office, a.id) == [(1, ids[2]), (2, ids[1]), (3, ids[3])]
    assert order(office, b.id) == [(1, ids[0])]
    assert second.changes == {routes.Change.ROUTE}


def test_a_batch_with_one_bad_account_changes_nothing(office: Office) -> None:
    a = add(office, "A01")
    good = office.account_at("in_service")
    installed = office.account_at("installed")
    loose = office.account_at("in_service")
    number = numbers_of(office, [installed])[0]
    err = refused(office.db, lambda s: routes.assign_accounts(s, office.reader, a.id, [good, installed]), Conflict)
    assert err.zh == f"户号 {number} 的状态是“已安装”，不在抄表范围（只抄已通气、在用和停气的户）。"
    unknown = numbers.make_number("01", 999999)
    err = refused(office.db, lambda s: routes.assign_accounts(s, office.reader, a.id, [good, unknown]), NotFound)
    assert err.zh == f"没有户号为 {unknown} 的用户。"
    err = refused(office.db, lambda s: routes.move(s, office.reader, [loose], a.id), Conflict)
    assert err.zh == f"户号 {numbers_of(office, [loose])[0]} 不在任何抄表册上，请用“加入抄表册”。"
    with office.db.write() as s:
        routes.change_route(s, office.reader, a.id, active=False)
    err = refused(office.db, lambda s: routes.assign_accounts(s, office.reader, a.id, [good]), Conflict)
    assert err.zh == "抄表册 A01（阳光花园一册）已停用，不能再加入用户。"


def test_stops_are_taken_off_and_the_rest_close_up(office: Office) -> None:
    a = add(office, "A01")
    ids = [office.account_at("in_service") for _ in range(3)]
    with office.db.write() as s:
        routes.assign_accounts(s, office.reader, a.id, ids)
        info = routes.remove(s, office.reader, a.id, [ids[1]])
    assert info.stops == 2 and order(office, a.id) == [(1, ids[0]), (2, ids[2])]
    assert audit_rows(office, "route.remove")[0].after == {"route": "A01", "removed": 1}
    err = refused(office.db, lambda s: routes.remove(s, office.reader, a.id, [ids[1]]), Conflict)
    assert err.zh == f"户号 #{ids[1]} 不在抄表册 A01 上。"


def test_reorder_numbers_the_stops_1_to_n_or_refuses_a_wrong_list(office: Office) -> None:
    a = add(office, "A01")
    ids = [office.account_at("in_service") for _ in range(4)]
    with office.db.write() as s:
        routes.assign_accounts(s, office.reader, a.id, ids)
        info = routes.reorder(s, office.reader, a.id, [ids[3], ids[1], ids[0], ids[2]])
    assert info.changes == {routes.Change.ROUTE}
    assert order(office, a.id) == [(1, ids[3]), (2, ids[1]), (3, ids[0]), (4, ids[2])]
    assert audit_rows(office, "route.reorder")[0].after == {"route": "A01", "accounts": 4, "repositioned": 3}
    outsider = office.account_at("in_service")
    wrong = {
        "missing": ([ids[3], ids[1], ids[0]], "缺少 1 户"),
        "extra": ([ids[3], ids[1], ids[0], ids[2], outsider], "多出 1 户不在本册"),
        "twice": ([ids[3], ids[1], ids[0], ids[0]], "缺少 1 户、重复 1 户"),
    }
    for given, detail in wrong.values():
        err = refused(office.db, lambda s, g=given: routes.reorder(s, office.reader, a.id, g), ValidationError)
        assert err.zh == f"新顺序应正好列出抄表册 A01 的 4 户，每户一次：{detail}。顺序未改变。"
    with office.db.write() as s:
        routes.move_up(s, office.reader, a.id, ids[1])
        routes.move_down(s, office.reader, a.id, ids[0])
        top = routes.move_up(s, office.reader, a.id, ids[1])  # already first: nothing moves
    assert order(office, a.id) == [(1, ids[1]), (2, ids[3]), (3, ids[2]), (4, ids[0])]
    assert top.changes == frozenset()


# --- what the sheet and the grid show ------------------------------------------------------------


def test_route_stops_show_each_meters_previous_reading(office: Office) -> None:
    a = add(office, "A01")
    ids = [office.account_at("in_service", name=n) for n in ("刘一", "陈二", "张三")]
    nums = numbers_of(office, ids)
    with office.db.write() as s:
        routes.assign_accounts(s, office.reader, a.id, ids)
        result = store.submit(s, office.reader, [ReadingInput(nums[0], f"GM{ids[0]:06d}", "12.5", date(2026, 2, 10))],
                              source="entry")
    assert result.counts()["accepted"] == 1
    with office.db.write() as s:
        changes.replace_meter(s, office.clerk, ids[1], final_reading=D("8"), new_serial="NEW0001",
                              new_initial_reading=D("3.25"), on=date(2026, 3, 1))
    with office.db.read() as s:
        page = stops.route_stops(s, office.clerk, a.id)
    assert page.total == 3 and page.route.code == "A01"
    read, replaced, initial = page.stops
    assert (read.position, read.account_number, read.holder_name, read.meter_serial, read.digits) == \
        (1, nums[0], "刘一", f"GM{ids[0]:06d}", 5)
    assert read.address.startswith("阳光花园 3栋2单元")
    assert (read.previous_value, read.previous_on, read.previous_kind, read.previous_status) == \
        (D("12.5"), date(2026, 2, 10), "actual", "accepted")
    assert (replaced.meter_serial, replaced.previous_value, replaced.previous_on, replaced.previous_kind) == \
        ("NEW0001", D("3.25"), date(2026, 3, 1), "initial")
    assert (initial.previous_value, initial.previous_on, initial.previous_kind) == \
        (D("0"), date(2026, 1, 12), "initial")
    assert initial.account_status == "in_service" and initial.status_text == "在用"
    with office.db.read() as s:
        second = stops.route_stops(s, office.reader, a.id, offset=1, limit=1)
    assert second.total == 3 and [st.account_id for st in second.stops] == [ids[1]]
    # An account whose meter is off (taken down, none fitted yet) stays on the route, without a meter.
    with office.db.write() as s:
        s.execute(text("UPDATE meters SET removed_on = '2026-04-01' WHERE account_id = :a"), {"a": ids[2]})
    with office.db.read() as s:
        bare = stops.route_stops(s, office.reader, a.id).stops[2]
    assert (bare.account_id, bare.meter_id, bare.meter_serial, bare.previous_value) == (ids[2], None, "", None)


def test_a_clerk_may_view_routes_but_not_change_them(office: Office, actors: dict[Role, Actor]) -> None:
    a = add(office, "A01")
    aid = office.account_at("in_service")
    with office.db.read() as s:
        assert [r.code for r in routes.routes(s, office.clerk)] == ["A01"]
        assert stops.route_stops(s, office.clerk, a.id).total == 0
    for call in (lambda s: routes.add_route(s, office.clerk, "C01", "册", reader_login_or_id="reader"),
                 lambda s: routes.change_route(s, office.clerk, a.id, name="x"),
                 lambda s: routes.assign_accounts(s, office.clerk, a.id, [aid]),
                 lambda s: routes.assign_compound(s, office.clerk, a.id, office.compound_id),
                 lambda s: routes.reorder(s, office.clerk, a.id, [])):
        err = refused(office.db, call, PermissionDenied)
        assert err.zh == "您的角色（业务员）无权执行此操作：维护抄表册。如需办理，请联系主管或管理员。"
    with pytest.raises(PermissionDenied), office.db.read() as s:
        routes.routes(s, actors[Role.DEPOT])


# --- the route sheet -----------------------------------------------------------------------------


@pytest.fixture
def route60(office: Office) -> tuple[routes.RouteInfo, list[str]]:
    info = add(office, "A01", days="5,6")
    ids = [office.account_at("in_service", name=f"住户{i:02d}") for i in range(60)]
    with office.db.write() as s:
        routes.assign_compound(s, office.reader, info.id, office.compound_id)
    return info, numbers_of(office, ids)


def test_the_route_sheet_lists_every_stop_on_a4_pages(office: Office, route60) -> None:  # type: ignore[no-untyped-def]
    info, nums = route60
    with office.db.write() as s:
        pdf = route_sheet.route_sheet_pdf(s, office.reader, info.id, read_on=date(2026, 12, 5), invariant=True)
    assert pdf.startswith(b"%PDF")
    pages = pdf_pages(pdf)
    assert len(pages) == 3
    first = pages[0]
    for words in ("抄表单", "抄表册：A01", "阳光花园一册", "抄表员：reader 用户（reader）", "每月 5、6 日",
                  "计划抄表日期：2026年12月05日", "共 60 户", nums[0], "本次读数", "上次读数", "备注", "住户00"):
        assert words in first, words
    assert "13812345678" not in "".join(pages)  # no phones on the sheet
    assert nums[-1] in pages[-1] and "抄表员（签字）" in pages[-1]
    assert sum(p.count("住户") for p in pages) == 60


def test_printing_the_route_sheet_makes_an_original_then_copies(office: Office, route60) -> None:  # type: ignore[no-untyped-def]
    info, _nums = route60
    day = date(2026, 12, 5)
    with office.db.write() as s:
        first = route_sheet.print_route_sheet(s, office.reader, info.id, read_on=day)
    assert not first.copy and first.document == jobs.Document("route_sheet", f"{info.id}@2026-12-05", False)
    assert first.changes == {routes.Change.PRINT} and first.pdf.startswith(b"%PDF")
    with office.db.write() as s:
        jobs.record_document(s, office.reader, first.document, target="HP LaserJet", outcome="printed")
        again = route_sheet.print_route_sheet(s, office.reader, info.id, read_on=day)
        other_day = route_sheet.print_route_sheet(s, office.reader, info.id, read_on=date(2027, 1, 5))
    assert again.copy and "副本" in pdf_pages(again.pdf)[0]
    assert not other_day.copy
    assert audit_rows(office, "print.reprint")[-1].after == {"document": "route_sheet", "on": "2026-12-05",
                                                             "accounts": 60}


def test_the_sheet_and_the_grid_show_only_the_accounts_that_are_read(office: Office) -> None:
    from sqlalchemy import text

    a = add(office, "A01")
    ids = [office.account_at("in_service") for _ in range(3)]
    with office.db.write() as s:
        routes.assign_accounts(s, office.reader, a.id, ids)
        s.execute(text("UPDATE accounts SET status = 'closed' WHERE id = :i"), {"i": ids[1]})
    with office.db.read() as s:
        every = stops.route_stops(s, office.reader, a.id)
        read = stops.route_stops(s, office.reader, a.id, readable_only=True)
        assert routes.route_by_code(s, office.clerk, "a01").id == a.id
        with pytest.raises(routes.NotFound, match="没有代码为“Z9”的抄表册"):
            routes.route_by_code(s, office.clerk, "Z9")
    assert [x.account_id for x in every.stops] == ids and every.total == 3
    assert [x.account_id for x in read.stops] == [ids[0], ids[2]] and read.total == 2
