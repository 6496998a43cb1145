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
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
