"""Long lists page: the account's ledger and history, and the audit log viewer, show 100 rows and
fetch the next, older 100 when scrolled to the bottom, through the runner, without duplicates."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableView

from gasdesk.db import Database
from gasdesk.services import ledger
from gasdesk.services.accounts import opening, records
from gasdesk.services.accounts.identity import id_check_char
from gasdesk.services.accounts.page import account_history
from gasdesk.services.core import audit
from gasdesk.services.core.actor import Actor
from gasdesk.services.demo import DEMO_USERS
from gasdesk.services.office import address, users
from gasdesk.startup import prepare
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter.account_page import AccountPage
from gasdesk.ui.reports import ReportsPage
from gasdesk.ui.reports.audit_log import AuditLogPage, summarise
from gasdesk.ui.runner import Runner
from gasdesk.ui.tables import RowsModel

ENTRIES = 250
PASSWORDS = {login: password for login, _name, _role, password in DEMO_USERS}


def account_with_entries(db: Database, clerk: Actor) -> int:
    """An application with 250 ledger entries (each post audited: 251 history rows with the application)."""
    body = "32010219800101123"
    with db.write() as s:
        compound = address.tree(s, clerk)[0].compounds[0]
        a = opening.apply(s, clerk, account_type="residential",
                           holder=records.HolderInput("柳如烟", body + id_check_char(body), "13800001111"),
                           premises=records.PremisesInput(compound_id=compound.id, building="7", unit="1",
                                                           room="501"))
        for i in range(ENTRIES):
            ledger.post(s, clerk, a.id, [ledger.Line("gas_charge", Decimal(f"{i + 1}.00"))],
                        idempotency_key=f"paging-{i}")
    return a.id


@pytest.fixture(scope="module")
def paging_office(foundation_demo_template: Path, build_template) -> tuple[Path, int]:  # type: ignore[no-untyped-def]
    """The demo office plus that account, built once for this module (250 postings take a second)."""
    made: list[int] = []

    def build(db: Database) -> None:
        with db.write() as s:
            clerk = users.authenticate(s, "clerk", PASSWORDS["clerk"], "C01").actor
        assert clerk is not None
        made.append(account_with_entries(db, clerk))

    return build_template(foundation_demo_template, build), made[0]


@pytest.fixture
def demo_db(paging_office: tuple[Path, int], tmp_path: Path) -> Iterator[Database]:
    """This module's office in place of tests/ui/conftest.py's (the runner and sign_in use it)."""
    path = tmp_path / "office.db"
    shutil.copyfile(paging_office[0], path)
    database = prepare(path)
    yield database
    database.dispose()


@pytest.fixture
def aid(paging_office: tuple[Path, int]) -> int:
    """The account with the 250 entries."""
    return paging_office[1]


def scroll_for_more(qtbot, view: QTableView, model: RowsModel, expect: int) -> None:  # type: ignore[no-untyped-def]
    view.scrollToBottom()  # the view asks the model (canFetchMore/fetchMore) at the bottom
    qtbot.waitUntil(lambda: model.rowCount() == expect and not model.loading, timeout=10_000)


def ids(model: RowsModel) -> list[int]:
    return [r["id"] if isinstance(r, dict) else r.id for r in model.rows]


@pytest.fixture
def account_page(qtbot, demo_db: Database, runner: Runner, sign_in, aid: int) -> tuple[AccountPage, int, Actor]:  # type: ignore[no-untyped-def]
    clerk = sign_in("clerk")
    runner.actor = clerk
    page = AccountPage(AppContext(demo_db, runner, clerk))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.load(aid)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10_000)
    return page, aid, clerk


def test_the_ledger_shows_100_then_pages_on_by_scrolling(qtbot, account_page, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    page, aid, clerk = account_page
    model, view = page.ledger_model, page.ledger_view
    with demo_db.read() as s:
        expected = [e.id for e in ledger.entries(s, clerk, aid, 1000)]
    assert len(expected) == ENTRIES
    assert model.rowCount() == 100 and model.canFetchMore()
    assert page.tabs.tabText(0) == "账目 (100+)  Alt+1"
    assert model.rows[0].amount == Decimal("250.00")  # newest first
    scroll_for_more(qtbot, view, model, 200)
    assert page.tabs.tabText(0) == "账目 (200+)  Alt+1"
    scroll_for_more(qtbot, view, model, 250)
    assert not model.canFetchMore()  # a short page: the end
    assert page.tabs.tabText(0) == "账目 (250)  Alt+1"
    assert ids(model) == expected  # complete, in order, no duplicates
    assert model.rows[-1].amount == Decimal("1.00")
    view.scrollToBottom()
    qtbot.wait(200)
    assert model.rowCount() == 250


def test_a_second_request_while_one_is_in_flight_is_ignored(qtbot, account_page, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    page, _aid, _clerk = account_page
    model = page.ledger_model
    asked = []
    submit = runner.submit
    runner.submit = lambda *a, **k: asked.append(1) or submit(*a, **k)  # type: ignore[method-assign]
    try:
        model.fetchMore()
        assert model.loading
        model.fetchMore()
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    finally:
        del runner.submit
    assert asked == [1]
    assert model.rowCount() == 200 and len(set(ids(model))) == 200


def test_a_reload_drops_a_page_asked_for_the_old_rows(qtbot, account_page) -> None:  # type: ignore[no-untyped-def]
    page, _aid, _clerk = account_page
    model = page.ledger_model
    model.fetchMore()
    page.reload()
    qtbot.waitUntil(lambda: not model.loading and page.tabs.tabText(0) == "账目 (100+)  Alt+1", timeout=10_000)
    qtbot.wait(200)
    assert model.rowCount() == 100 and len(set(ids(model))) == 100


def test_the_history_pages_too(qtbot, account_page, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    page, aid, clerk = account_page
    model = page.history_model
    with demo_db.read() as s:
        expected = [h.id for h in account_history(s, clerk, aid, 1000)]
    assert len(expected) == ENTRIES + 1
    page.tabs.setCurrentIndex(4)
    view = page.tabs.currentWidget()
    assert isinstance(view, QTableView)
    assert model.rowCount() == 100 and page.tabs.tabText(4) == "历史记录 (100+)  Alt+5"
    scroll_for_more(qtbot, view, model, 200)
    scroll_for_more(qtbot, view, model, 251)
    assert not model.canFetchMore() and page.tabs.tabText(4) == "历史记录 (251)  Alt+5"
    assert ids(model) == expected


def reports_page(qtbot, demo_db: Database, runner: Runner, actor: Actor) -> ReportsPage:  # type: ignore[no-untyped-def]
    runner.actor = actor
    page = ReportsPage(AppContext(demo_db, runner, actor))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def audit_log(qtbot, demo_db: Database, runner: Runner, supervisor: Actor) -> tuple[ReportsPage, AuditLogPage]:  # type: ignore[no-untyped-def]
    """The supervisor's audit log tab, opened, with its first page shown (keep the page: it owns the tab)."""
    page = reports_page(qtbot, demo_db, runner, supervisor)
    log = page.audit_log
    assert isinstance(log, AuditLogPage)
    page.tabs.setCurrentWidget(log)
    qtbot.waitUntil(lambda: log.model.rowCount() == 100 and not log.model.loading, timeout=10_000)
    return page, log


