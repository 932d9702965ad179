"""What is wrong with a database file, told apart before anything opens it for writing.

An admin acts on these words: "restore a backup" replaces good data with older data, so it is said
only for real damage (SQLite's own check reports corruption, or the hash chain does not verify).
A missing, empty or foreign file, a newer schema, a read-only file or folder, a lock held by
another program and a network share each get their own words and their own ``kind``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

from gasdesk.services.core.errors import DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afs", "ncpfs", "davfs"}
_CREATE_HINT = ("要在这里新建数据库，请用 gasdesk db create --db 文件。",
                "To make a new database there, use gasdesk db create --db FILE.")


def is_network_path(path: str) -> bool:
    """True for UNC paths, mapped network drives and network file systems."""
    if path.startswith(("\\\\", "//")):
        return True
    if os.name == "nt":
        drive = PureWindowsPath(path).drive
        if drive:
            import ctypes

            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE
        return False
    return _mount_fstype(path) in _NETWORK_FS


def _mount_fstype(path: str) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = PurePosixPath(os.path.realpath(path))
    best, best_type = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == PurePosixPath(mount_point) or PurePosixPath(mount_point) in target.parents) and len(
            mount_point
        ) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def refuse_network_path(path: str) -> None:
    """WAL and file locks do not work over network file systems: say so and stop."""
    if is_network_path(path):
        raise DatabaseError(
            f"数据库文件在网络共享上（{path}）。SQLite 在网络文件系统上无法可靠加锁，可能损坏数据。"
            "请把数据库放在本机磁盘上；多个柜台共用请使用 PostgreSQL 服务器。",
            f"The database file is on a network share ({path}). SQLite cannot lock reliably over a "
            "network file system and may corrupt data. Keep it on a local disk; to share it between "
            "counters use a PostgreSQL server.",
            kind="network",
        )


def is_empty(path: Path) -> bool:
    """A zero-byte file (with no write-ahead log holding its first pages)."""
    wal = Path(f"{path}-wal")
    return path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0)


def vet(path: str, *, create: bool = False, write: bool = True) -> None:
    """Refuse, in words, a file SQLite cannot keep safe, before anything opens it.

    ``create`` lets a missing or empty file become a new database (the folder must exist);
    ``write=False`` (``db check``) accepts a read-only file and folder, to check them read-only."""
    refuse_network_path(path)
    p = Path(path)
    if p.is_dir():
        raise DatabaseError(f"这是一个文件夹，不是数据库文件：{path}", f"This is a folder, not a database file: {path}",
                            kind="folder")
    if not p.exists():
        if not p.parent.is_dir():
            raise DatabaseError(
                f"数据库所在的文件夹不存在：{p.parent}。请检查路径是否写错；程序不会自己建文件夹。",
                f"The database's folder does not exist: {p.parent}. Check the path for a typo; gasdesk "
                "does not make folders on its own.", kind="missing")
        if not create:
            raise DatabaseError(f"数据库文件不存在：{path}。请检查路径是否写错。" + _CREATE_HINT[0],
                                f"The database file does not exist: {path}. Check the path. " + _CREATE_HINT[1],
                                kind="missing")
        _need_writable_folder(p)
        return
    if not os.access(p, os.R_OK):
        raise DatabaseError(f"没有权限读取数据库文件：{path}。请管理员检查文件权限。",
                            f"No permission to read the database file: {path}. Ask an administrator to check "
                            "its permissions.", kind="unreadable")
    if is_empty(p):
        if not create:
            raise DatabaseError(
                f"数据库文件是空的（0 字节）：{path}。它不是可用的数据库，程序没有改动它；请检查是否选错了文件。"
                + _CREATE_HINT[0],
                f"The database file is empty (0 bytes): {path}. It is not a usable database and was left as "
                "it is; check that this is the right file. " + _CREATE_HINT[1], kind="empty")
    else:
        with p.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
        if head != SQLITE_HEADER:
            raise DatabaseError(
                f"这不是 SQLite 数据库文件：{path}。请检查是否选错了文件（它没有被改动）。",
                f"This is not a SQLite database file: {path}. Check that this is the right file (it was "
                "not changed).", kind="not_sqlite")
    if write:
        if not os.access(p, os.W_OK):
            raise DatabaseError(
                f"数据库文件是只读的：{path}。文件没有损坏，不需要恢复备份；但程序无法保存任何操作。"
                "请管理员给这个文件写权限（只检查可用 gasdesk db check）。",
                f"The database file is read-only: {path}. It is not damaged and needs no restore, but nothing "
                "can be saved. Ask an administrator to make it writable (gasdesk db check works read-only).",
                kind="read_only")
        _need_writable_folder(p)


def _need_writable_folder(p: Path) -> None:
    folder = p.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseError(
            f"数据库所在的文件夹不可写：{folder}。SQLite 要在数据库旁边写日志文件（-wal、-shm）。"
            "数据库文件没有损坏，不需要恢复备份；请管理员给这个文件夹写权限（只检查可用 gasdesk db check）。",
            f"The database's folder is not writable: {folder}. SQLite writes its log files (-wal, -shm) "
            "beside the database. The file is not damaged and needs no restore; ask an administrator to "
            "make the folder writable (gasdesk db check works read-only).", kind="folder_read_only")


def classify(exc: BaseException) -> DatabaseError | None:
    """SQLite's low-level failures in words a clerk or an admin can act on; None when it is not one."""
    msg = str(exc).lower()
    if "disk is full" in msg or ("disk i/o error" in msg and "full" in msg):
        return DatabaseError(
            "磁盘已满，操作没有保存。请清理磁盘空间后重试，数据未被改动。",
            "The disk is full; nothing was saved. Free some disk space and try again; no data was changed.",
            kind="disk_full")
    if "database is locked" in msg or "database is busy" in msg or "lock timeout" in msg:
        return DatabaseError(
            "数据库正被另一个柜台或程序占用（已加锁），请稍后重试。若一直如此，请关闭打开这个文件的其他程序"
            "（例如数据库查看工具）。文件没有损坏。",
            "The database is locked by another counter or program; try again in a moment. If it stays "
            "locked, close the other program that has the file open (a database browser, say). The file "
            "is not damaged.", kind="locked")
    if "malformed" in msg or "not a database" in msg or "disk image" in msg or "corrupt" in msg:
        return damaged([str(exc)])
    if "readonly" in msg or "read-only" in msg:
        return DatabaseError(
            "数据库文件或它的文件夹是只读的，无法保存。文件没有损坏；请管理员检查权限。",
            "The database file or its folder is read-only; nothing can be saved. The file is not "
            "damaged; ask an administrator to check the permissions.", kind="read_only")
    if "unable to open" in msg:
        return DatabaseError(
            "无法打开数据库文件（路径或权限不对，或文件夹不可写）。文件没有被改动；请检查路径和权限。",
            "The database file cannot be opened (wrong path or permissions, or a read-only folder). It "
            "was not changed; check its path and permissions.", kind="unreadable")
    return None


def damaged(problems: list[str]) -> DatabaseError:
    """Real damage: the one case where restoring a backup is the advice."""
    listed = "\n".join(f"  {p}" for p in problems[:5])
    return DatabaseError(
        "数据库文件已损坏（SQLite 的完整性检查未通过），程序不会写入它。"
        "请由管理员从备份恢复：gasdesk restore 备份文件。\n" + listed,
        "The database file is damaged (SQLite's integrity check failed); gasdesk will not write to it. Ask an "
        "administrator to restore a backup: gasdesk restore FILE.\n" + listed, kind="damaged")


def read_only_connection(path: str) -> sqlite3.Connection:
    """A connection that can write nothing, for checking a file as it is (even a read-only one).

    A WAL file in a folder that cannot be written has no shared-memory file to open; then the file
    is read as immutable, which is safe because nobody can be writing it either."""
    uri = Path(path).resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=5)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc).lower() and "readonly" not in str(exc).lower():
            raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True)
