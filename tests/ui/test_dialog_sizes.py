"""Every dialog and preview fits a 1366×768 counter screen (issue 9, item 11).

One row per dialog in DIALOGS: a factory that opens it as the program does, with realistic content
(a long holder name and address, the demo's largest route, a long error message). Each is shown on
a 1366×768 screen, its data loaded, and its frame, with a window manager's title bar added, must lie
inside the screen's available area. A new dialog gets a row here.

The screen: Qt's offscreen platform is 800×800 unless told otherwise, and one test session has one
QApplication. When the session's screen is not 1366×768, the rows are skipped and
``test_dialogs_fit_a_1366x768_screen`` runs this module again in a child process whose offscreen
screen is 1366×768 (``QT_QPA_PLATFORM=offscreen:configfile=...``); its failures are the rows'.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QWidget
from sqlalchemy import func, select

from gasdesk.db import Database
from gasdesk.models import Account, Meter, RouteStop
from gasdesk.services import demo
from gasdesk.services.accounts import gas_on_days, gas_on_sheet, page
from gasdesk.services.accounts.page import AccountDetail
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import DatabaseError
from gasdesk.services.office import address, users
from gasdesk.services.readings import route_sheet, routes, stops, views
from gasdesk.services.reports import registers
from gasdesk.startup import prepare
from gasdesk.ui import file_dialogs, messages
from gasdesk.ui.admin.address import AreaDialog, CompoundDialog
from gasdesk.ui.admin.counters import RegisterCounterDialog
from gasdesk.ui.admin.users import AddUserDialog, ChangeRoleDialog, ResetPasswordDialog
from gasdesk.ui.app import GuiSession
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter import change_dialogs as change
from gasdesk.ui.counter import opening_dialogs as opening
from gasdesk.ui.counter.gas_on_days import GasOnDaysDialog, OutcomeDialog, PlanDayDialog
from gasdesk.ui.counter.payment_dialog import PaymentDialog
from gasdesk.ui.forms import show_form_error
from gasdesk.ui.help import show_help
from gasdesk.ui.login import ChangePasswordDialog, FirstAdminDialog, LoginDialog
from gasdesk.ui.main_window import MainWindow
from gasdesk.ui.pdf_preview import PdfPreview
from gasdesk.ui.readings.dunning import DunningDialog
from gasdesk.ui.readings.held import ConfirmDialog, CorrectDialog, FollowUpDialog
from gasdesk.ui.readings.import_dialog import ImportDialog
from gasdesk.ui.readings.route_admin import RouteAdminDialog
from gasdesk.ui.readings.route_forms import CompoundAssignDialog, MoveStopDialog, RouteForm
from gasdesk.ui.reports.registers import PREVIEW_LIMIT, RegistersDialog
from gasdesk.ui.runner import Runner

SCREEN = QSize(1366, 768)
TITLE_BAR = 32  # what a window manager adds above the frame the offscreen platform reports (Windows: 31 at 100 %)
TEMPLATE_ENV = "GASDESK_TEST_FULL_DEMO"  # the parent's built demo office, so the child does not build it again

PASSWORDS = {login: password for login, _name, _role, password in demo.DEMO_USERS}
# A restaurant's holder name and a shop's address as long as the counter meets them.
LONG_NAME = "江城市江岸区百步亭花园社区老王家常菜餐饮管理有限公司第三分店"
LONG_ADDRESS = "01 江岸片区 · 解放大道 1826 号 百步亭花园现代城商业街 12 栋 3 单元 1 楼 108 号商铺（近地铁站 C 出口）"
LONG_ERROR = ("数据库文件无法使用：/home/营业厅柜台/文档/燃气营业厅数据/2027 年度备份/按月归档/"
              "十二月/gasdesk-C01-柜台一号机-2027-12-31-日终备份（已校验，请勿删除或移动）.db "
              "已被另一个程序锁定（可能是另一台柜台电脑上的 gasdesk、杀毒软件或备份软件"
              "正在读取它）。请关闭那个程序，等一分钟后再试；如果仍然不行，请联系管理员"
              "检查这个文件所在的磁盘和文件夹权限，不要把数据库放在网络共享文件夹上。")


def on_counter_screen() -> bool:
    screen = QGuiApplication.primaryScreen()
    return screen is not None and screen.geometry().size() == SCREEN


@dataclass
class Env:
    """What a row's factory needs: the demo office (copied), the runner, and what it opens."""

    db: Database
    runner: Runner
    qtbot: Any
    tmp_path: Path

    def ctx(self, login: str = "clerk") -> AppContext:
        with self.db.write() as s:
            outcome = users.authenticate(s, login, PASSWORDS[login], demo.office.COUNTER)
        assert outcome.actor is not None, outcome.error
        self.runner.actor = outcome.actor
        return AppContext(self.db, self.runner, outcome.actor, demo=True)

    @property
    def actor(self) -> Actor:
        assert self.runner.actor is not None
        return self.runner.actor

    def account(self, status: str, *, meter: bool | None = None) -> AccountDetail:
        """The first demo account in ``status`` (with or without a fitted meter), its holder and
        address made as long as a restaurant's."""
        with self.db.read() as s:
            q = select(Account.id).where(Account.status == status).order_by(Account.id).limit(1)
            fitted = select(Meter.account_id).where(Meter.removed_on.is_(None))
            if meter is True:
                q = q.where(Account.id.in_(fitted))
            elif meter is False:
                q = q.where(Account.id.not_in(fitted))
            detail = page.account_detail(s, self.actor, s.scalars(q).one())
        summary = dataclasses.replace(detail.summary, holder_name=LONG_NAME, address=LONG_ADDRESS)
        return dataclasses.replace(detail, summary=summary)

    def largest_route(self) -> routes.RouteInfo:
        with self.db.read() as s:
            route_id = s.scalars(select(RouteStop.route_id).group_by(RouteStop.route_id)
                                 .order_by(func.count().desc()).limit(1)).one()
            return next(r for r in routes.routes(s, self.actor) if r.id == route_id)

    def call(self, fn: Callable[[Any], Any], *, write: bool = False) -> Any:
        with (self.db.write() if write else self.db.read()) as s:
            return fn(s)


