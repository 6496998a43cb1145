"""The one guard: every event handler of every state of ours refuses a tab without a valid session,
before the handler runs; a tab whose session ended is emptied, even by Reflex's own hydrate."""

from __future__ import annotations

import uuid

import pytest
from reflex.state import StateUpdate
from reflex_base.event import Event
from reflex_base.registry import RegistrationContext

from dorna_app.accounts import auth
from dorna_app.settings import get_settings
from dorna_app.state.guard import SessionGuard, is_own_state, is_public, payload_problem
from tests.factories import make_client
from tests.ui.conftest import tab

PASSWORD = "correct horse battery"


def own_handlers() -> list[tuple[str, object]]:
    return sorted((name, reg) for name, reg in RegistrationContext.get().event_handlers.items()
                  if is_own_state(reg.states[0]))


def test_the_guard_is_the_first_middleware(app):
    assert isinstance(app._middlewares[0], SessionGuard)


def test_every_handler_of_every_state_is_guarded_and_public_ones_are_few(app):
    handlers = own_handlers()
    public = [name for name, reg in handlers if is_public(reg.handler)]
    assert len(handlers) > 25  # every page's load, setvar, the pay and form handlers
    # Only the two sign-in pages (customer and staff) and the forgotten-password pair load without a
    # session, and the calm line a failed handler shows (it changes nothing else).
    assert sorted(name.rsplit("____", 1)[-1] for name in public) == [
        "forgot_state.load", "forgot_state.request_code", "forgot_state.reset_by_code", "forgot_state.submit",
        "forgot_state.use_sms", "login_state.load", "reset_state.load", "reset_state.submit",
        "session_state.dismiss_notice", "session_state.show_backend_error", "sms_login_state.load",
        "staff_login_state.load", "verify_login_state.load"]


async def test_every_handler_refuses_a_tab_without_a_session(app, database):
    # A middleware that answers with an update means Reflex never calls the handler.
    for name, reg in own_handlers():
        if is_public(reg.handler):
            continue
        token = f"t-{uuid.uuid4().hex}"
        async with tab(app, token, cookie="", path="/invoices") as root:
            update = await app._preprocess(root, Event(name=name, payload={}))
        assert isinstance(update, StateUpdate), name
        assert any("redirect" in event.name.lower() for event in update.events), name


async def test_a_forged_or_revoked_cookie_is_refused_too(app, database):
    client = make_client()
    token = auth.sign_in(client.email, PASSWORD).token
    load = next(name for name, _ in own_handlers() if name.endswith("____dashboard_state.load"))
    async with tab(app, "tab-a", cookie=f"dorna_session={token}") as root:
        assert await app._preprocess(root, Event(name=load, payload={})) is None  # valid: goes on
    auth.sign_out(token)
    for cookie in (f"dorna_session={token}", "dorna_session=forged", 'dorna_session="bad; =;;'):
        async with tab(app, "tab-a", cookie=cookie) as root:
            assert isinstance(await app._preprocess(root, Event(name=load, payload={})), StateUpdate)


async def test_signed_out_tab_keeps_nothing_of_the_customer_even_on_hydrate(app, database):
    from dorna_app.state.dashboard import DashboardState

    client = make_client()
    token = auth.sign_in(client.email, PASSWORD).token
    cookie = f"dorna_session={token}"
    load = next(name for name, _ in own_handlers() if name.endswith("____dashboard_state.load"))
    async with tab(app, "tab-h", cookie=cookie) as root:
        assert await app._preprocess(root, Event(name=load, payload={})) is None
        page = await root.get_state(DashboardState)
        page.load()
        assert page.loaded and page.email == client.email
    auth.sign_out(token)
    hydrate = next(name for name in RegistrationContext.get().event_handlers if name.endswith(".hydrate"))
    async with tab(app, "tab-h", cookie=cookie) as root:
        await app._preprocess(root, Event(name=hydrate, payload={}))
        page = await root.get_state(DashboardState)
        assert not page.loaded and page.email == "" and page.services == [] and page._client_id == 0


@pytest.mark.parametrize(("payload", "problem"), [
    ({"number": "1" * 400_000}, "too_large"),
    ({"numbers_csv": ",".join(["1"] * 5000)}, "too_large"),
    ({"form": {str(i): "x" for i in range(500)}}, "too_large"),
    ({"form": {"email": "a@b.ir", "mobile": "09120000000"}}, None),
    ({"value": "سرور"}, None),
])
def test_event_arguments_are_capped(payload, problem):
    assert payload_problem(payload) == problem


async def test_oversized_and_flooding_events_are_refused_before_the_handler(app, database):
    client = make_client()
    cookie = f"dorna_session={auth.sign_in(client.email, PASSWORD).token}"
    toggle = next(name for name, _ in own_handlers() if name.endswith("mass_pay_state.toggle"))
    async with tab(app, "tab-big", cookie=cookie) as root:
        update = await app._preprocess(root, Event(name=toggle, payload={"number": "9" * 400_000, "checked": True}))
    assert isinstance(update, StateUpdate)
    guard = SessionGuard()
    refused = 0
    async with tab(app, "tab-flood", cookie=cookie) as root:
        for _ in range(get_settings().events_per_10s + 5):
            refused += await guard.preprocess(app, root, Event(name=toggle, payload={"number": "1"})) is not None
    assert refused == 5
