"""The account page's 抄表记录 tab: the readings of every meter, newest first, beside the chart of the
use per period (use_chart)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from gasdesk.services.core import labels
from gasdesk.services.readings.views import ReadingRow, use_per_cycle
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.use_chart import UseChart
from gasdesk.ui.tables import Column, RowsModel, table_view


class ReadingsTab(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingsTab")
        # the readings of every meter, newest first, under a chart of the use per period
        self.model = RowsModel([
            Column(self.tr("Date"), lambda r: fmt.day(r.date)),
            Column(self.tr("Serial"), lambda r: r.meter_serial),
            Column(self.tr("Reading"), lambda r: fmt.m3(r.value), align_right=True),
            Column(self.tr("Use"), lambda r: fmt.m3(r.use_m3), align_right=True),
            Column(self.tr("Kind"), lambda r: fmt.name_of(labels.READING_KIND, r.kind)),
            Column(self.tr("Status"), lambda r: fmt.name_of(labels.READING_STATUS, r.status)),
            Column(self.tr("Reasons"), lambda r: labels.joined(labels.READING_REASON, r.reasons)),
            Column(self.tr("Note"), lambda r: r.note),
        ], self, muted=lambda r: r.status == "superseded")
        self.chart = UseChart(lang)
        layout = QHBoxLayout(self)  # side by side: a 768-pixel screen has no height to spare
        layout.setContentsMargins(0, 0, 4, 0)
        self.view = table_view(self.model)  # the note (last) takes what is left
        layout.addWidget(self.view, 3)
        layout.addWidget(self.chart, 2)
        self.setFocusProxy(self.view)  # Alt+6 and refocus land in the list

    def set_readings(self, readings: list[ReadingRow]) -> None:
        self.model.set_rows(readings)
        self.chart.set_points(use_per_cycle(readings))
