"""Managing the staff (admins only): add a member, change a role, disable or enable, hand out a new
password, make a member enrol a new authenticator; and a member's own password change.

Every change is audited in its own transaction and ends the member's open sessions when it changes
what they may do or how they sign in. The host can never be left without an active admin, and an
admin never changes their own role or disables themselves (another admin must)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from dorna_app import fa
from dorna_app.accounts import auth as accounts_auth
from dorna_app.backoffice import audit
from dorna_app.backoffice.auth import MIN_PASSWORD_CHARS, TAKEN, StaffError, create_staff, new_secret
from dorna_app.backoffice.customers import MAX_NAME_CHARS, FormResult
from dorna_app.backoffice.models import RecoveryCode, Role, StaffSession, StaffUser
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.notify.addresses import valid_email

CHANGED_MEANWHILE = "این کارمند همین حالا به دست کس دیگری تغییر کرد؛ صفحه تازه شد، دوباره بررسی کنید."
NOT_FOUND = "کارمند پیدا نشد."
LAST_ADMIN = "دست‌کم یک مدیر فعال باید بماند."
NOT_YOURSELF = "نقش یا وضعیت خودتان را نمی‌توانید تغییر دهید؛ از مدیر دیگری بخواهید."


@dataclass(frozen=True)
class TeamMember:
    id: int
    email: str
    name: str
    role: str
    active: bool
    enrolled: bool
    last_sign_in: datetime | None
    recovery_left: int
    version: str


def version_of(staff: StaffUser) -> str:
    """What an admin's page showed of a member's reach (role, active), to notice another admin's change
    in between. The member's own doings (enrolling, a new password) do not count as a change."""
    return f"{staff.role}|{int(staff.active)}"


def members() -> list[TeamMember]:
    """Everyone on the staff: active first, then by e-mail, with their last completed sign-in."""
    with read_session() as session:
        staff = session.exec(select(StaffUser).order_by(col(StaffUser.active).desc(), StaffUser.email)).all()
        last = dict(session.exec(
            select(StaffSession.staff_id, func.max(StaffSession.second_factor_at))
            .where(StaffSession.second_factor_at != None).group_by(StaffSession.staff_id)).all())  # noqa: E711
        left = dict(session.exec(
            select(RecoveryCode.staff_id, func.count()).where(RecoveryCode.used_at == None)  # noqa: E711
            .group_by(RecoveryCode.staff_id)).all())
    return [TeamMember(id=s.id, email=s.email, name=s.name, role=s.role, active=s.active,
                       enrolled=s.totp_confirmed_at is not None, last_sign_in=last.get(s.id),
                       recovery_left=left.get(s.id, 0), version=version_of(s)) for s in staff]


def add_member(actor_id: int, *, email: str, name: str, role: str) -> FormResult:
    """A new member with a random first password (shown once); they enrol an authenticator at first sign-in."""
    errors: dict[str, str] = {}
    clean = valid_email(email)
    if not email.strip():
        errors["email"] = "ایمیل را وارد کنید."
    elif clean is None:
        errors["email"] = "ایمیل معتبر نیست."
    else:
        with read_session() as session:
            if session.exec(select(StaffUser.id).where(StaffUser.email == clean)).first() is not None:
                errors["email"] = TAKEN
    if len(name.strip()) > MAX_NAME_CHARS:
        errors["name"] = "نام بیش از اندازه بلند است."
    if role not in {r.value for r in Role}:
        errors["role"] = "نقش را انتخاب کنید."
    if errors:
        return FormResult(False, errors=errors)
    try:
        staff, password = create_staff(email, role, name=name, actor_id=actor_id)
    except StaffError as exc:
        return FormResult(False, errors={"email": str(exc)})
    return FormResult(True, object_id=staff.id, password=password)


def _end_sessions(session: Session, staff_id: int, *, keep_token: str | None = None) -> None:
    keep = accounts_auth.token_hash(keep_token) if keep_token else None
    for row in session.exec(select(StaffSession).where(StaffSession.staff_id == staff_id,
                                                       StaffSession.revoked_at == None)).all():  # noqa: E711
        if row.token_hash != keep:
            row.revoked_at = utcnow()
            session.add(row)


def _locked(session: Session, staff_id: int, seen: str) -> StaffUser | str:
    staff = session.exec(select(StaffUser).where(StaffUser.id == staff_id).with_for_update()
                         .execution_options(populate_existing=True)).first()
    if staff is None:
        return NOT_FOUND
    if seen and seen != version_of(staff):
        return CHANGED_MEANWHILE
    return staff


def _other_active_admins(session: Session, staff_id: int) -> int:
    # Locking every active admin row makes two admins demoting each other at once take turns: the
    # second sees the first's change and is refused if it would leave no admin.
    rows = session.exec(select(StaffUser).where(StaffUser.role == Role.ADMIN.value, StaffUser.active == True,  # noqa: E712
                                                StaffUser.id != staff_id)
                        .order_by(StaffUser.id).with_for_update().execution_options(populate_existing=True)).all()
    return len(rows)


def change_role(actor_id: int, staff_id: int, role: str, *, seen: str = "") -> FormResult:
    """Give a member another role; their open sessions end so the new reach applies at once."""
    if role not in {r.value for r in Role}:
        return FormResult(False, errors={"form": "نقش را انتخاب کنید."})
    return _change_reach(actor_id, staff_id, seen, role=role)


