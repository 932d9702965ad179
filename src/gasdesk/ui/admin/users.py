"""Administration: the users page (add, disable/enable, reset password, change role)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.core import labels
from gasdesk.services.core.changes import Change
from gasdesk.services.office import users
from gasdesk.services.office.users import UserInfo
from gasdesk.ui.buttons import shortcut_button
from gasdesk.ui.context import AppContext
from gasdesk.ui.forms import FormDialog, password_pair_problem
from gasdesk.ui.login import password_field
from gasdesk.ui.messages import ask, show_info
from gasdesk.ui.names import role_title
from gasdesk.ui.runner import Runner
from gasdesk.ui.tables import Column, RowsModel

ROLES = [users.parse_role(code) for code in labels.ROLE]  # in the order the design lists them
_Index = QModelIndex | QPersistentModelIndex


def role_combo(current: Any = None) -> QComboBox:
    combo = QComboBox()
    for role in ROLES:
        combo.addItem(role_title(role))
    if current is not None:
        combo.setCurrentIndex(ROLES.index(current))
    return combo


def chosen_role(combo: QComboBox) -> Any:
    """The Role picked (by position: Qt would hand item data back as a plain str)."""
    return ROLES[combo.currentIndex()]


class UsersModel(RowsModel):
    """The office's users as the services list them (a few dozen at most: one fetch)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([], parent, muted=lambda user: not user.active)
        self.columns = [
            Column(self.tr("Login"), lambda u: u.login),
            Column(self.tr("Name"), lambda u: u.name),
            Column(self.tr("Role"), lambda u: role_title(u.role)),
            Column(self.tr("Status"), self.status),
        ]

    def status(self, user: UserInfo) -> str:
        if not user.active:
            return self.tr("Disabled")
        locked = user.locked_until
        if locked is not None and (locked if locked.tzinfo else locked.replace(tzinfo=UTC)) > datetime.now(UTC):
            return self.tr("Locked (wrong passwords)")
        if user.must_change_password:
            return self.tr("Active — must change password")
        return self.tr("Active")


class AddUserDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx.runner, parent)
        self.setWindowTitle(self.tr("Add user"))
        self.ctx = ctx
        self.setObjectName("addUserDialog")
        self.login = self.add_row(self.tr("Login:"), QLineEdit())
        self.name = self.add_row(self.tr("Name:"), QLineEdit())
        self.role = self.add_row(self.tr("Role:"), role_combo())
        self.password = self.add_row(self.tr("Password:"), password_field())
        self.again = self.add_row(self.tr("Password again:"), password_field())
        self.finish()

    def save(self):  # type: ignore[no-untyped-def]
        problem = password_pair_problem(self.password.text(), self.again.text())
        if problem:
            self.complain(problem, self.password)
            return None
        actor, login, name = self.ctx.actor, self.login.text(), self.name.text()
        role, password = chosen_role(self.role), self.password.text()
        return (lambda s: users.add_user(s, actor, login, name, role, password))


class ResetPasswordDialog(FormDialog):
    def __init__(self, ctx: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx.runner, parent)
        self.setWindowTitle(self.tr("Reset password"))
        self.ctx, self.user = ctx, user
        self.setObjectName("resetPasswordDialog")
        self.password = self.add_row(self.tr("Temporary password:"), password_field())
        self.again = self.add_row(self.tr("Password again:"), password_field())
        self.finish(self.tr("Set a temporary password for %1 (%2). They must change it when they next sign in.")
                    .replace("%1", user.name).replace("%2", user.login))

    def save(self):  # type: ignore[no-untyped-def]
        problem = password_pair_problem(self.password.text(), self.again.text())
        if problem:
            self.complain(problem, self.password)
            return None
        actor, user_id, password = self.ctx.actor, self.user.id, self.password.text()
        return (lambda s: users.reset_password(s, actor, user_id, password))


class ChangeRoleDialog(FormDialog):
    def __init__(self, ctx: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx.runner, parent)
        self.setWindowTitle(self.tr("Change role"))
        self.ctx, self.user = ctx, user
        self.setObjectName("changeRoleDialog")
        self.role = self.add_row(self.tr("New role:"), role_combo(user.role))
        self.finish(self.tr("Role of %1 (%2):").replace("%1", user.name).replace("%2", user.login))

    def save(self):  # type: ignore[no-untyped-def]
        actor, user_id, role = self.ctx.actor, self.user.id, chosen_role(self.role)
        return (lambda s: users.change_role(s, actor, user_id, role))


class UsersPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner: Runner = ctx.runner
        self.model = UsersModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("usersTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.change_role())

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, shortcut, slot in (
            ("add", self.tr("Add user"), "Ctrl+N", self.add_user),
            ("active", self.tr("Disable / enable"), "Ctrl+D", self.toggle_active),
            ("reset", self.tr("Reset password"), "Ctrl+R", self.reset_password),
            ("role", self.tr("Change role"), "Ctrl+E", self.change_role),
            ("refresh", self.tr("Refresh"), "F5", self.refresh),
        ):
            bar.addWidget(self._button(key, text, shortcut, slot))
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.dialog: FormDialog | None = None
        self.runner.changed.connect(self._on_changed)
        self.refresh()

    def _button(self, key: str, text: str, shortcut: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = self.buttons[key] = shortcut_button(self, text, shortcut, slot)
        return button

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.table.setFocus()  # so the page's shortcuts (Ctrl+N, F5...) work at once

    def refresh(self, select: str = "") -> None:
        actor = self.ctx.actor

        def show(rows: list[UserInfo]) -> None:
            current = self.selected()
            keep = select or (current.login if current else "")
            self.model.set_rows(rows)
            if keep:
                self.select_login(keep)

        self.runner.submit(lambda s: users.list_users(s, actor), show, write=False, owner=self)

    def _on_changed(self, changes: frozenset[str]) -> None:
        if Change.USER in changes:
            self.refresh()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[self.proxy.mapToSource(rows[0]).row()]

    def select_login(self, login: str) -> None:
        for row, user in enumerate(self.model.rows):
            if user.login == login:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                return

    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def add_user(self) -> None:
        dialog = AddUserDialog(self.ctx, self)
        dialog.saved.connect(lambda info: self.refresh(select=info.login))
        self._open(dialog)

    def _need_selection(self) -> UserInfo | None:
        user = self.selected()
        if user is None:
            show_info(self, self.tr("Please select a user in the table first."))
        return user

    def toggle_active(self) -> None:
        user = self._need_selection()
        if user is None:
            return
        actor, user_id, active = self.ctx.actor, user.id, not user.active
        question = (self.tr("Enable the user %1 (%2)?") if active else
                    self.tr("Disable the user %1 (%2)? They will not be able to sign in."))
        ask(self, question.replace("%1", user.name).replace("%2", user.login),
            lambda: self.runner.submit(lambda s: users.set_active(s, actor, user_id, active), owner=self))

    def reset_password(self) -> None:
        user = self._need_selection()
        if user is not None:
            self._open(ResetPasswordDialog(self.ctx, user, self))

    def change_role(self) -> None:
        user = self._need_selection()
        if user is not None:
            self._open(ChangeRoleDialog(self.ctx, user, self))
