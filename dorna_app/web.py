"""Plain HTTP routes on the Reflex backend: sign-in, sign-out, health, ticket attachments and invoice PDFs.

Sign-in is an ordinary form POST answered with an HttpOnly cookie and a redirect, so it works
before the page's JavaScript has loaded and the token is never readable by scripts.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from dorna_app.accounts import auth
from dorna_app.settings import get_settings, internal_token
from dorna_app.web_guard import same_origin_request

if TYPE_CHECKING:
    from dorna_app.backoffice.roles import Permission
    from dorna_app.billing.invoice_pdf import Document

log = logging.getLogger(__name__)

# The static build serves pages as folders: /login/ answers directly, /login redirects to it.
LOGIN_PATH = "/login/"
RESULT_PATH = "/payment/result/"


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after sign-in (no open redirect to another host)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if target.startswith("/login"):
        return "/"
    return target


def client_ip(request: Request) -> str:
    """The customer's address: behind a trusted proxy (nginx on loopback) its X-Forwarded-For,
    otherwise the peer itself, so throttling never lumps every customer under the proxy's address."""
    peer = request.client.host if request.client else ""
    if peer in get_settings().trusted_proxies:
        forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1][:45]
    return peer


def cross_site() -> Response:
    """A form posted from another site (login CSRF, forced sign-out): refused, nothing set or ended."""
    return PlainTextResponse("cross-site request refused", status_code=403)


async def login(request: Request) -> Response:
    """Check the posted e-mail and password; on success set the session cookie and go on."""
    if not same_origin_request(request):
        return cross_site()
    try:
        form = await request.form()
    except Exception:  # noqa: BLE001  (a malformed body is a failed sign-in, not a server error)
        form = {}
    email = str(form.get("email", ""))[:254]
    password = str(form.get("password", ""))[:1024]
    target = safe_next(str(form.get("next", "")))
    # argon2 takes tens of milliseconds of CPU on purpose: keep it off the event loop.
    result = await run_in_threadpool(
        auth.sign_in, email, password, ip_address=client_ip(request),
        user_agent=request.headers.get("user-agent", ""))
    if result.outcome != auth.LoginOutcome.OK:
        query = {"error": result.outcome.value}
        if target != "/":
            query["next"] = target
        failed = RedirectResponse(f"{LOGIN_PATH}?{urlencode(query)}", status_code=303)
        # The sign-in page shows what was typed again (kept briefly in a cookie, not in the address).
        failed.set_cookie(auth.TYPED_EMAIL_COOKIE, quote(email.strip()[:254]), max_age=300, httponly=True,
                          secure=get_settings().cookie_secure, samesite="strict", path="/")
        return failed
    response = RedirectResponse(_second_step(target) if result.needs_second_factor else target, status_code=303)
    if auth.TYPED_EMAIL_COOKIE in request.cookies:
        response.delete_cookie(auth.TYPED_EMAIL_COOKIE, path="/")
    _set_session_cookie(response, result.token)
    return response


VERIFY_PATH = "/login/verify/"


def _second_step(target: str) -> str:
    """Where a sign-in whose account uses an authenticator goes next (the session waits for it)."""
    return f"{VERIFY_PATH}?{urlencode({'next': target})}" if target != "/" else VERIFY_PATH


async def verify_second_factor(request: Request) -> Response:
    """The authenticator's code after the password or the SMS code: the waiting session becomes live."""
    from dorna_app.accounts import two_factor

    if not same_origin_request(request):
        return cross_site()
    form = await _form(request)
    target = safe_next(str(form.get("next", "")))
    result = await run_in_threadpool(two_factor.pass_second_factor, request.cookies.get(auth.SESSION_COOKIE),
                                     str(form.get("code", ""))[:40], ip_address=client_ip(request))
    if not result.ok:
        query = {"error": result.code}
        if target != "/":
            query["next"] = target
        return RedirectResponse(f"{VERIFY_PATH}?{urlencode(query)}", status_code=303)
    return RedirectResponse(target, status_code=303)


