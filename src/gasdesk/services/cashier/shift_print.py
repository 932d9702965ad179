"""The closing sheet of one shift as printed (the office's name, its print font, who printed it)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from gasdesk.services.cashier.shift_report import ShiftReport
from gasdesk.services.cashier.shift_sheet import shift_sheet_pdf
from gasdesk.services.core import settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.printing.fonts import configured_font


def sheet_for(session: Session, actor: Actor, reports: Sequence[ShiftReport], layout: str = "a4") -> bytes:
    """The sheet of the one shift in ``reports`` (a day at a counter may hold several: name one)."""
    require(session, actor, "shift.close")
    if len(reports) != 1:
        ids = "、".join(str(r.shift_id) for r in reports) or "无"
        raise ValidationError(f"要打印日结单，请用 --shift 指定一个班次（符合条件的班次：{ids}）。",
                              f"Name one shift with --shift to print its sheet (matching: {ids or 'none'}).")
    return shift_sheet_pdf(reports[0], layout, company=settings.get(session, "office_name"),
                           printed_by=actor.name or actor.login, font=configured_font(session))
