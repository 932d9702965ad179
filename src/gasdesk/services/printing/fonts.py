"""Finding a CJK font for PDFs: an embeddable TrueType font from the machine, else STSong-Light.

reportlab embeds TrueType outlines only (not CFF/OpenType-PostScript), so the
candidates are TrueType files: Microsoft YaHei / SimSun on Windows, WenQuanYi
or Droid/Noto TrueType builds on Linux. STSong-Light is a built-in CID font
that every PDF viewer with Adobe's Asian font pack (and poppler) can show.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FALLBACK = "STSong-Light"


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


# (path, subfont index in a .ttc collection)
CANDIDATES: list[tuple[Path, int]] = [
    (_windows_fonts() / "msyh.ttc", 0),
    (_windows_fonts() / "msyh.ttf", 0),
    (_windows_fonts() / "simsun.ttc", 0),
    (_windows_fonts() / "simhei.ttf", 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), 0),
    (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
    (Path("/System/Library/Fonts/STHeiti Medium.ttc"), 0),
    (Path("/Library/Fonts/Arial Unicode.ttf"), 0),
]


@dataclass(frozen=True)
class PdfFont:
    name: str
    embedded: bool
    source: str


def _try_ttf(path: Path, index: int) -> PdfFont | None:
    if not path.is_file():
        return None
    name = f"gasdesk-{path.stem}-{index}"
    try:
        if name not in pdfmetrics.getRegisteredFontNames():
            font = TTFont(name, str(path), subfontIndex=index)
            # A font without CJK glyphs is of no use here.
            if 0x4E2D not in font.face.charToGlyph:
                return None
            pdfmetrics.registerFont(font)
    except (TTFError, OSError, KeyError):
        return None
    return PdfFont(name, True, str(path))


@cache
def cjk_font(preferred: str = "") -> PdfFont:
    """The font every printout uses. ``preferred`` is a path (the print_font setting)."""
    candidates = list(CANDIDATES)
    if preferred:
        candidates.insert(0, (Path(preferred), 0))
    env = os.environ.get("GASDESK_PDF_FONT")
    if env:
        candidates.insert(0, (Path(env), 0))
    if os.environ.get("GASDESK_PDF_FONT") != FALLBACK:
        for path, index in candidates:
            found = _try_ttf(path, index)
            if found:
                return found
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    return PdfFont(FALLBACK, False, "built-in CID font" + (" (Windows)" if sys.platform == "win32" else ""))
