"""Every staff event handler, enumerated: refused without a staff session, with only a customer's
session, before the second factor (except the second factor's own), and for a role without its
permission; a handler that names no permission runs for nobody."""

from __future__ import annotations

import uuid

from reflex.state import StateUpdate
from reflex_base.event import Event
from reflex_base.registry import RegistrationContext

from dorna_app.accounts import auth
from dorna_app.backoffice.roles import Permission, allows
from dorna_app.state.guard import is_public
from dorna_app.state.staff import BEFORE_SECOND_FACTOR, StaffState, staff_permission
from tests.factories import make_client, make_staff
from tests.ui.conftest import tab


def staff_handlers() -> list[tuple[str, object]]:
    return sorted((name, reg) for name, reg in RegistrationContext.get().event_handlers.items()
                  if issubclass(reg.states[0], StaffState))


async def _answer(app, cookie: str, name: str) -> StateUpdate | None:
    async with tab(app, f"t-{uuid.uuid4().hex}", cookie=cookie, path="/staff") as root:
        return await app._preprocess(root, Event(name=name, payload={}))


def test_the_staff_pages_have_handlers_and_each_names_its_permission(app):
    named = {name.rsplit(".", 1)[-1]: staff_permission(reg.handler) for name, reg in staff_handlers()}
    handlers = ("submit", "search", "create", "save_contact", "add_service", "record_transfer", "filter",
                "act_on_service", "edit_service", "cancel_invoice", "create_invoice", "refund", "check_now", "retry",
                "create_quote", "add", "manage", "change_password", "add_saved", "delete_saved", "keep_draft",
                "insert_saved", "stage", "rejected", "remove_file", "reply", "update", "take", "save_department",
                "link_server", "power_server", "resync", "save", "test", "retry_command")
    assert {"load", *handlers} <= set(named)
    assert all(named[n] for n in handlers)
    assert not any(is_public(reg.handler) for _, reg in staff_handlers())
    # Managing the staff is the admin's alone.
    assert named["manage"] == named["add"] == named["save_department"] == Permission.STAFF_MANAGE
    assert not allows("billing", Permission.STAFF_MANAGE) and not allows("support", Permission.STAFF_MANAGE)


async def test_no_session_and_a_customer_session_reach_no_staff_handler(app, database):
    client = make_client()
    customer_cookie = f"dorna_session={auth.sign_in(client.email, 'correct horse battery').token}"
    for name, _ in staff_handlers():
        for cookie in ("", customer_cookie, "dorna_staff=forged"):
            update = await _answer(app, cookie, name)
            assert isinstance(update, StateUpdate), (name, cookie)
            assert any("redirect" in e.name.lower() for e in update.events), (name, cookie)


async def test_before_the_second_factor_only_the_second_factor_runs(app, database):
    _, cookie = make_staff(second_factor=False)
    for name, reg in staff_handlers():
        update = await _answer(app, cookie, name)
        if staff_permission(reg.handler) == BEFORE_SECOND_FACTOR:
            assert update is None, name
        else:
            assert isinstance(update, StateUpdate), name


async def test_each_role_reaches_exactly_what_it_is_granted(app, database):
    for role in ("admin", "billing", "support"):
        _, cookie = make_staff(f"{role}@example.com", role)
        for name, reg in staff_handlers():
            permission = staff_permission(reg.handler)
            update = await _answer(app, cookie, name)
            if permission is None:  # Reflex's own setters on staff states: nobody
                assert isinstance(update, StateUpdate), (role, name)
            elif permission == BEFORE_SECOND_FACTOR or allows(role, Permission(permission)):
                assert update is None, (role, name)
            else:
                assert isinstance(update, StateUpdate), (role, name)


async def test_a_staff_session_is_not_a_customer_session(app, database):
    _, cookie = make_staff()
    load = next(n for n in RegistrationContext.get().event_handlers if n.endswith("____dashboard_state.load")
                and "staff" not in n)
    update = await _answer(app, cookie, load)
    assert isinstance(update, StateUpdate)
    assert any("redirect" in e.name.lower() for e in update.events)
