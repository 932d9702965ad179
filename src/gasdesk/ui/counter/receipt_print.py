"""A receipt on paper: made by the receipts service after its payment committed, shown in the
preview and sent straight to this computer's roll printer (the print job is recorded when the
spool is done). A reprint (补打) is the same with the copy mark."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from gasdesk.services.cashier import receipts
from gasdesk.services.printing import jobs
from gasdesk.ui.pdf_preview import PdfPreview
from gasdesk.ui.printer import printer_for

if TYPE_CHECKING:
    from collections.abc import Callable

    from gasdesk.ui.context import AppContext


def print_receipt(ctx: AppContext, parent: QWidget, number: str, *, reprint: bool = False, layout: str = "roll",
                  shown: Callable[[PdfPreview], None] | None = None) -> None:
    """Render the receipt (a write: a reprint is audited) and open it in a preview that prints at once."""
    actor = ctx.actor

    def show(made: tuple[jobs.Document, bytes]) -> None:
        document, pdf = made
        title = QCoreApplication.translate("Receipts", "Receipt %1").replace("%1", number)
        preview = PdfPreview(pdf, title, f"{number}.pdf", parent, ctx=ctx, document=document)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.open()
        if printer_for(preview.printer_class) is not None:  # without one the preview stays to be saved
            preview.print_now()
        if shown is not None:
            shown(preview)

    ctx.runner.submit(lambda s: receipts.render(s, actor, number, layout, reprint=reprint), show, write=True,
                      owner=parent)
