"""Admins manage the staff: add, change a role, disable, new password, new authenticator; a member's
own password. Every change is audited, ends the member's sessions when it should, and the host is
never left without an active admin, even when two admins demote each other at once. On SQLite and
PostgreSQL."""

from __future__ import annotations

import threading

import pyotp
from sqlmodel import select

from dorna_app.backoffice import auth as staff_auth
from dorna_app.backoffice import team
from dorna_app.backoffice.models import AuditEntry, RecoveryCode, StaffUser
from dorna_app.db import read_session
from tests.factories import make_staff


def _token(cookie: str) -> str:
    return cookie.split("=", 1)[1]


def _member(staff_id: int) -> team.TeamMember:
    return next(m for m in team.members() if m.id == staff_id)


def _actions(staff_id: int) -> list[str]:
    with read_session() as s:
        return [e.action for e in s.exec(select(AuditEntry).where(AuditEntry.object_id == staff_id,
                                                                  AuditEntry.object_type == "staff")).all()]


def test_add_member_hands_out_a_password_once_and_refuses_bad_input(database):
    admin, _ = make_staff("admin@example.com")
    result = team.add_member(admin, email="New@Example.com", name="مریم", role="support")
    assert result.ok and len(result.password) >= 12
    assert staff_auth.sign_in("new@example.com", result.password).outcome == staff_auth.StaffLoginOutcome.OK
    member = _member(result.object_id)
    assert member.role == "support" and member.active and not member.enrolled and member.last_sign_in is None
    assert "staff.create" in _actions(result.object_id)

    assert team.add_member(admin, email="new@example.com", name="", role="billing").errors["email"].startswith(
        "کارمندی با این ایمیل")
    assert "email" in team.add_member(admin, email="", name="", role="billing").errors
    assert "email" in team.add_member(admin, email="not-an-email", name="", role="billing").errors
    assert "role" in team.add_member(admin, email="x@example.com", name="", role="owner").errors
    assert "name" in team.add_member(admin, email="y@example.com", name="ن" * 101, role="billing").errors
    with read_session() as s:
        assert len(s.exec(select(StaffUser)).all()) == 2


def test_role_change_and_disable_end_the_members_sessions(database):
    admin, _ = make_staff("admin@example.com")
    clerk, cookie = make_staff("clerk@example.com", "billing")
    seen = _member(clerk).version
    assert team.change_role(admin, clerk, "support", seen=seen).ok
    assert staff_auth.identity_for_token(_token(cookie)) is None  # signed out: the new reach applies now
    assert _member(clerk).role == "support"
    # The form the other admin still has open saw the old role: refused, nothing changed.
    stale = team.change_role(admin, clerk, "admin", seen=seen)
    assert not stale.ok and stale.errors["form"] == team.CHANGED_MEANWHILE and _member(clerk).role == "support"
    assert not team.change_role(admin, clerk, "owner").ok

    token = staff_auth.sign_in("clerk@example.com", "staff-password-1").token
    assert team.set_active(admin, clerk, False, seen=_member(clerk).version).ok
    assert staff_auth.identity_for_token(token) is None
    assert staff_auth.sign_in("clerk@example.com", "staff-password-1").outcome == staff_auth.StaffLoginOutcome.INVALID
    assert team.set_active(admin, clerk, True).ok
    assert staff_auth.sign_in("clerk@example.com", "staff-password-1").outcome == staff_auth.StaffLoginOutcome.OK
    assert _actions(clerk)[-3:] == ["staff.role", "staff.disable", "staff.enable"]


def test_an_admin_cannot_change_themselves_nor_leave_the_host_without_an_admin(database):
    admin, _ = make_staff("admin@example.com")
    assert team.change_role(admin, admin, "support").errors["form"] == team.NOT_YOURSELF
    assert team.set_active(admin, admin, False).errors["form"] == team.NOT_YOURSELF
    second, _ = make_staff("second@example.com")
    assert team.change_role(admin, second, "billing").ok
    # `second` (now billing) is the actor below only to prove the rule is in the domain, not the page.
    assert team.change_role(second, admin, "billing").errors["form"] == team.LAST_ADMIN
    assert team.set_active(second, admin, False).errors["form"] == team.LAST_ADMIN
    assert _member(admin).role == "admin" and _member(admin).active