def _set_session_cookie(response: Response, token: str) -> None:
    settings = get_settings()
    response.set_cookie(auth.SESSION_COOKIE, token, max_age=settings.session_days * 86400, httponly=True,
                        secure=settings.cookie_secure, samesite="lax", path="/")


SMS_PATH = "/login/sms/"
SMS_MOBILE_COOKIE = "dorna_sms_mobile"  # the number a code went to, between the two steps (not in the address)


async def _form(request: Request) -> dict:
    try:
        return dict(await request.form())
    except Exception:  # noqa: BLE001  (a malformed body is a failed step, not a server error)
        return {}


async def sms_request(request: Request) -> Response:
    """Step one of signing in by SMS: a code to this number (or, with `resend`, to the number before)."""
    from dorna_app.accounts import otp

    if not same_origin_request(request):
        return cross_site()
    form = await _form(request)
    raw = request.cookies.get(SMS_MOBILE_COOKIE, "") if form.get("resend") else str(form.get("mobile", ""))[:40]
    result = await run_in_threadpool(otp.request_code, raw, ip_address=client_ip(request))
    query = {"sent": "1"} if result.outcome == otp.CodeOutcome.SENT else {"error": result.outcome.value}
    if result.wait_seconds:
        query["wait"] = str(result.wait_seconds)
    if result.outcome in (otp.CodeOutcome.WAIT, otp.CodeOutcome.SENT):
        query["step"] = "code"
    response = RedirectResponse(f"{SMS_PATH}?{urlencode(query)}", status_code=303)
    if result.mobile:
        response.set_cookie(SMS_MOBILE_COOKIE, result.mobile, max_age=600, httponly=True,
                            secure=get_settings().cookie_secure, samesite="strict", path="/")
    return response


async def sms_verify(request: Request) -> Response:
    """Step two: the code; a session cookie on success, else back with what went wrong."""
    from dorna_app.accounts import otp

    if not same_origin_request(request):
        return cross_site()
    form = await _form(request)
    mobile = request.cookies.get(SMS_MOBILE_COOKIE, "")
    result = await run_in_threadpool(otp.sign_in_with_code, mobile, str(form.get("code", ""))[:20],
                                     ip_address=client_ip(request), user_agent=request.headers.get("user-agent", ""))
    if result.outcome != otp.VerifyOutcome.OK:
        query = {"step": "code", "error": result.outcome.value}
        if result.outcome == otp.VerifyOutcome.WRONG:
            query["left"] = str(result.tries_left)
        return RedirectResponse(f"{SMS_PATH}?{urlencode(query)}", status_code=303)
    response = RedirectResponse(_second_step("/") if result.needs_second_factor else "/", status_code=303)
    response.delete_cookie(SMS_MOBILE_COOKIE, path="/")
    _set_session_cookie(response, result.token)
    return response


