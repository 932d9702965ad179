"""UI fixtures: the demo office (built once per session) copied per test; a runner; a signed-in window."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gasdesk.db import Database
from gasdesk.services import demo
from gasdesk.services.core.actor import Actor
from gasdesk.services.office import users
from gasdesk.startup import prepare
from gasdesk.ui.app import install_translators
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter.page import CounterPage
from gasdesk.ui.gc_guard import GuiThreadCollector
from gasdesk.ui.main_window import MainWindow
from gasdesk.ui.runner import Runner

PASSWORDS = {login: password for login, _name, _role, password in demo.DEMO_USERS}


@pytest.fixture(scope="session", autouse=True)
def chinese(qapp):  # type: ignore[no-untyped-def]
    """The program's default language, with the shipped .qm, as a counter sees it."""
    translators = install_translators(qapp, "zh")
    assert translators, "gasdesk_zh_CN.qm did not load"
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp):  # type: ignore[no-untyped-def]
    """As in the program: the cyclic collector never runs on a runner thread (PySide crashes)."""
    collector = GuiThreadCollector(qapp)
    # Everything alive now (modules, the session's templates) lives to the end: frozen out of the
    # collector's sight, each test's full collection below only walks what that test made.
    gc.collect()
    gc.freeze()
    yield collector
    gc.unfreeze()
    collector.stop()


@pytest.fixture(autouse=True)
def _collect_on_gui_thread() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def english(qapp, chinese):  # type: ignore[no-untyped-def]
    """English is the source language: no translator at all."""
    for translator in chinese:
        qapp.removeTranslator(translator)
    yield
    for translator in chinese:
        qapp.installTranslator(translator)


@pytest.fixture
def demo_db(foundation_demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """The demo office's users and address tree, built once per session (tests/conftest.py).

    Later features' demo builders (thousands of accounts) are left out: these tests
    need the people and the areas, and a UI test must stay quick.
    """
    path = tmp_path / "office.db"
    shutil.copyfile(foundation_demo_template, path)
    database = prepare(path)
    yield database
    database.dispose()


@pytest.fixture
def runner(qtbot, demo_db: Database) -> Iterator[Runner]:  # type: ignore[no-untyped-def]
    r = Runner(demo_db, busy_delay_ms=600)
    yield r
    r.wait_done(10_000)


def _sign_in(db: Database, login: str, counter: str = demo.office.COUNTER) -> Actor:
    with db.write() as s:
        outcome = users.authenticate(s, login, PASSWORDS[login], counter)
    assert outcome.actor is not None, outcome.error
    return outcome.actor


@pytest.fixture
def sign_in(demo_db: Database) -> Callable[[str], Actor]:
    """Sign a demo user in directly (setup, not under test)."""
    return lambda login: _sign_in(demo_db, login)


@pytest.fixture
def open_window(qtbot, demo_db: Database, runner: Runner) -> Callable[..., MainWindow]:  # type: ignore[no-untyped-def]
    def make(login: str, idle_ms: int | None = 3_600_000, counter: str = demo.office.COUNTER) -> MainWindow:
        actor = _sign_in(demo_db, login, counter)
        runner.actor = actor
        window = MainWindow(AppContext(demo_db, runner, actor, demo=True), idle_ms=idle_ms)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        return window

    return make


@pytest.fixture
def open_counter(qtbot, open_window) -> Callable[..., CounterPage]:  # type: ignore[no-untyped-def]
    """Sign in (the clerk unless told) and open the counter with the search box focused."""

    def open_page(login: str = "clerk") -> CounterPage:
        window = open_window(login)
        window.activateWindow()
        qtbot.waitActive(window)
        page = window.show_workplace("counter")
        assert isinstance(page, CounterPage)
        qtbot.waitUntil(lambda: page.search.box.hasFocus(), timeout=5_000)
        return page

    return open_page
