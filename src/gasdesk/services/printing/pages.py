"""The papers gasdesk prints on: A4 and A5 sheets and the 80 mm thermal roll.

A sheet has a fixed size and numbered pages. The roll is 80 mm wide with 72 mm printable (a
receipt printer cannot print its 4 mm edges) and as long as its content: the renderer measures
the flowables and makes one page of exactly that height, with no page number. Each printout is
printed 1:1 on its own paper, never scaled to fit.

The printer a page prints on is chosen per printer class (``PageKind.printer``): a receipt
printer for the roll, an office printer for A4 and A5.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm

from gasdesk.services.core.errors import ValidationError

ROLL_WIDTH_MM = 80.0
ROLL_PRINTABLE_MM = 72.0
ROLL = "roll80"


@dataclass(frozen=True)
class PageKind:
    name: str
    width: float  # points
    height: float | None  # points; None: as long as the content (a roll)
    margins_mm: tuple[float, float, float, float]  # left, right, top, bottom
    printer: str  # which configured printer prints it: "roll" or the sheet size ("A4", "A5")
    label: str  # what the paper is called on a printout
    base_size: float = 9.5  # body text size, points

    @property
    def roll(self) -> bool:
        return self.height is None

    @property
    def numbered(self) -> bool:
        """Sheets carry a footer with the page number; a roll is one page and carries none."""
        return not self.roll

    @property
    def frame_width(self) -> float:
        left, right, _top, _bottom = self.margins_mm
        return self.width - (left + right) * mm


_SHEET_MARGINS = (12.0, 12.0, 14.0, 14.0)
_A5_MARGINS = (10.0, 10.0, 12.0, 12.0)
_ROLL_SIDE = (ROLL_WIDTH_MM - ROLL_PRINTABLE_MM) / 2

PAGE_KINDS: dict[str, PageKind] = {
    "A4": PageKind("A4", A4[0], A4[1], _SHEET_MARGINS, "A4", "A4"),
    "A4-landscape": PageKind("A4-landscape", *landscape(A4), _SHEET_MARGINS, "A4", "A4 横向"),
    "A5": PageKind("A5", A5[0], A5[1], _A5_MARGINS, "A5", "A5"),
    "A5-landscape": PageKind("A5-landscape", *landscape(A5), _A5_MARGINS, "A5", "A5 横向"),
    ROLL: PageKind(ROLL, ROLL_WIDTH_MM * mm, None, (_ROLL_SIDE, _ROLL_SIDE, 4.0, 8.0), "roll", "80 mm 卷纸",
                   base_size=9.0),
}

# The printers a workstation is set up with, for the settings page and the print thread.
PRINTER_CLASSES = ("roll", "A4", "A5")


def page_kind(name: str) -> PageKind:
    try:
        return PAGE_KINDS[name]
    except KeyError:
        raise ValidationError(f"没有这种纸张：{name}", f"No such paper: {name}") from None


def printer_class_for_size(width: float, height: float) -> str:
    """The printer class of a PDF page of this size in points (what the UI prints it on)."""
    if abs(width - ROLL_WIDTH_MM * mm) < 1.0:
        return "roll"
    short = min(width, height)
    return "A5" if abs(short - A5[0]) < 3.0 else "A4"
