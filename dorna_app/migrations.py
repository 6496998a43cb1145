"""Apply the committed alembic migrations to the configured database."""

from __future__ import annotations

from alembic.config import Config

from alembic import command
from dorna_app.settings import PROJECT_ROOT


def alembic_config() -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    cfg.attributes["configure_logging"] = False
    return cfg


def migrate() -> None:
    """Bring the database to the newest schema (creates the SQLite file when missing)."""
    command.upgrade(alembic_config(), "head")
