"""The day-end entry grid's rows: what each row holds (the stop, what is typed, the last check's answer,
the reading stored for the day) and the table model the grid shows them through; the rows are built
from the route's stops and the day's stored readings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication

from gasdesk.services.core import labels
from gasdesk.services.core.errors import current_language
from gasdesk.services.readings import checks, views
from gasdesk.services.readings.stops import RouteStops, Stop, route_stops
from gasdesk.services.readings.store import ReadingInput, RowOutcome

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

CTX = "ReadingEntry"
ACTUAL, ESTIMATED, NO_ACCESS = "actual", "estimated", "no_access"

RED = QColor("#f6d3d1")  # refused: the row's background
AMBER = QColor("#fde7b0")  # held
RED_TEXT = QColor("#8c1d18")
AMBER_TEXT = QColor("#6b4600")
MUTED = QColor("#6b7686")  # saved: read-only, greyed

(C_POS, C_NUMBER, C_ADDRESS, C_SERIAL, C_PREV, C_PREV_ON, C_VALUE, C_KIND, C_USE, C_PROBLEM, C_NOTE) = range(11)
EDITABLE = (C_VALUE, C_NOTE)
_COLON = {"zh": "：", "en": ": "}


def reading_text(value: Decimal | None) -> str:
    """A reading as the dials show it: 1234.5, 300 (no trailing zeros)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def kind_text(kind: str) -> str:
    return labels.text(labels.READING_KIND, kind)


@dataclass(frozen=True)
class Saved:
    """A reading of the row's meter stored for the day (read-only in the grid)."""

    value: Decimal | None
    kind: str
    status: str  # accepted | held | billed
    words: str  # the hold's reasons by name ('' when accepted)
    use: Decimal | None
    here: bool = False  # saved from this grid: the previous reading shown is still the one before it
    reading_id: int | None = None


@dataclass
class EntryRow:
    stop: Stop
    value: str = ""
    kind: str = ACTUAL
    note: str = ""
    outcome: RowOutcome | None = None  # the last check's answer ...
    checked: tuple[object, ...] | None = None  # ... for this input (else it is stale and not shown)
    saved: Saved | None = None

    @property
    def editable(self) -> bool:
        return self.saved is None and self.stop.meter_id is not None

    @property
    def typed(self) -> bool:
        """A reading to check and save: a value, or a no-access visit."""
        return self.editable and (bool(self.value.strip()) or self.kind == NO_ACCESS)

    def key(self, day: date) -> tuple[object, ...]:
        return (self.value.strip(), self.kind, " ".join(self.note.split()), day)

    def shown_outcome(self, day: date) -> RowOutcome | None:
        return self.outcome if self.outcome is not None and self.checked == self.key(day) else None

    def as_input(self, day: date) -> ReadingInput:
        s = self.stop
        return ReadingInput(account=s.account_number, meter=s.meter_serial, value=self.value.strip(),
                            read_on=day, date_text=day.isoformat(), kind=self.kind, note=self.note)


def reasons_text(outcome: RowOutcome) -> str:
    """The reasons' names first (readable in a narrow column), then the service's words."""
    if not outcome.reasons:
        return ""
    return f"{labels.joined(labels.READING_REASON, outcome.reasons)}{_COLON[current_language()]}{outcome.message}"