def first_page(qtbot, log: AuditLogPage, expected: list[int]) -> None:  # type: ignore[no-untyped-def]
    """The filter's first page, exactly (never satisfied by the old rows), shown from the top, and
    it stays one page: nothing fetches the next one unasked."""
    model = log.model
    qtbot.waitUntil(lambda: not model.loading and ids(model) == expected[:100], timeout=10_000)
    qtbot.wait(100)  # a stray fetch of the next page would have started by now
    assert not model.loading and ids(model) == expected[:100]
    assert log.view.verticalScrollBar().value() == 0


def test_the_audit_log_pages_and_filters(qtbot, demo_db: Database, runner: Runner, sign_in, aid: int) -> None:  # type: ignore[no-untyped-def]
    supervisor = sign_in("super")
    page = reports_page(qtbot, demo_db, runner, supervisor)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["登记册", "审计日志"]
    log = page.audit_log
    assert isinstance(log, AuditLogPage)
    page.tabs.setCurrentWidget(log)
    model = log.model
    qtbot.waitUntil(lambda: model.rowCount() == 100 and not model.loading, timeout=10_000)
    with demo_db.read() as s:
        everything = [r["id"] for r in audit.recent(s, supervisor, limit=100_000)]
        posts = [r["id"] for r in audit.recent(s, supervisor, action_like="ledger.post", limit=1000)]
        for_account = [r["id"] for r in audit.recent(s, supervisor, entity_id=aid, limit=1000)]
    assert len(everything) > ENTRIES and len(posts) == ENTRIES and len(for_account) >= ENTRIES + 1
    assert ids(model) == everything[:100]
    assert log.count.text() == "100+ 行"
    scroll_for_more(qtbot, log.view, model, 200)
    assert ids(model) == everything[:200]
    while model.canFetchMore():
        scroll_for_more(qtbot, log.view, model, min(model.rowCount() + 100, len(everything)))
    assert ids(model) == everything

    log.filter.setText("ledger.post")
    log.apply_filter()
    first_page(qtbot, log, posts)
    scroll_for_more(qtbot, log.view, model, 200)
    scroll_for_more(qtbot, log.view, model, 250)
    assert ids(model) == posts and not model.canFetchMore()
    assert log.count.text() == "250 行"
    first = model.rows[0]
    assert (first["action"], first["entity"], first["entity_id"]) == ("ledger.post", "account", str(aid))
    assert model.data(model.index(0, 6)) == summarise(first["before"], first["after"], "ledger.post",
                                                      first["balance_after"], "zh") != ""
    assert model.data(model.index(0, 3)) == "记账" and model.data(model.index(0, 4)) == "用户"
    assert model.data(model.index(0, 6)).startswith("账目：")

    log.filter.setText(str(aid))
    log.apply_filter()
    first_page(qtbot, log, for_account)
    while model.canFetchMore():
        scroll_for_more(qtbot, log.view, model, min(model.rowCount() + 100, len(for_account)))
    assert ids(model) == for_account