def set_active(actor_id: int, staff_id: int, active: bool, *, seen: str = "") -> FormResult:
    """Disable a member (every session ends at once; they can no longer sign in) or enable them again."""
    return _change_reach(actor_id, staff_id, seen, active=active)


def _change_reach(actor_id: int, staff_id: int, seen: str, *, role: str | None = None,
                  active: bool | None = None) -> FormResult:
    """A new role or a new active flag, under the locks of every active admin: never oneself, never
    leaving the host without an active admin; audited; the member's sessions end when their reach
    shrinks or changes."""
    if staff_id == actor_id:
        return FormResult(False, errors={"form": NOT_YOURSELF})
    with write_session() as session:
        others = _other_active_admins(session, staff_id)
        staff = _locked(session, staff_id, seen)
        if isinstance(staff, str):
            return FormResult(False, errors={"form": staff})
        new_role = staff.role if role is None else role
        new_active = staff.active if active is None else active
        if (new_role, new_active) == (staff.role, staff.active):
            return FormResult(True, object_id=staff_id)
        was_admin = staff.role == Role.ADMIN and staff.active
        if was_admin and not (new_role == Role.ADMIN and new_active) and others == 0:
            return FormResult(False, errors={"form": LAST_ADMIN})
        if role is not None:
            audit.record(session, actor_id, "staff.role", "staff", staff_id, before={"role": staff.role},
                         after={"role": role})
        else:
            audit.record(session, actor_id, "staff.enable" if new_active else "staff.disable", "staff", staff_id,
                         before={"active": staff.active}, after={"active": new_active})
        staff.role, staff.active = new_role, new_active
        session.add(staff)
        if role is not None or not new_active:
            _end_sessions(session, staff_id)
    return FormResult(True, object_id=staff_id)


def reset_password(actor_id: int, staff_id: int, *, seen: str = "") -> FormResult:
    """A new random password to hand over (shown once); the member's sessions end."""
    password = secrets.token_urlsafe(12)
    with write_session() as session:
        staff = _locked(session, staff_id, seen)
        if isinstance(staff, str):
            return FormResult(False, errors={"form": staff})
        staff.password_hash = accounts_auth.hash_password(password)
        session.add(staff)
        _end_sessions(session, staff_id)
        audit.record(session, actor_id, "staff.password_reset", "staff", staff_id)
    return FormResult(True, object_id=staff_id, password=password)


def reset_second_factor(actor_id: int, staff_id: int, *, seen: str = "") -> FormResult:
    """For a lost phone: a new TOTP secret, the old recovery codes void, enrolment again at the next
    sign-in; the member's sessions end."""
    with write_session() as session:
        staff = _locked(session, staff_id, seen)
        if isinstance(staff, str):
            return FormResult(False, errors={"form": staff})
        staff.totp_secret = new_secret()
        staff.totp_confirmed_at = None
        staff.totp_last_step = 0
        session.add(staff)
        for code in session.exec(select(RecoveryCode).where(RecoveryCode.staff_id == staff_id)).all():
            session.delete(code)
        _end_sessions(session, staff_id)
        audit.record(session, actor_id, "staff.second_factor_reset", "staff", staff_id)
    return FormResult(True, object_id=staff_id)


def change_own_password(staff_id: int, token: str | None, *, current: str, new: str, repeat: str) -> FormResult:
    """A member replaces their own password: the current one first; their other browsers are signed out,
    this one stays."""
    errors: dict[str, str] = {}
    if not current:
        errors["current_password"] = "رمز عبور کنونی را وارد کنید."
    if len(new) < MIN_PASSWORD_CHARS:
        errors["new_password"] = f"رمز عبور تازه باید دست‌کم {fa.digits(MIN_PASSWORD_CHARS)} نویسه باشد."
    elif len(new) > accounts_auth.MAX_PASSWORD_CHARS:
        errors["new_password"] = "رمز عبور بیش از اندازه بلند است."
    elif new != repeat:
        errors["repeat_password"] = "تکرار رمز عبور با خود آن یکی نیست."
    if errors:
        return FormResult(False, errors=errors)
    attempt_id, retry_after = accounts_auth.admit_attempt(f"staff-password:{staff_id}", "", utcnow())
    if attempt_id is None:
        return FormResult(False, errors={"current_password": f"تلاش‌های نادرست زیاد بود؛ {fa.digits(retry_after)} "
                                                             "ثانیه دیگر دوباره امتحان کنید."})
    with write_session() as session:
        staff = _locked(session, staff_id, "")
        if isinstance(staff, str):
            return FormResult(False, errors={"form": staff})
        if not accounts_auth.verify_password(staff.password_hash, current):
            return FormResult(False, errors={"current_password": "رمز عبور کنونی درست نیست."})
        staff.password_hash = accounts_auth.hash_password(new)
        session.add(staff)
        _end_sessions(session, staff_id, keep_token=token)
        accounts_auth.attempt_succeeded(session, attempt_id)
        audit.record(session, staff_id, "staff.password", "staff", staff_id)
    return FormResult(True, object_id=staff_id)
