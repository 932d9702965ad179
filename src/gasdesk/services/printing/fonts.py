"""Finding a CJK font for PDFs: an embeddable TrueType font from the machine, else STSong-Light.

reportlab embeds TrueType outlines only (not CFF/OpenType-PostScript), so the
candidates are TrueType files: Microsoft YaHei / SimSun on Windows, WenQuanYi
or Droid/Noto TrueType builds on Linux. STSong-Light is a built-in CID font
that every PDF viewer with Adobe's Asian font pack (and poppler) can show.

The office picks its font with the ``print_font`` setting: a TrueType file's path, or a file name
in the system's font folder (``simsun.ttc``). ``configured_font(session)`` is what a service
passes to the renderers; a setting that names no usable font falls back as if it were empty.
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
from sqlalchemy.orm import Session

from gasdesk.services.core import settings

FALLBACK = "STSong-Light"


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


FONT_FOLDERS = (_windows_fonts(), Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"),
                Path("/Library/Fonts"), Path("/System/Library/Fonts"))


def _setting_path(value: str) -> Path | None:
    """The file a print_font setting names: a path as written, else a file name in a font folder."""
    path = Path(value).expanduser()
    if path.is_file() or path.is_absolute():
        return path
    for folder in FONT_FOLDERS:
        if (folder / path).is_file():
            return folder / path
        found = next(folder.glob(f"*/{path.name}"), None) if folder.is_dir() else None
        if found is not None:
            return found
    return None


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


NEEDED = "中0123456789A¥"  # what every printout prints: Chinese, figures, the amounts' sign


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
            # A font without CJK glyphs is of no use here, nor one without digits and the yuan
            # sign (DroidSansFallback has CJK only: its amounts would print blank).
            if not all(ord(c) in font.face.charToGlyph for c in NEEDED):
                return None
            pdfmetrics.registerFont(font)
    except (TTFError, OSError, KeyError):
        return None
    return PdfFont(name, True, str(path))


@cache
def cjk_font(preferred: str = "") -> PdfFont:
    """The font every printout uses. ``preferred`` is a path (the print_font setting)."""
    candidates = list(CANDIDATES)
    chosen = _setting_path(preferred.strip()) if preferred.strip() else None
    if chosen is not None:
        candidates.insert(0, (chosen, 0))
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


def configured_font(session: Session) -> PdfFont:
    """The office's print font (the print_font setting), falling back as ``cjk_font`` does."""
    return cjk_font(settings.get(session, "print_font"))
