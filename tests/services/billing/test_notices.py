"""Price changes (调价) and their notices: the households affected by route in walking order, the
marks of who told them and when (refused in words, all or nothing), the counts, and the A4 slips
with their originals and copies."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from accounts_support import Office, refused
from printing_support import pdf_pages, pdf_text
from sqlalchemy import select

from gasdesk.models import Account, AuditEntry, PriceNotice, TariffSchedule, TariffTier
from gasdesk.services.accounts import numbers
from gasdesk.services.billing import notices
from gasdesk.services.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from gasdesk.services.printing import jobs
from gasdesk.services.readings import routes

D = Decimal
SOON = date.today() + timedelta(days=40)
TIERS = (("350", "2.61"), ("500", "3.13"), (None, "3.91"))


def schedule(office: Office, customer_type: str, on: date, tiers: tuple[tuple[str | None, str], ...],
             large: tuple[int, str] | None = None) -> int:
    """A test fixture: a schedule written through the ORM (the tariff file's loader is not used here)."""
    with office.db.write() as s:
        row = TariffSchedule(customer_type=customer_type, effective_from=on, year_start="01-01",
                             large_min_persons=large[0] if large else None,
                             large_extra_m3=D(large[1]) if large else None, loaded_by=office.admin.user_id)
        s.add(row)
        s.flush()
        for n, (bound, price) in enumerate(tiers, 1):
            s.add(TariffTier(schedule_id=row.id, tier=n, up_to_m3=D(bound) if bound else None, price=D(price)))
        return row.id


class Town:
    """Two routes and a household on none; the residential prices change twice, once still to come."""

    def __init__(self, office: Office) -> None:
        self.office = office
        self.first = schedule(office, "residential", date(2024, 1, 1), TIERS)
        self.past = schedule(office, "residential", date(2025, 7, 1),
                             (("350", "2.71"), ("500", "3.25"), (None, "4.06")))
        self.soon = schedule(office, "residential", SOON, (("350", "2.88"), ("500", "3.4550"), (None, "4.32")),
                             large=(5, "100"))
        self.commercial = schedule(office, "commercial", date(2024, 1, 1), ((None, "3.50"),))
        self.commercial_soon = schedule(office, "commercial", SOON, ((None, "3.80"),))
        ids = {name: office.account_at(status, name=name) for name, status in (
            ("赵一", "in_service"), ("钱二", "in_service"), ("孙三", "in_service"), ("李四", "suspended"),
            ("周五", "gas_on"), ("吴六", "closed"), ("郑七", "installed"))}
        self.ids = ids
        with office.db.read() as s:
            self.number = {n: s.get(Account, i).number for n, i in ids.items()}  # type: ignore[union-attr]
        with office.db.write() as s:
            # made second, listed second: routes go by code
            self.r2 = routes.add_route(s, office.reader, "A02", "阳光花园二册", reader_login_or_id="reader")
            self.r1 = routes.add_route(s, office.reader, "A01", "阳光花园一册", reader_login_or_id="reader")
            routes.assign_accounts(s, office.reader, self.r2.id, [ids["孙三"], ids["赵一"]])
            routes.assign_accounts(s, office.reader, self.r1.id, [ids["钱二"], ids["周五"]])

    def mark(self, *who: int | str, note: str = "", actor=None) -> notices.Marked:  # type: ignore[no-untyped-def]
        with self.office.db.write() as s:
            return notices.mark_notified(s, actor or self.office.reader, self.soon, list(who), note)


@pytest.fixture
def town(office: Office) -> Town:
    return Town(office)


def affected(town: Town, **kw: object) -> notices.Affected:
    with town.office.db.read() as s:
        return notices.affected(s, town.office.reader, town.soon, **kw)  # type: ignore[arg-type]


def test_the_changes_are_every_schedule_but_a_types_first_with_the_one_before(town: Town) -> None:
    with town.office.db.read() as s:
        upcoming = notices.price_changes(s, town.office.clerk)
        every = notices.price_changes(s, town.office.clerk, upcoming_only=False)
    assert [(c.id, c.previous.id) for c in upcoming] == [(town.soon, town.past),
                                                         (town.commercial_soon, town.commercial)]
    assert [(c.id, c.previous.id) for c in every] == [(town.past, town.first), (town.soon, town.past),
                                                      (town.commercial_soon, town.commercial)]
    assert every[1].title("zh") == f"居民 {SOON.isoformat()} 调价"
    assert every[1].title("en") == f"Residential price change of {SOON.isoformat()}"
    with town.office.db.read() as s, pytest.raises(Conflict) as info:
        notices.affected(s, town.office.reader, town.first)
    assert info.value.zh == "2024-01-01 起的居民气价是第一份气价，不是调价，不用通知用户。"


def test_the_read_accounts_of_the_type_are_listed_by_route_in_walking_order(town: Town) -> None:
    found = affected(town)
    groups = [(g.route_id, g.code, g.name, [h.holder_name for h in g.households], g.total, g.notified)
              for g in found.groups]
    assert groups == [
        (town.r1.id, "A01", "阳光花园一册", ["钱二", "周五"], 2, 0),
        (town.r2.id, "A02", "阳光花园二册", ["孙三", "赵一"], 2, 0),
        (notices.UNASSIGNED, "", "未分配抄表册", ["李四"], 1, 0),  # suspended is read; closed, installed are not
    ]
    first = found.groups[0].households[0]
    assert (first.seq, first.position, first.account_number, first.address, first.notified, first.notified_by) == \
        (1, 1, town.number["钱二"], first.address, False, "")
    assert first.address.startswith("阳光花园 3栋2单元")
    assert (found.total, found.notified, found.pending) == (5, 0, 5)
    # one route, paged: the counts are the route's whole
    page = affected(town, route_id=town.r2.id, offset=1, limit=1).groups
    assert [(g.code, g.total, [(h.seq, h.holder_name) for h in g.households]) for g in page] == \
        [("A02", 2, [(2, "赵一")])]
    assert [h.holder_name for h in affected(town, route_id=notices.UNASSIGNED).groups[0].households] == ["李四"]


def test_marking_households_records_who_and_when_and_counts_the_rest(town: Town) -> None:
    before = datetime.now(UTC)
    done = town.mark(town.number["赵一"], town.ids["钱二"], town.number["赵一"], note="门口张贴")
    assert [m.account_number for m in done.marked] == [town.number["赵一"], town.number["钱二"]]
    assert (done.already, done.pending) == ((), 3)
    assert done.marked[0].notified_by == "reader 用户（reader）"
    with town.office.db.read() as s:
        rows = s.scalars(select(PriceNotice).order_by(PriceNotice.id)).all()
        assert [(r.schedule_id, r.account_id, r.notified_by, r.note) for r in rows] == [
            (town.soon, town.ids["赵一"], town.office.reader.user_id, "门口张贴"),
            (town.soon, town.ids["钱二"], town.office.reader.user_id, "门口张贴")]
        assert all(r.notified_at >= before.replace(microsecond=0) for r in rows)
        assert notices.unnotified_count(s, town.office.clerk, town.soon) == 3
    shown = {h.holder_name: h for g in affected(town).groups for h in g.households}
    assert (shown["赵一"].notified, shown["赵一"].notified_by, shown["赵一"].note) == (True, "reader 用户（reader）",
                                                                                     "门口张贴")
    assert [(g.code, g.notified, g.pending) for g in affected(town).groups] == [("A01", 1, 1), ("A02", 1, 1),
                                                                               ("", 0, 1)]

    again = town.mark(town.number["赵一"], town.number["李四"], actor=town.office.supervisor)
    assert [m.account_number for m in again.marked] == [town.number["李四"]]
    assert [(m.account_number, m.notified_by) for m in again.already] == \
        [(town.number["赵一"], "reader 用户（reader）")]
    assert again.pending == 2
    with town.office.db.read() as s:
        logged = [json.loads(r.after) for r in s.scalars(select(AuditEntry).where(AuditEntry.action == "notice.mark")
                                                          .order_by(AuditEntry.id))]
        entity = s.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "notice.mark")).all()
    assert logged == [
        {"type": "residential", "on": SOON.isoformat(), "accounts": 2, "already_notified": 0, "note": "门口张贴"},
        {"type": "residential", "on": SOON.isoformat(), "accounts": 1, "already_notified": 1}]
    assert entity == [str(town.soon)] * 2
    # all marked already: nothing written, no audit row
    assert town.mark(town.number["赵一"]).marked == ()
    with town.office.db.read() as s:
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.action == "notice.mark").offset(2)) is None


