"""Readings the counter takes are billed at once: a closing's final reading before the account
is settled, a transfer's before the holder changes, a replacement's before the new meter counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from accounts_support import Office, key
from billing_support import bills_of, load_residential, read
from sqlalchemy import select

from gasdesk.models import Account, Reading
from gasdesk.services.accounts import changes, closing
from gasdesk.services.core.errors import Conflict
from gasdesk.services.ledger import balances

D = Decimal
FEB = date(2026, 2, 11)  # 30 days after the gas-on day


@pytest.fixture
def aid(office: Office) -> int:
    load_residential(office)
    return office.account_at("in_service")  # gas-on 2026-01-12 at 0, 300.00 prepaid


def refused(office: Office, fn) -> Conflict:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict) as caught, office.db.write() as s:
        fn(s)
    return caught.value


def test_the_closing_settlement_bills_the_final_reading_then_the_close_keeps_it(office: Office, aid: int) -> None:
    with office.db.write() as s:
        done = closing.settle_for_closing(s, office.clerk, aid, method="cash", idempotency_key=key(),
                                          final_reading=D("50"), read_on=FEB)
    # 50 m³ in tier 1 at 2.61 = 130.50 billed, the prepayment applied; 169.50 left is paid back
    assert bills_of(office, aid) == [(date(2026, 1, 13), FEB, D("50.000"), D("130.50"), "posted")]
    assert done is not None and [(e.kind, e.amount) for e in done.entries] == [
        ("prepayment_refund", D("-169.50")), ("refund", D("169.50"))]
    with office.db.write() as s:
        closing.close(s, office.clerk, aid, final_reading=D("50"), closed_on=FEB)
    with office.db.read() as s:
        assert s.get(Account, aid).status == "closed"
        assert [(r.kind, r.value, r.status) for r in s.scalars(
            select(Reading).where(Reading.account_id == aid, Reading.kind == "final"))] == [
            ("final", D("50.000"), "billed")]
        assert balances(s, aid).to_settle is False


def test_closing_with_another_final_reading_than_the_settlements_is_refused(office: Office, aid: int) -> None:
    with office.db.write() as s:
        closing.settle_for_closing(s, office.clerk, aid, method="cash", idempotency_key=key(),
                                   final_reading=D("50"), read_on=FEB)
    err = refused(office, lambda s: closing.close(s, office.clerk, aid, final_reading=D("51"), closed_on=FEB))
    assert err.zh == "结算时已记下该表最终读数 50.000（2026-02-11），销户请填写同一读数和日期。"


def test_closing_without_the_settlement_bills_the_gas_and_is_refused_for_it_leaving_nothing(
        office: Office, aid: int) -> None:
    with office.db.write() as s:  # the prepayment is taken out first: the account holds nothing
        closing.settle_for_closing(s, office.clerk, aid, method="cash", idempotency_key=key())
    err = refused(office, lambda s: closing.close(s, office.clerk, aid, final_reading=D("50"), closed_on=FEB))
    assert err.zh == "该户尚欠费 130.50 元，请先收清欠费再销户。"
    assert bills_of(office, aid) == []
    with office.db.read() as s:
        assert s.scalars(select(Reading).where(Reading.account_id == aid, Reading.kind == "final")).all() == []


def test_a_held_final_reading_refuses_the_settlement_with_the_reason(office: Office, aid: int) -> None:
    for v, d in (("10", FEB), ("20", date(2026, 3, 13)), ("30", date(2026, 4, 12))):
        read(office, aid, v, d)
    err = refused(office, lambda s: closing.settle_for_closing(
        s, office.clerk, aid, method="cash", idempotency_key=key(), final_reading=D("300"), read_on=date(2026, 5, 12)))
    assert err.zh.startswith("读数 300.000 须主管先确认（") and err.zh.endswith("请主管确认后再办理。")
    assert len(bills_of(office, aid)) == 3


def test_the_transfer_reading_is_billed_to_the_old_holder_before_the_refund(office: Office, aid: int) -> None:
    with office.db.write() as s:
        done = changes.transfer(s, office.clerk, aid, holder=office.holder("王五"), funds="refund",
                                idempotency_key=key(), signed_on=FEB, reading="50")
    assert bills_of(office, aid) == [(date(2026, 1, 13), FEB, D("50.000"), D("130.50"), "posted")]
    assert done.posting is not None and [(e.kind, e.amount) for e in done.posting.entries] == [
        ("prepayment_refund", D("-169.50")), ("refund", D("169.50"))]


def test_a_transfer_whose_gas_outruns_the_prepayment_is_refused_naming_the_bill(office: Office, aid: int) -> None:
    err = refused(office, lambda s: changes.transfer(s, office.clerk, aid, holder=office.holder("王五"),
                                                     funds="refund", idempotency_key=key(), signed_on=FEB,
                                                     reading="200"))
    # 200 m³ = 522.00; 300.00 prepaid applied: 222.00 owed
    assert err.zh == "该户尚欠费 222.00 元（含过户读数的气费 522.00 元），须先结清欠费才能过户。"
    assert bills_of(office, aid) == []


def test_a_replacement_bills_the_old_meter_to_its_final_reading(office: Office, aid: int) -> None:
    with office.db.write() as s:
        changes.replace_meter(s, office.clerk, aid, final_reading=D("50"), new_serial="NEW-1",
                              new_initial_reading=D("0"), on=FEB)
    assert bills_of(office, aid) == [(date(2026, 1, 13), FEB, D("50.000"), D("130.50"), "posted")]


def test_the_quote_is_the_bill_the_settlement_posts_and_keeps_nothing(office: Office, aid: int) -> None:
    with office.db.write() as s:
        assert closing.quote_final(s, office.clerk, aid, "50", FEB) == D("130.50")
    assert bills_of(office, aid) == []
    with office.db.read() as s:
        assert s.scalars(select(Reading).where(Reading.account_id == aid, Reading.kind == "final")).all() == []
        assert balances(s, aid).prepayment_credit == D("300.00")
