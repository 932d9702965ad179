"""``gasdesk db check``: the whole file read-only, SQLite's integrity check, the hash chain.

Nothing here writes, so a read-only file or folder is checked as it is. What cannot be checked
(missing, empty, foreign, newer, unreadable, locked) is refused in words with its ``kind``; damage
is SQLite's own findings or the first row where the chain does not verify.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from gasdesk import dbfile, migrate
from gasdesk.db import Database, normalize_url
from gasdesk.models import chain
from gasdesk.services.billing.verify import Mismatch
from gasdesk.services.core.errors import DatabaseError, ValidationError
from gasdesk.services.core.labels import Label
from gasdesk.services.core.text import shown


@dataclass(frozen=True)
class Report:
    name: str
    revision: str
    head_revision: str
    verdict: chain.Verdict | None  # None: a schema from before the chain (upgrade to get one)
    checked_on: date | None
    bills: int = 0  # posted and reversed bills recomputed
    bill_mismatches: tuple[Mismatch, ...] = ()  # those that did not come out the same
    receipts: int = 0  # receipts checked against their series and postings
    money_findings: tuple[Label, ...] = ()  # receipt gaps, receipts or closes off their postings

    @property
    def current(self) -> bool:
        return self.revision == self.head_revision

    @property
    def finding(self) -> chain.Finding | None:
        return self.verdict.finding if self.verdict else None

    def lines(self, lang: str) -> list[str]:
        en = lang == "en"
        out = [f"{self.name}: " + (f"integrity ok; schema {self.revision} (program head {self.head_revision})" if en
                                   else f"完整性检查通过；数据库版本 {self.revision}（本程序 {self.head_revision}）")]
        if self.verdict is None:
            out.append("no hash chain yet: upgrade the database (gasdesk db upgrade)" if en
                       else "还没有校验链：请先升级数据库（gasdesk db upgrade）")
        elif self.verdict.sound:
            v = self.verdict
            out.append(f"hash chain ok: {v.rows} rows, head {v.head}" if en
                       else f"校验链通过：共 {v.rows} 行，链头 {v.head}")
        if self.bills and not self.bill_mismatches:
            out.append(f"bills ok: {self.bills} recomputed to the fen" if en
                       else f"账单重算一致：共 {self.bills} 张")
        if self.receipts and not self.money_findings:
            out.append(f"receipts ok: {self.receipts}, every series without gaps, shifts equal their postings" if en
                       else f"收据核对一致：共 {self.receipts} 张，收据号连续，日结与记账相符")
        if not self.current:
            out.append("the program is newer: gasdesk db upgrade brings the file up to it" if en
                       else "本程序较新：用 gasdesk db upgrade 升级这个文件")
        return out


def parse_head(value: str | None) -> chain.Head | None:
    if value is None:
        return None
    found = chain.parse_head(value)
    if found is None:
        raise ValidationError(
            f"--head 的格式应为“行数:校验值”，如 25303:937e102ef878（校验值至少 8 位十六进制）：{shown(value)}",
            f"--head takes COUNT:HASH as printed, e.g. 25303:937e102ef878 (at least 8 hex digits): {shown(value)}")
    return found


def check(target: str | os.PathLike[str], *, head: str | None = None,
          progress: Callable[[int], None] | None = None) -> Report:
    """Check the database at ``target`` without writing to it."""
    through = parse_head(head)
    raw = os.fspath(target)
    url = normalize_url(raw)
    if url.get_backend_name() != "sqlite":
        db = Database(url=url, engine=create_engine(url, pool_pre_ping=True))
    else:
        path = url.database or ""
        if not path or path == ":memory:":
            raise DatabaseError("必须指定数据库文件。", "A database file is required.", kind="missing")
        dbfile.refuse_network_path(raw)
        dbfile.vet(path, write=False)
        engine = create_engine("sqlite://", creator=lambda: dbfile.read_only_connection(path), poolclass=StaticPool)
        db = Database(url=url, engine=engine)
    try:
        return _check(db, through, progress)
    except sqlite3.Error as exc:
        raise (dbfile.classify(exc) or dbfile.damaged([str(exc)])) from exc
    finally:
        db.dispose()


def _check(db: Database, through: chain.Head | None, progress: Callable[[int], None] | None) -> Report:
    if db.is_sqlite:
        problems = db.integrity_check()
        if problems:
            raise dbfile.damaged(problems)
    current = migrate.refuse_unusable(db)
    assert current is not None
    with db.engine.connect() as conn:
        if db.url.get_backend_name() == "postgresql":
            # One snapshot for the four tables: under READ COMMITTED each read would see what counters
            # committed by the time it began, and a posting sealed between two of them would look deleted.
            conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        verdict = chain.verify(conn, through=through, progress=progress) if _chained(conn) else None
        bills, wrong = _bills(conn)
        receipts, money = _money(conn)
        conn.rollback()
    return Report(db.display_name, current, migrate.head_revision(), verdict, db.checked_on(), bills, wrong,
                  receipts, tuple(money))


def _bills(conn: Connection) -> tuple[int, tuple[Mismatch, ...]]:
    """Every bill worked out again from its readings and the schedules (a schema with bills only)."""
    if not inspect(conn).has_table("bills"):
        return 0, ()
    from sqlalchemy import func, select

    from gasdesk.models import Bill
    from gasdesk.services.billing import verify

    with Session(bind=conn) as session:
        return (session.scalar(select(func.count()).select_from(Bill)) or 0), tuple(verify.mismatches(session))


def _money(conn: Connection) -> tuple[int, list[Label]]:
    """Receipts, shift closes and allocations against the ledger (a schema with receipts only), and
    the cylinder register against its movements (a schema with cylinders)."""
    if not inspect(conn).has_table("receipts"):
        return 0, []
    from gasdesk.services.cashier import verify

    with Session(bind=conn) as session:
        count, found = verify.findings(session)
        if inspect(conn).has_table("cylinders"):
            from gasdesk.services.depot import movements

            found += movements.findings(session)
        return count, found


def _chained(conn: Connection) -> bool:
    return all(any(c["name"] == "row_hash" for c in inspect(conn).get_columns(t)) for t in chain.TABLES)
