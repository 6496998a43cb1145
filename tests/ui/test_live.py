"""Live pages: declared once, pushed by the UI layer; a live page that breaks fails here, and a tab
whose session ended is emptied instead of refreshed."""

from __future__ import annotations

import asyncio
import threading
import uuid

from reflex_base.event import Event
from reflex_base.registry import RegistrationContext
from sqlmodel import select

from dorna_app import live
from dorna_app.accounts import auth
from dorna_app.billing.demo import seed_demo
from dorna_app.billing.models import Invoice
from dorna_app.billing.transitions import transition
from dorna_app.db import write_session
from dorna_app.settings import get_settings
from dorna_app.state.base import SessionState
from dorna_app.state.live import LIVE_PAGES, LIVE_STAFF_PAGES, in_process_pusher, publish, publish_staff
from tests.ui.conftest import tab

# Pages that are deliberately not refreshed by a push: a form being typed into must not be overwritten.
NOT_LIVE = {"ProfileState", "NewTicketState", "SecurityState"}


def _page_states() -> list[type[SessionState]]:
    seen, stack = [], [SessionState]
    while stack:
        cls = stack.pop()
        for sub in cls.get_substates():
            seen.append(sub)
            stack.append(sub)
    return seen


def test_every_page_with_a_reload_is_live_or_deliberately_not():
    pages = [cls for cls in _page_states() if "loaded" in cls.__fields__]
    assert {cls.__name__ for cls in pages} - NOT_LIVE == {cls.__name__ for cls in LIVE_PAGES}


def _sign_in_demo() -> tuple[int, str]:
    seed_demo()
    settings = get_settings()
    result = auth.sign_in(settings.demo_email, settings.demo_password)
    return result.client_id, f"dorna_session={result.token}"


async def _open_every_live_page(app, token: str, cookie: str) -> None:
    from dorna_app.state.dashboard import DashboardState

    load = next(n for n in RegistrationContext.get().event_handlers if n.endswith("____dashboard_state.load"))

    async with tab(app, token, cookie=cookie) as root:
        assert await app._preprocess(root, Event(name=load, payload={})) is None
        for cls in LIVE_PAGES:
            page = await root.get_state(cls)
            page._read_params()
            page._reload()
            assert page.loaded, cls.__name__
        assert (await root.get_state(DashboardState)).unpaid_count == 4


async def test_publish_refreshes_every_live_page_of_every_tab_without_failures(app, database):
    from dorna_app.state.dashboard import DashboardState

    client_id, cookie = _sign_in_demo()
    tokens = [f"tab-{uuid.uuid4().hex}" for _ in range(2)]
    for token in tokens:
        await _open_every_live_page(app, token, cookie)
        live.register_tab(client_id, token)
    with write_session() as s:
        invoice = s.exec(select(Invoice).where(Invoice.client_id == client_id, Invoice.status == "unpaid")
                         .order_by(Invoice.id)).first()
        transition(s, invoice, "paid", reason="test")
    report = await publish(client_id, app)
    assert report.failures == [] and report.reached == 2 and report.cleared == 0
    for token in tokens:
        async with tab(app, token, cookie=cookie) as root:
            assert (await root.get_state(DashboardState)).unpaid_count == 3


async def test_a_tab_whose_session_ended_is_emptied_and_forgotten_not_refreshed(app, database):
    from dorna_app.state.dashboard import DashboardState

    client_id, cookie = _sign_in_demo()
    token = f"tab-{uuid.uuid4().hex}"
    await _open_every_live_page(app, token, cookie)
    live.register_tab(client_id, token)
    auth.sign_out(cookie.split("=", 1)[1])
    report = await publish(client_id, app)
    assert report.reached == 0 and report.cleared == 1
    assert token not in live.tabs_of(client_id)
    async with tab(app, token, cookie=cookie) as root:
        page = await root.get_state(DashboardState)
        assert page.services == [] and not page.loaded and page.email == ""


async def test_the_in_process_pusher_returns_before_any_tab_is_refreshed(monkeypatch):
    started, release = threading.Event(), asyncio.Event()

    async def slow_publish(client_id: int, app=None):
        started.set()
        await release.wait()

    monkeypatch.setattr("dorna_app.state.live.publish", slow_publish)
    push = in_process_pusher(asyncio.get_running_loop())
    # Called from a worker thread, as a settlement's commit does; it must not wait for the push.
    await asyncio.to_thread(push, {7})
    await asyncio.sleep(0)
    assert not release.is_set()
    await asyncio.to_thread(started.wait, 5)
    assert started.is_set()
    release.set()


async def test_a_new_ticket_reaches_the_open_staff_queue_and_a_signed_out_staff_tab_is_emptied(app, database):
    from dorna_app.backoffice import auth as staff_auth
    from dorna_app.state.staff import StaffState
    from dorna_app.state.staff_tickets import StaffTicketsState
    from dorna_app.support import tickets
    from tests.factories import make_client, make_staff

    assert {cls.__name__ for cls in LIVE_STAFF_PAGES} >= {"StaffTicketsState", "StaffTicketState",
                                                           "StaffDashboardState"}
    _, cookie = make_staff("help@example.com", "support")
    queue_load = next(n for n in RegistrationContext.get().event_handlers if n.endswith("staff_tickets_state.load"))
    token = f"tab-{uuid.uuid4().hex}"
    async with tab(app, token, cookie=cookie, path="/staff/tickets") as root:
        assert await app._preprocess(root, Event(name=queue_load, payload={})) is None
        page = await root.get_state(StaffTicketsState)
        page.load()  # what the event runs: registers the tab and fills the queue
        assert page.rows == [] and token in live.staff_tabs()
        for cls in LIVE_STAFF_PAGES:  # every live staff page open in this tab, so each is refreshed below
            (await root.get_state(cls))._reload()
    client = make_client()
    tickets.open_ticket(client.id, department="technical", priority="normal", service_id=None, subject="کمک",
                        body="سرور خاموش است.")
    report = await publish_staff(app)
    assert report.reached == 1 and report.failures == []
    async with tab(app, token, cookie=cookie, path="/staff/tickets") as root:
        assert [r.subject for r in (await root.get_state(StaffTicketsState)).rows] == ["کمک"]
    staff_auth.sign_out(cookie.split("=", 1)[1])
    report = await publish_staff(app)
    assert report.cleared == 1 and token not in live.staff_tabs()
    async with tab(app, token, cookie=cookie, path="/staff/tickets") as root:
        assert (await root.get_state(StaffState)).staff_email == ""
