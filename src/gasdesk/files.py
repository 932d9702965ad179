"""Writing a file the user asked for: the whole file or nothing, and words when it cannot be.

Every command and dialog that writes a file (a PDF, a workbook, a screenshot) goes through
``write_atomic``: the bytes go to a temporary file in the target's folder, which is flushed and
fsynced, then renamed over the target (``os.replace``: atomic on one file system), and the folder
is fsynced where the system allows it (POSIX), so the new name survives a power loss too. A full
disk or a crash part-way leaves the old file as it was and no temporary file behind. A missing or
read-only folder is refused with a ValidationError that says so, in Chinese and English.

Nearly everything gasdesk writes holds personal data (names, ID numbers, phones, addresses), so
a file is owner-only (POSIX mode 0600) unless the caller says it is meant to be shared: a
replaced file is narrowed too. ``copy_atomic`` copies a database file the same way, and
``create_private`` makes the empty owner-only file SQLite's backup API then fills, so no byte
of a backup is ever readable by others. On Windows the modes mean little; there the default
folders (documents, the data folder) are inside the user's own profile.

Plain Python: the services, the CLI and the UI all use it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from gasdesk.services.core.errors import ValidationError

TMP_SUFFIX = ".tmp"
PRIVATE_MODE = 0o600  # personal data: the owner alone reads and writes it
SHARED_MODE = 0o644  # a file meant to be handed on (a screenshot); a replaced one keeps its mode


def check_folder(path: str | Path) -> Path:
    """The target as a Path, once its folder exists and may be written; refused with words otherwise."""
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ValidationError(f"这是一个文件夹，不是文件：{target}", f"This is a folder, not a file: {target}")
    if not folder.is_dir():
        raise ValidationError(f"文件夹不存在：{folder}", f"The folder does not exist: {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValidationError(f"文件夹不能写入（没有写权限）：{folder}",
                              f"The folder cannot be written (no permission): {folder}")
    return target


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable. Windows cannot open a folder for this: skipped there."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems do not sync folders; the file's own data is already synced
    finally:
        os.close(fd)


def write_atomic(path: str | Path, data: bytes, *, private: bool = True) -> Path:
    """Write ``data`` to ``path`` whole or not at all; returns the path written.

    ``private`` (the default): the file ends owner-only, whatever mode an old file had.
    Refusals (ValidationError): the folder is missing or read-only, or the system would not
    write (disk full, file locked by another program): the old file is then unchanged."""
    return _replace(path, lambda out: out.write(data), private=private)


def copy_atomic(source: str | Path, path: str | Path) -> Path:
    """Copy ``source`` (a database, a backup) to ``path`` whole or not at all, owner-only."""
    def fill(out: BinaryIO) -> None:
        with open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)

    return _replace(path, fill, private=True)


def create_private(path: str | Path) -> Path:
    """A new, empty, owner-only file, made before any data goes into it (a SQLite backup
    target: SQLite then writes into the file as it finds it, and gives its journal the same mode)."""
    target = check_folder(path)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_MODE)
    except OSError as exc:
        raise _refusal(target, exc) from exc
    os.close(fd)
    os.chmod(target, PRIVATE_MODE)  # the umask may only narrow the mode: say it outright
    return target


def private_folder(folder: str | Path) -> Path:
    """``folder``, made owner-only when it has to be made (``backups/`` beside the database)."""
    path = Path(folder)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _replace(path: str | Path, fill: Callable[[BinaryIO], object], *, private: bool) -> Path:
    """Fill a temporary file beside ``path``, sync it, give it its mode, rename it over ``path``."""
    target = check_folder(path)
    folder = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise _refusal(target, exc) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:  # mkstemp made it 0600: nothing is readable by others meanwhile
            fill(out)
            out.flush()
            os.fsync(out.fileno())
        if private:
            os.chmod(tmp, PRIVATE_MODE)
        elif target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, SHARED_MODE)
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _refusal(target, exc) from exc
        raise
    _fsync_folder(folder)
    return target


def _refusal(target: Path, exc: OSError) -> ValidationError:
    reason = exc.strerror or str(exc)
    return ValidationError(f"文件未能写入：{target}（{reason}）。原有文件未被改动。",
                           f"The file could not be written: {target} ({reason}). Any existing file is unchanged.")