def test_a_mark_outside_the_change_is_refused_in_words_and_nothing_is_marked(town: Town) -> None:
    db, reader, n = town.office.db, town.office.reader, town.number

    def mark(schedule_id: int, *who: int | str):  # type: ignore[no-untyped-def]
        return lambda s: notices.mark_notified(s, reader, schedule_id, list(who))

    closed = refused(db, mark(town.soon, n["赵一"], town.ids["吴六"]), Conflict)
    assert closed.zh == (f"户号 {n['吴六'] or '#' + str(town.ids['吴六'])} 的状态是“已销户”，不在调价通知范围"
                         "（只通知已通气、在用和停气的户）。本次未登记任何一户。")
    installed = refused(db, mark(town.soon, n["郑七"]), Conflict)
    assert installed.zh == (f"户号 {n['郑七']} 的状态是“已安装”，不在调价通知范围（只通知已通气、在用和停气的户）。"
                            "本次未登记任何一户。")
    assert installed.en == (f"Account {n['郑七']} is 'Installed': only gas-on, in-service and suspended accounts "
                            "are notified. Nothing was marked.")
    other = refused(db, mark(town.commercial_soon, n["钱二"]), Conflict)
    assert other.zh == f"户号 {n['钱二']} 是居民用户，这次调价只涉及商业用户。本次未登记任何一户。"
    assert other.en == f"Account {n['钱二']} is residential; this price change is for commercial accounts only. " \
                       "Nothing was marked."
    nobody = numbers.make_number("01", 999_999)
    assert refused(db, mark(town.soon, n["赵一"], nobody), NotFound).zh == \
        f"没有户号为 {nobody} 的用户。本次未登记任何一户。"
    typo = refused(db, mark(town.soon, n["赵一"], "0100000"), ValidationError)
    assert typo.zh == "“0100000”：户号应为 9 位数字，您输入了 7 位。本次未登记任何一户。"
    assert refused(db, mark(town.soon), ValidationError).zh == "请输入要登记的户号。"
    assert refused(db, mark(town.first, n["赵一"]), Conflict).zh == \
        "2024-01-01 起的居民气价是第一份气价，不是调价，不用通知用户。"
    assert refused(db, lambda s: notices.mark_notified(s, town.office.clerk, town.soon, [n["赵一"]]),
                   PermissionDenied).zh.startswith("您的角色（业务员）无权执行此操作：")