class EntryModel(QAbstractTableModel):
    """The grid's rows; the reading and note cells of an unsaved row with a meter are editable."""

    committed = Signal(int)  # a row's input is complete (Enter, moved away, kind changed): check it

    HEADERS = (
        QT_TRANSLATE_NOOP("ReadingEntry", "No."), QT_TRANSLATE_NOOP("ReadingEntry", "Account no."),
        QT_TRANSLATE_NOOP("ReadingEntry", "Address"), QT_TRANSLATE_NOOP("ReadingEntry", "Meter"),
        QT_TRANSLATE_NOOP("ReadingEntry", "Previous"), QT_TRANSLATE_NOOP("ReadingEntry", "Previous date"),
        QT_TRANSLATE_NOOP("ReadingEntry", "Reading"), QT_TRANSLATE_NOOP("ReadingEntry", "Kind"),
        QT_TRANSLATE_NOOP("ReadingEntry", "Use m³"), QT_TRANSLATE_NOOP("ReadingEntry", "Problem"),
        QT_TRANSLATE_NOOP("ReadingEntry", "Note"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[EntryRow] = []
        self.day = date.today()
        self.locked = False  # while a save is on its way nothing is edited
        self.waiting: dict[int, str] = {}  # reading id -> why its bill waits (a save's Billed.waiting)

    # ---- rows --------------------------------------------------------------

    def set_rows(self, rows: Sequence[EntryRow], day: date) -> None:
        self.beginResetModel()
        self.rows, self.day = list(rows), day
        self.endResetModel()

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def all_changed(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.HEADERS) - 1))

    def typed_rows(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r.typed]

    def unsaved(self) -> int:
        return len(self.typed_rows())

    def set_kind(self, row: int, kind: str) -> None:
        r = self.rows[row]
        if not r.editable or self.locked:
            return
        r.kind = kind
        if kind == NO_ACCESS:
            r.value = ""  # no access has no value; the note says why
        self.row_changed(row)
        self.committed.emit(row)

    def set_text(self, row: int, column: int, text: str) -> None:
        r = self.rows[row]
        if column == C_VALUE:
            r.value = text
        elif column == C_NOTE:
            r.note = text
        self.row_changed(row)

    def editable_at(self, row: int, column: int) -> bool:
        r = self.rows[row] if 0 <= row < len(self.rows) else None
        if r is None or self.locked or not r.editable or column not in EDITABLE:
            return False
        return not (column == C_VALUE and r.kind == NO_ACCESS)

    # ---- what a row says ---------------------------------------------------

    def state(self, row: int) -> str:
        """rejected | held | accepted | already_imported | saved | saved_held | '' (nothing to say)."""
        r = self.rows[row]
        if r.saved is not None:
            return "saved_held" if r.saved.status == "held" else "saved"
        if not r.typed:
            return ""
        shown = r.shown_outcome(self.day)
        return shown.outcome if shown is not None else ""

    def problem(self, row: int) -> str:
        """The 问题 column: the reasons in the service's words."""
        r = self.rows[row]
        if r.stop.meter_id is None:
            return QCoreApplication.translate("ReadingEntry", "No meter fitted: nothing to read")
        if r.saved is not None:
            if r.saved.status == "held":
                return QCoreApplication.translate("ReadingEntry", "Saved, held: %1").replace("%1", r.saved.words)
            why = self.waiting.get(r.saved.reading_id or 0) if r.saved.status == "accepted" else None
            if why:  # kept across reloads of the grid, until the reading is billed
                return QCoreApplication.translate("ReadingEntry", "Saved, not billed: %1").replace("%1", why)
            if r.saved.status == "billed":
                return QCoreApplication.translate("ReadingEntry", "Saved, billed")
            return QCoreApplication.translate("ReadingEntry", "Saved")
        shown = r.shown_outcome(self.day) if r.typed else None
        if shown is None:
            return ""
        if shown.outcome == "already_imported":
            return QCoreApplication.translate("ReadingEntry",
                                              "Already stored: the same reading of this meter on this day")
        return reasons_text(shown)

    # ---- Qt ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CTX, self.HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.editable_at(index.row(), index.column()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def text(self, row: int, column: int) -> str:
        r = self.rows[row]
        s = r.stop
        if column == C_POS:
            return str(s.position)
        if column == C_NUMBER:
            return s.account_number
        if column == C_ADDRESS:
            return s.address
        if column == C_SERIAL:
            if s.meter_id is None:
                return QCoreApplication.translate("ReadingEntry", "(no meter)")
            return s.meter_serial
        if column == C_PREV:
            if r.saved is not None and not r.saved.here:
                return ""  # stored before the grid was read: the stop's previous reading is that one itself
            text = reading_text(s.previous_value)
            if text and s.previous_kind == ESTIMATED:
                return QCoreApplication.translate("ReadingEntry", "%1 (est.)").replace("%1", text)
            return text
        if column == C_PREV_ON:
            if (r.saved is not None and not r.saved.here) or s.previous_on is None:
                return ""
            # The reading day's year goes without saying (the tooltip has the whole date).
            return f"{s.previous_on:%m-%d}" if s.previous_on.year == self.day.year else s.previous_on.isoformat()
        if column == C_VALUE:
            if r.saved is not None:
                return reading_text(r.saved.value) if r.saved.value is not None else "—"
            return "—" if r.kind == NO_ACCESS else r.value
        if column == C_KIND:
            return kind_text(r.saved.kind if r.saved is not None else r.kind)
        if column == C_USE:
            if r.saved is not None:
                return reading_text(r.saved.use)
            shown = r.shown_outcome(self.day) if r.typed else None
            return reading_text(shown.use_m3) if shown is not None else ""
        if column == C_PROBLEM:
            return self.problem(row)
        if column == C_NOTE:
            return r.note
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if role == Qt.ItemDataRole.EditRole and column == C_VALUE:
                return self.rows[row].value
            return self.text(row, column)
        state = self.state(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            if state in ("rejected",):
                return RED
            if state in ("held", "saved_held"):
                return AMBER
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if state == "rejected" and column == C_PROBLEM:
                return RED_TEXT
            if state in ("held", "saved_held") and column == C_PROBLEM:
                return AMBER_TEXT
            if state in ("saved", "already_imported") or self.rows[row].stop.meter_id is None:
                return MUTED
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (C_PROBLEM, C_VALUE, C_USE):
                return self.problem(row) or None
            if column in (C_ADDRESS, C_NUMBER):
                s = self.rows[row].stop
                return f"{s.account_number} · {s.holder_name} · {s.address}"
            return self.text(row, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (C_POS, C_PREV, C_VALUE, C_USE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == C_PROBLEM and state in ("rejected", "held", "saved_held"):
            font = QGuiApplication.font()
            font.setBold(True)
            return font
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.editable_at(index.row(), index.column()):
            return False
        self.set_text(index.row(), index.column(), str(value))
        return True



# ---- the rows of a route, loaded through the runner ------------------------------------------------


Loaded = tuple[RouteStops, list[views.ReadingRow]]


def load_route(ctx: AppContext, route_id: int, day: date) -> Callable[[Any], Loaded]:
    """The route's stops and the readings stored for them on ``day`` (one read)."""
    actor = ctx.actor

    def work(s: Any) -> Loaded:
        return (route_stops(s, actor, route_id),
                views.reading_list(s, actor, route_id=route_id, day=day, limit=views.MAX_ROWS))

    return work


def build_rows(loaded: Loaded, carry: dict[int, tuple[str, str, str]]) -> list[EntryRow]:
    """Rows for the stops; a stop read on the day is saved; ``carry`` keeps what was typed (account id ->
    value, kind, note) across a reload (another date, another look at the same route)."""
    stops, day_rows = loaded
    stored: dict[tuple[str, str], views.ReadingRow] = {}
    for r in day_rows:  # newest first: the first one of a meter is the one that counts
        if r.status != "superseded":
            stored.setdefault((r.account_number, r.meter_serial), r)
    rows = []
    for stop in stops.stops:
        found = stored.get((stop.account_number, stop.meter_serial)) if stop.meter_id is not None else None
        row = EntryRow(stop)
        if found is not None:
            row.saved = Saved(found.value, found.kind, found.status,
                              checks.reason_words(found.reasons) if found.status == "held" else "", found.use_m3,
                              reading_id=found.id)
        elif stop.account_id in carry:
            row.value, row.kind, row.note = carry[stop.account_id]
        rows.append(row)
    return rows

