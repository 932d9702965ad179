"""Applications' bad input, rename, transfer, meters, attachments, masking and gas-on days."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from accounts_support import Office, key, make_id, refused
from sqlalchemy import select

from gasdesk.models import Account
from gasdesk.services import ledger
from gasdesk.services.accounts import attachments, changes, closing, gas_on_days, opening, page, records
from gasdesk.services.core.errors import Conflict, PermissionDenied, ValidationError

D = Decimal


def _apply(o: Office, s, **kw):  # type: ignore[no-untyped-def]
    args = dict(account_type="residential", holder=o.holder(), premises=o.flat())
    args.update(kw)
    return opening.apply(s, o.clerk, **args)


def test_duplicate_id_on_a_second_open_application_is_refused(office: Office) -> None:
    same = make_id(777)
    aid = office.account_at("application", id_number=same)
    err = refused(office.db, lambda s: _apply(office, s, holder=office.holder("李四", same)), Conflict)
    assert err.zh == (f"身份证号 110***********{same[-4:]} 已有未销户的用户（申请单 {aid}，申请），不能重复申请。"
                      "如确需再开一户，请由主管办理并注明原因。")
    # a clerk cannot override; a supervisor can, with a reason
    refused(office.db, lambda s: _apply(office, s, holder=office.holder("李四", same), second_account_reason="商铺"),
            PermissionDenied)
    with office.db.write() as s:
        second = opening.apply(s, office.supervisor, account_type="commercial", holder=office.holder("李四", same),
                                premises=records.PremisesInput(area_id=office.area_id, street="建设路 20 号 面馆"),
                                second_account_reason="同一人经营的商铺")
    assert second.address == "建设路 20 号 面馆"


def test_a_closed_account_frees_the_id_and_the_premises(office: Office) -> None:
    same = make_id(778)
    aid = office.account_at("application", id_number=same)
    with office.db.write() as s:
        closing.close(s, office.clerk, aid)
        premises_id = s.get(Account, aid).premises_id
        room = s.execute(select(Account.premises_id)).first()
        assert room is not None
        again = _apply(office, s, holder=office.holder("张三", same))
    assert again.status == "application" and premises_id


def test_a_second_open_account_on_the_same_flat_is_refused(office: Office) -> None:
    with office.db.write() as s:
        first = _apply(office, s, premises=office.flat("901"))
    err = refused(office.db, lambda s: _apply(office, s, premises=office.flat("901")), Conflict)
    assert err.zh == f"该地址已有未销户的用户（申请单 {first.id}，申请），不能重复开户。"


@pytest.mark.parametrize(("holder", "message"), [
    (("张三", "110105198001011235", "13812345678"), "身份证号码校验位不对，请核对后重新输入。"),
    (("张三", None, "12812345678"),
     "电话号码无效：12812345678。手机号为 11 位（1 开头，第二位 3-9）；固定电话请带区号，如 010-12345678。"),
    (("  ", None, "13812345678"), "请填写户主姓名。"),
])
def test_invalid_holder_is_refused(office: Office, holder: tuple, message: str) -> None:
    name, idn, phone = holder
    err = refused(office.db, lambda s: _apply(office, s, holder=office.holder(name, idn, phone)), ValidationError)
    assert err.zh == message


def test_wrong_check_digit_where_a_number_is_typed(office: Office) -> None:
    aid = office.account_at("numbered")
    with office.db.read() as s:
        number = s.get(Account, aid).number
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as err, office.db.read() as s:
        page.account_detail(s, office.clerk, wrong)
    assert err.value.zh == "户号校验位不对，请核对后重新输入。"
    with office.db.read() as s:
        assert page.account_detail(s, office.clerk, f" {number[:3]} {number[3:]} ").summary.id == aid


def test_ids_and_phones_are_masked_for_every_role(office: Office) -> None:
    # pii.view reveals one field on demand, audited (accounts.reveal): the page itself is masked
    idn = make_id(779)
    aid = office.account_at("in_service", id_number=idn)
    with office.db.read() as s:
        clerk_view = page.account_detail(s, office.clerk, aid).summary
        reader_view = page.account_detail(s, office.reader, aid)
        printed = page.account_detail(s, office.clerk, aid, always_mask=True).summary
    assert clerk_view.id_number == f"110***********{idn[-4:]}" and clerk_view.phone == "138****5678"
    assert reader_view.summary.id_number == f"110***********{idn[-4:]}" == printed.id_number
    assert reader_view.summary.phone == "138****5678"
    assert reader_view.allowed_actions == []
    with pytest.raises(PermissionDenied), office.db.read() as s:
        page.account_detail(s, office.admin, aid)


def test_rename_updates_the_search_keys(office: Office) -> None:
    aid = office.account_at("in_service", name="张三")
    with office.db.write() as s:
        summary = changes.rename(s, office.clerk, aid, "欧阳娜娜", reason="户主去世，由配偶继承")
    with office.db.read() as s:
        account = s.get(Account, aid)
        assert (account.name_pinyin, account.name_initials) == ("ouyangnana", "oynn")
        assert page.history(s, aid)[0].before["holder_name"] == "张三"
    assert summary.holder_name == "欧阳娜娜"


def test_transfer_with_unpaid_arrears_is_refused(office: Office) -> None:
    aid = office.account_at("in_service")
    with office.db.write() as s:
        ledger.post(s, office.clerk, aid, [ledger.Line("gas_charge", D("86.40"))], idempotency_key=key())
    err = refused(office.db, lambda s: changes.transfer(
        s, office.clerk, aid, holder=office.holder("王五"), funds="refund", idempotency_key=key()), Conflict)
    assert err.zh == "该户尚欠费 86.40 元，须先结清欠费才能过户。"


def test_transfer_refunds_the_old_holder(office: Office) -> None:
    aid = office.account_at("in_service", name="张三")
    with office.db.write() as s:
        result = changes.transfer(s, office.clerk, aid, holder=office.holder("王五"), funds="refund",
                                          method="wechat", idempotency_key="xfer-1", signed_on=date(2026, 5, 1))
    assert [(e.kind, e.amount, e.method) for e in result.posting.entries] == [
        ("prepayment_refund", D("-300.00"), None), ("refund", D("300.00"), "wechat")]
    b = result.posting.balances
    assert (b.balance, b.prepayment_credit) == (D("0.00"), D("0.00"))
    with office.db.read() as s:
        detail = page.account_detail(s, office.clerk, aid)
        pinyin = s.get(Account, aid).name_pinyin
    assert detail.summary.holder_name == "王五" and pinyin == "wangwu"
    assert [(c.kind, c.status) for c in detail.contracts] == [("opening", "ended"), ("transfer", "open")]


def test_transfer_carry_over_needs_consent(office: Office) -> None:
    aid = office.account_at("in_service")
    err = refused(office.db, lambda s: changes.transfer(
        s, office.clerk, aid, holder=office.holder("王五"), funds="carry_over", idempotency_key=key()),
        ValidationError)
    assert err.zh == ("原户主的预付款 300.00 元、押金 0.00 元转给新户主，"
                      "须记录原户主的同意（如：原户主签字同意转让）。")
    with office.db.write() as s:
        result = changes.transfer(s, office.clerk, aid, holder=office.holder("王五"), funds="carry_over",
                                          consent="原户主张三签字同意", idempotency_key=key())
        assert ledger.balances(s, aid).prepayment_credit == D("300.00")
    assert result.posting is None and result.carried_prepayment == D("300.00")


def test_meter_replacement_keeps_both_readings(office: Office) -> None:
    aid = office.account_at("in_service")
    with office.db.write() as s:
        new = changes.replace_meter(s, office.clerk, aid, final_reading=D("1234.567"), new_serial="nm-1",
                                            new_initial_reading=D("0.012"), on=date(2026, 6, 1))
    with office.db.read() as s:
        meters = page.account_detail(s, office.clerk, aid).meters
    assert [(m.serial, m.final_reading, m.active) for m in meters] == [
        (f"GM{aid:06d}", D("1234.567"), False), ("NM-1", None, True)]
    assert new.initial_reading == D("0.012")
    err = refused(office.db, lambda s: changes.replace_meter(
        s, office.clerk, aid, final_reading=D("0"), new_serial="NM-2", new_initial_reading=D("0")), ValidationError)
    assert err.zh == "最终读数 0.000 小于该表初始读数 0.012，请核对。"


def test_a_fitted_serial_cannot_be_fitted_twice(office: Office) -> None:
    first = office.account_at("in_service")
    other = office.account_at("installed")
    with office.db.read() as s:
        number = s.get(Account, first).number
    err = refused(office.db, lambda s: changes.register_meter(
        s, office.clerk, other, serial=f"GM{first:06d}", initial_reading=D("0")), Conflict)
    assert err.zh == f"表号 GM{first:06d} 已装在户号 {number}，请核对。"


def test_attachments_are_stored_by_hash_and_listed(office: Office, tmp_path: Path) -> None:
    aid = office.account_at("numbered")
    picked = tmp_path / "scans" / "id.jpg"  # a path as this system's file dialog gives it
    with office.db.write() as s:
        info = attachments.add(s, office.clerk, aid, kind="id_photo", filename=str(picked), data=b"jpeg")
    assert info.filename == "id.jpg"  # the name is kept, the folder is not
    assert attachments.store_path(info.sha256).read_bytes() == b"jpeg"
    with office.db.read() as s:
        assert attachments.read(s, office.clerk, info.id) == b"jpeg"
        assert [a.sha256 for a in page.account_detail(s, office.clerk, aid).attachments] == [info.sha256]


def test_gas_on_day(office: Office) -> None:
    ids = [office.account_at("installed") for _ in range(3)]
    with office.db.write() as s:
        event = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 7, 1))
        gas_on_days.mark(s, office.clerk, event.id, ids[0], "done", serial="GO-1", initial_reading=D("0"))
        gas_on_days.mark(s, office.clerk, event.id, ids[1], "absent", note="家中无人")
    err = refused(office.db, lambda s: gas_on_days.mark(s, office.clerk, event.id, ids[2], "refused"), ValidationError)
    assert err.zh == "请填写拒绝原因。"
    with office.db.read() as s:
        sheet = gas_on_days.sign_off_rows(s, office.clerk, event.id)
        first = s.get(Account, ids[0])
        assert (first.status, first.opened_on) == ("gas_on", date(2026, 7, 1))
    assert [(r.outcome_zh, r.meter_serial) for r in sheet.rows] == [("已通气", "GO-1"), ("不在家", ""), ("待通气", "")]
    assert sheet.rows[0].phone == "138****5678"
    assert (sheet.event.done, sheet.event.absent, sheet.event.pending) == (1, 1, 1)


def test_a_phone_left_as_the_screen_masks_it_is_kept(office: Office) -> None:
    """The phones form opens on the masked numbers: changing only the second keeps the first."""
    aid = office.account_at("in_service")
    with office.db.write() as s:
        changes.update_phones(s, office.clerk, aid, "138****5678", "13900001111")
    with office.db.read() as s:
        account = s.get(Account, aid)
        assert (account.phone, account.phone2) == ("13812345678", "13900001111")
    with office.db.write() as s:  # and the second, left masked, stays too
        changes.update_phones(s, office.clerk, aid, "13700002222", "139****1111")
    with office.db.read() as s:
        account = s.get(Account, aid)
        assert (account.phone, account.phone2) == ("13700002222", "13900001111")
    err = refused(office.db, lambda s: changes.update_phones(s, office.clerk, aid, "137****9999"), ValidationError)
    assert "137****9999" in err.zh  # a mask of another number is not a number
