"""The background runner: off the GUI thread, serialized, busy only when slow, changes grouped."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread

from gasdesk.db import Database
from gasdesk.services.core.changes import Change, Done
from gasdesk.services.core.errors import Conflict, PermissionDenied
from gasdesk.services.office import users
from gasdesk.ui.runner import Runner


def test_work_runs_off_the_gui_thread_and_the_result_comes_back_on_it(qtbot, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    gui = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(session) -> int:  # type: ignore[no-untyped-def]
        seen["worker"] = threading.current_thread() is threading.main_thread()
        return users.has_users(session)

    with qtbot.waitSignal(runner.finished, timeout=5_000) as signal:
        runner.submit(work, lambda r: seen.update(done=r, thread=QThread.currentThread() is gui), write=False)
    assert signal.args == [True]
    assert seen == {"worker": False, "done": True, "thread": True}


def test_calls_are_serialized_in_submission_order(qtbot, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    order: list[str] = []

    def slow(tag: str, pause: float):  # type: ignore[no-untyped-def]
        def call() -> str:
            order.append(f"start {tag}")
            time.sleep(pause)
            order.append(f"end {tag}")
            return tag
        return call

    results: list[str] = []
    runner.submit_call(slow("a", 0.05), results.append)
    runner.submit_call(slow("b", 0.0), results.append)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5_000)
    assert order == ["start a", "end a", "start b", "end b"]
    assert results == ["a", "b"]


def test_a_refusal_reaches_on_error_and_the_failed_signal(qtbot, runner: Runner, sign_in) -> None:  # type: ignore[no-untyped-def]
    clerk = sign_in("clerk")
    runner.actor = clerk
    errors: list[BaseException] = []
    with qtbot.waitSignal(runner.failed, timeout=5_000) as signal:
        runner.submit(lambda s: users.list_users(s, clerk), None, errors.append, write=False)
    assert isinstance(signal.args[0], PermissionDenied)
    assert errors == [signal.args[0]]
    assert errors[0].text() == "您的角色（业务员）无权执行此操作：查看用户。如需办理，请联系主管或管理员。"


def test_a_failed_write_leaves_nothing_behind(qtbot, runner: Runner, demo_db: Database, sign_in) -> None:  # type: ignore[no-untyped-def]
    admin = sign_in("admin")
    errors: list[BaseException] = []

    def add_then_clash(session) -> None:  # type: ignore[no-untyped-def]
        users.add_user(session, admin, "temp", "临时", users.Role.CLERK, "pw-1")
        raise Conflict("模拟冲突", "simulated clash")

    runner.submit(add_then_clash, None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    with demo_db.read() as s:
        assert "temp" not in [u.login for u in users.list_users(s, admin)]


def test_busy_shows_only_for_slow_calls(qtbot, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    runner = Runner(demo_db, busy_delay_ms=100)
    events: list[tuple[bool, str]] = []
    runner.busy.connect(lambda busy, text: events.append((busy, text)))
    done: list[object] = []
    runner.submit_call(lambda: 1, done.append, busy_text="快")
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    qtbot.wait(150)
    assert events == []
    runner.submit_call(lambda: time.sleep(0.4), done.append, busy_text="正在备份…")
    qtbot.waitUntil(lambda: len(done) == 2, timeout=5_000)
    assert events == [(True, "正在备份…"), (False, "")]
    runner.wait_done()


def test_the_runner_emits_what_the_results_say_they_changed_grouped(qtbot, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    emitted: list[frozenset[Change]] = []
    runner.changed.connect(emitted.append)
    runner.submit_call(lambda: Done(changes=frozenset({Change.USER})))
    runner.submit_call(lambda: Done(changes=frozenset({Change.ADDRESS, Change.USER})))
    runner.submit_call(lambda: "a result that changed nothing")
    qtbot.waitUntil(lambda: bool(emitted), timeout=5_000)
    qtbot.wait(100)
    assert emitted == [frozenset({Change.USER, Change.ADDRESS})]


def test_a_read_changes_nothing_so_nothing_is_emitted(qtbot, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    emitted: list[frozenset[Change]] = []
    runner.changed.connect(emitted.append)
    done: list[object] = []
    runner.submit_call(lambda: Done(), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    qtbot.wait(100)
    assert emitted == []


def test_a_callback_for_a_closed_widget_is_skipped(qtbot, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    called: list[object] = []
    runner.submit_call(lambda: time.sleep(0.05), lambda _r: called.append(label.text()), owner=label)
    label.deleteLater()
    qtbot.wait(10)
    with qtbot.waitSignal(runner.finished, timeout=5_000):
        pass
    assert called == []
