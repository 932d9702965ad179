"""The one background runner: every service call of the window goes through it.

A single-thread pool serializes database work off the GUI thread (SQLite takes
one writer anyway, and a session never crosses threads). Results come back on
the GUI thread by signal, then to the caller's own callbacks. A busy indicator
appears only when a call takes longer than ``busy_delay_ms`` (quick calls never
flicker). After a successful call its result says what it changed
(services.core.changes); the runner groups bursts with a single-shot timer and
emits ``changed`` once, and each view decides whether that concerns it.

Usage (a page in a workplace)::

    ctx.runner.submit(
        lambda s: users.list_users(s, ctx.actor),   # runs on the worker, in one session
        self.model.set_rows,                          # on the GUI thread with the result
        write=False,                                  # a read: no write lock taken
        owner=self,                                   # skipped if this widget is gone
    )
    ctx.runner.submit(
        lambda s: users.add_user(s, ctx.actor, login, name, role, password),
        self._added, write=True, busy_text=self.tr("Saving…"), owner=self,  # the result says what changed
    )

Without ``on_error`` a refusal is shown in a message box over ``owner``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from gasdesk.services.core import changes as service_changes
from gasdesk.services.core import runner as service_runner
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change
from gasdesk.services.core.errors import GasdeskError
from gasdesk.ui.messages import show_error

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it (queued back to the GUI)."""

    done = Signal(int, object)
    error = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._ticket, self._work, self._relay = ticket, work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # everything reaches the GUI; nothing dies silently on the worker
            self._relay.error.emit(self._ticket, exc)
        else:
            self._relay.done.emit(self._ticket, result)


@dataclass
class _Pending:
    on_done: OnDone | None
    on_error: OnError | None
    owner: QWidget | None
    busy_text: str


class Runner(QObject):
    """Runs service calls on one worker thread and reports back on the GUI thread."""

    finished = Signal(object)  # any call's result (after its own callback)
    failed = Signal(object)  # a GasdeskError (a refusal) or an unexpected exception
    busy = Signal(bool, str)  # True + text once a call has run for busy_delay_ms; False when idle
    changed = Signal(object)  # frozenset[Change]: what the services said they changed, grouped

    def __init__(
        self,
        db: Any = None,
        actor: Actor | None = None,
        parent: QObject | None = None,
        *,
        busy_delay_ms: int = 600,
        change_delay_ms: int = 30,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # database work is serialized
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._relay.error.connect(self._on_error, Qt.ConnectionType.QueuedConnection)
        self._tickets = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._busy_shown = False
        self._busy_timer = QTimer(self, singleShot=True, interval=busy_delay_ms)
        self._busy_timer.timeout.connect(self._show_busy)
        self._changes: set[Change] = set()
        self._change_timer = QTimer(self, singleShot=True, interval=change_delay_ms)
        self._change_timer.timeout.connect(self._emit_changed)

    # ---- submitting -------------------------------------------------------

    def submit(
        self,
        fn: Callable[[Any], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        *,
        write: bool = True,
        busy_text: str = "",
        owner: QWidget | None = None,
    ) -> int:
        """Run ``fn(session)`` as one unit of work (a write transaction when ``write``).

        What the call changed comes from its result (services.core.changes): the runner emits
        exactly that on ``changed``; the caller never declares it."""
        if self.db is None:
            raise RuntimeError("the runner has no database yet")
        db, actor = self.db, self.actor
        return self.submit_call(
            lambda: service_runner.run(db, actor, fn, write=write),
            on_done, on_error, busy_text=busy_text, owner=owner,
        )

    def submit_call(
        self,
        work: Callable[[], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        *,
        busy_text: str = "",
        owner: QWidget | None = None,
    ) -> int:
        """Run work that opens its own transactions (or none): opening a database, a hot backup."""
        ticket = next(self._tickets)
        self._pending[ticket] = _Pending(on_done, on_error, owner, busy_text)
        if len(self._pending) == 1:
            self._busy_timer.start()
        self._pool.start(_Job(ticket, work, self._relay))
        return ticket

    # ---- state ------------------------------------------------------------

    def is_busy(self) -> bool:
        return bool(self._pending)

    def wait_done(self, msecs: int = -1) -> bool:
        """Wait for the worker to finish (at shutdown); callbacks still arrive by the event loop."""
        return self._pool.waitForDone(msecs)

    def notify_changed(self, entities: Iterable[Change]) -> None:
        self._changes.update(entities)
        if self._changes and not self._change_timer.isActive():
            self._change_timer.start()

    # ---- results (GUI thread) ---------------------------------------------

    def _take(self, ticket: int) -> _Pending | None:
        pending = self._pending.pop(ticket, None)
        if not self._pending:
            self._busy_timer.stop()
            if self._busy_shown:
                self._busy_shown = False
                QApplication.restoreOverrideCursor()
                self.busy.emit(False, "")
        return pending

    @staticmethod
    def _alive(pending: _Pending) -> bool:
        return pending.owner is None or shiboken6.isValid(pending.owner)

    @Slot(int, object)
    def _on_done(self, ticket: int, result: object) -> None:
        pending = self._take(ticket)
        if pending is None:
            return
        self.notify_changed(service_changes.of(result))
        if pending.on_done is not None and self._alive(pending):
            pending.on_done(result)
        self.finished.emit(result)

    @Slot(int, object)
    def _on_error(self, ticket: int, exc: BaseException) -> None:
        pending = self._take(ticket)
        if pending is None:
            return
        if not isinstance(exc, GasdeskError):
            log.error("unexpected error in a background call", exc_info=exc)
        if self._alive(pending):
            if pending.on_error is not None:
                pending.on_error(exc)
            else:
                show_error(pending.owner, exc)
        self.failed.emit(exc)

    @Slot()
    def _show_busy(self) -> None:
        if not self._pending or self._busy_shown:
            return
        self._busy_shown = True
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        text = next((p.busy_text for p in self._pending.values() if p.busy_text), "")
        self.busy.emit(True, text)

    @Slot()
    def _emit_changed(self) -> None:
        changes, self._changes = frozenset(self._changes), set()
        if changes:
            self.changed.emit(changes)