Factory = Callable[[Env], QWidget]


def _contract(env: Env) -> QWidget:
    return opening.ContractDialog(env.ctx(), env.account("application"))


def _account_dialog(kind: type, status: str, **kw: Any) -> Factory:
    def make(env: Env) -> QWidget:
        ctx = env.ctx("super" if kind is change.ReverseDialog else "clerk")
        detail = env.account(status, **kw)
        if kind is change.ReverseDialog:
            return kind(ctx, detail, detail.ledger[0])
        return kind(ctx, detail)
    return make


def _receipt_row(env: Env) -> Any:
    from datetime import date, datetime

    from gasdesk.services.cashier.receipts import ReceiptRow

    return ReceiptRow("C01-A-0001234", "A", "C01", "issued", "payment", Decimal("12345.67"), "wechat", "030000155",
                      "clerk", datetime(2026, 12, 3, 9, 30), date(2026, 12, 3), True)


def _void(env: Env) -> QWidget:
    from gasdesk.ui.counter.void_dialog import VoidDialog

    dialog = VoidDialog(env.ctx(), env.account("in_service"), _receipt_row(env))
    dialog.complain(LONG_ERROR)
    return dialog


def _shift(env: Env) -> QWidget:
    from gasdesk.ui.counter.shift_dialog import ShiftDialog

    return ShiftDialog(env.ctx())


def _refund_held(env: Env) -> QWidget:
    from gasdesk.ui.counter.refund_dialog import RefundHeldDialog

    dialog = RefundHeldDialog(env.ctx(), env.account("in_service"))
    dialog.complain(LONG_ERROR)
    return dialog


def _remit(env: Env) -> QWidget:
    from gasdesk.ui.counter.remit_dialog import RemitDialog

    return RemitDialog(env.ctx())


def _lpg_customer(env: Env) -> QWidget:
    from gasdesk.ui.depot.customer_dialog import CustomerDialog

    dialog = CustomerDialog(env.ctx())
    dialog.complain(LONG_ERROR)
    return dialog


