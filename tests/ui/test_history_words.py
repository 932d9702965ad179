"""The account page's history and ledger notes in words (core.audit_words), in Chinese and English:
the signing shows its lines and the ¥300 of prepayment it left, not 余额：0.00 or the codes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gasdesk.db import Database
from gasdesk.services.accounts import opening, records
from gasdesk.services.accounts.identity import id_check_char
from gasdesk.services.core.actor import Actor
from gasdesk.services.office import address
from gasdesk.ui.context import AppContext
from gasdesk.ui.counter.account_page import AccountPage
from gasdesk.ui.runner import Runner

D = Decimal
FEES = records.ContractFees(D("200.00"), D("1500.00"), D("300.00"))


def signed_account(db: Database, clerk: Actor) -> int:
    body = "32010219800101456"
    with db.write() as s:
        compound = address.tree(s, clerk)[0].compounds[0]
        a = opening.apply(s, clerk, account_type="residential",
                          holder=records.HolderInput("林小雨", body + id_check_char(body), "13800002222"),
                          premises=records.PremisesInput(compound_id=compound.id, building="2", unit="1", room="302"),
                          applied_on=date(2026, 1, 5))
        opening.sign_contract(s, clerk, a.id, fees=FEES, paid=D("2000.00"), method="cash", tendered=D("2000.00"),
                              idempotency_key="words-1", signed_on=date(2026, 1, 6))
    return a.id


def shown_page(qtbot, demo_db: Database, runner: Runner, clerk: Actor, aid: int, lang: str) -> AccountPage:  # type: ignore[no-untyped-def]
    runner.actor = clerk
    page = AccountPage(AppContext(demo_db, runner, clerk, lang=lang))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.load(aid)
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10_000)
    return page


def column(model, row: int, col: int) -> str:  # type: ignore[no-untyped-def]
    return str(model.data(model.index(row, col)))


def rows_by_action(page: AccountPage) -> dict[str, int]:
    model = page.history_model
    return {column(model, i, 1): i for i in range(model.rowCount())}


def test_the_history_reads_in_chinese_with_the_right_balance(qtbot, demo_db: Database, runner: Runner, sign_in) -> None:  # type: ignore[no-untyped-def]
    clerk = sign_in("clerk")
    page = shown_page(qtbot, demo_db, runner, clerk, signed_account(demo_db, clerk), "zh")
    rows, model = rows_by_action(page), page.history_model
    assert {"申请", "签约", "开户收费入账", "编号"} <= set(rows)
    signing = column(model, rows["开户收费入账"], 3)
    assert signing.startswith("账目：开户费 ¥200.00、安装费 ¥1,500.00、预付款 ¥300.00、收款 -¥2,000.00（现金）"
                              "；余额：¥300.00；记账日期：")
    assert page.money_card.values["balance"].text() == "¥300.00"
    assert column(model, rows["签约"], 3) == "状态：申请 → 已签约"
    applied = column(model, rows["申请"], 3)
    assert "类型：居民" in applied and "residential" not in applied
    ledger = page.ledger_model
    notes = {column(ledger, i, 2): column(ledger, i, 6) for i in range(ledger.rowCount())}
    assert notes["收款"] == "实收 ¥2,000.00，找零 ¥0.00"


def test_the_history_reads_in_english(qtbot, demo_db: Database, runner: Runner, sign_in, english) -> None:  # type: ignore[no-untyped-def]
    clerk = sign_in("clerk")
    page = shown_page(qtbot, demo_db, runner, clerk, signed_account(demo_db, clerk), "en")
    rows, model = rows_by_action(page), page.history_model
    assert {"Application", "Contract signed", "Opening fees posted"} <= set(rows)
    assert column(model, rows["Opening fees posted"], 3).startswith(
        "entries: Opening fee ¥200.00, Installation fee ¥1,500.00, Prepayment ¥300.00, Payment -¥2,000.00 (Cash); "
        "balance: ¥300.00; business day: ")
    assert column(model, rows["Contract signed"], 3) == "status: Application → Contract signed"
