"""Attachments over HTTP: who gets a file (its customer, staff who handle tickets; not another
customer, not staff before their second factor, nobody without a session), how it is sent (always a
download, its stored type, nosniff, sandboxed, never cached), and Reflex's upload route at the door
(own origin only, body capped, its file folder never served)."""

from __future__ import annotations

import io

from PIL import Image
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from dorna_app.accounts import auth
from dorna_app.backoffice import tickets as staff_tickets
from dorna_app.support import attachments, tickets
from dorna_app.web_guard import MAX_UPLOAD_BYTES, WebGuard
from tests.factories import make_client, make_staff


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 60)).save(out, "PNG")
    return out.getvalue()


def _client_cookie(email: str) -> dict[str, str]:
    return {"dorna_session": auth.sign_in(email, "correct horse battery").token}


def _staff_cookie(cookie: str) -> dict[str, str]:
    name, value = cookie.split("=", 1)
    return {name: value}


def test_who_gets_a_tickets_file(database, api_get):
    owner, stranger = make_client(), make_client("stranger@example.com")
    staged = attachments.stage(_png(), "صفحه خطا.png", client_id=owner.id)
    ticket_id = tickets.open_ticket(owner.id, department="technical", priority="normal", service_id=None,
                                    subject="خطا", body="تصویر پیوست است.", attachment_ids=[staged.id]).ticket_id
    support_id, support_cookie = make_staff("help@example.com", "support")
    _, half_cookie = make_staff("half@example.com", "support", second_factor=False)
    url = f"/attachments/{staged.id}"

    mine = api_get(url, cookies=_client_cookie(owner.email))
    assert mine.status_code == 200 and mine.content == _png()
    assert mine.headers["content-type"] == "image/png"
    assert mine.headers["content-disposition"].startswith("attachment;")
    assert "UTF-8''%D8%B5" in mine.headers["content-disposition"]  # the Persian name, encoded
    assert mine.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in mine.headers["content-security-policy"]
    assert "no-store" in mine.headers["cache-control"]

    assert api_get(url, cookies=_client_cookie(stranger.email)).status_code == 404
    assert api_get(url).status_code == 401
    assert api_get(url, cookies=_staff_cookie(half_cookie)).status_code == 401
    assert api_get(url, cookies=_staff_cookie(support_cookie)).status_code == 200
    assert api_get("/attachments/999999", cookies=_client_cookie(owner.email)).status_code == 404
    assert api_get("/attachments/abc", cookies=_client_cookie(owner.email)).status_code == 404

    thumb = api_get(f"{url}/thumb", cookies=_client_cookie(owner.email))
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    assert api_get(f"{url}/thumb", cookies=_client_cookie(stranger.email)).status_code == 404

    # A file on a staff-only note: staff only.
    note_file = attachments.stage(b"disk is full\n", "df.txt", staff_id=support_id)
    staff_tickets.reply(support_id, ticket_id, "یادداشت", internal=True, attachment_ids=[note_file.id])
    assert api_get(f"/attachments/{note_file.id}", cookies=_client_cookie(owner.email)).status_code == 404
    text = api_get(f"/attachments/{note_file.id}", cookies=_staff_cookie(support_cookie))
    assert text.status_code == 200 and text.headers["content-type"] == "text/plain; charset=utf-8"


def _upload_app() -> TestClient:
    async def upload(request: Request) -> PlainTextResponse:
        body = b""
        try:  # what Reflex's upload route does when the body stops: nothing is parsed or handled
            async for chunk in request.stream():
                body += chunk
        except ClientDisconnect:
            return PlainTextResponse("stopped")
        return PlainTextResponse(f"read {len(body)}")

    inner = Starlette(routes=[Route("/_upload", upload, methods=["POST", "GET"])])
    return TestClient(WebGuard(inner), base_url="http://localhost:3000", raise_server_exceptions=False)


def test_the_upload_route_takes_only_our_pages_and_a_capped_body():
    client = _upload_app()
    same = {"origin": "http://localhost:3000"}
    assert client.post("/_upload", content=b"x" * 10, headers=same).text == "read 10"
    assert client.post("/_upload", content=b"x", headers={"origin": "https://evil.example"}).status_code == 403
    assert client.post("/_upload", content=b"x" * (MAX_UPLOAD_BYTES + 1), headers=same).status_code == 413
    assert client.get("/_upload/anything.png").status_code == 404

    def chunks():  # no Content-Length: counted as it arrives, and cut off at the cap
        for _ in range(MAX_UPLOAD_BYTES // (1024 * 1024) + 2):
            yield b"x" * (1024 * 1024)

    assert client.post("/_upload", content=chunks(), headers=same).text == "stopped"
