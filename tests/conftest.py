"""Shared fixtures: every test gets its own migrated SQLite database (or PostgreSQL, see below)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from dorna_app import db
from dorna_app.settings import reload_settings


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
    reload_settings()
    db.dispose_engines()


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of our own (Debian's package, which `make test` installs)."""
    from dorna_app.devservers import postgres_available, start_postgres

    if not postgres_available():
        pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql package")
    server = start_postgres()
    yield server
    db.dispose_engines()
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server) -> str:
    """A PostgreSQL database migrated once with the committed scripts; each test copies it."""
    url = pg_server.create_database("dorna_template")
    _use_database(url)
    from dorna_app.migrations import migrate

    migrate()
    db.dispose_engines()
    return "dorna_template"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, migrated_template: Path, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for one test, on SQLite and again on PostgreSQL; yields its URL."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(migrated_template, path)
        url = f"sqlite:///{path}"
    else:
        template = request.getfixturevalue("pg_template")
        server = request.getfixturevalue("pg_server")
        url = server.create_database(f"t_{uuid.uuid4().hex[:12]}", template=template)
    os.environ["DORNA_ATTACHMENTS_DIR"] = str(tmp_path / "attachments")  # each test its own files
    _use_database(url)
    yield url
    db.dispose_engines()


class ServerThread:
    """An ASGI app served by uvicorn on a real loopback port, in a background thread."""

    def __init__(self, app, port: int) -> None:
        import threading

        import uvicorn

        from dorna_app.sandbox.app import HTTP_PARSER

        self.port = port
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                                    http=HTTP_PARSER))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        import time

        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sandbox(database, monkeypatch):
    """The local stand-ins on a real port, with the app's settings pointing at them."""
    from dorna_app.sandbox.app import build_app
    from dorna_app.sandbox.smtp import start_smtp

    port, smtp_port = free_port(), free_port()
    app = build_app()
    monkeypatch.setenv("DORNA_SANDBOX_PORT", str(port))
    monkeypatch.setenv("DORNA_SMTP_PORT", str(smtp_port))
    monkeypatch.setenv("DORNA_GATEWAY_TIMEOUT_SECONDS", "2")
    monkeypatch.setenv("DORNA_MESSAGE_TIMEOUT_SECONDS", "2")
    reload_settings()  # the gateway and SMS clients follow the settings object
    controller, _inbox = start_smtp(smtp_port, inbox=app.state.inbox)
    app.state.smtp = controller
    app.state.smtp_port = smtp_port
    try:
        with ServerThread(app, port):
            yield app.state
    finally:
        try:
            controller.stop()
        except (AssertionError, RuntimeError):  # a test stopped it already
            pass
        monkeypatch.undo()
        reload_settings()


@pytest.fixture
def api_get():
    """GET one of the app's plain routes as a browser would, through the web guard, with these cookies."""
    from starlette.testclient import TestClient

    from dorna_app.web import build_api
    from dorna_app.web_guard import WebGuard

    def get(url: str, cookies: dict[str, str] | None = None):
        client = TestClient(WebGuard(build_api()), base_url="http://localhost:3000", follow_redirects=False,
                            cookies=cookies)
        return client.get(url)

    return get