def test_two_admins_demoting_each_other_at_once_leave_one_admin(database):
    first, _ = make_staff("first@example.com")
    second, _ = make_staff("second@example.com")
    barrier = threading.Barrier(2)
    results: list = []

    def demote(actor: int, target: int) -> None:
        barrier.wait()
        results.append(team.change_role(actor, target, "support"))

    threads = [threading.Thread(target=demote, args=(first, second)),
               threading.Thread(target=demote, args=(second, first))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.ok for r in results) == [False, True]
    with read_session() as s:
        admins = s.exec(select(StaffUser).where(StaffUser.role == "admin", StaffUser.active == True)).all()  # noqa: E712
    assert len(admins) == 1


def test_new_password_and_new_authenticator(database):
    admin, _ = make_staff("admin@example.com")
    clerk, cookie = make_staff("clerk@example.com", "billing")
    result = team.reset_password(admin, clerk)
    assert result.ok and result.password
    assert staff_auth.identity_for_token(_token(cookie)) is None
    assert staff_auth.sign_in("clerk@example.com", "staff-password-1").outcome == staff_auth.StaffLoginOutcome.INVALID
    token = staff_auth.sign_in("clerk@example.com", result.password).token

    with read_session() as s:
        old_secret = s.get(StaffUser, clerk).totp_secret
    assert team.reset_second_factor(admin, clerk).ok
    assert staff_auth.identity_for_token(token) is None
    with read_session() as s:
        row = s.get(StaffUser, clerk)
        assert row.totp_secret != old_secret and row.totp_confirmed_at is None
        assert s.exec(select(RecoveryCode).where(RecoveryCode.staff_id == clerk)).all() == []
    # The next sign-in enrols the new secret by QR code, and the old one no longer works.
    token = staff_auth.sign_in("clerk@example.com", result.password).token
    assert staff_auth.enrolment(token) is not None
    assert not staff_auth.pass_second_factor(token, pyotp.TOTP(old_secret).now()).ok
    assert staff_auth.pass_second_factor(token, pyotp.TOTP(row.totp_secret).now()).ok
    assert _actions(clerk)[-2:] == ["staff.second_factor_reset", "staff.enrol"]
    assert not team.reset_password(admin, 999_999).ok


def test_own_password_needs_the_current_one_and_keeps_this_browser(database):
    clerk, cookie = make_staff("clerk@example.com", "support")
    other = staff_auth.sign_in("clerk@example.com", "staff-password-1").token
    token = _token(cookie)
    bad = team.change_own_password(clerk, token, current="wrong-password", new="a-new-password-2",
                                   repeat="a-new-password-2")
    assert bad.errors == {"current_password": "رمز عبور کنونی درست نیست."}
    assert "new_password" in team.change_own_password(clerk, token, current="staff-password-1", new="short",
                                                      repeat="short").errors
    assert "repeat_password" in team.change_own_password(clerk, token, current="staff-password-1",
                                                         new="a-new-password-2", repeat="a-new-password-3").errors
    assert staff_auth.sign_in("clerk@example.com", "staff-password-1").outcome == staff_auth.StaffLoginOutcome.OK
    assert team.change_own_password(clerk, token, current="staff-password-1", new="a-new-password-2",
                                    repeat="a-new-password-2").ok
    assert staff_auth.identity_for_token(token) is not None  # this browser stays signed in
    assert staff_auth.identity_for_token(other) is None  # the others do not
    assert staff_auth.sign_in("clerk@example.com", "a-new-password-2").outcome == staff_auth.StaffLoginOutcome.OK