def test_a_filter_shows_its_newest_page_even_when_the_old_list_was_at_the_bottom(  # type: ignore[no-untyped-def]
        qtbot, demo_db: Database, runner: Runner, sign_in, aid: int) -> None:
    """The race behind a flaky timeout: the view was scrolled to the bottom of the old rows and the
    new first page arrived before the view had laid out the emptied list. The view then stayed at
    the bottom of the new page and, being at the bottom, fetched a second page unasked. Forced here:
    the worker finishes before the GUI thread gets back to its event loop."""
    supervisor = sign_in("super")
    _page, log = audit_log(qtbot, demo_db, runner, supervisor)
    with demo_db.read() as s:
        shown = [r["id"] for r in audit.recent(s, supervisor, limit=100_000)]
        posts = [r["id"] for r in audit.recent(s, supervisor, action_like="ledger.post", limit=1000)]
        for_account = [r["id"] for r in audit.recent(s, supervisor, entity_id=aid, limit=1000)]
    for text, expected in (("ledger.post", posts), (str(aid), for_account), ("ledger.post", posts)):
        while log.model.canFetchMore():  # the whole list, scrolled to its very bottom
            scroll_for_more(qtbot, log.view, log.model, min(log.model.rowCount() + 100, len(shown)))
        assert ids(log.model) == shown
        log.view.scrollToBottom()
        qtbot.wait(50)
        assert log.view.verticalScrollBar().value() > 0
        log.filter.setText(text)
        log.apply_filter()
        assert runner.wait_done(10_000)  # the page is queued before the view's delayed layout runs
        first_page(qtbot, log, expected)
        shown = expected


def test_a_clerk_gets_no_audit_tab(qtbot, demo_db: Database, runner: Runner, sign_in) -> None:  # type: ignore[no-untyped-def]
    page = reports_page(qtbot, demo_db, runner, sign_in("clerk"))
    assert page.tabs.count() == 1 and page.audit_log is None


def test_the_summary_shows_what_changed() -> None:
    assert summarise({"status": "a", "name": "x"}, {"status": "b", "name": "x", "phone": "1"}, lang="en") == \
        "status: a → b; phone: 1"
    assert summarise({"status": "in_service"}, {"status": "suspended"}, "account.suspend") == "状态：在用 → 停气"
    assert summarise({"gone": 1}, None, lang="en") == "gone: 1"
    assert summarise(None, {"note": "长" * 50}, lang="en") == "note: " + "长" * 39 + "…"
