"""Writing a file the user asked for: the whole file or nothing, and words when it cannot be.

Every command and dialog that writes a file (a PDF, a workbook, a screenshot) goes through
``write_atomic``: the bytes go to a temporary file in the target's folder, which is flushed and
fsynced, then renamed over the target (``os.replace``: atomic on one file system), and the folder
is fsynced where the system allows it (POSIX), so the new name survives a power loss too. A full
disk or a crash part-way leaves the old file as it was and no temporary file behind. A missing or
read-only folder is refused with a ValidationError that says so, in Chinese and English.

Plain Python: the services, the CLI and the UI all use it. (The attachment store and the backups
write their own way: content-addressed files, and the database's backup API.)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gasdesk.services.core.errors import ValidationError

TMP_SUFFIX = ".tmp"
NEW_FILE_MODE = 0o644  # as a program's new file usually is (mkstemp would leave it 0600)


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


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all; returns the path written.

    Refusals (ValidationError): the folder is missing or read-only, or the system would not
    write (disk full, file locked by another program): the old file is then unchanged."""
    target = check_folder(path)
    folder = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise _refusal(target, exc) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():  # keep the old file's permissions (mkstemp makes it 0600)
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, NEW_FILE_MODE)
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
