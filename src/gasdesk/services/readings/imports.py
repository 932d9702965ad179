"""Importing a handheld's or a spreadsheet's file of readings: all of its good rows, or none.

The file is read (files.py: encodings, XLSX, headers), every row becomes a ``ReadingInput``
and the whole file goes through ``store.submit`` in the caller's one transaction: the accepted
and held rows are stored together or not at all, a row already stored (or repeated in the
file) counts as already imported, so importing the same file twice stores nothing the second
time. The rejected rows go to ``<stem>.rejected.csv`` beside the file, written after the
caller commits (``write_rejects``); a run with none rejected removes an old rejects file, so
what lies beside the input always belongs to its last import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from gasdesk.services.core.actor import Actor
from gasdesk.services.core.changes import Changed
from gasdesk.services.core.permissions import require
from gasdesk.services.readings import files, store
from gasdesk.services.readings.files import FileRow, ReadingFile
from gasdesk.services.readings.store import BatchResult, ReadingInput

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportResult(Changed):
    path: Path
    encoding: str
    rows: int
    batch: BatchResult
    dry_run: bool
    source: ReadingFile

    def counts(self) -> dict[str, int]:
        return self.batch.counts()

    def rejected_rows(self) -> list[tuple[FileRow, str, str]]:
        return [(row, o.reason_code or "", o.message)
                for row, o in zip(self.source.rows, self.batch.outcomes, strict=True) if o.outcome == "rejected"]


def to_input(row: FileRow) -> ReadingInput:
    f = row.fields
    date_text, kind_text = f.get("date", ""), f.get("kind", "")
    return ReadingInput(account=f.get("account", ""), meter=f.get("meter", ""), value=f.get("reading", ""),
                        read_on=files.parse_date(date_text), date_text=date_text,
                        kind=files.parse_kind(kind_text), kind_text=kind_text, note=f.get("note", ""))


def read(path: str | Path, progress: Progress | None = None) -> ReadingFile:
    """The file, read and refused in words before any database work (the GUI reads it in the background)."""
    return files.read_file(path, progress)


def import_file(
    session: Session, actor: Actor, source: ReadingFile, *, dry_run: bool = False
) -> ImportResult:
    """Check every row of ``source`` and (unless ``dry_run``) store its good rows in this transaction."""
    require(session, actor, "reading.enter")
    inputs = [to_input(r) for r in source.rows]
    batch = store.submit(session, actor, inputs, source="import", store=not dry_run,
                         audit_after={"file": source.path.name, "rows": len(inputs), "encoding": source.encoding})
    return ImportResult(source.path, source.encoding, len(inputs), batch, dry_run, source, changes=batch.changes)


def write_rejects(result: ImportResult) -> Path | None:
    """The rejects file beside the input (after the commit); an old one goes when none was rejected."""
    rejected = result.rejected_rows()
    if rejected:
        return files.write_rejects(result.source, rejected)
    stale = files.rejects_path(result.path)
    if stale.is_file():
        stale.unlink()
    return None
