"""Personal data is masked for every role; a pii.view role reveals one field at a time, each
reveal audited (account and field, never the value); other roles are refused in words."""

from __future__ import annotations

import pytest
from accounts_support import Office, make_id, refused
from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import Account, AuditEntry
from gasdesk.services.accounts import page, reveal
from gasdesk.services.accounts.search import search
from gasdesk.services.core import labels
from gasdesk.services.core.errors import PermissionDenied, ValidationError
from gasdesk.services.core.runner import run


def _audit(s: Session) -> list[AuditEntry]:
    return list(s.scalars(select(AuditEntry).where(AuditEntry.action.like("account.reveal%"))
                          .order_by(AuditEntry.id)))


def _account(office: Office) -> tuple[int, str]:
    idn = make_id(431)
    aid = office.account_at("numbered", id_number=idn)
    with office.db.write() as s:
        s.get(Account, aid).phone2 = "010-87654321"  # type: ignore[union-attr]
    return aid, idn


def test_every_role_sees_masked_values_on_the_page_and_in_the_search(office: Office) -> None:
    aid, idn = _account(office)
    with office.db.read() as s:
        for actor in (office.clerk, office.supervisor, office.reader):
            shown = page.account_detail(s, actor, aid).summary
            assert (shown.id_number, shown.phone, shown.phone2) == (
                f"110***********{idn[-4:]}", "138****5678", "010-****4321"), actor.role
            assert [h.phone for h in search(s, actor, "张三")] == ["138****5678"], actor.role


def test_a_pii_role_reveals_one_field_and_each_reveal_is_one_audit_row(office: Office) -> None:
    aid, idn = _account(office)
    with office.db.write() as s:
        assert reveal.reveal(s, office.clerk, aid, "id_number") == reveal.Revealed(aid, "id_number", idn)
    with office.db.write() as s:
        assert reveal.reveal(s, office.supervisor, aid, "phone").value == "13812345678"
    with office.db.write() as s:
        assert reveal.reveal(s, office.clerk, aid, "phone2").value == "010-87654321"
    with office.db.write() as s:
        reveal.reveal(s, office.clerk, aid, "id_number")  # again: audited again
    with office.db.read() as s:
        rows = _audit(s)
        assert [(r.login, r.action, r.entity, r.entity_id) for r in rows] == [
            ("clerk", "account.reveal_id_number", "account", str(aid)),
            ("supervisor", "account.reveal_phone", "account", str(aid)),
            ("clerk", "account.reveal_phone2", "account", str(aid)),
            ("clerk", "account.reveal_id_number", "account", str(aid)),
        ]
        for r in rows:  # the clear value is nowhere in the row
            text = " ".join(str(v) for v in (r.before, r.after, r.entity_id, r.action))
            assert idn not in text and "13812345678" not in text and "87654321" not in text
        # the account's history names each reveal, in words
        history = page.account_history(s, office.supervisor, aid)
        assert [labels.text(labels.AUDIT_ACTION, h.action) for h in history[:3]] == [
            "查看完整证件号码", "查看完整备用电话", "查看完整电话"]


def test_a_role_without_pii_view_is_refused_in_words_and_the_refusal_is_on_record(office: Office) -> None:
    aid, _idn = _account(office)
    err = refused(office.db, lambda s: reveal.reveal(s, office.reader, aid, "phone"), PermissionDenied)
    assert err.zh == ("您的角色（抄表员）无权执行此操作：查看完整证件号码和电话。如需办理，请联系主管或管理员。")
    with pytest.raises(PermissionDenied):
        run(office.db, office.reader, lambda s: reveal.reveal(s, office.reader, aid, "id_number"))
    with office.db.read() as s:
        assert _audit(s) == []
        denied = s.scalars(select(AuditEntry).where(AuditEntry.action == "permission.denied")).all()
        assert [(d.login, d.entity_id) for d in denied] == [("reader", "pii.view")]


def test_only_the_holder_fields_can_be_revealed(office: Office) -> None:
    aid, _idn = _account(office)
    err = refused(office.db, lambda s: reveal.reveal(s, office.clerk, aid, "holder_id_number"), ValidationError)
    assert err.zh == "无法显示“holder_id_number”：只能显示证件号码或电话。"
