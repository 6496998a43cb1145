"""An in-page change of the invoice list (filter, sort, page) is one event that re-reads only the
list: no page load (tab registration, badge), the address it shows is given to the address bar, and
an address that is not one of the page's own changes nothing."""

from __future__ import annotations

import uuid

from reflex_base.event import Event
from reflex_base.registry import RegistrationContext

from dorna_app import live
from dorna_app.state.base import SessionState
from tests.ui.conftest import tab
from tests.ui.test_live import _sign_in_demo


def _handler(suffix: str) -> str:
    return next(n for n in RegistrationContext.get().event_handlers if n.endswith(suffix))


async def _send(app, token: str, cookie: str, name: str, payload: dict) -> None:
    """One event as the socket delivers it: the guard first, then the handler."""
    from dorna_app.state.invoices import InvoicesState

    async with tab(app, token, cookie=cookie, path="/invoices") as root:
        assert await app._preprocess(root, Event(name=name, payload=payload)) is None
        page = await root.get_state(InvoicesState)
        getattr(InvoicesState, name.rsplit(".", 1)[1]).fn(page, **payload)


async def test_a_filter_click_reloads_the_list_only_and_gives_its_address(app, database, monkeypatch):
    from dorna_app.state.invoices import InvoicesState

    client_id, cookie = _sign_in_demo()
    token = f"tab-{uuid.uuid4().hex}"
    await _send(app, token, cookie, _handler("invoices_state.load"), {})
    assert token in live.tabs_of(client_id)
    async with tab(app, token, cookie=cookie) as root:
        page = await root.get_state(InvoicesState)
        assert page.loaded and len(page.rows) == 7 and page.url == ""

    loads: list[str] = []
    monkeypatch.setattr(SessionState, "_load_page", lambda self: loads.append("load"))
    monkeypatch.setattr(SessionState, "_refresh_badge", lambda self: loads.append("badge"))
    monkeypatch.setattr(live, "register_tab", lambda *a: loads.append("register"))
    await _send(app, token, cookie, _handler("invoices_state.show"), {"href": "/invoices?status=unpaid&sort=total"})
    async with tab(app, token, cookie=cookie) as root:
        page = await root.get_state(InvoicesState)
        assert {r.status for r in page.rows} == {"unpaid"} and len(page.rows) == 4
        assert page.url == "/invoices?status=unpaid&sort=total"
        assert [f.key for f in page.filters if f.active] == ["unpaid"]
    assert loads == []

    for foreign in ("https://evil.example/invoices?status=paid", "/services?status=paid", "//evil/invoices",
                    "/invoices?" + "&".join(f"k{i}=v" for i in range(50))):
        await _send(app, token, cookie, _handler("invoices_state.show"), {"href": foreign})
        async with tab(app, token, cookie=cookie) as root:
            page = await root.get_state(InvoicesState)
            assert page.url == "/invoices?status=unpaid&sort=total" and len(page.rows) == 4, foreign
