"""Opening a database for use: vet the file, check it, copy it aside and upgrade it."""

from __future__ import annotations

import os

from gasdesk import migrate
from gasdesk.db import Database, ensure_sound, open_database
from gasdesk.services.core.errors import DatabaseError


def prepare(target: str | os.PathLike[str], *, create: bool = True, upgrade: bool = True) -> Database:
    """Open the database, refuse a damaged or newer one, and migrate it to head."""
    db = open_database(target, create=create)
    try:
        ensure_sound(db)
        migrate.refuse_newer(db)
        db.use_wal()  # only now: a damaged or newer file is left exactly as it was
        if upgrade:
            try:
                migrate.upgrade(db)
            except DatabaseError:
                raise
            except Exception as exc:
                from gasdesk.db import translate_operational

                raise (translate_operational(getattr(exc, "orig", exc)) or DatabaseError(
                    f"数据库升级失败，数据库未被改动：{exc}", f"The database upgrade failed; nothing was changed: {exc}"
                )) from exc
    except BaseException:
        db.dispose()
        raise
    return db
