"""Audit rows in words: the one renderer behind the history tab, the audit log and the CLI, and the
balance after each money action taken from the ledger (a signing leaves ¥300 of prepayment, not 0.00)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from accounts_support import FEES, key

from gasdesk.services import ledger
from gasdesk.services.accounts import opening, page
from gasdesk.services.accounts.states import AccountEvent
from gasdesk.services.core import audit, audit_words, labels
from gasdesk.services.core.audit_words import describe

D = Decimal
SIGNING_LINES_ZH = "开户费 ¥200.00、安装费 ¥1,500.00、预付款 ¥300.00、收款 -¥2,000.00（现金）"
SIGNING_LINES_EN = "Opening fee ¥200.00, Installation fee ¥1,500.00, Prepayment ¥300.00, Payment -¥2,000.00 (Cash)"


def _signed(office, paid: Decimal = FEES.total) -> int:  # type: ignore[no-untyped-def]
    with office.db.write() as s:
        aid = opening.apply(s, office.clerk, account_type="residential", holder=office.holder(),
                            premises=office.flat(), applied_on=date(2026, 1, 5)).id
        opening.sign_contract(s, office.clerk, aid, fees=FEES, paid=paid, method="cash", tendered=paid,
                              idempotency_key=key(), signed_on=date(2026, 1, 6))
    return aid


def _row(rows: list[page.HistoryRow], action: str) -> page.HistoryRow:
    return next(r for r in rows if r.action == action)


def test_the_signing_row_shows_the_balance_the_counter_shows_in_both_languages(office) -> None:  # type: ignore[no-untyped-def]
    aid = _signed(office)
    with office.db.read() as s:
        rows = page.history(s, aid)
        available = ledger.balances(s, aid).available
        logged = audit.recent(s, office.supervisor, entity_id=aid)
    signing = _row(rows, "account.sign_contract")
    assert signing.after is not None and signing.after["balance"] == "0.00"  # the ledger's own sum, kept as evidence
    assert signing.balance == available == D("300.00")
    assert signing.text("zh") == f"账目：{SIGNING_LINES_ZH}；余额：¥300.00；记账日期：{signing.after['business_date']}"
    assert signing.text("en") == f"entries: {SIGNING_LINES_EN}; balance: ¥300.00; business day: " \
        f"{signing.after['business_date']}"
    assert audit_words.action_text(signing.action, "zh") == "开户收费入账"
    assert audit_words.action_text(signing.action, "en") == "Opening fees posted"
    log_row = next(r for r in logged if r["action"] == "account.sign_contract")
    assert log_row["balance_after"] == D("300.00")
    # non-money rows carry no balance
    assert _row(rows, "account.apply").balance is None
    assert next(r for r in logged if r["action"] == "account.apply")["balance_after"] is None


def test_each_money_action_keeps_the_balance_it_left_not_todays(office) -> None:  # type: ignore[no-untyped-def]
    aid = _signed(office)
    with office.db.write() as s:
        ledger.post(s, office.clerk, aid, [ledger.Line("penalty", D("500.00"))],
                    payment=ledger.Payment(D("150.00"), "wechat"), idempotency_key=key())
    with office.db.read() as s:
        rows = page.history(s, aid)
        assert ledger.balances(s, aid).available == D("-50.00")
    later, signing = _row(rows, "ledger.post"), _row(rows, "account.sign_contract")
    assert signing.balance == D("300.00") and "余额：¥300.00" in signing.text("zh")
    assert later.balance == D("-50.00")
    assert later.text("zh").startswith("账目：滞纳金 ¥500.00、收款 -¥150.00（微信）；余额：-¥50.00；")
    assert audit_words.action_text("ledger.post", "zh") == "记账"


def test_a_status_step_and_the_application_read_in_words(office) -> None:  # type: ignore[no-untyped-def]
    aid = office.account_at("install_planned")
    with office.db.read() as s:
        rows = page.history(s, aid)
    planned = _row(rows, "account.plan_install")
    assert planned.text("zh").startswith("状态：已编号 → 已安排安装；计划日期：")
    assert planned.text("en").startswith("status: Numbered → Installation planned; planned for: ")
    applied = _row(rows, "account.apply").text("zh")
    assert "类型：居民" in applied and "residential" not in applied and "premises" not in applied
    assert "type: Residential" in _row(rows, "account.apply").text("en")


def test_fields_kinds_methods_and_amounts_in_words() -> None:
    transfer = {"holder_name": "薛志强", "funds": "carry_over", "carried_prepayment": "300.00",
                "carried_deposits": "0.00", "refunded": "1234.5"}
    assert describe("account.transfer", {"holder_name": "叶子雪"}, transfer, lang="zh") == (
        "户主：叶子雪 → 薛志强；款项处理：转给新户主；转入预付款：¥300.00；转入押金：¥0.00；已退还：¥1,234.50")
    assert describe("account.transfer", None, {"funds": "refund"}, lang="en") == "funds: refunded to the old holder"
    assert describe("account.attach", None, {"kind": "id_photo", "filename": "a.jpg", "size": 10},
                    skip=audit_words.HISTORY_SKIP, lang="zh") == "文件：a.jpg；类别：身份证照片"
    assert describe("ledger.reverse", {"entry": 7, "kind": "opening_fee", "amount": "200.00"}, {"reason": "录错"},
                    lang="zh") == "原因：录错；类别：开户费；账目号：7；金额：¥200.00"
    assert describe("account.replace_meter", {"serial": "A1", "final_reading": "85.250"},
                    {"serial": "B2", "initial_reading": "0.000"}, lang="en") == \
        "meter: A1 → B2; initial reading: 0 m³; final reading: 85.25 m³"
    assert describe("gas_on.finish", None, {"status": "cancelled"}, lang="zh") == "状态：已取消"
    assert describe("gas_on.mark", None, {"outcome": "absent", "note": ""}, lang="zh") == "结果：不在家"
    assert describe("user.enable", {"active": False}, {"active": True}, lang="zh") == "启用：否 → 是"
    assert describe("user.role", {"role": "clerk"}, {"role": "supervisor"}, lang="en") == \
        "role: Counter clerk → Supervisor"
    assert describe("login.failed", None, {"reason": "wrong password", "failed_logins": 3}, lang="zh") == \
        "原因：密码错误；连续输错：3"
    assert describe("counter.add", None, {"kind": "depot"}, lang="zh") == "类别：调瓶点"
    assert describe("account.close", {"status": "in_service"}, {"status": "closed", "number": "010000272"},
                    skip=audit_words.HISTORY_SKIP, lang="zh") == "状态：在用 → 已销户"


def test_the_contract_row_shows_fees_charged_and_listed_as_money() -> None:
    after = {"opening_fee": "150.00", "opening_fee_list": "200.00", "prepayment": "300.00",
             "prepayment_list": "300.00", "changed_from_list": ["opening_fee"]}
    assert describe("account.contract", None, after, lang="zh") == (
        "开户费：¥150.00；开户费标准：¥200.00；预付款：¥300.00；预付款标准：¥300.00；改动收费项：开户费")
    assert describe("account.contract", None, {"changed_from_list": []}, lang="en") == ""  # nothing changed


def test_unknown_codes_and_fields_show_as_themselves_and_long_text_is_cut() -> None:
    assert describe("x.y", None, {"status": "frozen", "colour": "blue"}, lang="zh") == "状态：frozen；colour：blue"
    assert audit_words.action_text("x.y") == "x.y" and audit_words.entity_text("thing") == "thing"
    assert describe("", None, {"note": "长" * 50}, lang="en", value_chars=40) == "note: " + "长" * 39 + "…"
    assert len(describe("", None, {f"k{i}": "v" * 30 for i in range(20)}, total_chars=300)) == 300
    assert audit_words.entries_text("3") == "3"  # a void's before counts its entries


def test_an_entry_note_names_cash_change_and_reversals() -> None:
    assert audit_words.entry_note("", None, None, tendered=D("2000.00"), change_given=D("0.00"), lang="zh") == \
        "实收 ¥2,000.00，找零 ¥0.00"
    assert audit_words.entry_note("录错", 3, None, lang="zh") == "录错；冲正记录 3"
    assert audit_words.entry_note("", None, 9, lang="en") == "reversed by entry 9"


def test_a_refused_action_names_the_permission_and_the_filter_finds_actions_by_name() -> None:
    assert audit_words.entity_id_text("action", "ledger.refund", "zh") == "退款"
    assert audit_words.entity_id_text("account", "12", "zh") == "12"
    assert audit_words.actions_named("签约") == ["account.sign"]
    assert "account.sign_contract" in audit_words.actions_named("opening FEES")
    assert audit_words.actions_named(" ") == []


def test_the_audit_log_filter_takes_an_action_name(office) -> None:  # type: ignore[no-untyped-def]
    aid = _signed(office)
    with office.db.read() as s:
        by_name = audit.recent(s, office.supervisor, action_like="开户收费")
        by_code = audit.recent(s, office.supervisor, action_like="sign_contract")
    assert [r["entity_id"] for r in by_name] == [r["entity_id"] for r in by_code] == [str(aid)]


# Every action the program audits has its name in both languages.
_SRC = Path(audit_words.__file__).resolve().parents[2]
_LITERAL = re.compile(r'audit\.record\(\s*\w+,\s*[\w.]+,\s*"([^"]+)"|action="([^"]+)"| if \w+ else "([\w.]+)"')


def test_every_audited_action_has_a_name() -> None:
    found = {code for path in _SRC.rglob("*.py") for m in _LITERAL.finditer(path.read_text(encoding="utf-8"))
             for code in m.groups() if code and re.fullmatch(r"[a-z_]+\.[a-z_]+", code)}
    found |= {f"account.{e.value}" for e in AccountEvent}
    assert {"account.sign_contract", "ledger.void", "user.enable", "user.disable", "db.backup"} <= found
    assert sorted(found - set(labels.AUDIT_ACTION)) == []
