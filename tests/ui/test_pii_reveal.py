"""On screen ID numbers and phones are masked for every role; a pii.view role reveals one field
with a key or a click, each reveal audited; a role without pii.view has no reveal control."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from gasdesk.db import Database
from gasdesk.models import AuditEntry
from gasdesk.services.accounts import opening, records
from gasdesk.services.accounts.identity import id_check_char
from gasdesk.services.core.actor import Actor
from gasdesk.services.office import address
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter.account_page import AccountPage
from gasdesk.ui.runner import Runner

BODY = "32010219800101123"
IDN = BODY + id_check_char(BODY)


def _account(db: Database, clerk: Actor) -> int:
    with db.write() as s:
        compound = address.tree(s, clerk)[0].compounds[0]
        return opening.apply(s, clerk, account_type="residential",
                             holder=records.HolderInput("柳如烟", IDN, "13800001111", "010-87654321"),
                             premises=records.PremisesInput(compound_id=compound.id, building="7", unit="1",
                                                            room="501")).id


def _page(qtbot, db: Database, runner: Runner, actor: Actor, aid: int) -> AccountPage:  # type: ignore[no-untyped-def]
    runner.actor = actor
    page = AccountPage(AppContext(db, runner, actor))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.load(aid)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10_000)
    return page


def _reveals(db: Database) -> list[tuple[str, str, str]]:
    with db.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action.like("account.reveal%")).order_by(AuditEntry.id))
        return [(r.login, r.action, r.entity_id) for r in rows if IDN not in f"{r.before}{r.after}"]


def _text(page: AccountPage, key: str) -> str:
    label = page.holder_card.values[key]
    return label.text()


def test_every_role_sees_masked_values(qtbot, demo_db: Database, runner: Runner, sign_in) -> None:  # type: ignore[no-untyped-def]
    aid = _account(demo_db, sign_in("clerk"))
    for login in ("clerk", "super"):
        page = _page(qtbot, demo_db, runner, sign_in(login), aid)
        assert "320***********" + IDN[-4:] in _text(page, "id_number")
        assert "138****1111" in _text(page, "phone") and "010-****4321" in _text(page, "phone")
        assert IDN not in _text(page, "id_number") and "13800001111" not in _text(page, "phone")


def test_a_key_and_a_click_reveal_one_field_each_audited(qtbot, demo_db: Database, runner: Runner,  # type: ignore[no-untyped-def]
                                                          sign_in) -> None:
    clerk = sign_in("clerk")
    aid = _account(demo_db, clerk)
    page = _page(qtbot, demo_db, runner, clerk, aid)
    assert page.can_reveal
    page.tabs.currentWidget().setFocus()
    qtbot.keyClick(page.tabs.currentWidget(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: IDN in _text(page, "id_number"), timeout=10_000)
    assert "13800001111" not in _text(page, "phone")  # one field only
    page.holder_card.values["phone"].linkActivated.emit("phone2")  # a click on the second phone
    qtbot.waitUntil(lambda: "010-87654321" in _text(page, "phone"), timeout=10_000)
    assert "138****1111" in _text(page, "phone")
    assert _reveals(demo_db) == [("clerk", "account.reveal_id_number", str(aid)),
                                 ("clerk", "account.reveal_phone2", str(aid))]
    page.reload()  # the page filled again: masked again
    qtbot.waitUntil(lambda: IDN not in _text(page, "id_number"), timeout=10_000)


def test_without_pii_view_there_is_no_reveal_control(qtbot, demo_db: Database, runner: Runner,  # type: ignore[no-untyped-def]
                                                     sign_in) -> None:
    aid = _account(demo_db, sign_in("clerk"))
    reader = sign_in("reader")
    page = _page(qtbot, demo_db, runner, reader, aid)
    assert not page.can_reveal
    label = page.holder_card.values["id_number"]
    assert label.textFormat() == Qt.TextFormat.PlainText and "<a" not in label.text()
    assert label.text() == "320***********" + IDN[-4:]
    qtbot.keyClick(page.tabs.currentWidget(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)
    assert label.text() == "320***********" + IDN[-4:]
    assert _reveals(demo_db) == []
