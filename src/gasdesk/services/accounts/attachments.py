"""Files attached to an account (contract scans, ID photos), stored by content hash.

Bytes live at data_dir()/attachments/<sha256[:2]>/<sha256>; the row is written in the
caller's transaction. A file written for a transaction that then rolls back is harmless:
it is content-addressed and simply unreferenced.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.files import private_folder, write_atomic
from gasdesk.models import AccountStatus, Attachment, User
from gasdesk.paths import data_dir
from gasdesk.services.accounts.records import load
from gasdesk.services.accounts.states import MACHINE
from gasdesk.services.core import audit, labels
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed, changed
from gasdesk.services.core.errors import NotFound, ValidationError
from gasdesk.services.core.permissions import require

KINDS = labels.ATTACHMENT_KIND
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentInfo(Changed):
    id: int
    account_id: int
    kind: str
    filename: str
    sha256: str
    size: int
    added_by: str
    added_at: datetime


def attachment_rows(session: Session, account_id: int) -> list[AttachmentInfo]:
    q = (
        select(Attachment, User.login)
        .join(User, User.id == Attachment.added_by)
        .where(Attachment.account_id == account_id)
        .order_by(Attachment.id)
    )
    return [
        AttachmentInfo(a.id, a.account_id, a.kind, a.filename, a.sha256, a.size, login, a.added_at)
        for a, login in session.execute(q)
    ]


def store_path(sha256: str) -> Path:
    return data_dir() / "attachments" / sha256[:2] / sha256


def _write(data: bytes, sha: str) -> None:
    path = store_path(sha)
    if path.exists() and path.stat().st_size == len(data):
        return
    private_folder(path.parent)
    write_atomic(path, data)  # scans of ID cards and contracts: owner-only, like every file gasdesk writes


def add(session: Session, actor: Actor, account_id: int, *, kind: str, filename: str, data: bytes) -> AttachmentInfo:
    require(session, actor, "account.change")
    account = load(session, account_id)
    MACHINE.check_action(AccountStatus(account.status), "attach")
    if kind not in KINDS:
        raise ValidationError(f"附件类型无效：{kind}", f"Invalid attachment kind: {kind}")
    if not data:
        raise ValidationError("文件是空的。", "The file is empty.")
    if len(data) > MAX_BYTES:
        raise ValidationError("文件太大（最大 20 MB）。", "The file is too large (20 MB at most).")
    name = Path(filename or "file").name[:200]
    sha = hashlib.sha256(data).hexdigest()
    _write(data, sha)
    row = Attachment(account_id=account.id, kind=kind, filename=name, sha256=sha, size=len(data),
                     added_by=actor.user_id)
    session.add(row)
    session.flush()
    audit.record(session, actor, "account.attach", "account", account.id,
                 after={"kind": kind, "filename": name, "sha256": sha, "size": len(data)})
    return changed(next(a for a in attachment_rows(session, account.id) if a.id == row.id), Change.ACCOUNT)


def list_for(session: Session, actor: Actor, account_id: int) -> list[AttachmentInfo]:
    require(session, actor, "account.view")
    load(session, account_id)
    return attachment_rows(session, account_id)


def read(session: Session, actor: Actor, attachment_id: int) -> bytes:
    """The file's bytes, checked against the stored hash."""
    require(session, actor, "account.view")
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise NotFound("附件不存在。", "The attachment does not exist.")
    path = store_path(row.sha256)
    try:
        data = path.read_bytes()
    except OSError:
        raise NotFound(f"附件文件丢失：{path}", f"The attachment file is missing: {path}") from None
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise NotFound(f"附件文件已损坏：{path}", f"The attachment file is damaged: {path}")
    return data
