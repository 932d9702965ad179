"""The ledger: append-only in the database, reversals, idempotent retries, derived balances."""

from __future__ import annotations

from decimal import Decimal

import pytest
from accounts_support import Office, key, refused
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from gasdesk.models import LedgerEntry
from gasdesk.services import ledger
from gasdesk.services.core.errors import Conflict, PermissionDenied, ValidationError

D = Decimal


def _charge(o: Office, aid: int, amount: str = "120.50", idem: str | None = None) -> ledger.PostingResult:
    with o.db.write() as s:
        return ledger.post(s, o.clerk, aid, [ledger.Line("gas_charge", D(amount))], idempotency_key=idem or key())


@pytest.mark.parametrize("sql", ["UPDATE ledger_entries SET amount = 1", "DELETE FROM ledger_entries",
                                 "UPDATE ledger_postings SET memo = 'x'", "DELETE FROM ledger_postings"])
def test_posted_entries_cannot_be_updated_or_deleted(office: Office, sql: str) -> None:
    office.account_at("numbered")
    with pytest.raises(IntegrityError, match="append-only"), office.db.write() as s:
        s.execute(text(sql))


def test_a_reversal_nets_to_zero_and_points_at_its_original(office: Office) -> None:
    aid = office.account_at("in_service")
    charge = _charge(office, aid).entries[0]
    with office.db.write() as s:
        rev = ledger.reverse(s, office.supervisor, charge.id, "抄表错误，重新计费", idempotency_key="rev-1")
    (entry,) = rev.entries
    assert (entry.kind, entry.amount, entry.reversal_of) == ("reversal", D("-120.50"), charge.id)
    assert entry.bucket == "charge"
    assert rev.balances.balance == D("0.00")
    with office.db.read() as s:
        (original,) = [e for e in ledger.entries(s, office.clerk, aid) if e.id == charge.id]
    assert original.reversed_by == entry.id


def test_double_reversal_is_refused(office: Office) -> None:
    aid = office.account_at("in_service")
    charge = _charge(office, aid).entries[0]
    with office.db.write() as s:
        rev = ledger.reverse(s, office.supervisor, charge.id, "重复收费", idempotency_key=key())
    err = refused(office.db, lambda s: ledger.reverse(s, office.supervisor, charge.id, "再次", idempotency_key=key()),
                  Conflict)
    assert err.zh == f"该账目已于记录 {rev.entries[0].id} 冲正过，不能重复冲正。"
    err = refused(office.db, lambda s: ledger.reverse(s, office.supervisor, rev.entries[0].id, "x",
                                                      idempotency_key=key()), Conflict)
    assert err.zh == "冲正记录不能再冲正。"


def test_a_reversal_key_names_one_entry(office: Office) -> None:
    """A retry replays the reversal; the same key on another entry is refused, not silently replayed."""
    aid = office.account_at("in_service")
    a, b = _charge(office, aid, "10.00").entries[0], _charge(office, aid, "20.00").entries[0]
    with office.db.write() as s:
        first = ledger.reverse(s, office.supervisor, a.id, "错", idempotency_key="rev-a")
    with office.db.write() as s:
        again = ledger.reverse(s, office.supervisor, a.id, "错", idempotency_key="rev-a")
    assert (again.replayed, again.posting_id) == (True, first.posting_id)
    err = refused(office.db, lambda s: ledger.reverse(s, office.supervisor, b.id, "错", idempotency_key="rev-a"),
                  Conflict)
    assert err.zh == "这个提交编号已用于另一笔冲正，请重新打开冲正窗口。"
    err = refused(office.db, lambda s: ledger.reverse(s, office.supervisor, b.id, "错", idempotency_key=" "),
                  ValidationError)
    assert err.zh == "缺少提交编号（idempotency key）。"
    with office.db.read() as s:
        assert ledger.balances(s, aid).balance - first.balances.balance == D("0.00")


def test_the_database_refuses_a_second_reversal_too(office: Office) -> None:
    aid = office.account_at("in_service")
    charge = _charge(office, aid).entries[0]
    with office.db.write() as s:
        ledger.reverse(s, office.supervisor, charge.id, "错账", idempotency_key=key())
    with pytest.raises(IntegrityError), office.db.write() as s:
        s.add(LedgerEntry(posting_id=charge.posting_id, party_id=charge.party_id, account_id=aid, kind="reversal",
                          bucket="charge", amount=D("-120.50"), reversal_of=charge.id, reason="x",
                          user_id=office.clerk.user_id))
        s.flush()


