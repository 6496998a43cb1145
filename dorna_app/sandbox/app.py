"""The sandbox process: every local stand-in behind one HTTP port (gateway, SMS, Virtualizor panel),
plus a page where a person trying the app sees the e-mails and SMS sent and each server's state."""

from __future__ import annotations

import html
from datetime import datetime

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from dorna_app.sandbox.sms import KavenegarSandbox
from dorna_app.sandbox.smtp import Inbox, ReceivedMail
from dorna_app.sandbox.virtualizor import VirtualizorSandbox
from dorna_app.sandbox.zarinpal import ZarinPalSandbox, _fa, _page

# uvicorn's httptools parser, not h11: real clients (Kavenegar's Node SDK among them) send request
# lines with an absolute URL (`POST http://host/v1/...`), which h11 answers with 404.
HTTP_PARSER = "httptools"


def build_app(zarinpal: ZarinPalSandbox | None = None, sms: KavenegarSandbox | None = None,
              inbox: Inbox | None = None, panel: VirtualizorSandbox | None = None) -> Starlette:
    zarinpal = zarinpal or ZarinPalSandbox()
    panel = panel or VirtualizorSandbox()
    sms = sms or KavenegarSandbox()
    inbox = inbox or Inbox()

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"ok": True})

    def listed(m: ReceivedMail) -> dict:
        files = [{"filename": f.filename, "content_type": f.content_type, "size": len(f.data),
                  "url": f"/_sandbox/mail/{m.id}/files/{n}"} for n, f in enumerate(m.files)]
        return {**{k: v for k, v in m.__dict__.items() if k != "files"}, "files": files}

    async def mail_list(_request: Request) -> JSONResponse:
        return JSONResponse([listed(m) for m in inbox.messages])

    async def mail_file(request: Request) -> Response:
        mail_id, index = int(request.path_params["mail_id"]), int(request.path_params["index"])
        found = next((m for m in inbox.messages if m.id == mail_id), None)
        if found is None or not 0 <= index < len(found.files):
            return Response("not found", status_code=404)
        file = found.files[index]
        return Response(file.data, media_type=file.content_type,
                        headers={"Content-Disposition": f'attachment; filename="{file.filename}"'})

    async def mail_one(request: Request) -> Response:
        mail_id = int(request.path_params["mail_id"])
        found = next((m for m in inbox.messages if m.id == mail_id), None)
        if found is None:
            return HTMLResponse(_page("پیدا نشد", "<p>این ایمیل وجود ندارد.</p>"), status_code=404)
        return HTMLResponse(found.html or f"<pre dir='rtl'>{html.escape(found.text)}</pre>")

    async def index(_request: Request) -> HTMLResponse:
        def when(ts: float) -> str:
            return _fa(datetime.fromtimestamp(ts).strftime("%H:%M:%S"))

        mails = "".join(
            f'<div class="row"><span>{when(m.received_at)} — {html.escape(", ".join(m.rcpt_to))}</span>'
            f'<a href="/_sandbox/mail/{m.id}" target="_blank">{html.escape(m.subject)}</a>'
            + "".join(f' <a href="/_sandbox/mail/{m.id}/files/{n}">📎 {html.escape(f.filename)}</a>'
                      for n, f in enumerate(m.files)) + "</div>"
            for m in reversed(inbox.messages)) or "<p>هنوز ایمیلی فرستاده نشده است.</p>"
        texts = "".join(
            f'<div class="row"><span>{_fa(sms_item.receptor)}</span><b>{html.escape(sms_item.message)}</b></div>'
            for sms_item in reversed(sms.sent)) or "<p>هنوز پیامکی فرستاده نشده است.</p>"
        payments = "".join(
            f'<div class="row"><span>{tx.authority[:12]}…</span><b>{_fa(f"{tx.amount:,}")} ریال — {tx.status}</b></div>'
            for tx in reversed(list(zarinpal.transactions.values()))) or "<p>تراکنشی نیست.</p>"
        words = {"running": "روشن", "stopped": "خاموش", "suspended": "معلق"}
        machines = "".join(
            f'<div class="row"><span dir="ltr">VPS {_fa(str(v.vpsid))} — {html.escape(v.hostname)}</span>'
            f'<b class="vps-state" data-vpsid="{v.vpsid}">'
            f'{words["suspended" if v.suspended else "running" if v.running else "stopped"]}</b></div>'
            for v in panel.machines.values()) or "<p>سروری نیست.</p>"
        body = (f"<h2>ایمیل‌ها (صندوق SMTP)</h2>{mails}<h2>پیامک‌ها (کاوه‌نگار آزمایشی)</h2>{texts}"
                f"<h2>تراکنش‌های درگاه</h2>{payments}<h2>سرورهای پنل ویرچوالایزر</h2>{machines}"
                '<p class="note">این صفحه خودکار تازه نمی‌شود؛ برای دیدن پیام‌های تازه آن را دوباره باز کنید.</p>')
        return HTMLResponse(_page("سرویس‌های آزمایشی درنا", body).replace("max-width:420px", "max-width:760px"))

    app = Starlette(routes=[
        Route("/", index),
        Route("/_sandbox/health", health),
        Route("/_sandbox/mail", mail_list),
        Route("/_sandbox/mail/{mail_id:int}", mail_one),
        Route("/_sandbox/mail/{mail_id:int}/files/{index:int}", mail_file),
        *zarinpal.routes(),
        *sms.routes(),
        *panel.routes(),
    ])
    app.state.zarinpal, app.state.sms, app.state.inbox, app.state.panel = zarinpal, sms, inbox, panel
    return app
