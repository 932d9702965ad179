"""Labels in one place: every code the program shows has its name in both languages."""

from __future__ import annotations

from gasdesk.models import AccountStatus, AccountType
from gasdesk.models.users import Role
from gasdesk.services import ledger
from gasdesk.services.accounts import attachments
from gasdesk.services.accounts.states import AccountEvent
from gasdesk.services.core import labels
from gasdesk.services.core.errors import set_language
from gasdesk.services.core.permissions import PERMISSIONS


def _complete(table: labels.Table, codes: object) -> None:
    missing = [c for c in codes if str(c) not in table]  # type: ignore[attr-defined]
    assert missing == []
    assert all(label.zh and label.en for label in table.values())


def test_every_permission_has_its_name_and_no_name_is_left_over() -> None:
    assert set(labels.PERMISSION) == set(PERMISSIONS)
    _complete(labels.PERMISSION, PERMISSIONS)


def test_every_role_status_type_event_kind_and_method_has_both_names() -> None:
    _complete(labels.ROLE, Role)
    _complete(labels.ACCOUNT_STATUS, AccountStatus)
    _complete(labels.ACCOUNT_TYPE, AccountType)
    _complete(labels.ACCOUNT_EVENT, AccountEvent)
    _complete(labels.LEDGER_KIND, [*ledger.KINDS, "reversal"])
    _complete(labels.PAYMENT_METHOD, ledger.METHODS)
    _complete(labels.ATTACHMENT_KIND, attachments.KINDS)
    _complete(labels.AUDIT_ACTION, [f"account.{e.value}" for e in AccountEvent])


def test_a_label_speaks_the_chosen_language_and_an_unknown_code_shows_as_itself() -> None:
    set_language("en")
    assert labels.text(labels.ACCOUNT_STATUS, AccountStatus.IN_SERVICE) == "In service"
    set_language("zh")
    assert labels.text(labels.ACCOUNT_STATUS, "in_service") == "在用"
    assert labels.text(labels.ACCOUNT_STATUS, "in_service", "en") == "In service"
    assert labels.text(labels.ACCOUNT_STATUS, "no_such_status") == "no_such_status"
    assert labels.text(labels.ACCOUNT_STATUS, None) == ""
    assert labels.joined(labels.PAYMENT_METHOD, ["cash", "wechat"]) == "现金、微信"
    assert labels.joined(labels.PAYMENT_METHOD, ["cash", "wechat"], "en") == "Cash, WeChat Pay"