def test_a_routes_notices_carry_each_household_and_the_old_and_new_prices(town: Town) -> None:
    with town.office.db.read() as s:
        pdf = notices.notice_pdf(s, town.office.reader, town.soon, town.r1.id, invariant=True)
    pages = pdf_pages(pdf)
    assert len(pages) == 1  # two households: one page of three slips
    text = pages[0]
    for expected in (town.number["钱二"], town.number["周五"], "钱二", "周五", "居民用气价格调整通知（调价通知）",
                     f"自 {SOON.year} 年 {SOON.month} 月 {SOON.day} 日起",
                     "0～350 m³", "350～500 m³", "500 m³ 以上", "2.71", "3.25", "4.06", "2.88", "3.455", "4.32",
                     "+0.17", "+0.205", "家庭人口 5 人及以上的，每档年用气量上限增加 100 m³",
                     "已收到调价通知", "户主签字", "A01 第 1 户", "A01 第 2 户", "沿此线剪开"):
        assert expected in text, expected
    assert "2.61" not in text  # the first schedule is not the one replaced
    assert "副本" not in text


def test_many_households_fill_pages_of_three_and_an_empty_route_is_refused(town: Town) -> None:
    office = town.office
    more = [office.account_at("in_service", name=f"王{i}") for i in range(3)]
    with office.db.write() as s:
        routes.assign_accounts(s, office.reader, town.r1.id, more)
        empty = routes.add_route(s, office.reader, "B01", "空册", reader_login_or_id="reader")
    with office.db.read() as s:
        pages = pdf_pages(notices.notice_pdf(s, office.reader, town.soon, town.r1.id, invariant=True))
        with pytest.raises(Conflict) as info:
            notices.notice_pdf(s, office.reader, town.soon, empty.id)
        unassigned = pdf_text(notices.notice_pdf(s, office.reader, town.soon, notices.UNASSIGNED, invariant=True))
    assert [p.count("户主签字") for p in pages] == [3, 2]
    assert info.value.zh == "抄表册 B01 没有这次调价要通知的用户。"
    assert "李四" in unassigned and "（未分配抄表册）" in unassigned


def test_printing_a_routes_notices_makes_an_original_then_copies(town: Town) -> None:
    office = town.office
    with office.db.write() as s:
        first = notices.print_notices(s, office.reader, town.soon, town.r2.id)
    assert (first.copy, first.document) == (False, jobs.Document("price_notice", f"{town.soon}@{town.r2.id}", False))
    assert "副本" not in pdf_text(first.pdf)
    with office.db.write() as s:
        jobs.record_document(s, office.reader, first.document, target="HP LaserJet", outcome="printed")
        again = notices.print_notices(s, office.reader, town.soon, town.r2.id)
        other = notices.print_notices(s, office.reader, town.soon, town.r1.id)
    assert (again.copy, again.document.copy, other.copy) == (True, True, False)
    assert pdf_text(again.pdf).count("居民用气价格调整通知（调价通知·副本）") == 2  # on each slip, cut apart
    with office.db.read() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.action == "print.reprint")).one()
    assert (row.entity, row.entity_id, json.loads(row.after or "")) == \
        ("tariff", str(town.soon), {"document": "price_notice", "route": "A02", "accounts": 2})
