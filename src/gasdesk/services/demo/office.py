"""The demo office itself: one user per role and a small address tree."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gasdesk.models.users import Role
from gasdesk.services.core.actor import Actor
from gasdesk.services.office import address, counters, users

# The office's registered counters and its depot; the demo's people work at the first.
DEMO_COUNTERS: list[tuple[str, str, str]] = [
    ("C01", "一号柜台", "counter"),
    ("C02", "二号柜台", "counter"),
    ("D01", "城东调瓶点", "depot"),
]
COUNTER = DEMO_COUNTERS[0][0]

# Shown by the login dialog in demo mode only.
DEMO_USERS: list[tuple[str, str, Role, str]] = [
    ("admin", "系统管理员", Role.ADMIN, "admin123"),
    ("clerk", "王业务", Role.CLERK, "clerk123"),
    ("reader", "李抄表", Role.READER, "reader123"),
    ("depot", "赵调瓶", Role.DEPOT, "depot123"),
    ("super", "陈主管", Role.SUPERVISOR, "super123"),
]

DEMO_AREAS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("01", "城东片区", [("阳光花园", "建设路 18 号"), ("东湖小区", "东湖路 6 号"), ("幸福家园", "解放大道 201 号")]),
    ("02", "城西片区", [("西苑新村", "西环路 33 号"), ("锦绣华庭", "人民西路 88 号")]),
    ("03", "开发区", [("金桥工业园", "工业大道 1 号"), ("滨江国际", "滨江路 9 号")]),
]

def build(session: Session) -> Actor:
    """The office every other builder stands on: its users and its address tree. Returns the admin."""
    admin_info = users.create_first_admin(session, *_first_admin())
    admin = Actor(admin_info.id, admin_info.login, admin_info.name, Role.ADMIN)
    for code, name, kind in DEMO_COUNTERS:
        counters.add_counter(session, admin, code, name, kind)
    first = counters.registered(session, COUNTER)
    admin = Actor(admin.user_id, admin.login, admin.name, Role.ADMIN, first.code, first.id)
    for login, name, role, password in DEMO_USERS[1:]:
        users.add_user(session, admin, login, name, role, password)
    for code, area_name, compounds in DEMO_AREAS:
        area = address.add_area(session, admin, code, area_name)
        for compound, street in compounds:
            address.add_compound(session, admin, area.id, compound, street)
    return admin


def _first_admin() -> tuple[str, str, str]:
    login, name, _role, password = DEMO_USERS[0]
    return login, name, password
