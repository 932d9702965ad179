"""Real-name LPG customers: registered from a short form or from a piped-gas account, numbered with
a check digit, found by the counter's search, refused in words."""

from __future__ import annotations

import pytest
from accounts_support import make_id, refused
from depot_support import Depot, key
from sqlalchemy import text

from gasdesk.services.accounts.records import load
from gasdesk.services.core.errors import Conflict, PermissionDenied, ValidationError
from gasdesk.services.depot import customers


def test_a_customer_is_registered_numbered_and_found(depot: Depot) -> None:
    first = depot.customer("王五", phone="13912345678")
    second = depot.customer("李小龙", born="19900101", phone="13700001111", kind="restaurant")
    assert (first.number, second.number) == (customers.make_number(1), customers.make_number(2))
    assert first.number == "00000013" and customers.validate_number("0000 0013") == "00000013"
    assert (first.phone, first.id_number[:4], first.kind) == ("139****5678", "110*", "household")
    with depot.db.read() as s:
        for query, found in (("wangwu", ["王五"]), ("lxl", ["李小龙"]), ("1111", ["李小龙"]), ("王", ["王五"]),
                             ("13912345678", ["王五"]), ("00000013", ["王五"]), ("", ["王五", "李小龙"]),
                             ("nobody", [])):
            assert [c.name for c in customers.search(s, depot.keeper, query)] == found, query
        assert customers.search(s, depot.keeper, "lxl")[0].json() == {
            "number": second.number, "name": "李小龙", "phone": "137****1111", "kind": "restaurant"}


def test_bad_registrations_are_refused_in_words_and_store_nothing(depot: Depot) -> None:
    depot.customer("王五")
    same_id = make_id(born="19800101")  # a fresh ID
    with depot.db.read() as s:
        taken = s.scalar(text("SELECT id_number FROM lpg_customers"))
    cases = (
        (dict(name="张三", id_number=taken, phone="13800000000", address="x"),
         "这个身份证号已登记为液化气用户 00000013。"),
        (dict(name="张三", id_number="110105198001011234", phone="13800000000", address="x"), "身份证"),
        (dict(name="张三", id_number=same_id, phone="123", address="x"), "手机"),
        (dict(name="张三", id_number=same_id, phone="13800000000", address=" "), "请填写地址（最多 200 字）。"),
        (dict(name="张三", id_number=same_id, phone="13800000000", address="x", kind="shop"), "用户类型"),
    )
    for fields, words in cases:
        err = refused(depot.db, lambda s, f=fields: customers.register(s, depot.keeper, **f))  # type: ignore[misc]
        assert words in err.zh, (fields, err.zh)
    with pytest.raises(ValidationError, match="校验位"):
        customers.validate_number("00000014")
    with pytest.raises(ValidationError, match="8 位数字"):
        customers.validate_number("0000 013")
    err = refused(depot.db, lambda s: customers.register(s, depot.office.reader, name="张三", id_number=same_id,
                                                          phone="13800000000", address="x"), PermissionDenied)
    assert err.zh


def test_a_piped_gas_holder_is_registered_from_the_account(depot: Depot) -> None:
    aid = depot.office.account_at("in_service", name="钱多多")
    with depot.db.read() as s:
        account = load(s, aid)
        number, id_number = account.number, account.holder_id_number
    with depot.db.write() as s:
        done = customers.register_account_holder(s, depot.keeper, number)
    c = done.customer
    assert (c.name, c.account_number, c.phone) == ("钱多多", number, "138****5678")
    assert "阳光花园" in c.address
    err = refused(depot.db, lambda s: customers.register_account_holder(s, depot.keeper, number), Conflict)
    assert err.zh == f"这户的户主已是液化气用户 {c.number}。"
    err = refused(depot.db, lambda s: customers.register(s, depot.keeper, name="钱多多", id_number=id_number,
                                                          phone="13800000000", address="x"), Conflict)
    assert c.number in err.zh
    assert key()  # the support's keys are unique per test run
