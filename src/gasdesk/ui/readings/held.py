"""The held readings (待审读数): what the three checks held for a person, oldest first, each with its
reasons in words. A supervisor confirms one (Enter or Ctrl+Enter), a reader or a supervisor
corrects one (Ctrl+R or F2: a new reading supersedes it) or notes a follow-up with the household
(Ctrl+F). Which keys a user gets comes from the permissions table (reading.confirm,
reading.correct); the services check them again.

Each decision is one service call (services.readings.decisions). Its result says what changed: the
runner emits Change.READING and the list reads itself again, the cursor kept on the same line so
that the next held reading is under it; the status line names the later readings the decision
released (a reading held only because the one before it was held)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from gasdesk.services.core import labels
from gasdesk.services.core.changes import Change
from gasdesk.services.core.permissions import allowed
from gasdesk.services.readings import decisions, views
from gasdesk.services.readings.decisions import Decided
from gasdesk.services.readings.views import HeldRow
from gasdesk.ui.buttons import shortcut_button
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.base import Call, CounterDialog
from gasdesk.ui.messages import error_text
from gasdesk.ui.tables import Column, RowsModel, page_on_runner, table_view

PAGE = 100
CONFIRM_KEY, CONFIRM_KEYPAD = "Ctrl+Return", "Ctrl+Enter"
CORRECT_KEY, CORRECT_KEY2 = "Ctrl+R", "F2"
FOLLOW_UP_KEY = "Ctrl+F"
REASONS_COLUMN = 7  # the one that stretches


class HeldList(QWidget):
    decided = Signal(object)  # Decided, after the list was told
    count_changed = Signal(int)  # how many readings are held (a workplace's tab title)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldReadings")
        self.ctx = ctx
        self.can_confirm = allowed(ctx.actor, "reading.confirm")
        self.can_correct = allowed(ctx.actor, "reading.correct")
        self.dialog: CounterDialog | None = None  # the dialog opened last (tests)
        self.total: int | None = None
        self._stale = True  # read on first show, and on show after a change while hidden
        self._seq = 0  # the newest reload: an older answer is dropped

        self.model = RowsModel([
            Column(self.tr("Account"), lambda r: r.account_number),
            Column(self.tr("Holder"), lambda r: r.holder_name),
            Column(self.tr("Meter"), lambda r: r.meter_serial),
            Column(self.tr("Read on"), lambda r: fmt.day(r.read_on)),
            Column(self.tr("Reading"), lambda r: fmt.m3(r.value), align_right=True),
            Column(self.tr("Previous"), self._previous, align_right=True),
            Column(self.tr("Use"), lambda r: fmt.m3(r.use_m3), align_right=True),
            Column(self.tr("Why held"), lambda r: r.words),
            Column(self.tr("Entered by"), lambda r: r.entered_by),
            Column(self.tr("Follow-ups"), lambda r: str(r.follow_ups) if r.follow_ups else "", align_right=True),
        ], self)
        page_on_runner(self.model, ctx.runner, self, PAGE, self._page_query, self._failed)
        self.view = table_view(self.model, stretch=REASONS_COLUMN)
        self.view.setObjectName("heldTable")
        self.view.activated.connect(lambda _i: self._enter())

        self.title = QLabel()
        self.title.setObjectName("heldTitle")
        self.title.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1f3a5f;")
        self.message = QLabel()
        self.message.setObjectName("heldMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.buttons: dict[str, QPushButton] = {}
        if self.can_confirm:
            self.buttons["confirm"] = shortcut_button(self, self.tr("Confirm"), CONFIRM_KEY, self.confirm_selected)
            self._also(CONFIRM_KEYPAD, self.confirm_selected)
        if self.can_correct:
            self.buttons["correct"] = shortcut_button(self, self.tr("Correct"), CORRECT_KEY, self.correct_selected)
            self._also(CORRECT_KEY2, self.correct_selected)
            self.buttons["follow_up"] = shortcut_button(self, self.tr("Follow-up note"), FOLLOW_UP_KEY,
                                                        self.follow_up_selected)
        self.buttons["refresh"] = shortcut_button(self, self.tr("Refresh"), "F5", self.reload)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        for name, button in self.buttons.items():
            button.setObjectName(f"held_{name}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            bar.addWidget(button)
        hint = QLabel(self._hint())
        hint.setObjectName("heldHint")
        hint.setStyleSheet("color: #5b6b7f;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        ctx.runner.changed.connect(self._on_changed)

    def _also(self, key: str, slot: Callable[[], None]) -> None:
        QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _hint(self) -> str:
        if self.can_confirm:
            return self.tr("Enter confirms the selected reading as it is; Ctrl+R corrects it; Ctrl+F notes a "
                           "follow-up with the household.")
        if self.can_correct:
            return self.tr("Enter or Ctrl+R corrects the selected reading; Ctrl+F notes a follow-up with the "
                           "household; a supervisor confirms a reading that is right.")
        return self.tr("A supervisor confirms these readings; a meter reader corrects them.")

    @staticmethod
    def _previous(r: HeldRow) -> str:
        if r.previous_value is None:
            return ""
        return f"{fmt.m3(r.previous_value)} ({fmt.day(r.previous_on)})"

    # ---- reading the list --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """The first page again with the count, read together (the cursor comes back to the same line).
        The first page resets the model, so that the columns fit what they show; later pages append."""
        self._stale = False
        self._seq += 1
        seq, actor = self._seq, self.ctx.actor
        self.ctx.runner.submit(lambda s: (views.held(s, actor, limit=PAGE), views.held_count(s, actor)),
                               lambda found: self._first_page(seq, *found), self._failed, write=False, owner=self)

    def _first_page(self, seq: int, rows: list[HeldRow], total: int) -> None:
        if seq != self._seq:
            return  # a newer reload is on its way
        current = self.view.currentIndex()
        keep = current.row() if current.isValid() else 0
        self.model.set_rows(rows)
        if rows:
            self.view.setCurrentIndex(self.model.index(min(keep, len(rows) - 1), 0))
        self.total = total
        self.title.setText(self.tr("%1 held readings").replace("%1", str(total)) if total else
                           self.tr("No readings are held."))
        self.count_changed.emit(total)

    def _page_query(self, _last: Any) -> Call:
        actor, offset = self.ctx.actor, len(self.model.rows)  # oldest first: the next page starts after these
        return lambda s: views.held(s, actor, limit=PAGE, offset=offset)

    def _failed(self, exc: BaseException) -> None:
        if not self.model.rows:
            self.model.set_rows([], more=False)  # F5 tries again, not every repaint
        self.say(error_text(exc), error=True)

    def _on_changed(self, what: frozenset[str]) -> None:
        if Change.READING in what:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {'#b3261e' if error else '#1b7a3a'}; font-weight: 600;")
        self.message.setVisible(bool(text))

    def selected(self) -> HeldRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None  # type: ignore[no-any-return]

    # ---- decisions ------------------------------------------------------------------------------

    def _enter(self) -> None:
        """Enter on a line: the supervisor confirms; a reader corrects."""
        if self.can_confirm:
            self.confirm_selected()
        elif self.can_correct:
            self.correct_selected()

    def confirm_selected(self) -> None:
        if self.can_confirm:
            self._open(ConfirmDialog)

    def correct_selected(self) -> None:
        if self.can_correct:
            self._open(CorrectDialog)

    def follow_up_selected(self) -> None:
        if self.can_correct:
            self._open(FollowUpDialog)

    def _open(self, kind: type[HeldDialog]) -> None:
        row = self.selected()
        if row is None:
            self.say(self.tr("Choose a reading in the list first (Up/Down)."), error=True)
            return
        if self.dialog is not None and shiboken6.isValid(self.dialog) and self.dialog.isVisible():
            return  # one decision at a time
        dialog = kind(self.ctx, row, self)
        dialog.saved.connect(lambda result, d=dialog: self._decided(d, result))
        dialog.rejected.connect(self._refocus)
        self.dialog = dialog
        dialog.open()

    def _decided(self, dialog: HeldDialog, result: Decided) -> None:
        self.say(dialog.done_text(result))
        self._refocus()
        self.decided.emit(result)  # the runner's change signal reads the list again

    def _refocus(self) -> None:
        self.window().activateWindow()
        self.view.setFocus()


# ---- the three dialogs: one service call each, refusals inline with the cursor in the field ------------


class HeldDialog(CounterDialog):
    """A decision about one held reading, described first: the account, the reading, why it is held."""

    def __init__(self, ctx: AppContext, row: HeldRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.row = row

    def heading(self) -> str:
        return ""  # the account leads the description instead, above the reasons

    def describe(self) -> str:
        """The account and meter, the reading, what it is compared with, and why it is held."""
        r = self.row  # (an explicit context: the subclasses share these strings)
        text = f"{r.account_number} · {r.holder_name} · {r.meter_serial}\n"
        text += QCoreApplication.translate("HeldDialog", "Reading %1 on %2").replace("%1", fmt.m3(r.value)).replace(
            "%2", fmt.day(r.read_on))
        if r.previous_value is not None:
            text += QCoreApplication.translate("HeldDialog", "; previous %1 on %2").replace(
                "%1", fmt.m3(r.previous_value)).replace("%2", fmt.day(r.previous_on))
        if r.use_m3 is not None:
            text += QCoreApplication.translate("HeldDialog", "; use %1").replace("%1", fmt.m3(r.use_m3))
        words = r.words or labels.joined(labels.READING_REASON, r.reasons)
        return text + "\n" + QCoreApplication.translate("HeldDialog", "Held: %1").replace("%1", words)

    def done_text(self, result: Decided) -> str:
        raise NotImplementedError

    def released_text(self, result: Decided) -> str:
        if not result.released:
            return ""
        return QCoreApplication.translate("HeldDialog", "; %1 later reading(s) released with it").replace(
            "%1", str(len(result.released)))


class ConfirmDialog(HeldDialog):
    """The supervisor accepts the reading as it is: the use it implies is right."""

    def __init__(self, ctx: AppContext, row: HeldRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, row, parent)
        self.setWindowTitle(self.tr("Confirm the reading"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Confirm (Enter)"))
        self.note = self.add_row(self.tr("&Note:"), QLineEdit())
        self.note.setPlaceholderText(self.tr("optional, e.g. 户主确认新装壁挂炉"))
        self.finish(self.describe() + "\n" + self.tr("Confirm that this reading is right? It will be billed as it "
                                                     "is."))

    def save(self) -> Call | None:
        actor, reading_id, note = self.actor, self.row.id, self.note.text()
        return lambda s: decisions.confirm(s, actor, reading_id, note)

    def done_text(self, result: Decided) -> str:
        return self.tr("Confirmed") + self.released_text(result)


class CorrectDialog(HeldDialog):
    """A corrected value: stored as a new reading that supersedes this one, checked again."""

    def __init__(self, ctx: AppContext, row: HeldRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, row, parent)
        self.setWindowTitle(self.tr("Correct the reading"))
        # Plain text: the service's one volume parser judges it (full-width digits too) and says why not.
        self.value = self.add_row(self.tr("&Corrected reading (m³):"), QLineEdit())
        self.value.setMaximumWidth(180)
        self.note = self.add_row(self.tr("&Note:"), QLineEdit())
        self.note.setPlaceholderText(self.tr("optional, e.g. 复抄，原读数抄错一位"))
        self.finish(self.describe() + "\n" + self.tr("The held reading stays on record, superseded by the "
                                                     "corrected one, which is checked again."))

    def save(self) -> Call | None:
        actor, reading_id, value, note = self.actor, self.row.id, self.value.text(), self.note.text()
        return lambda s: decisions.correct(s, actor, reading_id, value, note)

    def done_text(self, result: Decided) -> str:
        value = self.value.text().strip()
        if result.status == "held":
            text = self.tr("Corrected to %1; the new reading is held too (%2)").replace("%1", value).replace(
                "%2", labels.joined(labels.READING_REASON, result.reasons))
        else:
            text = self.tr("Corrected to %1").replace("%1", value)
        return text + self.released_text(result)


class FollowUpDialog(HeldDialog):
    """A note of what the household was told (the meter looks abnormal): who, when, what was agreed."""

    def __init__(self, ctx: AppContext, row: HeldRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, row, parent)
        self.setWindowTitle(self.tr("Follow-up with the household"))
        self.note = self.add_row(self.tr("&What was done:"), QLineEdit())
        self.note.setPlaceholderText(self.tr("e.g. 已电话告知户主，约定下周复查"))
        self.finish(self.describe())
        self.setMinimumWidth(620)

    def save(self) -> Call | None:
        actor, reading_id, note = self.actor, self.row.id, self.note.text()
        return lambda s: decisions.follow_up(s, actor, reading_id, note)

    def done_text(self, result: Decided) -> str:
        return self.tr("Follow-up noted for %1").replace("%1", self.row.account_number)


__all__ = ["ConfirmDialog", "CorrectDialog", "FollowUpDialog", "HeldList"]
