"""What every command shares: printing, the database it names, signing in as ``--user``, JSON.

Commands import the services they use inside their function, so ``gasdesk --version`` and a
command's ``--help`` load nothing they do not need.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gasdesk.machine import local_counter
from gasdesk.paths import default_db_path
from gasdesk.services.core.errors import AuthError

if TYPE_CHECKING:
    from gasdesk.db import Database
    from gasdesk.services.core.actor import Actor


def out(text: str) -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def db_target(args: argparse.Namespace) -> str:
    return args.db or str(default_db_path())


@contextmanager
def opened(args: argparse.Namespace, *, create: bool = False, upgrade: bool = True) -> Iterator[Database]:
    """The database the command names, opened, checked and upgraded as at start; closed after."""
    from gasdesk.startup import prepare

    db = prepare(db_target(args), create=create, upgrade=upgrade)
    try:
        yield db
    finally:
        db.dispose()


def password(prompt: str, env: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise AuthError(f"请用环境变量 {env} 提供密码。", f"Give the password in the {env} variable.")
    return getpass.getpass(prompt)


def login(db: Database, args: argparse.Namespace) -> Actor:
    """Sign in as ``--user`` with the same checks (and lockout) as the login window."""
    from gasdesk.services.office import users

    if not args.user:
        raise AuthError("请用 --user 指定执行操作的用户。", "Name the acting user with --user LOGIN.")
    secret = password(f"{args.user} 的密码 / password: ", "GASDESK_PASSWORD")
    with db.write() as s:
        outcome = users.authenticate(s, args.user, secret, counter=args.counter or local_counter())
    if outcome.error:
        raise outcome.error
    assert outcome.actor is not None
    return outcome.actor


def plain(value: Any) -> Any:
    """Service results to JSON-friendly data: Decimal and dates as strings; what a result
    says it changed is for the window's refresh, not for scripts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "changes"}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def dump_json(data: object) -> None:
    out(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def check_folder(path: str | Path) -> Path:
    """Refuse with words, before any work, an output file whose folder is missing or read-only."""
    from gasdesk.files import check_folder as check

    return check(path)


def write_file(path: str | Path, data: bytes) -> Path:
    """Write the whole file or nothing (gasdesk.files.write_atomic); a missing or read-only
    folder is refused with words."""
    from gasdesk.files import write_atomic

    return write_atomic(path, data)
