"""Who may do what: one table, deny by default, checked in every service call."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gasdesk.models.users import Role
from gasdesk.services.errors import PermissionDenied
from gasdesk.services.session import Actor

C, R, D, S, A = Role.CLERK, Role.READER, Role.DEPOT, Role.SUPERVISOR, Role.ADMIN

# action -> roles allowed. An action missing here is refused to everyone.
PERMISSIONS: dict[str, frozenset[Role]] = {
    # workplaces (what the main window shows)
    "workplace.counter": frozenset({C, S}),
    "workplace.readings": frozenset({R, S}),
    "workplace.depot": frozenset({D, S}),
    "workplace.reports": frozenset({S, A}),
    "workplace.admin": frozenset({A}),
    # administration
    "user.manage": frozenset({A}),
    "user.list": frozenset({A, S}),
    "address.manage": frozenset({A}),
    "address.view": frozenset({C, R, D, S, A}),
    "settings.manage": frozenset({A}),
    "db.backup": frozenset({A, S}),
    "db.restore": frozenset({A}),
    "audit.view": frozenset({S, A}),
    # accounts (issue 3)
    "account.view": frozenset({C, R, S}),
    "account.open": frozenset({C, S}),
    "account.change": frozenset({C, S}),
    "account.open_additional": frozenset({S}),
    "pii.view": frozenset({C, S}),
    "ledger.post": frozenset({C, S}),
    "ledger.refund": frozenset({C, S}),
    "ledger.reverse": frozenset({S}),
    "gas_on.manage": frozenset({C, S}),
    # registers by area and the new-account list (masked personal data): the counter and the office
    "report.registers": frozenset({C, S, A}),
}

WORKPLACES = ("counter", "readings", "depot", "reports", "admin")


def allowed(actor: Actor, action: str) -> bool:
    return actor.role in PERMISSIONS.get(action, frozenset())


def workplaces_for(actor: Actor) -> list[str]:
    return [w for w in WORKPLACES if allowed(actor, f"workplace.{w}")]


def require(session: Session | None, actor: Actor, action: str) -> None:
    """Refuse the call unless the actor's role may do ``action``.

    The refusal is audited by the runner in a transaction of its own, since the
    action's own transaction is rolled back.
    """
    if not allowed(actor, action):
        err = PermissionDenied(
            f"您的角色（{ROLE_NAMES_ZH[actor.role]}）无权执行此操作：{ACTION_NAMES_ZH.get(action, action)}。"
            "如需办理，请联系主管或管理员。",
            f"Your role ({actor.role.value}) may not do this: {action}. Ask a supervisor or an "
            "administrator.",
        )
        err.action = action  # type: ignore[attr-defined]
        raise err


ROLE_NAMES_ZH = {
    Role.CLERK: "业务员",
    Role.READER: "抄表员",
    Role.DEPOT: "调瓶点营业员",
    Role.SUPERVISOR: "主管",
    Role.ADMIN: "管理员",
}

ACTION_NAMES_ZH = {
    "user.manage": "用户管理",
    "user.list": "查看用户",
    "address.manage": "维护地址",
    "settings.manage": "修改设置",
    "db.backup": "备份数据库",
    "db.restore": "恢复数据库",
    "audit.view": "查看审计日志",
    "account.view": "查看用户档案",
    "account.open": "办理开户",
    "account.change": "办理用户变更",
    "account.open_additional": "同一证件再开户",
    "pii.view": "查看完整证件号码和电话",
    "ledger.post": "收费记账",
    "ledger.refund": "退款",
    "ledger.reverse": "冲正账目",
    "gas_on.manage": "安排点火通气",
    "report.registers": "打印和导出用户登记册",
}
