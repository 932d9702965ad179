"""The main window: the workplaces the user's role allows, a status bar, menus, the idle lock."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from gasdesk import __version__
from gasdesk.services.core import settings
from gasdesk.services.core.changes import Change
from gasdesk.services.core.permissions import workplaces_for
from gasdesk.ui import help as manual
from gasdesk.ui import prefs
from gasdesk.ui.context import AppContext
from gasdesk.ui.forms import fit_to_screen
from gasdesk.ui.idle import IdleWatcher
from gasdesk.ui.lock import LockScreen
from gasdesk.ui.login import ChangePasswordDialog
from gasdesk.ui.messages import show_info
from gasdesk.ui.names import role_title
from gasdesk.ui.workplaces import WORKPLACES, Workplace


class MainWindow(QMainWindow):
    signed_out = Signal(str)  # why (empty when the user chose to); the app shows the login again
    closed = Signal()  # the user closed the window: the program ends

    def __init__(self, ctx: AppContext, *, idle_ms: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("mainWindow")
        title = self.tr("gasdesk — Gas business office")
        self.setWindowTitle(title + (self.tr(" [DEMO]") if ctx.demo else ""))
        self.workplaces: list[Workplace] = [WORKPLACES[n] for n in workplaces_for(ctx.actor) if n in WORKPLACES]
        self.pages: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for place in self.workplaces:
            item = QListWidgetItem(place.display_title())
            item.setToolTip(QKeySequence(place.shortcut).toString(QKeySequence.SequenceFormat.NativeText))
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        workspace = QWidget()
        row = QHBoxLayout(workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)

        self.lock_screen = LockScreen(ctx.runner, ctx.actor)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.signed_out.connect(self._sign_out)
        self.cover = QStackedWidget()
        self.cover.addWidget(workspace)
        self.cover.addWidget(self.lock_screen)
        self.setCentralWidget(self.cover)

        self._hidden_dialogs: list[QDialog] = []
        self._build_status_bar()
        self._build_menus()
        self.nav.currentRowChanged.connect(self._show_row)
        if self.workplaces:
            self.nav.setCurrentRow(0)

        self.idle = IdleWatcher(idle_ms or 10 * 60_000, self)
        self.idle.idle.connect(self.lock)
        self._fixed_idle = idle_ms is not None
        self.idle.start()
        if not self._fixed_idle:
            self._read_idle_setting()
        ctx.runner.changed.connect(self._on_changed)
        ctx.runner.busy.connect(self._on_busy)
        self.setMinimumSize(960, 620)
        if fit_to_screen(self, 1180, 760):  # a small counter screen: the whole screen, maximised
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    # ---- building ---------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        actor = self.ctx.actor
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(140)
        for widget in (self.busy_label, self.busy_bar):
            widget.hide()
            bar.addWidget(widget)
        self.status_user = QLabel(self.tr("User: %1 (%2)").replace("%1", actor.name).replace("%2", actor.login))
        self.status_role = QLabel(self.tr("Role: %1").replace("%1", role_title(actor.role)))
        self.status_counter = QLabel(self.tr("Counter: %1").replace("%1", actor.counter or self.tr("not set")))
        self.status_db = QLabel(self.tr("Database: %1").replace("%1", self.ctx.db_name))
        self.status_db.setToolTip(self.ctx.db_name)
        for widget in (self.status_user, self.status_role, self.status_counter, self.status_db):
            bar.addPermanentWidget(widget)

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey, slot, *, lockable: bool = True) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden or disabled
        if lockable:
            self._lockable.append(action)
        return action

    def _build_menus(self) -> None:
        self._lockable: list[QAction] = []
        menu_file = self.menuBar().addMenu(self.tr("&File"))
        self.action_lock = self._action(self.tr("&Lock workstation"), "Ctrl+L", self.lock)
        self.action_password = self._action(self.tr("Change &password…"), "Ctrl+Shift+P", self.change_password)
        self.action_sign_out = self._action(self.tr("&Sign out"), "Ctrl+Shift+Q", lambda: self._sign_out(""))
        self.action_quit = self._action(self.tr("&Quit"), "Ctrl+Q", self.close, lockable=False)
        for action in (self.action_lock, self.action_password, self.action_sign_out):
            menu_file.addAction(action)
        menu_file.addSeparator()
        menu_file.addAction(self.action_quit)

        menu_view = self.menuBar().addMenu(self.tr("&View"))
        self.workplace_actions: list[QAction] = []
        for row, place in enumerate(self.workplaces):
            action = self._action(place.display_title(), place.shortcut,
                                  lambda _=False, r=row: self.nav.setCurrentRow(r))
            menu_view.addAction(action)
            self.workplace_actions.append(action)
        menu_view.addSeparator()
        menu_lang = menu_view.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, label, key in (("zh", "中文", "Ctrl+Shift+C"), ("en", "English", "Ctrl+Shift+E")):
            action = self._action(label, key, lambda _=False, c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(code == self.ctx.lang)
            group.addAction(action)
            menu_lang.addAction(action)

        menu_help = self.menuBar().addMenu(self.tr("&Help"))
        self.action_help = self._action(self.tr("&Manual for this workplace"), manual.HELP_KEY, self.show_help)
        self.action_about = self._action(self.tr("&About gasdesk"), "Shift+F1", self.about, lockable=False)
        menu_help.addAction(self.action_help)
        menu_help.addAction(self.action_about)

    # ---- workplaces -------------------------------------------------------

    def workplace_names(self) -> list[str]:
        return [p.name for p in self.workplaces]

    def show_workplace(self, name: str) -> QWidget:
        self.nav.setCurrentRow(self.workplace_names().index(name))
        return self.pages[name]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        place = self.workplaces[row]
        page = self.pages.get(place.name)
        if page is None:  # built on first visit: a role sees only what it opens
            page = place.factory(self.ctx)
            self.pages[place.name] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    # ---- idle lock --------------------------------------------------------

    def _read_idle_setting(self) -> None:
        self.ctx.runner.submit(lambda s: settings.all_settings(s), self._apply_settings, write=False, owner=self)

    def _apply_settings(self, values: dict[str, str]) -> None:
        if not self._fixed_idle:
            self.idle.set_interval(int(values["idle_lock_minutes"]) * 60_000)

    def _on_changed(self, changes: frozenset[str]) -> None:
        if Change.SETTING in changes and not self._fixed_idle:
            self._read_idle_setting()

    def is_locked(self) -> bool:
        return self.cover.currentWidget() is self.lock_screen

    def lock(self) -> None:
        if self.is_locked():
            return
        self.idle.stop()
        # Open forms are hidden, not closed, so nothing typed is lost; they come back on unlock.
        self._hidden_dialogs = [d for d in self.findChildren(QDialog) if d.isVisible()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        for action in self._lockable:
            action.setEnabled(False)
        self.menuBar().setEnabled(False)
        self.cover.setCurrentWidget(self.lock_screen)
        self.lock_screen.reset()

    def unlock(self) -> None:
        self.cover.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        for action in self._lockable:
            action.setEnabled(True)
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        self.idle.start()

    def _sign_out(self, reason: str) -> None:
        self.idle.shutdown()
        self.signed_out.emit(reason)

    # ---- menu actions -----------------------------------------------------

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.ctx.runner, self.ctx.actor, parent=self)
        dialog.changed.connect(lambda: show_info(self, self.tr("Your password has been changed.")))
        dialog.open()

    def choose_language(self, code: str) -> None:
        prefs.put("lang", code)
        if code != self.ctx.lang:
            show_info(self, self.tr("The language changes when gasdesk starts next time.\n"
                                    "界面语言将在下次启动 gasdesk 时切换。"))

    def current_workplace(self) -> Workplace | None:
        row = self.nav.currentRow()
        return self.workplaces[row] if 0 <= row < len(self.workplaces) else None

    def show_help(self) -> manual.HelpWindow:
        """F1: the manual page of the workplace on screen, in the UI's language."""
        place = self.current_workplace()
        if place is None:
            return manual.show_help(self, "login", self.ctx.lang, self.tr("Sign in"))
        return manual.show_help(self, place.name, self.ctx.lang, place.display_title())

    def about(self) -> None:
        show_info(self, self.tr(
            "gasdesk %1\nCounter desktop for a city gas business office and its LPG cylinder depots.\n"
            "Works offline; all data stays in the database shown in the status bar."
        ).replace("%1", __version__), self.tr("About gasdesk"))

    def _on_busy(self, busy: bool, text: str) -> None:
        self.busy_label.setText(text or self.tr("Working…"))
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.shutdown()
        super().closeEvent(event)
        self.closed.emit()
