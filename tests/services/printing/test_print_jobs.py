"""Print jobs: the first printed or saved job is the original, a failed one does not count, later ones are copies."""

from __future__ import annotations

import pytest
from accounts_support import Office
from sqlalchemy import select

from gasdesk.models import PrintJob
from gasdesk.services.core.changes import Change
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.printing import jobs

KIND = "receipt"


def record(office: Office, doc_id: object, outcome: str, *, copy: bool = False, error: str = "") -> jobs.JobRecorded:
    with office.db.write() as s:
        return jobs.record(s, office.clerk, KIND, doc_id, copy=copy, target="EPSON TM-T82", outcome=outcome,
                           error=error)


def next_is_copy(office: Office, doc_id: object) -> bool:
    with office.db.read() as s:
        return jobs.next_is_copy(s, KIND, doc_id)


def test_nothing_printed_yet_means_the_next_print_is_the_original(office: Office) -> None:
    with office.db.read() as s:
        assert jobs.is_printed(s, KIND, 1) is False
        assert jobs.prepare(s, KIND, 1) == jobs.Document(KIND, "1", copy=False)


def test_a_failed_print_does_not_use_the_original_up(office: Office) -> None:
    failed = record(office, 7, "failed", error="printer offline")
    assert failed.original is False and failed.changes == {Change.PRINT}
    assert next_is_copy(office, 7) is False
    first = record(office, 7, "printed")
    assert first.original is True
    assert next_is_copy(office, 7) is True


@pytest.mark.parametrize("outcome", ["printed", "saved"])
def test_the_first_printed_or_saved_job_is_the_original_and_later_ones_copies(office: Office, outcome: str) -> None:
    first = record(office, "A-1", outcome)
    with office.db.read() as s:
        document = jobs.prepare(s, KIND, "A-1")
    assert first.original and document.copy
    with office.db.write() as s:
        later = jobs.record_document(s, office.clerk, document, target="EPSON TM-T82", outcome="printed")
    assert later.original is False
    assert next_is_copy(office, "A-1") is True
    assert next_is_copy(office, "A-2") is False  # per document
    with office.db.read() as s:
        assert jobs.is_printed(s, "gas_on_sheet", "A-1") is False  # and per kind of document
        rows = s.scalars(select(PrintJob).where(PrintJob.document_id == "A-1").order_by(PrintJob.id)).all()
    assert [(r.outcome, r.copy, r.target) for r in rows] == [(outcome, False, "EPSON TM-T82"),
                                                            ("printed", True, "EPSON TM-T82")]
    clerk = office.clerk
    assert {(r.user_id, r.counter_id) for r in rows} == {(clerk.user_id, getattr(clerk, "counter_id", None))}
    assert all(r.error == "" and r.at is not None for r in rows)


def test_a_copy_printed_first_does_not_make_an_original(office: Office) -> None:
    assert record(office, 9, "printed", copy=True).original is False
    assert next_is_copy(office, 9) is False


def test_the_error_is_kept_only_for_a_failed_job_and_clipped_to_its_column(office: Office) -> None:
    record(office, 3, "failed", error="纸" * 500)
    record(office, 3, "printed", error="ignored")
    with office.db.read() as s:
        errors = list(s.scalars(select(PrintJob.error).where(PrintJob.document_id == "3").order_by(PrintJob.id)))
    assert len(errors[0]) == 200 and errors[0].endswith("…") and errors[1] == ""


def test_an_unknown_outcome_or_an_unnamed_document_is_refused(office: Office) -> None:
    with pytest.raises(ValidationError, match="打印结果只能是"):
        record(office, 1, "spooled")
    with pytest.raises(ValidationError, match="打印的单据不明"), office.db.write() as s:
        jobs.record(s, office.clerk, "", 1, copy=False, target="x", outcome="printed")
    with office.db.read() as s:
        assert s.scalars(select(PrintJob)).all() == []
