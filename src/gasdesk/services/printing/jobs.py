"""Print jobs: every print of a document that reached a printer or a file, and every failed one.

The first job of a document that was printed or saved without the copy mark makes its original;
every later print is a copy (副本). A failed job does not use the original up. A document
service asks ``next_is_copy`` before rendering, so the PDF carries the mark it must carry, and
the program records the job once the spool or the file write is over (``record``), in a
transaction of its own: "print only after commit". The rows are append-only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gasdesk.models import PrintJob
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Change, Changed
from gasdesk.services.core.errors import ValidationError

OUTCOMES = ("printed", "saved", "failed")
DONE = ("printed", "saved")  # the outcomes that make an original


@dataclass(frozen=True)
class Document:
    """What a print job of a rendered document records: which document, and whether the PDF is a copy."""

    kind: str  # e.g. gas_on_sheet, receipt
    id: str
    copy: bool


@dataclass(frozen=True)
class JobRecorded(Changed):
    job_id: int
    outcome: str
    original: bool  # this job made the document's original


def is_printed(session: Session, kind: str, document_id: object) -> bool:
    """Whether the document's original exists: a job printed or saved without the copy mark."""
    return session.scalar(
        select(PrintJob.id).where(
            PrintJob.document_kind == kind, PrintJob.document_id == str(document_id),
            PrintJob.outcome.in_(DONE), PrintJob.copy.is_(False)).limit(1)
    ) is not None


def next_is_copy(session: Session, kind: str, document_id: object) -> bool:
    """Original or copy? True when the next print of the document must carry the 副本 mark."""
    return is_printed(session, kind, document_id)


def prepare(session: Session, kind: str, document_id: object) -> Document:
    """The print job a document service is about to render for: its copy flag decided now."""
    return Document(kind, str(document_id), next_is_copy(session, kind, document_id))


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def record(session: Session, actor: Actor, document_kind: str, document_id: object, *, copy: bool, target: str,
           outcome: str, error: str = "") -> JobRecorded:
    """Write one print job (run it as a write, after the spool or the file write is over).

    ``target`` is the printer's name or the file's path; ``error`` what went wrong (failed)."""
    if outcome not in OUTCOMES:
        raise ValidationError(f"打印结果只能是 {'、'.join(OUTCOMES)}：{outcome}",
                              f"A print outcome is one of {', '.join(OUTCOMES)}: {outcome}")
    kind, doc_id = str(document_kind).strip(), str(document_id).strip()
    if not kind or len(kind) > 40 or len(doc_id) > 40:
        raise ValidationError(f"打印的单据不明：{kind} {doc_id}", f"The printed document is not named: {kind} {doc_id}")
    original = outcome in DONE and not copy and not is_printed(session, kind, doc_id)
    job = PrintJob(document_kind=kind, document_id=doc_id, copy=copy, user_id=actor.user_id,
                   counter_id=actor.counter_id, target=_clip(target, 200), outcome=outcome,
                   error=_clip(error if outcome == "failed" else "", 200))
    session.add(job)
    session.flush()
    return JobRecorded(job.id, outcome, original, changes=frozenset({Change.PRINT}))


def record_document(session: Session, actor: Actor, document: Document, *, target: str, outcome: str,
                    error: str = "") -> JobRecorded:
    """``record`` for a document a service prepared (what the print thread and the CLI call)."""
    return record(session, actor, document.kind, document.id, copy=document.copy, target=target, outcome=outcome,
                  error=error)
