"""Configuration from the environment, with embedded defaults that run on one machine.

Every outside part (database, gateway, SMS, SMTP, Redis) is a URL or a key here, so moving from the
local stand-ins to production is configuration only.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in {"1", "true", "yes", "on"}


def _env_days(name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    return tuple(sorted({int(part) for part in raw.split(",") if part.strip()}))


@dataclass(frozen=True)
class Settings:
    """All knobs of the app; read once per process from DORNA_* variables."""

    database_url: str = field(
        default_factory=lambda: _env("DORNA_DATABASE_URL", f"sqlite:///{VAR_DIR / 'dorna.db'}")
    )
    # Where people reach the app (used for gateway callbacks and links in messages).
    port: int = field(default_factory=lambda: _env_int("DORNA_PORT", 3000))
    public_url: str = field(
        default_factory=lambda: _env("DORNA_PUBLIC_URL", f"http://localhost:{_env_int('DORNA_PORT', 3000)}")
    )
    session_days: int = field(default_factory=lambda: _env_int("DORNA_SESSION_DAYS", 14))
    # Secure cookies need HTTPS; production sets this to true behind its TLS proxy.
    cookie_secure: bool = field(default_factory=lambda: _env_bool("DORNA_COOKIE_SECURE", False))
    # Sign-in throttling: failures counted over a sliding window, per e-mail and per address.
    login_window_minutes: int = field(default_factory=lambda: _env_int("DORNA_LOGIN_WINDOW_MINUTES", 15))
    login_max_failures_per_email: int = field(
        default_factory=lambda: _env_int("DORNA_LOGIN_MAX_FAILURES_EMAIL", 5)
    )
    login_max_failures_per_ip: int = field(
        default_factory=lambda: _env_int("DORNA_LOGIN_MAX_FAILURES_IP", 20)
    )
    # Where jobs running in another process reach the app to push live updates.
    internal_url: str = field(
        default_factory=lambda: _env("DORNA_INTERNAL_URL", f"http://127.0.0.1:{_env_int('DORNA_PORT', 3000)}")
    )
    # The local stand-ins (gateway, SMS, SMTP inbox) run in one process on this port.
    sandbox_port: int = field(
        default_factory=lambda: _env_int("DORNA_SANDBOX_PORT", _env_int("DORNA_PORT", 3000) + 1)
    )
    # Whether `python -m dorna_app run` starts the stand-ins; production points the URLs below elsewhere.
    run_sandbox: bool = field(default_factory=lambda: _env_bool("DORNA_RUN_SANDBOX", True))
    zarinpal_merchant_id: str = field(
        default_factory=lambda: _env("DORNA_ZARINPAL_MERCHANT_ID", "6cded376-3063-11e6-8e3c-000c295eb8fc")
    )
    zarinpal_api_url: str = field(default_factory=lambda: _env("DORNA_ZARINPAL_API_URL", ""))
    zarinpal_startpay_url: str = field(default_factory=lambda: _env("DORNA_ZARINPAL_STARTPAY_URL", ""))
    gateway_timeout_seconds: float = field(
        default_factory=lambda: float(_env("DORNA_GATEWAY_TIMEOUT_SECONDS", "15"))
    )
    # A pending payment older than this is asked about by reconciliation.
    reconcile_after_minutes: int = field(default_factory=lambda: _env_int("DORNA_RECONCILE_AFTER_MINUTES", 5))
    # E-mail over SMTP (the sandbox inbox by default). TLS: "none", "starttls" or "tls".
    smtp_host: str = field(default_factory=lambda: _env("DORNA_SMTP_HOST", "127.0.0.1"))
    smtp_port_setting: int = field(default_factory=lambda: _env_int("DORNA_SMTP_PORT", 0))
    smtp_tls: str = field(default_factory=lambda: _env("DORNA_SMTP_TLS", "none"))
    smtp_user: str = field(default_factory=lambda: _env("DORNA_SMTP_USER", ""))
    smtp_password: str = field(default_factory=lambda: _env("DORNA_SMTP_PASSWORD", ""))
    mail_from: str = field(default_factory=lambda: _env("DORNA_MAIL_FROM", "billing@dornaserver.ir"))
    mail_from_name: str = field(default_factory=lambda: _env("DORNA_MAIL_FROM_NAME", "درنا سرور"))
    # SMS through Kavenegar's REST API (the sandbox stand-in by default).
    kavenegar_api_url: str = field(default_factory=lambda: _env("DORNA_KAVENEGAR_API_URL", ""))
    kavenegar_api_key: str = field(default_factory=lambda: _env("DORNA_KAVENEGAR_API_KEY", "SANDBOX-KEY-1234"))
    sms_sender: str = field(default_factory=lambda: _env("DORNA_SMS_SENDER", "10004346"))
    message_timeout_seconds: float = field(
        default_factory=lambda: float(_env("DORNA_MESSAGE_TIMEOUT_SECONDS", "15"))
    )
    # Billing automation: when renewal invoices appear, reminders go out and overdue servers stop.
    renewal_days_before: int = field(default_factory=lambda: _env_int("DORNA_RENEWAL_DAYS_BEFORE", 7))
    reminder_days_before: tuple[int, ...] = field(
        default_factory=lambda: _env_days("DORNA_REMINDER_DAYS_BEFORE", (3, 1)))
    reminder_days_after: tuple[int, ...] = field(
        default_factory=lambda: _env_days("DORNA_REMINDER_DAYS_AFTER", (1, 3)))
    suspend_after_days: int = field(default_factory=lambda: _env_int("DORNA_SUSPEND_AFTER_DAYS", 3))
    # Whether the app process runs the jobs on a timer (the embedded default); cron can run them instead.
    jobs_in_process: bool = field(default_factory=lambda: _env_bool("DORNA_JOBS_IN_PROCESS", True))
    # Peers whose X-Forwarded-For is believed (the reverse proxy); comma-separated.
    trusted_proxies: frozenset[str] = field(default_factory=lambda: frozenset(
        p.strip() for p in _env("DORNA_TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if p.strip()))
    demo_email: str = "demo@dornaserver.ir"
    demo_password: str = "dorna-demo-1405"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sandbox_url(self) -> str:
        return f"http://127.0.0.1:{self.sandbox_port}"

    @property
    def smtp_port(self) -> int:
        """The SMTP port; next to the sandbox's own port unless configured."""
        return self.smtp_port_setting or self.sandbox_port + 1

    @property
    def sms_api_url(self) -> str:
        return (self.kavenegar_api_url or self.sandbox_url).rstrip("/")

    @property
    def gateway_api_url(self) -> str:
        """ZarinPal's API base; the local sandbox unless configured."""
        return self.zarinpal_api_url or f"{self.sandbox_url}/pg/v4/payment/"

    @property
    def gateway_startpay_url(self) -> str:
        """Where the payer's browser goes; localhost so a browser on this machine can reach it."""
        return self.zarinpal_startpay_url or f"http://localhost:{self.sandbox_port}/pg/StartPay/"


def internal_token() -> str:
    """The shared secret between the app and its jobs: DORNA_INTERNAL_TOKEN, or one kept in var/.

    Kept in a file (mode 600) so that the app and a cron job on the same machine agree without setup.
    """
    configured = os.environ.get("DORNA_INTERNAL_TOKEN", "").strip()
    if configured:
        return configured
    path = VAR_DIR / "internal_token"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        token = secrets.token_urlsafe(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process wrote it first
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(token)
        return token


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache after changing the environment)."""
    return Settings()
