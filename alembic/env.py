"""Alembic environment: the app's own engine and SQLModel's metadata."""

from __future__ import annotations

from logging.config import fileConfig

from sqlmodel import SQLModel

import dorna_app.tables  # noqa: F401  (registers every package's tables)
from alembic import context
from dorna_app.db import get_write_engine

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(url=str(get_write_engine().url), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with get_write_engine().connect() as connection:
        # SQLite changes a table by copying it, and the copy's DROP TABLE fails while other tables' rows
        # point at it with foreign keys enforced: they are off for the migration (outside its
        # transaction, where SQLite honours the pragma) and every reference is checked afterwards.
        raw = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
        if raw is not None:  # straight to sqlite3: SQLAlchemy would wrap it in a transaction first
            raw.execute("PRAGMA foreign_keys=OFF")
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        if raw is not None:
            connection.commit()
            broken = raw.execute("PRAGMA foreign_key_check").fetchall()
            raw.execute("PRAGMA foreign_keys=ON")
            if broken:
                raise RuntimeError(f"the migration left rows pointing at nothing: {broken[:5]}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
