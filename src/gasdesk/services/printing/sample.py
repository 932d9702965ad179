"""A test page for each paper: what an administrator prints to check a printer, and what the
print core's tests render (Chinese text, a few rows, an amount in figures and in words)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from gasdesk.money import amount_in_words
from gasdesk.services.core import settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.printing.document import Col, Sheet, Table, sheet_pdf
from gasdesk.services.printing.fonts import PdfFont, configured_font
from gasdesk.services.printing.pages import page_kind

TITLE = "打印测试页"
ROWS = (
    ("管道燃气费（居民）", "32.000", Decimal("99.20")),
    ("燃气表检定费", "1", Decimal("30.00")),
    ("点火通气服务费", "1", Decimal("50.00")),
)
TOTAL = sum((amount for _item, _qty, amount in ROWS), Decimal("0.00"))


def sample_pdf(page: str = "roll80", *, office: str = "", printed_by: str = "", copy_mark: bool = False,
               font: PdfFont | None = None, invariant: bool = False, printed_at: datetime | None = None) -> bytes:
    """A test page on ``page`` (a name in pages.PAGE_KINDS), as wide as that paper allows."""
    kind = page_kind(page)
    width = kind.frame_width / (72 / 25.4)  # millimetres
    amount_mm = 22.0
    qty_mm = 14.0
    columns = [Col("项目", width - qty_mm - amount_mm), Col("数量", qty_mm, "count"),
               Col("金额（元）", amount_mm, "money")]
    table = Table(TITLE, [list(row) for row in ROWS], columns, numbered=False)
    return sheet_pdf(
        Sheet(
            TITLE,
            [table],
            subtitle_lines=[f"纸张：{kind.label}    打印宽度 {width:.0f} mm"],
            office=office,
            printed_by=printed_by,
            page=page,
            footer_lines=[f"合计：¥{TOTAL:,.2f}", f"大写：{amount_in_words(TOTAL)}",
                          "中文、数字与边框都应清晰完整，右边不被截断。"],
            copy_mark=copy_mark,
        ),
        font=font, invariant=invariant, printed_at=printed_at,
    )


def printer_test_page(session: Session, actor: Actor, page: str) -> bytes:
    """The office's test page on ``page``: its name, its print font, who printed it (a read)."""
    return sample_pdf(page, office=settings.get(session, "office_name"), printed_by=actor.name or actor.login,
                      font=configured_font(session))