def _depot_form(kind_name: str, module: str = "money_dialogs") -> Factory:
    def make(env: Env) -> QWidget:
        import importlib

        from gasdesk.services.depot.customers import CustomerRow

        customer = CustomerRow(1, "10000017", "欧阳建国", "139****5678", "110101********4514", "restaurant",
                               "城东区人民路 128 号 金色年华小区 12 栋 3 单元 502 室")
        forms = importlib.import_module(f"gasdesk.ui.depot.{module}")
        dialog = getattr(forms, kind_name)(env.ctx(), customer)
        dialog.complain(LONG_ERROR)
        return dialog
    return make


def _coupon_hand_in(env: Env) -> QWidget:
    from datetime import date
    from decimal import Decimal

    from gasdesk.services.depot.day_end import CouponDay, SizeCount
    from gasdesk.ui.depot.coupon_dialog import CouponHandInDialog

    sizes = [SizeCount(z, 120, None, Decimal("13800.00")) for z in ("YSP12", "YSP26.2", "YSP35.5", "YSP118")]
    dialog = CouponHandInDialog(env.ctx(), CouponDay(date(2026, 12, 4), sizes, False))
    dialog.complain(LONG_ERROR)
    return dialog


def _receipt_pdf(env: Env) -> bytes:
    from datetime import date, datetime

    from gasdesk.services.cashier.receipt_doc import ReceiptDoc, ReceiptItem
    from gasdesk.services.cashier.receipt_pdf import receipt_pdf

    items = tuple(ReceiptItem("气费", f"2026-{m:02d}-13～2026-{m + 1:02d}-12  32.000 m³", Decimal("99.20"))
                  for m in range(1, 7))
    return receipt_pdf(ReceiptDoc("城东燃气营业厅", "C01", "王业务（clerk）", "C01-A-0001234", "payment", "issued",
                                  "030000155", "欧**", "阳光花园 12栋3单元1502", items, Decimal("4.80"), "现金", "",
                                  Decimal("600.00"), Decimal("700.00"), Decimal("100.00"), Decimal("4.80"),
                                  datetime(2026, 12, 3, 9, 30), date(2026, 12, 3), True))


def _close_offering_settlement(env: Env) -> QWidget:
    dialog = change.CloseDialog(env.ctx(), env.account("in_service", meter=True))
    dialog.complain(LONG_ERROR)  # refused: the account still holds money, the settlement is offered
    dialog.settle_button.show()
    return dialog


def _event(env: Env) -> gas_on_days.GasOnEventInfo:
    return env.call(lambda s: gas_on_days.list_events(s, env.actor))[0]


def _outcome_without_meter(env: Env) -> QWidget:
    ctx = env.ctx()
    event = _event(env)
    row = env.call(lambda s: gas_on_days.sign_off_rows(s, env.actor, event.id)).rows[0]
    row = dataclasses.replace(row, holder_name=LONG_NAME, address=LONG_ADDRESS, meter_serial="")
    return OutcomeDialog(ctx, event.id, row, "done")


def _held(kind: type) -> Factory:
    def make(env: Env) -> QWidget:
        ctx = env.ctx("super")
        row = env.call(lambda s: views.held(s, env.actor))[0]
        return kind(ctx, dataclasses.replace(row, holder_name=LONG_NAME))
    return make


def _route_form(env: Env) -> QWidget:
    ctx = env.ctx("super")
    readers = [(r.login, r.name) for r in env.call(lambda s: routes.readers(s, env.actor))]
    return RouteForm(ctx, readers, env.largest_route())


def _move_stop(env: Env) -> QWidget:
    ctx = env.ctx("super")
    route = env.largest_route()
    stop = env.call(lambda s: stops.route_stops(s, env.actor, route.id, limit=1)).stops[0]
    others = [r for r in env.call(lambda s: routes.routes(s, env.actor)) if r.id != route.id]
    stop = dataclasses.replace(stop, holder_name=LONG_NAME, address=LONG_ADDRESS)
    return MoveStopDialog(ctx, stop, route, others)


def _route_admin(env: Env) -> QWidget:
    dialog = RouteAdminDialog(env.ctx("super"))
    route = env.largest_route()
    env.qtbot.waitUntil(lambda: bool(dialog.routes.rows), timeout=10_000)
    row = next(i for i, r in enumerate(dialog.routes.rows) if r.id == route.id)
    dialog.routes_view.setCurrentIndex(dialog.routes.index(row, 0))
    dialog.error.setText(LONG_ERROR)
    return dialog


