"""The 3,000-account demo office (`gasdesk demo --size 0`, built once per session), read only here."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from gasdesk.db import Database
from gasdesk.startup import prepare


@pytest.fixture(scope="module")
def demo(full_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = prepare(Path(shutil.copyfile(full_demo_template, path)))
    yield db
    db.dispose()


@pytest.fixture
def s(demo: Database) -> Iterator[Session]:
    with demo.read() as session:
        yield session