async def logout(request: Request) -> Response:
    """End the session on the server and drop the cookie. The tab's page state is emptied and its live
    registration dropped by the guard on the sign-in page's first event."""
    if not same_origin_request(request):
        return cross_site()
    await run_in_threadpool(auth.sign_out, request.cookies.get(auth.SESSION_COOKIE))
    response = RedirectResponse(f"{LOGIN_PATH}?signed_out=1", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


STAFF_LOGIN_PATH = "/staff/login/"


async def staff_login(request: Request) -> Response:
    """The staff password step: a SameSite=Strict cookie for a session that still needs its TOTP code."""
    from dorna_app.backoffice import auth as staff_auth

    if not same_origin_request(request):
        return cross_site()
    try:
        form = await request.form()
    except Exception:  # noqa: BLE001  (a malformed body is a failed sign-in, not a server error)
        form = {}
    result = await run_in_threadpool(
        staff_auth.sign_in, str(form.get("email", ""))[:254], str(form.get("password", ""))[:1024],
        ip_address=client_ip(request), user_agent=request.headers.get("user-agent", ""))
    if result.outcome != staff_auth.StaffLoginOutcome.OK:
        return RedirectResponse(f"{STAFF_LOGIN_PATH}?{urlencode({'error': result.outcome.value})}", status_code=303)
    response = RedirectResponse("/staff/verify/", status_code=303)
    settings = get_settings()
    response.set_cookie(staff_auth.STAFF_COOKIE, result.token, max_age=settings.staff_session_hours * 3600,
                        httponly=True, secure=settings.cookie_secure, samesite="strict", path="/")
    return response


async def staff_logout(request: Request) -> Response:
    from dorna_app.backoffice import auth as staff_auth

    if not same_origin_request(request):
        return cross_site()
    await run_in_threadpool(staff_auth.sign_out, request.cookies.get(staff_auth.STAFF_COOKIE))
    response = RedirectResponse(STAFF_LOGIN_PATH, status_code=303)
    response.delete_cookie(staff_auth.STAFF_COOKIE, path="/")
    return response


async def live_publish(request: Request) -> Response:
    """Internal: push a customer's changes to their open tabs, or (`staff`) refresh the staff's live
    pages (called by jobs in other processes)."""
    expected = f"Bearer {internal_token()}"
    if not secrets.compare_digest(request.headers.get("authorization", ""), expected):
        return JSONResponse({"error": "forbidden"}, status_code=403)
    from dorna_app.state.live import publish, publish_staff

    if request.path_params["client_id"] == "staff":
        report = await publish_staff()
    else:
        try:
            client_id = int(request.path_params["client_id"])
        except ValueError:
            return JSONResponse({"error": "bad client"}, status_code=400)
        report = await publish(client_id)
    return JSONResponse({"tabs": report.reached, "cleared": report.cleared, "failed": len(report.failures)})


_wakeup: asyncio.Event | None = None


def jobs_wakeup() -> asyncio.Event:
    """Set when new messages wait in the outbox, so the in-process sender runs at once."""
    global _wakeup  # noqa: PLW0603 (one event per process)
    if _wakeup is None:
        _wakeup = asyncio.Event()
    return _wakeup


async def payment_callback(request: Request) -> Response:
    """Where the gateway sends the payer back. The query string proves nothing: settlement verifies."""
    from dorna_app.billing import payments
    from dorna_app.billing.gateway import get_gateway

    data = get_gateway().parse_callback(dict(request.query_params))
    if data is None:
        return RedirectResponse(f"{RESULT_PATH}?error=invalid", status_code=303)
    try:
        result = await run_in_threadpool(
            payments.settle_payment, data.authority, payer_cancelled=not data.ok_hint, source="callback")
    except Exception:
        log.exception("settling authority %s failed", data.authority)
        return RedirectResponse(f"{RESULT_PATH}?error=later", status_code=303)
    if result.status == payments.SettleStatus.UNKNOWN:
        return RedirectResponse(f"{RESULT_PATH}?error=unknown", status_code=303)
    # The sender's wake-up and the pushes to other tabs were scheduled after the settlement's commit
    # (effects.py); the payer does not wait for them.
    return RedirectResponse(f"{RESULT_PATH}?{urlencode({'p': result.payment_id})}", status_code=303)


async def confirm_email(request: Request) -> Response:
    """The link sent to a new e-mail address: the token is the proof, whoever's browser opens it."""
    from dorna_app.accounts import profile

    outcome = await run_in_threadpool(profile.confirm_email_change, request.query_params.get("t", "")[:128])
    return RedirectResponse(f"/profile/?{urlencode({'email_change': outcome.value})}", status_code=303)


def _reader(request: Request, permission: Permission) -> tuple[int | None, bool]:
    """(the customer, whether staff past their second factor who hold `permission`) behind the cookies."""
    from dorna_app.backoffice import auth as staff_auth
    from dorna_app.backoffice.roles import allows

    customer = auth.client_for_token(request.cookies.get(auth.SESSION_COOKIE))
    staff = staff_auth.identity_for_token(request.cookies.get(staff_auth.STAFF_COOKIE))
    staff_ok = staff is not None and staff.second_factor_passed and allows(staff.role, permission)
    return (customer.client_id if customer else None), staff_ok


async def attachment(request: Request) -> Response:
    """A ticket's file, to its customer or to staff only: always as a download (never rendered by the
    browser), in the type decided from its bytes at upload; `/thumb` is a small re-encoded picture."""
    from dorna_app.backoffice.roles import Permission
    from dorna_app.support import attachments

    try:
        attachment_id = int(request.path_params["attachment_id"])
    except ValueError:
        return PlainTextResponse("not found", status_code=404)
    client_id, staff_ok = await run_in_threadpool(_reader, request, Permission.TICKETS)
    row = await run_in_threadpool(attachments.readable, attachment_id, client_id=client_id, staff=staff_ok)
    if row is None and staff_ok is False and client_id is None:
        return PlainTextResponse("sign in first", status_code=401)
    if row is None:
        return PlainTextResponse("not found", status_code=404)  # another's file is not said to exist
    private = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff",
               "Content-Security-Policy": "default-src 'none'; sandbox", "Cross-Origin-Resource-Policy": "same-origin"}
    if request.url.path.endswith("/thumb"):
        data = await run_in_threadpool(attachments.thumbnail, row)
        if data is None:
            return PlainTextResponse("not found", status_code=404)
        return Response(data, media_type="image/jpeg", headers=private)
    data = await run_in_threadpool(attachments.path_of(row.stored_name).read_bytes)
    disposition = f"attachment; filename=\"attachment\"; filename*=UTF-8''{quote(row.filename, safe='')}"
    return Response(data, headers={**private, "Content-Type": row.content_type, "Content-Disposition": disposition})


