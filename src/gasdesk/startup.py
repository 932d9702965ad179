"""Opening a database for use: vet the file, check it, copy it aside and upgrade it.

Damage is looked for before anything is written, but the full quick_check reads the whole file
(about 2 s at 500,000 accounts), so a command or the window runs it at the first start of each
day per file, and records the day in the file itself; ``db check``, backups and restores always
check the whole file.
"""

from __future__ import annotations

import os
from datetime import date

from gasdesk import dbfile, migrate
from gasdesk.db import Database, ensure_sound, open_database
from gasdesk.services.core.errors import DatabaseError


def prepare(target: str | os.PathLike[str], *, create: bool = False, upgrade: bool = True) -> Database:
    """Open the database, refuse a damaged, foreign or newer one, and migrate it to head.

    Only ``create`` (the program's first start on its own file, ``db create``, ``demo``) turns a
    missing or empty file into a new database."""
    db = open_database(target, create=create)
    try:
        today = date.today()
        check = db.is_sqlite and db.checked_on() != today
        if check:
            ensure_sound(db)
        migrate.refuse_unusable(db, create=create)
        db.use_wal()  # only now: a damaged, foreign or newer file is left exactly as it was
        if upgrade:
            _upgrade(db)
        if check:
            db.mark_checked(today)
    except BaseException:
        db.dispose()
        raise
    return db


def _upgrade(db: Database) -> None:
    try:
        migrate.upgrade(db)
    except DatabaseError:
        raise
    except Exception as exc:
        raise (dbfile.classify(getattr(exc, "orig", exc)) or DatabaseError(
            f"数据库升级失败，数据库未被改动：{exc}", f"The database upgrade failed; nothing was changed: {exc}"
        )) from exc