def _import(env: Env) -> QWidget:
    """A handheld's file of 150 rows every one of which is refused: the rejects list is shown."""
    path = env.tmp_path / "抄表机导出-2027年12月-阳光花园全部楼栋.csv"
    lines = ["户号,表号,本次读数,抄表日期"] + [f"01{i:07d},X{i},12{i},2027-12-0{1 + i % 9}" for i in range(150)]
    path.write_text("\n".join(lines), encoding="utf-8")
    dialog = ImportDialog(env.ctx("reader"), path)
    env.qtbot.waitUntil(lambda: dialog.rejects_view.isVisibleTo(dialog) or dialog.error.isVisibleTo(dialog),
                        timeout=20_000)
    return dialog


def _preview(make_pdf: Callable[[Env], bytes], title: str) -> Factory:
    def make(env: Env) -> QWidget:
        ctx = env.ctx("super")
        return PdfPreview(make_pdf(env), title, "gasdesk.pdf", ctx=ctx)
    return make


def _route_sheet_pdf(env: Env) -> bytes:
    route = env.largest_route()
    return env.call(lambda s: route_sheet.route_sheet_pdf(s, env.actor, route.id))  # type: ignore[no-any-return]


def _register_pdf(env: Env) -> bytes:
    """The largest area register the preview shows (more than PREVIEW_LIMIT accounts are saved, not shown)."""
    tree = env.call(lambda s: address.tree(s, env.actor))
    sizes = {a.id: env.call(lambda s, a=a: registers.area_register_size(s, env.actor, area_id=a.id)) for a in tree}
    area_id = max((a for a, n in sizes.items() if n <= PREVIEW_LIMIT), key=sizes.__getitem__)
    assert sizes[area_id] > 0
    return env.call(lambda s: registers.area_register_pdf(s, env.actor, area_id=area_id))  # type: ignore[no-any-return]


def _gas_on_sheet_pdf(env: Env) -> bytes:
    event = _event(env)
    return env.call(lambda s: gas_on_sheet.gas_on_sheet_pdf(s, env.actor, event.id))  # type: ignore[no-any-return]


def _help(env: Env) -> QWidget:
    window = MainWindow(env.ctx(), idle_ms=3_600_000)
    env.qtbot.addWidget(window)
    return show_help(window, "counter", "zh", "营业厅柜台")


def _message(env: Env) -> QWidget:
    return messages.show_error(None, DatabaseError(LONG_ERROR, "locked"))


def _question(env: Env) -> QWidget:
    return messages.ask(None, LONG_ERROR + "\n\n继续吗？", lambda: None)


def _startup_message(env: Env) -> QWidget:
    session = GuiSession(QApplication.instance(), str(env.tmp_path / "x.db"), demo_mode=False, lang="zh",  # type: ignore[arg-type]
                         counter="C01", explicit_db=True)
    session._open_failed(DatabaseError(LONG_ERROR, "locked"))
    assert session.message is not None
    return session.message


def _login_locked(env: Env) -> QWidget:
    dialog = LoginDialog(env.runner, demo_mode=True, counter="C01", db_name=env.db.display_name)
    show_form_error(dialog.error, "密码错误次数过多，账号已锁定到 15:42；请稍后再试，或请管理员解锁。\n"
                                  "Too many wrong passwords: the account is locked until 15:42.")
    return dialog


def _users_dialog(kind: type) -> Factory:
    def make(env: Env) -> QWidget:
        ctx = env.ctx("admin")
        if kind is AddUserDialog:
            return kind(ctx)
        user = next(u for u in env.call(lambda s: users.list_users(s, env.actor)) if u.login == "clerk")
        return kind(ctx, dataclasses.replace(user, name=LONG_NAME))
    return make


def _area(kind: type) -> Factory:
    def make(env: Env) -> QWidget:
        ctx = env.ctx("admin")
        area = env.call(lambda s: address.tree(s, env.actor))[0]
        return kind(ctx, dataclasses.replace(area, name="江岸区百步亭花园社区及周边沿街商户片区"))
    return make


