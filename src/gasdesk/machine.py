"""What this PC remembers about itself (the window writes it: gasdesk-ui.ini in the data folder),
read without Qt so the command line knows this PC's counter too."""

from __future__ import annotations

import configparser

from gasdesk.paths import data_dir

PREFS_FILE = "gasdesk-ui.ini"


def local_counter() -> str:
    """The counter this PC last signed in at ("" when it never did or the file is unreadable)."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(data_dir() / PREFS_FILE, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return ""
    return parser.get("General", "counter", fallback="").strip()
