"""Shared fixtures: every test gets its own migrated SQLite database (or PostgreSQL, see below)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dorna_app import db
from dorna_app.settings import get_settings


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated with the committed alembic scripts, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    _use_database(f"sqlite:///{path}")
    from dorna_app.migrations import migrate

    migrate()
    db.dispose_engines()
    return path


def _use_database(url: str) -> None:
    os.environ["DORNA_DATABASE_URL"] = url
    get_settings.cache_clear()
    db.dispose_engines()


@pytest.fixture
def database(migrated_template: Path, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for one test; yields its URL."""
    path = tmp_path / "test.db"
    shutil.copy(migrated_template, path)
    url = f"sqlite:///{path}"
    _use_database(url)
    yield url
    db.dispose_engines()
