"""The audit log viewer (审计日志) for supervisors and administrators: every audited step, newest
first, a page of 100 at a time (scrolling to the bottom fetches the older rows), narrowed by an
action's text or an entity id."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from gasdesk.services.core import audit, audit_words
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter import fmt
from gasdesk.ui.messages import error_text
from gasdesk.ui.tables import Column, RowsModel, page_on_runner, table_view

PAGE = 100
VALUE_CHARS = 40  # one typed value in the summary; longer ones end with …
SUMMARY_CHARS = 300


def summarise(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, action: str = "",
              balance: Decimal | None = None, lang: str | None = None) -> str:
    """What the step changed, field by field, in words: "field: before → after" (unchanged fields
    left out), by the one renderer the account history uses too (core.audit_words)."""
    return audit_words.describe(action, before, after, balance=balance, lang=lang, value_chars=VALUE_CHARS,
                                total_chars=SUMMARY_CHARS)


class AuditLogPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogPage")
        self.ctx = ctx
        self._filter = ""
        self.filter = QLineEdit()
        self.filter.setObjectName("auditFilter")
        self.filter.setPlaceholderText(self.tr("Action name or code, or entity id; Enter to apply"))
        self.filter.setClearButtonEnabled(True)
        self.filter.returnPressed.connect(self.apply_filter)
        apply = QPushButton(self.tr("Filter"))
        apply.clicked.connect(self.apply_filter)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.error.hide()
        self.model = RowsModel([
            Column(self.tr("Time"), lambda r: fmt.day(r["at"])),
            Column(self.tr("User"), lambda r: r["login"]),
            Column(self.tr("Counter"), lambda r: r["counter"]),
            Column(self.tr("Action"), lambda r: audit_words.action_text(r["action"], ctx.lang)),
            Column(self.tr("Entity"), lambda r: audit_words.entity_text(r["entity"], ctx.lang)),
            Column(self.tr("Entity id"), lambda r: audit_words.entity_id_text(r["entity"], r["entity_id"], ctx.lang),
                   align_right=True),
            Column(self.tr("Change (before → after)"), lambda r: summarise(
                r["before"], r["after"], r["action"], r.get("balance_after"), ctx.lang)),
        ], self)
        page_on_runner(self.model, ctx.runner, self, PAGE, self._page_query, self._failed)
        self.model.paged.connect(self._show_count)
        self.view = table_view(self.model)
        self.view.setObjectName("auditTable")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Filter:")))
        bar.addWidget(self.filter, 1)
        bar.addWidget(apply)
        bar.addWidget(refresh)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        self._loaded_once = False

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self._loaded_once:  # the log is read when the tab is first opened, not with the workplace
            self._loaded_once = True
            self.reload()

    def apply_filter(self) -> None:
        self._filter = self.filter.text().strip()
        self.reload()

    def reload(self) -> None:
        """The newest page again (under the current filter)."""
        self.model.set_rows([], more=True)  # the first page is fetched like any other
        self.error.hide()
        self.model.fetchMore()

    def _page_query(self, last: dict[str, Any] | None) -> Callable[[Any], list[dict[str, Any]]]:
        actor, text = self.ctx.actor, self._filter
        before = last["id"] if last is not None else None
        # digits are an entity id (an account, a user); anything else is part of an action's name
        entity_id, action = (text, None) if text.isdigit() else (None, text or None)
        return lambda s: audit.recent(s, actor, entity_id=entity_id, action_like=action, limit=PAGE,
                                      before_id=before)

    def _failed(self, exc: BaseException) -> None:
        if not self.model.rows:
            self.model.set_rows([], more=False)  # nothing shown: Refresh tries again, not every repaint
        self.error.setText(error_text(exc))
        self.error.show()

    def _show_count(self) -> None:
        self.count.setText(self.tr("%1 rows").replace("%1", self.model.count_text()))