DIALOGS: dict[str, Factory] = {
    # the counter: opening
    "application": lambda env: opening.ApplicationDialog(env.ctx()),
    "contract": _contract,
    "number assigned": lambda env: opening.NumberAssignedDialog("030000155"),
    "assign number": _account_dialog(opening.AssignNumberDialog, "contract_signed"),
    "plan installation": _account_dialog(opening.PlanInstallDialog, "numbered"),
    "installed": _account_dialog(opening.InstalledDialog, "install_planned"),
    "gas on, meter typed": _account_dialog(opening.GasOnDialog, "installed", meter=False),
    "start service": _account_dialog(opening.StartServiceDialog, "gas_on"),
    # the counter: changes
    "rename": _account_dialog(change.RenameDialog, "in_service"),
    "phones": _account_dialog(change.PhonesDialog, "in_service"),
    "transfer": _account_dialog(change.TransferDialog, "in_service", meter=True),
    "register meter": _account_dialog(change.RegisterMeterDialog, "installed", meter=False),
    "replace meter": _account_dialog(change.ReplaceMeterDialog, "in_service", meter=True),
    "suspend": _account_dialog(change.SuspendDialog, "in_service"),
    "resume": _account_dialog(change.ResumeDialog, "suspended"),
    "settle": _account_dialog(change.SettleDialog, "in_service"),
    "close, settlement offered": _close_offering_settlement,
    "reverse": _account_dialog(change.ReverseDialog, "in_service"),
    "attach": _account_dialog(change.AttachDialog, "in_service"),
    # the counter: the cashier
    "take a payment": _account_dialog(PaymentDialog, "in_service"),
    "void a receipt, refused": _void,
    "close the shift": _shift,
    "refund prepayment or deposit": _refund_held,
    "remit cash": _remit,
    "register an LPG customer": _lpg_customer,
    "lend cylinders against a deposit": _depot_form("LendDialog"),
    "sell a coupon book": _depot_form("CouponSaleDialog"),
    "refund a deposit against its slip": _depot_form("DepositRefundDialog"),
    "refund a deposit whose slip is lost": _depot_form("LostSlipRefundDialog"),
    "keep a customer's own cylinders": _depot_form("CustodyDialog", "custody_dialog"),
    "hand in the day's coupons": _coupon_hand_in,
    "preview: roll receipt": _preview(_receipt_pdf, "收据 C01-A-0001234"),
    # the counter: gas-on days and registers
    "gas-on days": lambda env: GasOnDaysDialog(env.ctx()),
    "plan a gas-on day": lambda env: PlanDayDialog(env.ctx()),
    "gas-on outcome": _outcome_without_meter,
    "registers": lambda env: RegistersDialog(env.ctx()),
    # previews
    "preview: largest route sheet": _preview(_route_sheet_pdf, "抄表单 A02"),
    "preview: register (A4 landscape)": _preview(_register_pdf, "登记册"),
    "preview: gas-on sign-off sheet": _preview(_gas_on_sheet_pdf, "点火通气签收单"),
    # readings
    "routes, largest chosen": _route_admin,
    "route form": _route_form,
    "assign a compound": lambda env: CompoundAssignDialog(env.ctx("super"), env.largest_route()),
    "move a stop": _move_stop,
    "import with rejects": _import,
    "held: confirm": _held(ConfirmDialog),
    "held: correct": _held(CorrectDialog),
    "held: follow-up": _held(FollowUpDialog),
    "arrears of the largest route": lambda env: DunningDialog(env.ctx("reader"), route_id=env.largest_route().id),
    # signing in
    "login, lockout warning": _login_locked,
    "change password (forced)": lambda env: ChangePasswordDialog(env.runner, env.ctx(), forced=True,
                                                                 old_password="x"),
    "first admin": lambda env: FirstAdminDialog(env.runner),
    # administration
    "add user": _users_dialog(AddUserDialog),
    "reset password": _users_dialog(ResetPasswordDialog),
    "change role": _users_dialog(ChangeRoleDialog),
    "register a counter": lambda env: RegisterCounterDialog(env.ctx("admin")),
    "rename area": _area(AreaDialog),
    "add compound": _area(CompoundDialog),
    # messages, files, help
    "error message, long": _message,
    "question, long": _question,
    "start-up message, long": _startup_message,
    "save file": lambda env: file_dialogs.save_file(None, "保存 PDF", file_dialogs.DOCUMENTS,
                                                    "登记册-阳光花园-2027年12月.pdf", "PDF (*.pdf)", lambda _p: None),
    "open file": lambda env: file_dialogs.open_file(None, "导入读数", file_dialogs.DOCUMENTS,
                                                    "CSV (*.csv)", lambda _p: None),
    "help (F1)": _help,
}


