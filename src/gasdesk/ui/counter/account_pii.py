"""The account page's personal data (the holder's ID number and phones on the holder card): masked
for every role; pii.view reveals one field at a time, by its key or a click on it, through the
service, which checks the right and audits each showing. The page filled again masks them again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from gasdesk.services.accounts import reveal
from gasdesk.services.accounts.records import AccountSummary
from gasdesk.services.core.permissions import allowed
from gasdesk.ui.counter.account_actions import key_text
from gasdesk.ui.counter.cards import Card

if TYPE_CHECKING:
    from gasdesk.ui.context import AppContext

REVEAL_ID_KEY, REVEAL_PHONE_KEY = "Ctrl+I", "Ctrl+D"  # show the ID number / the phones in full (pii.view)


class HolderPii(QObject):
    """The masked fields of ``card``; the keys work on ``page``, which owns the calls; a refusal goes to ``failed``."""

    def __init__(self, ctx: AppContext, card: Card, page: QWidget, failed: Callable[[BaseException], None]) -> None:
        super().__init__(page)
        self.ctx, self.card, self.page, self.failed = ctx, card, page, failed
        self.summary: AccountSummary | None = None  # the account shown
        # Personal data is masked for every role; pii.view reveals one field at a time (audited).
        self.can_reveal = allowed(ctx.actor, "pii.view")
        self._revealed: dict[str, str] = {}  # field -> clear value, until the page is filled again
        if self.can_reveal:
            for key, field in ((REVEAL_ID_KEY, "id_number"), (REVEAL_PHONE_KEY, "phone")):
                QShortcut(QKeySequence(key), page, lambda f=field: self.reveal(f),
                          context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            card.link.connect(self.reveal)

    def fill(self, summary: AccountSummary) -> None:
        self.summary = summary
        self._revealed = {}  # a reload masks again
        self._show_pii()

    def _show_pii(self) -> None:
        if self.summary is None:
            return
        s = self.summary
        shown = {f: self._revealed.get(f, getattr(s, f)) for f in reveal.FIELDS}
        if not self.can_reveal:
            self.card.set("id_number", shown["id_number"])
            self.card.set("phone", "  ".join(p for p in (shown["phone"], shown["phone2"]) if p))
            return
        tip = self.tr("Masked on screen. Click it (or press the key) to show it in full; each showing is "
                      "recorded in the audit log.")

        def part(field: str) -> tuple[str, str | None]:
            return shown[field], None if field in self._revealed else field

        self.card.set_links("id_number", [part("id_number")],
                            "" if "id_number" in self._revealed else key_text(REVEAL_ID_KEY), tip)
        phones = [part("phone"), part("phone2")]
        self.card.set_links("phone", phones, key_text(REVEAL_PHONE_KEY) if any(n for _t, n in phones) else "",
                            tip)

    def reveal(self, field: str) -> None:
        """Show ``field`` in full: the service checks pii.view and audits the showing."""
        if self.summary is None:
            return
        if field == "phone" and "phone" in self._revealed and self.summary.phone2:
            field = "phone2"  # the phone key again: the second phone
        if field in self._revealed:
            return
        actor, account_id = self.ctx.actor, self.summary.id
        self.ctx.runner.submit(lambda s: reveal.reveal(s, actor, account_id, field), self._revealed_value,
                               self.failed, owner=self.page)

    def _revealed_value(self, shown: reveal.Revealed) -> None:
        if self.summary is not None and shown.account_id == self.summary.id:
            self._revealed[shown.field] = shown.value
            self._show_pii()
