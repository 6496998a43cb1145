"""The committed migrations create exactly the tables the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import dorna_app.tables  # noqa: F401  (every package's tables)
from dorna_app.db import get_engine


def test_migrations_match_the_models(database):
    with get_engine().connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []
