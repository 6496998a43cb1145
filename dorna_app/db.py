"""Database engines and sessions for the domain (no Reflex here).

SQLite is the embedded default. A write transaction on SQLite starts with BEGIN IMMEDIATE, so two
writers queue on the database lock instead of failing half-way with "database is locked"; reads use
plain deferred transactions and, with WAL, never wait for writers. PostgreSQL needs none of this:
the domain takes row locks (SELECT ... FOR UPDATE) where it matters.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from dorna_app.settings import get_settings


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


_ENGINES: dict[str, tuple[Engine, Engine]] = {}


def _engines(url: str) -> tuple[Engine, Engine]:
    if url not in _ENGINES:
        if url.startswith("sqlite"):
            pair = (_sqlite_engine(url, immediate=False), _sqlite_engine(url, immediate=True))
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
            pair = (engine, engine)
        _ENGINES[url] = pair
    return _ENGINES[url]


def get_engine() -> Engine:
    """The engine for reads (and for migrations)."""
    return _engines(get_settings().database_url)[0]


def get_write_engine() -> Engine:
    """The engine whose transactions take the write lock up front on SQLite."""
    return _engines(get_settings().database_url)[1]


@contextmanager
def read_session() -> Iterator[Session]:
    """A session for queries; nothing it changes is committed."""
    with Session(get_engine(), expire_on_commit=False) as session:
        yield session


@contextmanager
def write_session() -> Iterator[Session]:
    """One transaction that commits when the block ends cleanly and rolls back otherwise."""
    with Session(get_write_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def dispose_engines() -> None:
    """Forget every engine (tests switch databases between runs)."""
    for read, write in _ENGINES.values():
        read.dispose()
        write.dispose()
    _ENGINES.clear()
