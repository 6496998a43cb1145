"""Helpers for testing the UI state on the server without a browser: the real app object, its
in-memory state manager, and tabs with or without a signed-in cookie."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
import reflex as rx
from reflex_base import constants


@pytest.fixture(scope="session")
def app():
    from dorna_app.dorna_app import app

    return app


def router_data(token: str, cookie: str = "", path: str = "/") -> dict:
    return {constants.RouteVar.CLIENT_TOKEN: token, constants.RouteVar.HEADERS: {"cookie": cookie},
            constants.RouteVar.PATH: path, constants.RouteVar.QUERY: {}}


@asynccontextmanager
async def tab(app, token: str, cookie: str = "", path: str = "/"):
    """A tab's root state, locked, with the given cookie as if its socket had sent it."""
    from dorna_app.state.base import SessionState

    async with app.modify_state(rx.BaseStateToken(ident=token, cls=SessionState)) as root:
        root.router_data = root._update_router_vars(router_data(token, cookie, path), root.router_data or {})
        yield root
