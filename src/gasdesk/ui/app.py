"""Starting the desktop: translators, opening the database, first start, login, main window.

Opening the database (vetting, quick_check, copy aside, migrate, the demo office on
first use) runs on the runner's worker like every other database call. A refusal
is shown in the chosen language and the program ends with the error's exit code,
having changed no file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gasdesk.files import write_atomic
from gasdesk.paths import shipped
from gasdesk.services import demo
from gasdesk.services.core.errors import GasdeskError, set_language
from gasdesk.services.office import users
from gasdesk.ui import prefs, style
from gasdesk.ui.busy import BusySplash
from gasdesk.ui.context import AppContext
from gasdesk.ui.gc_guard import GuiThreadCollector
from gasdesk.ui.login import FirstAdminDialog, LoginDialog
from gasdesk.ui.main_window import MainWindow
from gasdesk.ui.messages import error_text
from gasdesk.ui.printer import PrintQueue
from gasdesk.ui.runner import Runner


class QtGaps(QTranslator):
    """Qt's own words that its qtbase_zh_CN.qm lacks (their sources changed in Qt 6 and the Chinese
    file was not updated): the file dialog's "&Look in:" and "Files of &type:" stayed English.
    Installed after qtbase, so it is asked first; anything else falls through (None)."""

    WORDS = {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QAbstractFileIconProvider", "Drive"): "驱动器",
        ("QPrintSettingsOutput", "Page &Set:"): "页面集(&S)：",
    }

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return self.WORDS.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Chinese: our .qm plus Qt's own (button texts, the file and print dialogs), with the words
    Qt's file lacks; English is the source language."""
    if lang != "zh":
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load("gasdesk_zh_CN", str(shipped("resources") / "i18n")):
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        installed.append(qt)
    installed.append(QtGaps(app))
    for translator in installed:
        app.installTranslator(translator)
    return installed


def _sqlite_file(target: str) -> Path | None:
    """The file a target names when it is a SQLite path (None for a server URL)."""
    if target.startswith("sqlite:///"):
        return Path(target[len("sqlite:///"):])
    return None if "://" in target else Path(target).expanduser()


def open_database(target: str, *, demo_mode: bool, create: bool):  # type: ignore[no-untyped-def]
    """Worker side of the start: prepare the file; build the demo office once. Returns (db, has_users)."""
    from gasdesk.services.core.runner import run
    from gasdesk.startup import prepare

    db = prepare(target, create=create)
    try:
        has_users = run(db, None, users.has_users, write=False)
        if demo_mode and not has_users:
            run(db, None, demo.build)
            has_users = True
    except BaseException:
        db.dispose()
        raise
    return db, has_users


