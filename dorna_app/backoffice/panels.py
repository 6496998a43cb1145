"""Server panels (admins): add or change a Virtualizor panel, test its credentials; and what staff do
to one server: link it to its panel and VPS id, power actions, read its state again."""

from __future__ import annotations

from sqlmodel import select

from dorna_app.backoffice import audit
from dorna_app.backoffice.customers import FormResult
from dorna_app.billing import servers
from dorna_app.billing.models import Service
from dorna_app.billing.transitions import lock
from dorna_app.db import read_session, write_session
from dorna_app.provisioning import commands
from dorna_app.provisioning.models import Panel
from dorna_app.provisioning.protocol import PanelUnreachable

PANEL_FIELDS = ("name", "url", "api_key", "verify_tls", "active")  # never the password in the audit log


def save_panel(actor_id: int, panel_id: int | None, *, name: str, url: str, api_key: str, api_pass: str,
               verify_tls: bool, active: bool) -> FormResult:
    """Add a panel or change one; an empty password keeps the stored one."""
    name, url, api_key, api_pass = name.strip(), url.strip().rstrip("/"), api_key.strip(), api_pass.strip()
    errors: dict[str, str] = {}
    if not name or len(name) > 60:
        errors["panel_name"] = "نام پنل را بنویسید (حداکثر ۶۰ نویسه)."
    if not url.startswith(("https://", "http://")) or len(url) > 255 or " " in url:
        errors["panel_url"] = "نشانی پنل را کامل بنویسید، مثل https://panel.example.ir:4085"
    if not api_key or len(api_key) > 128:
        errors["panel_key"] = "کلید API را بنویسید."
    if (panel_id is None and not api_pass) or len(api_pass) > 128:
        errors["panel_pass"] = "رمز API را بنویسید."
    if errors:
        return FormResult(False, errors=errors)
    with write_session() as session:
        panel = session.get(Panel, panel_id) if panel_id else Panel(name=name, url=url, api_key=api_key,
                                                                     api_pass=api_pass)
        if panel is None:
            return FormResult(False, errors={"form": "پنل پیدا نشد."})
        before = audit.snapshot(panel, PANEL_FIELDS) if panel_id else None
        panel.name, panel.url, panel.api_key, panel.verify_tls, panel.active = name, url, api_key, verify_tls, active
        if api_pass:
            panel.api_pass = api_pass
        session.add(panel)
        session.flush()
        audit.record(session, actor_id, "panel.update" if panel_id else "panel.create", "panel", panel.id,
                     before=before, after=audit.snapshot(panel, PANEL_FIELDS))
        return FormResult(True, object_id=panel.id)


def test_panel(panel_id: int) -> str:
    """Whether the panel answers with these credentials, in Persian."""
    with read_session() as session:
        panel = session.get(Panel, panel_id)
    if panel is None:
        return "پنل پیدا نشد."
    try:
        with commands.panel_client(panel, timeout=5) as client:
            answer = client.call({"act": "vs", "vs_status": "0"})
    except PanelUnreachable as exc:
        return f"پنل در دسترس نیست: {exc}"
    if answer.get("error"):
        return f"پنل پاسخ داد ولی درخواست را نپذیرفت (کلید یا رمز API؟): {answer['error']}"[:300]
    return "اتصال به پنل برقرار است و کلید API پذیرفته شد."


def link_server(actor_id: int, service_id: int, *, panel_id: str, vpsid: str) -> FormResult:
    """Point a service at its server on a panel (or at none: billing-only)."""
    panel = int(panel_id) if panel_id.strip().isdigit() else None
    vps = int(vpsid.strip()) if vpsid.strip().isdigit() else None
    if panel_id.strip() and panel is None:
        return FormResult(False, errors={"form": "پنل را انتخاب کنید."})
    if (panel is None) != (vps is None):
        return FormResult(False, errors={"form": "هم پنل و هم شناسه VPS (عدد) را وارد کنید، یا هیچ‌کدام را."})
    with write_session() as session:
        if panel is not None and session.get(Panel, panel) is None:
            return FormResult(False, errors={"form": "پنل پیدا نشد."})
        if session.get(Service, service_id) is None:
            return FormResult(False, errors={"form": "سرویس پیدا نشد."})
        service = lock(session, Service, service_id)
        before = audit.snapshot(service, ("panel_id", "vpsid"))
        service.panel_id, service.vpsid = panel, vps
        session.add(service)
        audit.record(session, actor_id, "service.link", "service", service_id, before=before,
                     after=audit.snapshot(service, ("panel_id", "vpsid")))
        return FormResult(True, object_id=service_id)


def power(actor_id: int, service_id: int, action: str) -> FormResult:
    outcome = servers.request_power(service_id, action, staff_id=actor_id)
    with write_session() as session:
        audit.record(session, actor_id, f"service.power.{action}"[:64], "service", service_id,
                     after={"ok": outcome.ok, "message": outcome.message})
    return FormResult(True, object_id=service_id) if outcome.ok else FormResult(False, errors={"form": outcome.message})


def panel_names() -> dict[int, str]:
    with read_session() as session:
        return {p.id: p.name for p in session.exec(select(Panel)).all()}


def retry_command(actor_id: int, service_id: int, command_id: int) -> FormResult:
    """A failed panel command, queued again (its attempts start over); audited."""
    if not commands.retry(command_id):
        return FormResult(False, errors={"form": "این دستور ناموفق نیست یا پیدا نشد."})
    with write_session() as session:
        audit.record(session, actor_id, "service.panel_retry", "service", service_id, after={"command": command_id})
    return FormResult(True, object_id=service_id)
