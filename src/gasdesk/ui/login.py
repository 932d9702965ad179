"""Signing in: the login dialog, the first-start admin dialog, and changing one's own password."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import current_language
from gasdesk.services.demo import office as demo
from gasdesk.services.office import users
from gasdesk.services.office.users import LoginOutcome
from gasdesk.ui import help as manual
from gasdesk.ui.forms import EnterNavigation, error_label, password_pair_problem, show_form_error
from gasdesk.ui.messages import error_text
from gasdesk.ui.names import role_title
from gasdesk.ui.runner import Runner


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(128)
    return field


def _heading(text: str, sub: str = "") -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 8)
    title = QLabel(text)
    title.setObjectName("dialogTitle")
    layout.addWidget(title)
    if sub:
        subtitle = QLabel(sub)
        subtitle.setObjectName("dialogSubtitle")
        subtitle.setWordWrap(True)
        layout.addWidget(subtitle)
    return box


class LoginDialog(QDialog):
    """Login and password; in demo mode, the demo users and their passwords, click to fill."""

    signed_in = Signal(object)  # Actor

    def __init__(
        self, runner: Runner, *, demo_mode: bool = False, counter: str = "", counter_fixed: bool = False,
        db_name: str = "", login: str = "", parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("gasdesk — Sign in"))
        manual.install_help_key(self, "login", current_language(), self.tr("Sign in"))  # F1 before signing in too
        self.counter = QLineEdit(counter)
        self.counter.setMaxLength(16)
        self.counter.setPlaceholderText(self.tr("e.g. C01"))
        self.counter.setReadOnly(counter_fixed)
        self.login = QLineEdit(login)
        self.login.setMaxLength(40)
        self.password = password_field()
        self.error = error_label()
        # A fixed place two lines high: a lockout warning must not push the demo table out of the window.
        self.error.setMinimumHeight(2 * self.error.fontMetrics().lineSpacing() + 4)
        policy = self.error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(policy)
        self.submit_button = QPushButton(self.tr("Sign in"))
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        quit_button = QPushButton(self.tr("Quit"))
        quit_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(12)
        form.addRow(self.tr("Counter:"), self.counter)
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&Password:"), self.password)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(_heading(self.tr("Gas business office counter"),
                                  self.tr("Database: %1").replace("%1", db_name) if db_name else ""))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.demo_table: QTableWidget | None = None
        if demo_mode:
            layout.addWidget(self._demo_panel())
        EnterNavigation([self.counter, self.login, self.password], self.submit, self)
        self.setMinimumWidth(520)
        # The first empty field: a new counter PC starts at its counter id.
        empty = [w for w in (self.counter, self.login, self.password) if not w.text() and not w.isReadOnly()]
        (empty[0] if empty else self.password).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            return  # a stray Esc must not end the program; Quit is a button
        super().keyPressEvent(event)

    def _demo_panel(self) -> QGroupBox:
        group = QGroupBox(self.tr("Demo office: click a user to fill in the login"))
        table = QTableWidget(len(demo.DEMO_USERS), 4)
        table.setObjectName("demoUsers")
        table.setHorizontalHeaderLabels([self.tr("Login"), self.tr("Password"), self.tr("Name"), self.tr("Role")])
        for row, (login, name, role, password) in enumerate(demo.DEMO_USERS):
            for col, text in enumerate((login, password, name, role_title(role))):
                table.setItem(row, col, QTableWidgetItem(text))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + sum(table.rowHeight(r) for r in range(table.rowCount())) + 2 * table.frameWidth() + 2)
        table.cellClicked.connect(lambda row, _col: self.fill_demo(row))
        self.demo_table = table
        inner = QVBoxLayout(group)
        inner.addWidget(table)
        return group

    def fill_demo(self, row: int) -> None:
        login, _name, _role, password = demo.DEMO_USERS[row]
        show_form_error(self.error, "")  # the last refusal was about another user
        self.login.setText(login)
        self.password.setText(password)
        self.submit_button.setFocus()

    def submit(self) -> None:
        if not self.submit_button.isEnabled():
            return  # a sign-in is already running
        login, password, counter = self.login.text().strip(), self.password.text(), self.counter.text().strip()
        if not login:
            show_form_error(self.error, self.tr("Please enter your login."))
            self.login.setFocus()
            return
        self.submit_button.setEnabled(False)
        self.runner.submit(
            lambda s: users.authenticate(s, login, password, counter, counter_required=True),
            lambda outcome: self._outcome(outcome, password),
            self._failed, write=True, busy_text=self.tr("Signing in…"), owner=self,
        )

    def _outcome(self, outcome: LoginOutcome, password: str) -> None:
        self.submit_button.setEnabled(True)
        if outcome.actor is None:
            show_form_error(self.error, outcome.error.text() if outcome.error else self.tr("Sign-in refused."))
            self.password.clear()
            self.password.setFocus()
            return
        show_form_error(self.error, "")
        if outcome.must_change_password:
            dialog = ChangePasswordDialog(self.runner, outcome.actor, old_password=password, forced=True, parent=self)
            dialog.changed.connect(lambda: self._done(outcome.actor))
            self.change_dialog = dialog
            dialog.open()
            return
        self._done(outcome.actor)

    def _failed(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        show_form_error(self.error, error_text(exc))

    def _done(self, actor: Actor) -> None:
        self.accept()
        self.signed_in.emit(actor)


class ChangePasswordDialog(QDialog):
    """Change one's own password; forced after an administrator reset it."""

    changed = Signal()

    def __init__(
        self, runner: Runner, actor: Actor, *, old_password: str | None = None, forced: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.actor = runner, actor
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self.old = password_field()
        self.new = password_field()
        self.again = password_field()
        self.error = error_label()
        form = QFormLayout()
        if old_password is None:
            form.addRow(self.tr("Current password:"), self.old)
        else:
            self.old.setText(old_password)
            self.old.hide()
        form.addRow(self.tr("New password:"), self.new)
        form.addRow(self.tr("New password again:"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        if forced:
            note = QLabel(self.tr("An administrator has reset your password. Please choose a new one now."))
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        EnterNavigation([self.old, self.new, self.again], self.submit, self)
        self.setMinimumWidth(420)
        (self.new if old_password is not None else self.old).setFocus()

    def submit(self) -> None:
        new = self.new.text()
        problem = password_pair_problem(new, self.again.text())
        if problem:
            show_form_error(self.error, problem)
            self.new.setFocus()
            return
        old, actor = self.old.text(), self.actor
        self.buttons.setEnabled(False)
        self.runner.submit(
            lambda s: users.change_own_password(s, actor, old, new), self._saved, self._failed,
            write=True, owner=self,
        )

    def _saved(self, _result: object) -> None:
        self.accept()
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_form_error(self.error, error_text(exc))


class FirstAdminDialog(QDialog):
    """First start on an empty database: create the administrator account."""

    created = Signal(str)  # the new admin's login

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle(self.tr("gasdesk — First start"))
        self.login = QLineEdit("admin")
        self.login.setMaxLength(40)
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.password = password_field()
        self.again = password_field()
        self.error = error_label()
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Login:"), self.login)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Password again:"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(_heading(
            self.tr("Welcome to gasdesk"),
            self.tr("This database has no users yet. Create the administrator account; the administrator "
                    "then adds the counter staff."),
        ))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        EnterNavigation([self.login, self.name, self.password, self.again], self.submit, self)
        self.setMinimumWidth(480)
        self.name.setFocus()

    def submit(self) -> None:
        password = self.password.text()
        problem = password_pair_problem(password, self.again.text())
        if problem:
            show_form_error(self.error, problem)
            self.password.setFocus()
            return
        login, name = self.login.text(), self.name.text()
        self.buttons.setEnabled(False)
        self.runner.submit(
            lambda s: users.create_first_admin(s, login, name, password), self._created, self._failed,
            write=True, owner=self,
        )

    def _created(self, info: users.UserInfo) -> None:
        self.accept()
        self.created.emit(info.login)

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_form_error(self.error, error_text(exc))
