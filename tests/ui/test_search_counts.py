"""The counter search says how many accounts match and pages on from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gasdesk.db import Database
from gasdesk.services.accounts import opening, records
from gasdesk.services.accounts.identity import id_check_char
from gasdesk.services.accounts.search import MatchCount
from gasdesk.services.core.actor import Actor
from gasdesk.services.office import address
from gasdesk.ui.counter.page import CounterPage

HOUSEHOLDS = 120


def _households(db: Database, clerk: Actor, n: int = HOUSEHOLDS) -> None:
    """``n`` applications held by 柳…, in one compound."""
    with db.write() as s:
        compound = address.tree(s, clerk)[0].compounds[0]
        for i in range(n):
            body = f"320102198001{i // 28 + 1:02d}{i % 28 + 1:02d}1"[:17]
            opening.apply(s, clerk, account_type="residential",
                          holder=records.HolderInput(f"柳{i:03d}", body + id_check_char(body), "13800001111"),
                          premises=records.PremisesInput(compound_id=compound.id, building="9", unit="1",
                                                         room=f"{1000 + i}"))


def _search(qtbot, page: CounterPage, text: str) -> None:  # type: ignore[no-untyped-def]
    page.search.box.setText(text)
    page.search.run_query()
    qtbot.waitUntil(lambda: (page.search.shown == page.search.sent and page.search._count is not None)
                    or page.search.count.text().startswith("没有"), timeout=10_000)


def test_the_count_and_the_next_page_by_key(qtbot, open_counter, demo_db: Database, sign_in) -> None:  # type: ignore[no-untyped-def]
    _households(demo_db, sign_in("clerk"))
    page = open_counter()
    panel = page.search
    _search(qtbot, page, "柳")
    assert panel.model.rowCount() == 50
    assert panel._count == MatchCount(HOUSEHOLDS)
    assert panel.count.text() == ("显示前 50 户，共 120 户 — Ctrl+↓（或在末行按 PageDown）显示更多；"
                                  "回车打开选中的用户。")
    # Ctrl+Down from the box: the next 50, the first of them selected
    qtbot.keyClick(panel.box, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 100 and not panel.model.loading, timeout=10_000)
    assert panel.view.currentIndex().row() == 50
    assert panel.count.text().startswith("显示前 100 户，共 120 户")
    # PageDown on the last row: the rest; then the list is whole and says so
    panel.view.setCurrentIndex(panel.model.index(99, 0))
    qtbot.keyClick(panel.box, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 120 and not panel.model.loading, timeout=10_000)
    # a row of the new page is selected (the view may have asked for it already when row 99 scrolled in)
    assert panel.view.currentIndex().row() >= 100
    ids = [h.account_id for h in panel.model.rows]
    assert len(set(ids)) == HOUSEHOLDS  # no hit twice
    qtbot.waitUntil(lambda: not panel.model.more, timeout=10_000)
    assert panel.count.text() == "找到 120 户 — 回车打开选中的用户。"


def test_a_short_list_is_counted_as_it_is(qtbot, open_counter, demo_db: Database, sign_in) -> None:  # type: ignore[no-untyped-def]
    _households(demo_db, sign_in("clerk"), 3)
    page = open_counter()
    _search(qtbot, page, "柳")
    assert page.search.model.rowCount() == 3
    assert page.search.count.text().startswith("找到 3 户")
    assert not page.search.model.more
