"""The account page's small chart of gas use per reading period (views.use_per_cycle), drawn with
QPainter: one bar a period, oldest left, labelled with its month (the year under January and the
first bar), m³ on the left axis, the use over each bar where it fits. An estimated period is a paler
bar, named in a legend from labels.READING_KIND; hovering a bar tells its date and exact use.

One period far above the others (a first period covering years, a spike) would flatten every other
bar: the scale stops at OUTLIER × the median use, and a bar above it is cut with a break mark and
its use written over it.

Volumes are Decimal; they become floats here only to be turned into pixels."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal

from PySide6.QtCore import QEvent, QLocale, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from gasdesk.services.core import labels
from gasdesk.services.readings.views import UsePoint
from gasdesk.ui.counter import fmt

BAR = QColor("#1f5fa8")
PALE = QColor("#9dbbe3")  # estimated periods
GRID = QColor("#d5dbe3")
TEXT = QColor("#3c4a5c")
MUTED = QColor("#8a94a3")
MIN_SLOT = 14  # px a bar needs; older periods that do not fit are left out (the table lists them all)
MAX_BAR = 34
OUTLIER = 4  # the scale's top, at most, in medians of the periods' use


def nice_step(top: Decimal, lines: int = 3) -> Decimal:
    """A round gridline step (1, 2 or 5 × a power of ten) giving about ``lines`` lines up to ``top``."""
    if top <= 0:
        return Decimal(1)
    raw = top / lines
    power = Decimal(10) ** (raw.adjusted())
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


class UseChart(QWidget):
    def __init__(self, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("useChart")
        self.points: list[UsePoint] = []
        self._locale = QLocale(QLocale.Language.English) if lang == "en" else QLocale(
            QLocale.Language.Chinese, QLocale.Country.China)
        self._bars: list[tuple[QRectF, UsePoint]] = []  # as last painted, for the tooltips
        self.setMinimumSize(360, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(480, 220)

    def set_points(self, points: Sequence[UsePoint]) -> None:
        self.points = list(points)
        self.update()

    def month_label(self, point: UsePoint) -> str:
        return self._locale.monthName(point.read_on.month, QLocale.FormatType.ShortFormat)

    # ---- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        self._bars = []
        if not self.points:
            painter.setPen(MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No use recorded yet."))
            return
        top_use = scale_top_for([p.use_m3 for p in self.points])
        step = nice_step(top_use)
        lines = max(1, int((top_use / step).to_integral_value(rounding=ROUND_CEILING)))
        scale_top = step * lines
        left = metrics.horizontalAdvance(_num(scale_top)) + 10
        # rows from the top: the title (and legend), the uses over the tallest bars; under the plot: months, years
        plot = QRectF(left, 2 * line + 4, self.width() - left - 8, self.height() - 4 * line - 12)
        if plot.width() <= 0 or plot.height() <= 0:
            return
        shown = self.points[-max(1, int(plot.width() // MIN_SLOT)):]
        slot = plot.width() / len(shown)

        # the title with the unit, a gridline a step
        painter.setPen(TEXT)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft,
                         self.tr("Use per reading period (m³)"))
        for i in range(lines + 1):
            y = plot.bottom() - plot.height() * i / lines
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, y - line / 2, left - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _num(step * i))

        # the bars, their use over them (where it fits, and always over a cut bar), months and years under them
        width = min(MAX_BAR, slot * 0.7)
        widest = max(max(metrics.horizontalAdvance(self.month_label(p)) for p in shown),
                     metrics.horizontalAdvance("2026"))
        label_every = _every(slot, widest + 6)
        value_fits = all(metrics.horizontalAdvance(_num(p.use_m3)) <= slot - 2 for p in shown)
        year_shown = None
        for i, p in enumerate(shown):
            x = plot.left() + slot * i + (slot - width) / 2
            cut = p.use_m3 > scale_top
            h = plot.height() * float(min(p.use_m3, scale_top) / scale_top) if scale_top else 0.0
            bar = QRectF(x, plot.bottom() - h, width, h)
            painter.fillRect(bar, PALE if p.kind == "estimated" else BAR)
            if cut:  # a break: this bar goes on above the scale
                painter.fillRect(QRectF(x - 1, bar.top() + 6, width + 2, 3), self.palette().base())
            self._bars.append((QRectF(plot.left() + slot * i, plot.top(), slot, plot.height()), p))
            around = QRectF(plot.left() + slot * i + slot / 2 - 40, 0, 80, line)  # centred on the bar
            if value_fits or cut:
                painter.setPen(TEXT)
                painter.drawText(around.translated(0, bar.top() - line - 1), Qt.AlignmentFlag.AlignHCenter,
                                 _num(p.use_m3))
            if i % label_every:
                continue
            painter.setPen(TEXT)
            painter.drawText(around.translated(0, plot.bottom() + 3), Qt.AlignmentFlag.AlignHCenter,
                             self.month_label(p))
            if p.read_on.year != year_shown:  # the year under the first labelled month of each year
                year_shown = p.read_on.year
                painter.setPen(MUTED)
                painter.drawText(around.translated(0, plot.bottom() + 3 + line), Qt.AlignmentFlag.AlignHCenter,
                                 str(year_shown))
        if any(p.kind == "estimated" for p in shown):
            self._legend(painter, metrics, plot)

    def _legend(self, painter: QPainter, metrics: QFontMetrics, plot: QRectF) -> None:
        """Which bars are estimated, in the label table's words, at the top right."""
        x = plot.right()
        for color, kind in ((PALE, "estimated"), (BAR, "actual")):
            name = labels.text(labels.READING_KIND, kind)
            x -= metrics.horizontalAdvance(name)
            painter.setPen(TEXT)
            painter.drawText(QRectF(x, 0, metrics.horizontalAdvance(name) + 2, metrics.height()), 0, name)
            x -= 16
            painter.fillRect(QRectF(x, metrics.height() / 2 - 5, 10, 10), color)
            x -= 12

    # ---- a bar's date and use on hover -----------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self.point_at(event.pos())
            if found is None:
                QToolTip.hideText()
            else:
                kind = labels.text(labels.READING_KIND, found.kind)
                QToolTip.showText(event.globalPos(), f"{fmt.day(found.read_on)} · {fmt.m3(found.use_m3)} · {kind}",
                                  self)
            return True
        return super().event(event)

    def point_at(self, pos: QPoint) -> UsePoint | None:
        return next((p for rect, p in self._bars if rect.contains(pos.toPointF())), None)


def scale_top_for(uses: Sequence[Decimal]) -> Decimal:
    """The highest use the scale shows: the highest, unless it is an outlier of the others."""
    if not uses:
        return Decimal(0)
    ordered = sorted(uses)
    median = ordered[len(ordered) // 2]
    return min(ordered[-1], OUTLIER * median) if median > 0 else ordered[-1]


def _num(value: Decimal) -> str:
    """A bar's use or an axis step in whole m³ (the tooltip and the table give the exact litres)."""
    return f"{value.quantize(Decimal(1)):,}" if value >= 10 else f"{value.normalize():f}"


def _every(slot: float, needs: float) -> int:
    """Label every n-th bar so that the labels do not touch."""
    n = 1
    while slot * n < needs:
        n += 1
    return n