class GuiSession(QObject):
    """Walks the start: open → (first admin) → login → main window; back to login on sign-out."""

    def __init__(self, app: QApplication, target: str, *, demo_mode: bool, lang: str, counter: str,
                 explicit_db: bool, screenshot: str | None = None, idle_ms: int | None = None) -> None:
        super().__init__(app)
        self.app, self.target, self.demo_mode, self.lang = app, target, demo_mode, lang
        self.counter, self.counter_fixed = counter or prefs.get("counter"), bool(counter)
        self.explicit_db, self.screenshot, self.idle_ms = explicit_db, screenshot, idle_ms
        self.runner = Runner(parent=self)
        self.printer = PrintQueue(self)  # the print thread, apart from the runner's database worker
        self.splash: BusySplash | None = None
        self.runner.busy.connect(self._busy)
        self.db = None
        self.login_dialog: LoginDialog | None = None
        self.first_dialog: FirstAdminDialog | None = None
        self.window: MainWindow | None = None
        self.message: QMessageBox | None = None

    # ---- opening ----------------------------------------------------------

    def start(self) -> None:
        """The program's own default file is made at the first start; a file the user named
        (--db) becomes a database only when they agree to it here."""
        path = _sqlite_file(self.target)
        if self.explicit_db and path is not None and not path.is_dir():
            question = None
            if not path.exists():
                question = self.tr("The database file does not exist:\n%1\n\nCreate a new, empty database there?")
            elif path.stat().st_size == 0:
                question = self.tr("The database file is empty (0 bytes):\n%1\n\nMake a new, empty database in it?")
            if question is not None:
                self._ask(QMessageBox.Icon.Question, question.replace("%1", str(path)),
                          lambda: self._open(create=True), yes_no=True)
                return
        self._open(create=not self.explicit_db)

    def _open(self, *, create: bool) -> None:
        target, demo_mode = self.target, self.demo_mode
        text = (self.tr("Preparing the demo office (the first time takes a while)…") if demo_mode
                else self.tr("Checking and opening the database…"))
        self.runner.submit_call(lambda: open_database(target, demo_mode=demo_mode, create=create),
                                self._opened, self._open_failed, busy_text=text)

    def _busy(self, busy: bool, text: str) -> None:
        """Before any window is up, a slow start (checks, migration, demo data) shows a splash."""
        if busy and self.window is None and self.login_dialog is None and self.first_dialog is None:
            self.splash = self.splash or BusySplash()
            self.splash.show_text(text)
        elif not busy and self.splash is not None:
            self.splash.hide()

    def _open_failed(self, exc: BaseException) -> None:
        code = exc.exit_code if isinstance(exc, GasdeskError) else 1
        title = self.tr("gasdesk cannot open the database")
        self._ask(QMessageBox.Icon.Critical, error_text(exc), lambda: None, title=title,
                  then=lambda: self.app.exit(code))

    def _opened(self, result) -> None:  # type: ignore[no-untyped-def]
        self.db, has_users = result
        self.runner.db = self.db
        if has_users:
            self.show_login()
            return
        self.first_dialog = FirstAdminDialog(self.runner)
        self.first_dialog.created.connect(lambda login: self.show_login(login=login))
        self.first_dialog.rejected.connect(lambda: self.app.exit(0))
        self.first_dialog.show()

    def _ask(self, icon: QMessageBox.Icon, text: str, on_yes, *, yes_no: bool = False, title: str = "",  # type: ignore[no-untyped-def]
             then=None) -> None:  # type: ignore[no-untyped-def]
        """A start-up message with no window behind it; No (or closing it) ends the program with 1."""
        buttons = (QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No) if yes_no \
            else QMessageBox.StandardButton.Ok
        box = QMessageBox(icon, title or "gasdesk", text, buttons)
        box.setObjectName("startupMessage")
        if yes_no:
            box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(_result: int) -> None:
            if not yes_no:
                (then or on_yes)()
            elif box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                on_yes()
            else:
                self.app.exit(1)

        box.finished.connect(answered)
        self.message = box
        box.open()

    # ---- signing in -------------------------------------------------------

    def show_login(self, login: str = "", reason: str = "") -> None:
        assert self.db is not None
        self.runner.actor = None
        dialog = LoginDialog(self.runner, demo_mode=self.demo_mode, counter=self.counter,
                             counter_fixed=self.counter_fixed, db_name=self.db.display_name, login=login)
        if reason:
            dialog.error.setText(reason)
            dialog.error.show()
        dialog.signed_in.connect(self._signed_in)
        dialog.rejected.connect(self._quit)
        self.login_dialog = dialog
        dialog.show()

    def _signed_in(self, actor) -> None:  # type: ignore[no-untyped-def]
        if actor.counter and not self.counter_fixed:
            prefs.put("counter", actor.counter)
            self.counter = actor.counter
        self.runner.actor = actor
        ctx = AppContext(db=self.db, runner=self.runner, actor=actor, demo=self.demo_mode, lang=self.lang,
                         printer=self.printer)
        self.window = MainWindow(ctx, idle_ms=self.idle_ms)
        self.window.signed_out.connect(self._signed_out)
        self.window.closed.connect(self._quit)
        self.window.show()
        if self.login_dialog is not None:
            self.login_dialog.deleteLater()
            self.login_dialog = None
        if self.screenshot:
            page = os.environ.get("GASDESK_SCREENSHOT_WORKPLACE", "")
            if page in self.window.workplace_names():
                self.window.show_workplace(page)
            QTimer.singleShot(400, self._grab_and_quit)

    def _signed_out(self, reason: str) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.hide()
            window.deleteLater()
        self.show_login(reason=reason)

    def _quit(self) -> None:
        self.app.exit(0)

    # ---- screenshots (README) ---------------------------------------------

    def grab(self, widget: QWidget, path: str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        widget.grab().save(buffer, Path(path).suffix.lstrip(".").upper() or "PNG")
        buffer.close()
        write_atomic(path, bytes(data.data()))

    def _grab_and_quit(self) -> None:
        if self.runner.is_busy():  # the page is still loading its rows
            QTimer.singleShot(100, self._grab_and_quit)
            return
        if self.window is not None and self.screenshot:
            self.grab(self.window, self.screenshot)
        self.app.exit(0)

    def grab_login_and_quit(self) -> None:
        if self.login_dialog is not None and self.screenshot:
            self.grab(self.login_dialog, self.screenshot)
        self.app.exit(0)

    def autologin(self, login: str, password: str) -> None:
        dialog = self.login_dialog
        if dialog is None:
            return
        dialog.login.setText(login)
        dialog.password.setText(password)
        dialog.submit()

    def shutdown(self) -> None:
        """After the event loop: close what is open, let the worker finish, release the database."""
        for widget in (self.window, self.login_dialog, self.first_dialog, self.message, self.splash):
            if widget is not None and shiboken6.isValid(widget):
                if isinstance(widget, MainWindow):
                    widget.closed.disconnect()
                    widget.idle.shutdown()
                widget.hide()
                widget.deleteLater()
        self.window = self.login_dialog = self.first_dialog = self.message = self.splash = None
        self.printer.wait_done(30_000)  # a printout being spooled is finished, then its job recorded
        self.runner.wait_done(30_000)
        if self.db is not None:
            self.db.dispose()


def _effective_language(lang: str) -> str:
    """A language chosen on the command line or in GASDESK_LANG wins over the one saved in the menu."""
    explicit = "GASDESK_LANG" in os.environ or any(a == "--lang" or a.startswith("--lang=") for a in sys.argv)
    return lang if explicit else (prefs.get("lang") or lang)


def run_gui(target: str, *, demo: bool, lang: str, counter: str, explicit_db: bool,
            screenshot: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("gasdesk")
    app.setOrganizationName("gasdesk")
    lang = _effective_language(lang)
    set_language(lang)
    translators = install_translators(app, lang)
    style.apply(app)
    app.setQuitOnLastWindowClosed(False)  # the session decides when the program ends
    collector = GuiThreadCollector(app)
    session = GuiSession(app, target, demo_mode=demo, lang=lang, counter=counter, explicit_db=explicit_db,
                         screenshot=screenshot)
    QTimer.singleShot(0, session.start)
    auto = os.environ.get("GASDESK_AUTOLOGIN", "") if screenshot else ""  # only for pictures, never a normal start
    if auto and ":" in auto:
        login, password = auto.split(":", 1)
        _when_login_shows(session, lambda: session.autologin(login, password))
    elif screenshot:
        _when_login_shows(session, lambda: QTimer.singleShot(300, session.grab_login_and_quit))
    if screenshot:
        QTimer.singleShot(60_000, lambda: app.exit(3))  # never hang a script that wanted a picture
    code = app.exec()
    session.shutdown()
    for translator in translators:
        app.removeTranslator(translator)
    session.deleteLater()
    collector.stop()
    return int(code)


def _when_login_shows(session: GuiSession, action) -> None:  # type: ignore[no-untyped-def]
    def poll() -> None:
        if session.login_dialog is not None and session.login_dialog.isVisible():
            action()
        elif session.message is None or not session.message.isVisible():
            QTimer.singleShot(100, poll)

    QTimer.singleShot(100, poll)