@pytest.fixture
def counter_screen(qapp) -> None:  # type: ignore[no-untyped-def]
    if not on_counter_screen():
        pytest.skip("run on a 1366×768 screen by test_dialogs_fit_a_1366x768_screen (a child process)")


@pytest.fixture
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The whole demo office (routes, held readings, a gas-on day), a copy per test."""
    template = os.environ.get(TEMPLATE_ENV) or request.getfixturevalue("full_demo_template")
    database = prepare(shutil.copyfile(template, tmp_path / "demo.db"))
    yield database
    database.dispose()


@pytest.fixture
def env(qtbot, office: Database, tmp_path: Path) -> Iterator[Env]:  # type: ignore[no-untyped-def]
    runner = Runner(office, busy_delay_ms=600)
    yield Env(office, runner, qtbot, tmp_path)
    runner.wait_done(10_000)


def settled(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    """The dialog's own loads (lists, fees, stops) are in and laid out."""
    qtbot.waitUntil(lambda: not env.runner.is_busy(), timeout=20_000)
    qtbot.wait(50)


def assert_fits(widget: QWidget) -> None:
    room = widget.screen().availableGeometry()
    frame = widget.frameGeometry()
    name = widget.objectName() or type(widget).__name__
    assert frame.width() <= room.width() and frame.height() + TITLE_BAR <= room.height(), (
        f"{name} is {frame.width()}×{frame.height()} (+{TITLE_BAR} title bar): "
        f"the screen has {room.width()}×{room.height()}; minimum {widget.minimumSizeHint().toTuple()}")
    assert room.contains(frame), f"{name} at {frame.getRect()} is partly off the screen {room.getRect()}"


@pytest.mark.usefixtures("counter_screen")
@pytest.mark.parametrize("name", list(DIALOGS))
def test_the_dialog_fits_a_1366x768_screen(qtbot, env: Env, name: str) -> None:  # type: ignore[no-untyped-def]
    dialog = DIALOGS[name](env)
    if not isinstance(dialog, QMessageBox):  # message boxes delete themselves on close
        qtbot.addWidget(dialog)
    if not dialog.isVisible():  # (message boxes and the manual show themselves)
        dialog.open()
    qtbot.waitExposed(dialog)
    settled(qtbot, env)
    assert_fits(dialog)
    if isinstance(dialog, PdfPreview):  # the widest page (an A4 register is landscape) never scrolls sideways
        scroll = dialog.findChild(QScrollArea)
        assert not scroll.horizontalScrollBar().isVisible(), f"{name}: pages scroll sideways"
    if isinstance(dialog, QMessageBox):
        dialog.close()


@pytest.mark.usefixtures("counter_screen")
def test_the_main_window_opens_maximised_on_a_1366x768_screen(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(env.ctx(), idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.isMaximized()  # fit_to_screen(1180, 760) had to shrink it: the whole screen instead
    assert_fits(window)


def test_dialogs_fit_a_1366x768_screen(qapp, tmp_path: Path, request: pytest.FixtureRequest) -> None:  # type: ignore[no-untyped-def]
    """This module once more, in a process whose offscreen screen is 1366×768."""
    if on_counter_screen():
        pytest.skip("this session's screen is 1366×768: the rows above ran here")
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "counter", "x": 0, "y": 0, "width": SCREEN.width(),
                                               "height": SCREEN.height(), "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}), encoding="utf-8")
    template = request.getfixturevalue("full_demo_template")
    child_env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", TEMPLATE_ENV: str(template)}
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         str(Path(__file__).relative_to(root)), "-k", "not test_dialogs_fit_a_1366x768_screen"],
        cwd=root, env=child_env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-12_000:] + done.stderr[-4_000:]
