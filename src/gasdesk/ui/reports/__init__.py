"""The reports (报表) workplace, for supervisors and administrators.

What exists today: the registers by area and the new-account list (preview, PDF, Excel), and for
roles with audit.view the audit log (a second tab). Later reports (daily takings, arrears, readings,
cylinder stock) add their own section here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from gasdesk.services.core.permissions import allowed
from gasdesk.ui.context import AppContext


class ReportsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from gasdesk.ui.reports.audit_log import AuditLogPage
        from gasdesk.ui.reports.registers import RegistersForm

        self.setObjectName("reportsPage")
        self.ctx = ctx
        title = QLabel(self.tr("Reports"))
        title.setObjectName("pageTitle")

        card = QFrame()
        card.setObjectName("reportCard")
        card.setStyleSheet("QFrame#reportCard { background: white; border: 1px solid #d5dbe3; border-radius: 8px; }")
        heading = QLabel(self.tr("Registers and new-account lists"))
        heading.setObjectName("dialogTitle")
        intro = QLabel(self.tr("Accounts registered by area (按区域登记造册) with their status counts, and the accounts"
                               " opened in a period.\nID numbers and phones are masked on paper and in Excel."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #5b6b7f;")
        self.registers = RegistersForm(ctx)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 22, 28, 22)
        inner.setSpacing(12)
        inner.addWidget(heading)
        inner.addWidget(intro)
        inner.addWidget(self.registers)
        card.setMaximumWidth(820)

        registers_tab = QWidget()
        row = QHBoxLayout()
        row.addWidget(card, 1, Qt.AlignmentFlag.AlignTop)
        row.addStretch(0)
        registers_layout = QVBoxLayout(registers_tab)
        registers_layout.setContentsMargins(0, 8, 0, 0)
        registers_layout.addLayout(row)
        registers_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportsTabs")
        self.tabs.addTab(registers_tab, self.tr("Registers"))
        self.audit_log: AuditLogPage | None = None
        if allowed(ctx.actor, "audit.view"):
            self.audit_log = AuditLogPage(ctx)
            self.tabs.addTab(self.audit_log, self.tr("Audit log"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self.tabs.currentIndex() == 0:
            self.registers.kind.setFocus()


def create_page(ctx: AppContext) -> QWidget:
    return ReportsPage(ctx)
