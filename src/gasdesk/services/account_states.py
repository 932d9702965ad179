"""The account life cycle as ONE declared transition table: (status, event) -> new status.

Guards (checks that depend on more than the status: meters, balances) are named in the
table and implemented by the service that fires the event; refusals name the current
status and the steps allowed from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gasdesk.models import Account, AccountStatus
from gasdesk.services.errors import Conflict

S = AccountStatus


class Event(StrEnum):
    SIGN = "sign"
    NUMBER = "number"
    PLAN_INSTALL = "plan_install"
    INSTALL = "install"
    GAS_ON = "gas_on"
    START_SERVICE = "start_service"
    SUSPEND = "suspend"
    RESUME = "resume"
    CLOSE = "close"


@dataclass(frozen=True)
class Transition:
    target: AccountStatus
    guards: tuple[str, ...] = ()


_PRE_SERVICE = (S.APPLICATION, S.CONTRACT_SIGNED, S.NUMBERED, S.INSTALL_PLANNED, S.INSTALLED, S.GAS_ON)

TRANSITIONS: dict[tuple[AccountStatus, Event], Transition] = {
    (S.APPLICATION, Event.SIGN): Transition(S.CONTRACT_SIGNED, ("fees_paid",)),
    # Numbering follows signing in the same transaction (sign_contract); the separate event
    # remains for an account left at contract_signed (e.g. imported records).
    (S.CONTRACT_SIGNED, Event.NUMBER): Transition(S.NUMBERED),
    (S.NUMBERED, Event.PLAN_INSTALL): Transition(S.INSTALL_PLANNED, ("install_plan",)),
    (S.INSTALL_PLANNED, Event.PLAN_INSTALL): Transition(S.INSTALL_PLANNED, ("install_plan",)),  # re-plan
    (S.INSTALL_PLANNED, Event.INSTALL): Transition(S.INSTALLED),
    (S.INSTALLED, Event.GAS_ON): Transition(S.GAS_ON, ("meter",)),
    (S.GAS_ON, Event.START_SERVICE): Transition(S.IN_SERVICE),
    (S.IN_SERVICE, Event.SUSPEND): Transition(S.SUSPENDED, ("reason",)),
    (S.SUSPENDED, Event.RESUME): Transition(S.IN_SERVICE),
    **{(s, Event.CLOSE): Transition(S.CLOSED, ("settled", "final_reading")) for s in _PRE_SERVICE},
    (S.IN_SERVICE, Event.CLOSE): Transition(S.CLOSED, ("settled", "final_reading")),
    (S.SUSPENDED, Event.CLOSE): Transition(S.CLOSED, ("settled", "final_reading")),
}

STATUS_ZH: dict[str, str] = {
    S.APPLICATION: "申请",
    S.CONTRACT_SIGNED: "已签约",
    S.NUMBERED: "已编号",
    S.INSTALL_PLANNED: "已安排安装",
    S.INSTALLED: "已安装",
    S.GAS_ON: "已通气",
    S.IN_SERVICE: "在用",
    S.SUSPENDED: "停气",
    S.CLOSED: "已销户",
}

EVENT_ZH: dict[str, str] = {
    Event.SIGN: "签约",
    Event.NUMBER: "编号",
    Event.PLAN_INSTALL: "安排安装",
    Event.INSTALL: "安装完成",
    Event.GAS_ON: "点火通气",
    Event.START_SERVICE: "转为在用",
    Event.SUSPEND: "停气",
    Event.RESUME: "恢复供气",
    Event.CLOSE: "销户",
}

# Changes that keep the status, and the statuses they are allowed in.
_OPEN = tuple(s for s in AccountStatus if s is not S.CLOSED)
CHANGES: dict[str, tuple[AccountStatus, ...]] = {
    "rename": _OPEN,
    "update_phones": _OPEN,
    "transfer": (S.GAS_ON, S.IN_SERVICE, S.SUSPENDED),
    "register_meter": (S.NUMBERED, S.INSTALL_PLANNED, S.INSTALLED),
    "replace_meter": (S.GAS_ON, S.IN_SERVICE, S.SUSPENDED),
    "settle": _OPEN,
    "attach": tuple(AccountStatus),
}

CHANGE_ZH = {
    "rename": "更名",
    "update_phones": "修改电话",
    "transfer": "过户",
    "register_meter": "登记燃气表",
    "replace_meter": "换表",
    "settle": "结算",
    "attach": "添加附件",
}


def next_events(status: str) -> list[Event]:
    return [e for (s, e) in TRANSITIONS if s == status]


def _allowed_text(status: str) -> str:
    steps = [EVENT_ZH[e] for e in next_events(status)]
    return "、".join(steps) if steps else "无（已是最终状态）"


def _allowed_text_en(status: str) -> str:
    steps = [e.value for e in next_events(status)]
    return ", ".join(steps) if steps else "none (final status)"


def transition(status: str, event: Event) -> Transition:
    """The declared transition, or a Conflict naming the current status and the allowed steps."""
    found = TRANSITIONS.get((AccountStatus(status), event))
    if found is None:
        raise Conflict(
            f"当前状态为“{STATUS_ZH[status]}”，不能办理“{EVENT_ZH[event]}”。可办理：{_allowed_text(status)}。",
            f"The account is '{status}'; '{event.value}' is not allowed. Allowed next: {_allowed_text_en(status)}.",
        )
    return found


def fire(account: Account, event: Event) -> tuple[str, str]:
    """Move the account along the table (guards already checked by the caller): (before, after)."""
    before = account.status
    account.status = transition(before, event).target.value
    return before, account.status


def check_change(status: str, change: str) -> None:
    if AccountStatus(status) not in CHANGES[change]:
        allowed = "、".join(STATUS_ZH[s] for s in CHANGES[change])
        raise Conflict(
            f"当前状态为“{STATUS_ZH[status]}”，不能办理“{CHANGE_ZH[change]}”（仅限：{allowed}）。",
            f"The account is '{status}'; '{change}' is allowed only when "
            f"{', '.join(s.value for s in CHANGES[change])}.",
        )
