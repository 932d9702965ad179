"""The entry grid's checks and its save, through the runner: the typed rows are previewed
(``store.submit(store=False)``, one call in flight at a time) and saved in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from gasdesk.services.readings import checks, store
from gasdesk.services.readings.store import BatchResult, RowOutcome
from gasdesk.ui.readings.entry_model import EntryModel, Saved

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

PREVIEW_DELAY_MS = 120  # a scanner's rows typed in a burst are checked together


class Checker(QObject):
    """Previews the typed rows (one call in flight at a time) and saves them in one transaction."""

    saved = Signal(object)  # the BatchResult of a save
    save_failed = Signal(object)  # the exception

    def __init__(self, ctx: AppContext, model: EntryModel, owner: QWidget) -> None:
        super().__init__(owner)
        self.ctx, self.model, self.owner = ctx, model, owner
        self.timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.preview)
        self.in_flight = False
        self.generation = 0  # a new route or date: answers for the old rows are dropped
        model.committed.connect(self.schedule)

    def reset(self) -> None:
        self.generation += 1
        self.timer.stop()
        self.in_flight = False

    def schedule(self, _row: int = -1) -> None:
        if not self.in_flight:
            self.timer.start()

    def pending(self) -> list[int]:
        """Typed rows whose shown check is not for what is typed now."""
        day = self.model.day
        return [i for i in self.model.typed_rows() if self.model.rows[i].checked != self.model.rows[i].key(day)]

    def preview(self) -> None:
        if self.in_flight or self.model.locked or not self.pending():
            return
        sent = self._sent()
        inputs = [self.model.rows[i].as_input(self.model.day) for i, _k in sent]
        actor, generation = self.ctx.actor, self.generation
        self.in_flight = True
        self.ctx.runner.submit(lambda s: store.submit(s, actor, inputs, source="entry", store=False),
                               lambda result: self._previewed(generation, sent, result),
                               lambda exc: self._preview_failed(generation, exc), write=False, owner=self.owner)

    def _sent(self) -> list[tuple[int, tuple[object, ...]]]:
        # Every typed row, so that a second reading of one meter in the grid is seen as a duplicate.
        return [(i, self.model.rows[i].key(self.model.day)) for i in self.model.typed_rows()]

    def _apply(self, sent: list[tuple[int, tuple[object, ...]]], outcomes: Sequence[RowOutcome]) -> None:
        for (i, key), outcome in zip(sent, outcomes, strict=True):
            row = self.model.rows[i]
            if row.key(self.model.day) == key:  # not retyped meanwhile
                row.outcome, row.checked = outcome, key
        self.model.all_changed()

    def _previewed(self, generation: int, sent: list[tuple[int, tuple[object, ...]]], result: BatchResult) -> None:
        if generation != self.generation:
            return
        self.in_flight = False
        self._apply(sent, result.outcomes)
        if self.pending():
            self.timer.start()  # typed on meanwhile

    def _preview_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self.in_flight = False
        self.save_failed.emit(exc)

    # ---- saving ------------------------------------------------------------

    def save(self) -> bool:
        """Store every typed row of the grid in one transaction; False when nothing is typed."""
        if self.model.locked:
            return True
        sent = self._sent()
        if not sent:
            return False
        self.timer.stop()
        self.generation += 1  # a preview still on its way answers for rows that are about to change
        self.in_flight = False
        inputs = [self.model.rows[i].as_input(self.model.day) for i, _k in sent]
        actor, generation = self.ctx.actor, self.generation
        self.model.locked = True
        self.ctx.runner.submit(lambda s: store.submit(s, actor, inputs, source="entry", store=True),
                               lambda result: self._saved(generation, sent, result),
                               lambda exc: self._save_failed(generation, exc), write=True, owner=self.owner,
                               busy_text=QCoreApplication.translate("ReadingEntry", "Saving the readings…"))
        return True

    def _saved(self, generation: int, sent: list[tuple[int, tuple[object, ...]]], result: BatchResult) -> None:
        self.model.locked = False
        if generation != self.generation:
            return
        if result.billed is not None:
            self.model.waiting.update(result.billed.waiting)
        for (i, key), outcome in zip(sent, result.outcomes, strict=True):
            row = self.model.rows[i]
            if outcome.outcome == "rejected":
                row.outcome, row.checked = outcome, key
                continue
            status = "held" if outcome.outcome == "held" else "accepted"
            words = checks.reason_words(outcome.reasons) if status == "held" else ""
            row.saved = Saved(outcome.value, row.kind, status, words, outcome.use_m3, here=True,
                              reading_id=outcome.reading_id)
            row.outcome, row.checked = outcome, key
        self.model.all_changed()
        self.saved.emit(result)

    def _save_failed(self, generation: int, exc: BaseException) -> None:
        self.model.locked = False
        self.model.all_changed()
        if generation == self.generation:
            self.save_failed.emit(exc)
