"""Price-change notices (调价通知), driven as a reader drives them: the keyboard only. The next price
change is chosen, its routes show their counts, two households are marked by number (Enter each),
the counts follow, and a number marked again is said to be marked already."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import Account, Compound, PriceNotice
from gasdesk.services.core.actor import Actor
from gasdesk.services.readings import routes
from gasdesk.ui.context import AppContext
from gasdesk.ui.pdf_preview import PdfPreview
from gasdesk.ui.readings.price_notices import PriceNoticesDialog
from gasdesk.ui.runner import Runner

# the service tests' helpers, as tests/services/conftest.py puts them on the path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "accounts"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "printing"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services" / "billing"))
from accounts_support import Office  # (the accounts tests' factory: accounts at any status)
from test_counter import focused, press, type_enter  # (keys as a clerk types them)
from test_notices import SOON, TIERS, schedule  # (the notices tests' schedules, written through the ORM)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def office(demo_db: Database, sign_in: Callable[[str], Actor]) -> Office:
    """The demo office's people; new accounts go to 东湖小区 (the demo template has none there)."""
    with demo_db.read() as s:
        compound = s.scalars(select(Compound).where(Compound.name == "东湖小区")).one()
    return Office(demo_db, sign_in("clerk"), sign_in("super"), sign_in("reader"), sign_in("admin"),
                  compound.area_id, compound.id, itertools.count(1))


def test_a_reader_marks_two_households_by_number_and_the_counts_follow(
        qtbot, demo_db: Database, runner: Runner, office: Office) -> None:  # type: ignore[no-untyped-def]
    schedule(office, "residential", date(2024, 1, 1), TIERS)
    soon = schedule(office, "residential", SOON, (("350", "2.88"), ("500", "3.45"), (None, "4.32")))
    ids = [office.account_at("in_service", name=n) for n in ("赵一", "钱二", "孙三")]
    with demo_db.write() as s:
        route = routes.add_route(s, office.reader, "N01", "东湖一册", reader_login_or_id="reader")
        routes.assign_accounts(s, office.reader, route.id, ids)
        numbers = [s.get(Account, i).number for i in ids]  # type: ignore[union-attr]

    runner.actor = office.reader
    dialog = PriceNoticesDialog(AppContext(demo_db, runner, office.reader, demo=True))
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: dialog.routes.rowCount() == 1 and dialog.households.rowCount() == 3, timeout=10_000)
    assert dialog.current_change().id == soon  # type: ignore[union-attr]
    assert dialog.change.currentText() == f"居民 {SOON.isoformat()} 调价 · {SOON.isoformat()} 起生效"
    assert dialog.summary.text() == "共 3 户：已通知 0 户，未通知 3 户"
    assert focused() is dialog.change

    press(qtbot, Qt.Key.Key_L, CTRL)
    assert focused() is dialog.number
    type_enter(qtbot, numbers[0])
    qtbot.waitUntil(lambda: "已登记送达" in dialog.result.text(), timeout=10_000)
    assert dialog.result.text() == f"户号 {numbers[0]}（赵一）已登记送达。未通知的还有 2 户。"
    assert dialog.number.text() == "" and focused() is dialog.number
    type_enter(qtbot, numbers[2])
    qtbot.waitUntil(lambda: dialog.summary.text() == "共 3 户：已通知 2 户，未通知 1 户", timeout=10_000)
    qtbot.waitUntil(lambda: [h.notified for h in dialog.households.rows] == [True, False, True], timeout=10_000)
    assert [dialog.households.data(dialog.households.index(r, 5)) for r in range(3)] == \
        ["李抄表（reader）", "", "李抄表（reader）"]
    assert dialog.households.data(dialog.households.index(1, 4)) == "未通知"
    group = dialog.routes.rows[0]
    assert (group.code, group.total, group.notified, group.pending) == ("N01", 3, 2, 1)
    assert dialog.heading.text() == "N01 东湖一册 · 共 3 户，未通知 1 户"
    with demo_db.read() as s:
        assert sorted(s.scalars(select(PriceNotice.account_id).where(PriceNotice.schedule_id == soon))) == \
            sorted([ids[0], ids[2]])

    type_enter(qtbot, numbers[0])  # the receipt scanned twice: its first mark stays
    qtbot.waitUntil(lambda: "此前" in dialog.result.text(), timeout=10_000)
    assert dialog.result.text().startswith(f"户号 {numbers[0]}（赵一）此前已于 ")
    assert dialog.result.text().endswith("由 李抄表（reader） 登记送达。未通知的还有 1 户。")

    type_enter(qtbot, "123")  # refused in the service's words, the cursor back in the box
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.error.text() == "“123”：户号应为 9 位数字，您输入了 3 位。本次未登记任何一户。"
    assert focused() is dialog.number

    press(qtbot, Qt.Key.Key_P, CTRL)  # the route's notices, previewed as the original
    qtbot.waitUntil(lambda: isinstance(dialog.dialog, PdfPreview) and dialog.dialog.isVisible(), timeout=10_000)
    assert dialog.dialog.windowTitle() == "调价通知 N01"  # type: ignore[union-attr]
    assert dialog.dialog.document.id == f"{soon}@{route.id}"  # type: ignore[union-attr]
    dialog.dialog.reject()  # type: ignore[union-attr]
