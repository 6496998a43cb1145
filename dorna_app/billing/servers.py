"""What billing tells a server's panel when a service changes state: the commands are written in the
transaction of the change (so a rollback writes none, a commit loses none) and sent later by the
provisioning worker. A service without a panel is billing-only: nothing is written."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from dorna_app.billing.models import Service, ServiceStatus
from dorna_app.db import read_session
from dorna_app.provisioning import commands
from dorna_app.provisioning.commands import Target, follow
from dorna_app.provisioning.models import CommandStatus, PanelAction
from dorna_app.provisioning.protocol import PowerState

__all__ = ["PanelAction", "Target", "ended", "follow", "suspended", "target", "unsuspended"]


def target(service: Service) -> Target:
    return Target(service_id=service.id, client_id=service.client_id, panel_id=service.panel_id,
                  vpsid=service.vpsid)


def suspended(session: Session, service: Service, *, key: str, reason: str) -> int:
    """Overdue or staff suspension: suspend on the panel."""
    return follow(session, target(service), [PanelAction.SUSPEND], key=key, reason=reason)


def unsuspended(session: Session, service: Service, *, key: str, reason: str) -> int:
    """A payment (or staff) lifted the suspension: unsuspend, then start (a panel's unsuspend does not
    start the server; the customer no longer has to)."""
    return follow(session, target(service), [PanelAction.UNSUSPEND, PanelAction.START], key=key, reason=reason)


def ended(session: Session, service: Service, *, key: str, reason: str) -> int:
    """Cancelled or terminated: stop, then suspend (the data stays until staff delete it on the panel)."""
    return follow(session, target(service), [PanelAction.STOP, PanelAction.SUSPEND], key=key, reason=reason)


POWER_WORDS = {"running": "روشن", "stopped": "خاموش", "suspended": "معلق", "unknown": "نامشخص"}
DONE_WORDS = {"start": "سرور روشن شد.", "stop": "سرور خاموش شد.", "restart": "سرور راه‌اندازی مجدد شد.",
              "poweroff": "برق سرور قطع شد."}


@dataclass(frozen=True)
class PowerOutcome:
    ok: bool
    message: str


def power_state(service: Service, *, timeout: float = 3.0) -> PowerState | None:
    """The server's state on its panel now (None for a billing-only service)."""
    if not service.panel_id or not service.vpsid:
        return None
    return commands.power_state(service.panel_id, service.vpsid, timeout=timeout)


def request_power(service_id: int, action: str, *, client_id: int | None = None, staff_id: int | None = None
                  ) -> PowerOutcome:
    """Start, stop, restart or power off a server now: a customer only their own active server (one
    action a minute), staff any server on a panel. Sent at once, confirmed with the panel's state."""
    try:
        wanted = PanelAction(action)
    except ValueError:
        return PowerOutcome(False, "این کار شناخته نیست.")
    with read_session() as session:
        service = session.get(Service, service_id)
    if service is None or (client_id is not None and service.client_id != client_id):
        return PowerOutcome(False, "سرویس پیدا نشد.")
    if service.status != ServiceStatus.ACTIVE:
        return PowerOutcome(False, "این سرور معلق یا غیرفعال است؛ پس از پرداخت صورت‌حساب خودکار روشن می‌شود."
                            if service.status == ServiceStatus.SUSPENDED else "این سرویس فعال نیست.")
    by = "customer" if client_id is not None else f"staff {staff_id}"
    try:
        command_id = commands.request_power(target(service), wanted, by=by, limit_per_minute=client_id is not None)
    except commands.PowerRefused as exc:
        return PowerOutcome(False, str(exc))
    status = commands.run_now(command_id)
    if status == CommandStatus.DONE:
        return PowerOutcome(True, DONE_WORDS[wanted.value])
    return PowerOutcome(False, "پنل سرور همین حالا پاسخ نداد؛ درخواست در صف است و به‌زودی دوباره فرستاده می‌شود.")