def test_reversal_needs_a_supervisor(office: Office) -> None:
    aid = office.account_at("in_service")
    charge = _charge(office, aid).entries[0]
    err = refused(office.db, lambda s: ledger.reverse(s, office.clerk, charge.id, "x", idempotency_key=key()),
                  PermissionDenied)
    assert err.zh == "您的角色（业务员）无权执行此操作：冲正账目。如需办理，请联系主管或管理员。"


def test_an_idempotent_retry_returns_the_first_entry(office: Office) -> None:
    aid = office.account_at("in_service")
    first = _charge(office, aid, "88.00", idem="form-42")
    again = _charge(office, aid, "88.00", idem="form-42")
    assert again.replayed and not first.replayed
    assert [e.id for e in again.entries] == [e.id for e in first.entries]
    with office.db.read() as s:
        assert s.scalar(select(func.count()).select_from(LedgerEntry).where(LedgerEntry.kind == "gas_charge")) == 1


@pytest.mark.parametrize(("line", "message"), [
    (ledger.Line("gas_charge", D("-5")), "气费金额的符号不对（应为正数）：-5.00"),
    (ledger.Line("payment", D("5"), "cash"), "收款金额的符号不对（应为负数）：5.00"),
    (ledger.Line("payment", D("-5")), "请选择付款方式（现金、银行卡、微信、支付宝、转账、支票）。"),
    (ledger.Line("gas_charge", D("5"), "cash"), "气费不涉及付款方式。"),
    (ledger.Line("gas_charge", D("0")), "气费金额不能为 0。"),
    (ledger.Line("adjustment", D("3")), "调整账目必须写明原因。"),
    (ledger.Line("gift", D("3")), "未知的账目类型：gift"),
])
def test_bad_lines_are_refused(office: Office, line: ledger.Line, message: str) -> None:
    aid = office.account_at("in_service")
    err = refused(office.db, lambda s: ledger.post(s, office.clerk, aid, [line], idempotency_key=key()),
                  ValidationError)
    assert err.zh == message


def test_a_float_never_becomes_money(office: Office) -> None:
    aid = office.account_at("in_service")
    err = refused(office.db, lambda s: ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", 1.1)],
                                                   idempotency_key=key()), ValidationError)
    assert err.zh == "气费金额无效：金额必须是准确的数（Decimal、整数或文字），不能是浮点数或真假值：1.1"


class LedgerMachine(RuleBasedStateMachine):
    """Random postings and reversals: every balance equals the sum computed independently."""

    office: Office

    def __init__(self) -> None:
        super().__init__()
        self.expected = D("0.00")
        self.prepay = D("0.00")
        self.entries: dict[int, tuple[str, Decimal]] = {}
        self.reversed: set[int] = set()

    @initialize()
    def open_account(self) -> None:
        self.aid = self.office.account_at("in_service")
        self.expected, self.prepay = D("0.00"), D("300.00")

    @rule(kind=st.sampled_from(["gas_charge", "payment", "prepayment", "prepayment_applied", "refund"]),
          fen=st.integers(1, 10_000_000))
    def post(self, kind: str, fen: int) -> None:
        bucket, sign = ledger.KINDS[kind]
        amount = D(fen * sign) / 100
        method = "cash" if bucket == "money" else None
        with self.office.db.write() as s:
            result = ledger.post(s, self.office.supervisor, self.aid, [ledger.Line(kind, amount, method)],
                                 idempotency_key=key())
        self.entries[result.entries[0].id] = (bucket, amount)
        self.expected += amount
        self.prepay += amount if bucket == "prepayment" else 0

    @rule(data=st.data())
    def reverse(self, data: st.DataObject) -> None:
        open_ids = sorted(set(self.entries) - self.reversed)
        if not open_ids:
            return
        entry_id = data.draw(st.sampled_from(open_ids))
        with self.office.db.write() as s:
            ledger.reverse(s, self.office.supervisor, entry_id, "测试冲正", idempotency_key=key())
        bucket, amount = self.entries[entry_id]
        self.reversed.add(entry_id)
        self.expected -= amount
        self.prepay -= amount if bucket == "prepayment" else 0

    @invariant()
    def balance_is_the_sum(self) -> None:
        if not hasattr(self, "aid"):
            return
        with self.office.db.read() as s:
            b = ledger.balances(s, self.aid)
            raw = s.scalar(text("SELECT SUM(amount) FROM ledger_entries WHERE account_id = :a"), {"a": self.aid})
        assert b.balance == self.expected == D(raw) / 100
        assert b.prepayment_credit == self.prepay


def test_balance_always_equals_the_sum_of_entries(office: Office) -> None:
    LedgerMachine.office = office
    run_state_machine_as_test(LedgerMachine, settings=settings(
        max_examples=8, stateful_step_count=12, deadline=None, suppress_health_check=list(HealthCheck)))
