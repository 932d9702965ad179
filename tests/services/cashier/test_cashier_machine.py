"""A Hypothesis state machine over the counter's day: pay (cash, by WeChat, retried after a crash),
void, refund after the close, close the shift, restart the program. Whatever the order, the
money keeps every invariant: balances equal the ledger's sums, receipt numbers run without gaps,
closed shifts never change, and every receipt's allocations equal what it paid."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accounts_support import Office, key
from billing_support import load_residential, read
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select, text

from gasdesk.models import LedgerAllocation, Receipt, Shift, TariffSchedule
from gasdesk.services import ledger
from gasdesk.services.cashier import approval, payments, refunds, shift_close, shift_report, verify
from gasdesk.services.core.errors import Conflict

D = Decimal


class CounterDay(RuleBasedStateMachine):
    office: Office

    def __init__(self) -> None:
        super().__init__()
        self.paid: dict[str, tuple[Decimal, str]] = {}  # receipt -> (amount, submission key) still standing
        self.net = D("0.00")  # money in for the account: payments less voids and refunds
        self.closed: dict[int, dict[str, Decimal]] = {}  # shift -> its money by method when closed

    @initialize()
    def account(self) -> None:
        o = self.office
        with o.db.read() as s:
            if s.scalar(select(TariffSchedule.id).limit(1)) is None:
                load_residential(o)
        self.aid = o.account_at("in_service")
        read(o, self.aid, "150", date(2026, 2, 11))
        read(o, self.aid, "250", date(2026, 3, 13))
        with o.db.write() as s:
            self.boss = approval.check(s, o.clerk, "supervisor", "secret-123").approver
        with o.db.read() as s:
            self.start = self._money(s)

    def _money(self, s) -> Decimal:  # type: ignore[no-untyped-def]
        raw = s.scalar(text("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE account_id = :a "
                            "AND bucket = 'money'"), {"a": self.aid})
        return -D(raw) / 100

    @rule(fen=st.integers(1, 60_000), method=st.sampled_from(["cash", "wechat"]), retried=st.booleans())
    def pay(self, fen: int, method: str, retried: bool) -> None:
        amount, submission = D(fen) / 100, key()
        ref = None if method == "cash" else f"R{fen}"
        for _ in range(2 if retried else 1):  # a crash before the reply: the form submits again
            with self.office.db.write() as s:
                done = payments.take_payment(s, self.office.clerk, self.aid, amount=amount, method=method,
                                             reference=ref, idempotency_key=submission)
        assert done.replayed == retried
        self.paid[done.receipt_number] = (amount, submission)
        self.net += amount

    @rule(data=st.data())
    def void_or_refund(self, data: st.DataObject) -> None:
        if not self.paid:
            return
        number = data.draw(st.sampled_from(sorted(self.paid)))
        with self.office.db.read() as s:
            receipt = s.scalar(select(Receipt).where(Receipt.number == number))
            shift_open = s.get(Shift, receipt.shift_id).status == "open"
        with self.office.db.write() as s:
            if shift_open:
                refunds.void_receipt(s, self.office.clerk, number, "收错", approver=self.boss, idempotency_key=key())
            else:
                refunds.refund_receipt(s, self.office.clerk, number, "退费", approver=self.boss, idempotency_key=key())
        self.net -= self.paid.pop(number)[0]

    @rule(short=st.integers(0, 3))
    def close_shift(self, short: int) -> None:
        with self.office.db.write() as s:
            try:
                shift = shift_close.open_shift_of(s, self.office.clerk)
            except Exception:
                return
            cash = shift_report.money_in(s, shift.id)[1] - D(short) / 100
            if cash < 0:
                return
            counted = f"1x{int(cash)},0.01x{int(cash % 1 * 100)}"
            shift_close.close_shift(s, self.office.clerk, counted=counted, approver=self.boss,
                                    explanation="点钞差额" if short else "")
            self.closed[shift.id] = shift_report.money_in(s, shift.id)[0]

    @rule()
    def restart(self) -> None:
        self.office.db.dispose()  # the program is closed and started again: new connections

    @rule()
    def posting_into_a_closed_shift_is_refused(self) -> None:
        if not self.closed:
            return
        shift_id = max(self.closed)
        with self.office.db.read() as s:
            shift = s.get(Shift, shift_id)
            s.expunge(shift)
        try:
            with self.office.db.write() as s:
                ledger.record(s, self.office.clerk, self.aid, [], payment=ledger.Payment(D("1"), "cash"),
                              idempotency_key=key(), shift=shift)
        except Conflict:
            return
        raise AssertionError("a posting went into a closed shift")

    @invariant()
    def the_money_keeps_its_invariants(self) -> None:
        if not hasattr(self, "aid"):
            return
        with self.office.db.read() as s:
            _count, wrong = verify.findings(s)  # gap-free series, receipts = postings, closes = shifts
            assert wrong == []
            assert self._money(s) - self.start == self.net
            b = ledger.balances(s, self.aid)
            raw = s.scalar(text("SELECT SUM(amount) FROM ledger_entries WHERE account_id = :a"), {"a": self.aid})
            assert b.balance == D(raw) / 100
            for shift_id, by_method in self.closed.items():
                assert shift_report.money_in(s, shift_id)[0] == by_method  # a closed shift never changes
            for number, (amount, _key) in self.paid.items():
                posting = s.scalar(select(Receipt.posting_id).where(Receipt.number == number))
                allocated = s.scalar(select(func.coalesce(func.sum(LedgerAllocation.amount), 0))
                                     .where(LedgerAllocation.posting_id == posting))
                assert allocated == amount  # every yuan paid went to a charge or to prepayment


def test_the_counters_day_keeps_every_invariant(office: Office) -> None:
    CounterDay.office = office
    run_state_machine_as_test(CounterDay, settings=settings(
        max_examples=10, stateful_step_count=12, deadline=None, suppress_health_check=list(HealthCheck)))
