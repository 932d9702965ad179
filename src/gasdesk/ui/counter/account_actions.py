"""The actions an account page can offer: the button's title, its key and the dialog it opens.

Which of them a user sees comes from the services (AccountDetail.allowed_actions); this table
only says how each one looks and what it opens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QKeySequence

from gasdesk.ui.counter import change_dialogs, opening_dialogs, payment_dialog, refund_dialog
from gasdesk.ui.counter.base import CounterDialog

DialogFactory = Callable[..., CounterDialog]


@dataclass(frozen=True)
class Action:
    name: str  # an AccountDetail.allowed_actions value
    title: str  # English source, context "AccountPage"
    key: str
    dialog: DialogFactory


# In the order the buttons appear. Keys shared by two actions never show together
# (their states are disjoint: register vs replace a meter, start service vs resume).
ACTIONS: dict[str, Action] = {a.name: a for a in (
    # 收费: the counter's most frequent action, on Alt+S.
    Action("post_payment", QT_TRANSLATE_NOOP("AccountPage", "Take payment…"), "Alt+S", payment_dialog.PaymentDialog),
    # 退款: prepayment or a deposit paid back (K for 退款 tuìkuǎn), far from Alt+S.
    Action("refund_held", QT_TRANSLATE_NOOP("AccountPage", "Refund prepayment/deposit…"), "Alt+K",
           refund_dialog.RefundHeldDialog),
    Action("sign", QT_TRANSLATE_NOOP("AccountPage", "Sign contract…"), "Alt+C", opening_dialogs.ContractDialog),
    Action("number", QT_TRANSLATE_NOOP("AccountPage", "Assign number…"), "Alt+N", opening_dialogs.AssignNumberDialog),
    Action("plan_install", QT_TRANSLATE_NOOP("AccountPage", "Plan installation…"), "Alt+P",
           opening_dialogs.PlanInstallDialog),
    Action("install", QT_TRANSLATE_NOOP("AccountPage", "Installed…"), "Alt+I", opening_dialogs.InstalledDialog),
    Action("gas_on", QT_TRANSLATE_NOOP("AccountPage", "Gas on…"), "Alt+G", opening_dialogs.GasOnDialog),
    Action("start_service", QT_TRANSLATE_NOOP("AccountPage", "Put in service…"), "Alt+E",
           opening_dialogs.StartServiceDialog),
    Action("resume", QT_TRANSLATE_NOOP("AccountPage", "Resume supply…"), "Alt+E", change_dialogs.ResumeDialog),
    Action("rename", QT_TRANSLATE_NOOP("AccountPage", "Rename…"), "Alt+R", change_dialogs.RenameDialog),
    Action("transfer", QT_TRANSLATE_NOOP("AccountPage", "Transfer…"), "Alt+T", change_dialogs.TransferDialog),
    Action("update_phones", QT_TRANSLATE_NOOP("AccountPage", "Phones…"), "Alt+D", change_dialogs.PhonesDialog),
    Action("register_meter", QT_TRANSLATE_NOOP("AccountPage", "Register meter…"), "Alt+M",
           change_dialogs.RegisterMeterDialog),
    Action("replace_meter", QT_TRANSLATE_NOOP("AccountPage", "Replace meter…"), "Alt+M",
           change_dialogs.ReplaceMeterDialog),
    Action("suspend", QT_TRANSLATE_NOOP("AccountPage", "Suspend…"), "Alt+U", change_dialogs.SuspendDialog),
    # 销户结算 empties the account for closing; its key sits by Alt+X (close), away from taking money.
    Action("settle", QT_TRANSLATE_NOOP("AccountPage", "Closing settlement…"), change_dialogs.SETTLE_KEY,
           change_dialogs.SettleDialog),
    Action("close", QT_TRANSLATE_NOOP("AccountPage", "Close account…"), "Alt+X", change_dialogs.CloseDialog),
    Action("attach", QT_TRANSLATE_NOOP("AccountPage", "Attach file…"), "Alt+A", change_dialogs.AttachDialog),
)}


def key_text(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
