"""The cylinder register: one or a range from a delivery note, all or none; the check as
``depot check`` shows it; every step a movement through the state machine, and the register
always what replaying the movements gives."""

from __future__ import annotations

from datetime import date

import pytest
from accounts_support import refused
from depot_support import Depot, key
from sqlalchemy import select, text

from gasdesk.cli import main
from gasdesk.models import Cylinder, CylinderMovement
from gasdesk.services.core.errors import Conflict, PermissionDenied, ValidationError
from gasdesk.services.depot import cylinders, movements
from gasdesk.services.depot.machine import CylinderEvent, CylinderRefused

D = date.fromisoformat


def test_a_delivery_notes_range_is_registered_with_its_dates(depot: Depot) -> None:
    serials = depot.cylinders("A2024-0098~0102", made="2019-05-10", inspected="2023-05")
    assert serials == ["A2024-0098", "A2024-0099", "A2024-0100", "A2024-0101", "A2024-0102"]
    with depot.db.read() as s:
        c = cylinders.get(s, "a2024-0100")
        assert (c.size, c.state, c.last_inspected_on, c.next_due_on, c.life_ends_on) == (
            "YSP35.5", "full", D("2023-05-31"), D("2027-05-31"), D("2027-05-10"))  # the ring: month ends
        assert cylinders.check(s, depot.keeper, "A2024-0100", on=D("2027-05-09")).reasons == [
            "inspection_due_soon"]  # due 2027-05-31: not in date for the 30 days
        view = cylinders.check(s, depot.keeper, "A2024-0100", on=D("2027-05-01"))
        assert view.json() == {"serial": "A2024-0100", "size": "YSP35.5", "status": "full", "owner": "company",
                               "holder": None, "next_inspection_due": "2027-05-31", "life_ends_on": "2027-05-10",
                               "may_take_in": False, "may_hand_out": True, "reasons": []}
        assert cylinders.check(s, depot.keeper, "A2024-0100", on=D("2027-05-10")).reasons == [
            "life_over", "inspection_due_soon"]
        assert cylinders.check(s, depot.keeper, "NOPE-1").json()["reasons"] == ["unregistered"]
        moves = s.scalars(select(CylinderMovement).order_by(CylinderMovement.id)).all()
        assert [(m.event, m.from_state, m.to_state) for m in moves] == [("register", None, "full")] * 5


def test_a_bad_registration_stores_nothing(depot: Depot) -> None:
    depot.cylinders("B-0001")
    for kw, words in (
        (dict(serials="B-0001~0003"), "钢印号已登记：B-0001"),
        (dict(serials="B 0002", size="YSP99"), "没有 YSP99 这种规格"),
        (dict(serials="B-0002", made_on="2027-01-01"), "不能晚于今天"),
        (dict(serials="B-0002", last_inspected_on="2019-01-01", made_on="2020-01-01"), "不能早于制造日期"),
        (dict(serials="B-0002~0001"), "钢印号范围不对"),
        (dict(serials="B-0001~9999"), "一次最多 2000 只"),
        (dict(serials="钢瓶"), "钢印号只能是"),
        (dict(serials="B-0002", state="with_customer"), "公司钢瓶登记为满瓶或空瓶在库"),
    ):
        args = dict(size="YSP12", made_on="2022-01-01", last_inspected_on="2024-01-01", key=key()) | kw
        err = refused(depot.db, lambda s, a=args: cylinders.register(s, depot.keeper, **a))  # type: ignore[misc]
        assert words in err.zh, (kw, err.zh)
    err = refused(depot.db, lambda s: cylinders.register(s, depot.office.clerk, "B-0009", size="YSP12",
                                                          made_on="2022-01-01", last_inspected_on="2024-01-01",
                                                          key=key()), PermissionDenied)
    assert err.zh == "您的角色（业务员）无权执行此操作：登记钢瓶。如需办理，请联系主管或管理员。"


def test_a_customers_own_cylinder_is_registered_with_them(depot: Depot) -> None:
    owner = depot.customer("王五")
    depot.cylinders("OWN-001", owner=owner.number, size="YSP12")
    other = depot.customer("李四", born="19900101", phone="13700000000")
    with depot.db.read() as s:
        view = cylinders.check(s, depot.keeper, "OWN-001", customer=owner.number)
        assert (view.status, view.owner, view.holder, view.may_take_in) == (
            "with_customer", owner.number, owner.number, True)
        assert cylinders.check(s, depot.keeper, "OWN-001", customer=other.number).reasons == ["other_owner"]


def test_cylinders_move_only_by_the_machine_and_an_overdue_one_never_goes_out(depot: Depot, capsys) -> None:  # type: ignore[no-untyped-def]
    depot.cylinders("C-0001", inspected="2022-12-03")  # due 2026-12-03: overdue today (2026-12-04 on)
    depot.cylinders("C-0002", inspected="2025-01-01", state="empty")
    with depot.db.write() as s:
        txn = movements.open_transaction(s, depot.keeper, "test", key())
        with pytest.raises(CylinderRefused) as caught:
            movements.move(s, txn, cylinders.get(s, "C-0001"), CylinderEvent.HAND_OUT, holder_id=None)
        assert caught.value.reasons == ["inspection_overdue"]
        assert caught.value.zh == "钢瓶 C-0001 不能办理：超过检验期。"
        with pytest.raises(Conflict, match="当前状态为“空瓶在库”，不能办理“发出满瓶”"):
            movements.move(s, txn, cylinders.get(s, "C-0002"), CylinderEvent.HAND_OUT)
        movements.move(s, txn, cylinders.get(s, "C-0002"), CylinderEvent.SEND_TO_PLANT, reason="送充装")
        movements.move(s, txn, cylinders.get(s, "C-0002"), CylinderEvent.RECEIVE_FULL)
        assert cylinders.get(s, "C-0002").state == "full"
    with depot.db.read() as s:
        assert movements.register_differences(s) == []
        listed = cylinders.listing(s, depot.keeper, status="full")
        assert [(v.serial, v.may_hand_out, v.reasons) for v in listed] == [
            ("C-0001", False, ["inspection_overdue"]), ("C-0002", True, [])]
        assert [v.serial for v in cylinders.listing(s, depot.keeper, due_before=D("2027-01-01"))] == ["C-0001"]
    for sql in ("UPDATE cylinder_movements SET to_state = 'empty'", "DELETE FROM cylinder_movements"):
        with pytest.raises(Exception, match="append-only"), depot.db.write() as s:
            s.execute(text(sql))
    with depot.db.write() as s:  # the register row changed behind the movements' back is found
        s.execute(text("UPDATE cylinders SET state = 'empty' WHERE serial = 'C-0001'"))
    with depot.db.read() as s:
        assert movements.register_differences(s) == ["C-0001"]
    url = str(depot.db.path) if depot.db.path else depot.db.url.render_as_string(hide_password=False)
    assert main(["db", "check", "--db", url]) == 2
    assert "钢瓶 C-0001 的登记状态与其收发记录不符" in capsys.readouterr().err


def test_cylinders_move_only_at_a_depot(depot: Depot) -> None:
    err = refused(depot.db, lambda s: movements.open_transaction(s, depot.office.clerk, "test", key()), Conflict)
    assert "调瓶点" in err.zh
    with pytest.raises(ValidationError, match="状态"), depot.db.read() as s:
        cylinders.listing(s, depot.keeper, status="lost")
    assert isinstance(Cylinder, type)
