"""日结 at the counter (F9): the shift's figures, the cash counted note by note, the difference
and why, a supervisor's password; then the closing sheet to print.

The pieces of each denomination are typed in a column (Enter moves down); the counted total and
the difference follow as they are typed. The approval is the counter's (approved.ApprovedDialog).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QWidget

from gasdesk.services.cashier import shift_close, shift_print
from gasdesk.services.cashier.shift_report import ShiftReport
from gasdesk.services.core import labels
from gasdesk.services.core.actor import Actor
from gasdesk.ui.counter import fmt
from gasdesk.ui.counter.approved import ApprovedDialog
from gasdesk.ui.counter.base import Call
from gasdesk.ui.messages import error_text
from gasdesk.ui.pdf_preview import PdfPreview

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext


def _note(d: Decimal) -> str:
    """¥100 … ¥1, then 5角 … 1分 as the coins are called."""
    if d >= 1:
        return f"¥{d.normalize():f}"
    if d >= Decimal("0.1"):
        return QCoreApplication.translate("ShiftDialog", "%1 jiao").replace("%1", str(int(d * 10)))
    return QCoreApplication.translate("ShiftDialog", "%1 fen").replace("%1", str(int(d * 100)))


class ShiftDialog(ApprovedDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.setWindowTitle(self.tr("Close the shift"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Close the shift (Enter)"))
        self.report: ShiftReport | None = None
        self.figures = QLabel(self.tr("Reading the shift…"))
        self.figures.setObjectName("shiftFigures")
        self.figures.setWordWrap(True)
        self.form.addRow(self.figures)
        # The notes in the left column, the coins on the right: the form fits a 768-pixel screen.
        self.pieces: dict[Decimal, QLineEdit] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for i, d in enumerate(shift_close.DENOMINATIONS):
            field = QLineEdit()
            field.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,6}"), field))
            field.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            field.setMaximumWidth(100)
            field.setPlaceholderText("0")
            field.textChanged.connect(self._update)
            column, row = divmod(i, 6)
            grid.addWidget(QLabel(self.tr("%1 ×").replace("%1", _note(d))), row, column * 2,
                           Qt.AlignmentFlag.AlignRight)
            grid.addWidget(field, row, column * 2 + 1)
            self.fields.append(field)
            self.pieces[d] = field
        self.form.addRow(self.tr("Cash counted:"), grid)
        self.counted = QLabel()
        self.counted.setObjectName("shiftCounted")
        self.counted.setStyleSheet("font-size: 13pt; font-weight: 700;")
        self.form.addRow(self.tr("Counted:"), self.counted)
        self.explanation = self.add_row(self.tr("&Why it differs:"), QLineEdit())
        self.explanation.setMaxLength(400)
        self.add_approval(reason=False)  # the difference's explanation is the one reason asked
        self.after_refusal = self.explanation
        self.finish()
        actor = self.actor
        ctx.runner.submit(lambda s: shift_close.my_open_shift(s, actor), self._read, self._not_read, write=False,
                          owner=self)

    def _read(self, report: ShiftReport) -> None:
        self.report = report
        methods = "  ".join(f"{labels.text(labels.PAYMENT_METHOD, m)} {fmt.yuan(a)}"
                            for m, a in report.by_method.items())
        lines = [
            self.tr("Shift %1 of %2 at %3, business date %4.").replace("%1", str(report.shift_id))
            .replace("%2", report.name).replace("%3", report.counter).replace("%4", fmt.day(report.business_date)),
            self.tr("Taken: %1 (%2).").replace("%1", fmt.yuan(report.total)).replace("%2", methods or "—"),
            self.tr("Receipts %1 to %2: %3; void %4, refunds %5.").replace("%1", report.first_number or "—")
            .replace("%2", report.last_number or "—").replace("%3", str(len(report.receipts)))
            .replace("%4", str(len(report.voids))).replace("%5", str(len(report.refunds))),
            "<b>" + self.tr("The drawer should hold %1 in cash.").replace("%1", fmt.yuan(report.cash_expected))
            + "</b>",
        ]
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setText("<br>".join(lines))
        self._update()

    def _not_read(self, exc: BaseException) -> None:
        self.figures.setText(error_text(exc))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def counts(self) -> dict[Decimal, int]:
        return {d: int(f.text()) for d, f in self.pieces.items() if f.text()}

    def _update(self) -> None:
        total = shift_close.counted_total(self.counts())
        text = fmt.yuan(total)
        if self.report is not None:
            diff = total - self.report.cash_expected
            if diff > 0:
                text += "    " + self.tr("over by %1").replace("%1", fmt.yuan(diff))
            elif diff < 0:
                text += "    " + self.tr("short by %1").replace("%1", fmt.yuan(-diff))
            else:
                text += "    " + self.tr("matches")
        self.counted.setText(text)

    def check(self) -> bool:
        return self.report is not None

    def approved(self, approver: Actor) -> Call:
        actor, counts, why = self.actor, self.counts(), self.explanation.text()
        return lambda s: shift_close.close_shift(s, actor, counted=counts, approver=approver, explanation=why)

    def _done(self, result: object) -> None:  # closed: the closing sheet to print
        assert isinstance(result, shift_close.ShiftClosed)
        actor, report, ctx, parent = self.actor, result.report, self.ctx, self.parentWidget()
        super()._done(result)

        def show(pdf: bytes) -> None:
            title = QCoreApplication.translate("ShiftDialog", "Closing sheet of shift %1").replace(
                "%1", str(report.shift_id))
            preview = PdfPreview(pdf, title, f"shift-{report.shift_id}.pdf", parent)
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            preview.open()

        ctx.runner.submit(lambda s: shift_print.sheet_for(s, actor, [report], "a4"), show, write=False, owner=parent)
