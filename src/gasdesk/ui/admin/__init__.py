"""The administration workplace (系统管理): users, the address tree, counters, settings and backups."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from gasdesk.ui.context import AppContext


class AdminPage(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from gasdesk.ui.admin.address import AddressPage
        from gasdesk.ui.admin.counters import CountersPage
        from gasdesk.ui.admin.settings import SettingsPage
        from gasdesk.ui.admin.users import UsersPage

        self.setObjectName("adminPage")
        self.users = UsersPage(ctx)
        self.address = AddressPage(ctx)
        self.counters = CountersPage(ctx)
        self.settings = SettingsPage(ctx)
        self.addTab(self.users, self.tr("Users"))
        self.addTab(self.address, self.tr("Areas and compounds"))
        self.addTab(self.counters, self.tr("Counters"))
        self.addTab(self.settings, self.tr("Settings and backup"))
        self.setDocumentMode(False)


def create_page(ctx: AppContext) -> QWidget:
    return AdminPage(ctx)