def _invoice_document(number: int, client_id: int | None, staff_ok: bool) -> Document | None:
    """The PDF for whoever asks: the customer's own invoice, or any invoice for staff; None otherwise."""
    from dorna_app.billing import invoice_pdf

    document = invoice_pdf.for_customer(client_id, number) if client_id is not None else None
    if document is None and staff_ok:
        document = invoice_pdf.for_staff(number)
    return document


async def invoice_document(request: Request) -> Response:
    """An invoice as the official PDF, to its customer or to staff only; another customer's number is
    answered exactly like a number that does not exist."""
    from dorna_app.backoffice.roles import Permission

    number = _positive_int(request.path_params["number"])
    client_id, staff_ok = await run_in_threadpool(_reader, request, Permission.VIEW)
    if client_id is None and not staff_ok:
        return PlainTextResponse("sign in first", status_code=401)
    document = await run_in_threadpool(_invoice_document, number, client_id, staff_ok) if number else None
    if document is None:
        return PlainTextResponse("not found", status_code=404)
    return Response(document.content, headers={
        "Content-Type": document.content_type, "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff", "Cross-Origin-Resource-Policy": "same-origin",
        "Content-Disposition": f'attachment; filename="{document.filename}"'})


def _positive_int(raw: str) -> int:
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else 0


async def healthz(_request: Request) -> Response:
    return JSONResponse({"ok": True})


def build_api() -> Starlette:
    """The Starlette app Reflex mounts in front of its own routes (`api_transformer`)."""
    return Starlette(
        routes=[
            Route("/auth/login", login, methods=["POST"]),
            Route("/auth/logout", logout, methods=["POST"]),
            Route("/auth/sms/request", sms_request, methods=["POST"]),
            Route("/auth/sms/verify", sms_verify, methods=["POST"]),
            Route("/auth/verify", verify_second_factor, methods=["POST"]),
            Route("/staff/auth/login", staff_login, methods=["POST"]),
            Route("/staff/auth/logout", staff_logout, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/auth/confirm-email", confirm_email, methods=["GET"]),
            Route("/payment/callback", payment_callback, methods=["GET"]),
            Route("/_internal/live/{client_id}", live_publish, methods=["POST"]),
            Route("/attachments/{attachment_id}", attachment, methods=["GET"]),
            Route("/attachments/{attachment_id}/thumb", attachment, methods=["GET"]),
            Route("/documents/invoices/{number}", invoice_document, methods=["GET"]),
        ]
    )
