"""Configuration: one typed class read once per process from the environment, with embedded defaults
that run on one machine.

Every outside part (database, gateway, SMS, SMTP, Redis) is a URL or a key here, so moving from the
local stand-ins to production is configuration only. This is the only module that reads the
environment; `rxconfig.py`, the CLI and the launcher ask it too. A bad value stops the start with a
line that names the variable and the form it expects (`SettingsError`).
"""

from __future__ import annotations

import os
import secrets
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"
ENV_PREFIX = "DORNA_"

# What a person should write, by field, when a value does not parse.
_EXPECTED = {
    int: "a whole number",
    float: "a number",
    Decimal: "a number with at most two decimals (a percentage such as 10 or 9.5)",
    bool: "true or false",
}


class SettingsError(ValueError):
    """A setting from the environment that cannot be used; the message names the variable."""


def _split(value: Any) -> Any:
    """Comma-separated lists in one variable: `3,1` or `127.0.0.1, ::1`."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """All knobs of the app, from DORNA_* variables (and REFLEX_REDIS_URL, which Reflex reads too)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="ignore",
                                      env_ignore_empty=True, populate_by_name=True)

    database_url: str = ""  # empty: the SQLite file under var/
    port: int = Field(3000, ge=1, le=65535)
    # Where people reach the app (gateway callbacks, links in messages); empty: http://localhost:<port>.
    public_url: str = ""
    session_days: int = Field(14, ge=1, le=365)
    # Secure cookies need HTTPS; production sets this to true behind its TLS proxy.
    cookie_secure: bool = False
    # Sign-in throttling over a sliding window: per address a hard limit of failures; per account and
    # address a growing delay after `login_max_failures_per_email` failures (no lockout).
    login_window_minutes: int = Field(15, ge=1)
    login_max_failures_per_email: int = Field(5, ge=1, validation_alias="DORNA_LOGIN_MAX_FAILURES_EMAIL")
    login_max_failures_per_ip: int = Field(20, ge=1, validation_alias="DORNA_LOGIN_MAX_FAILURES_IP")
    # Failures on one account from all addresses before every further try waits (1 s, 2 s ... 1 min).
    login_account_slowdown_after: int = Field(10, ge=1, validation_alias="DORNA_LOGIN_ACCOUNT_SLOWDOWN_AFTER")
    # Where jobs running in another process reach the app to push live updates; empty: loopback:<port>.
    internal_url: str = ""
    internal_token_setting: str = Field("", validation_alias="DORNA_INTERNAL_TOKEN")
    # The local stand-ins (gateway, SMS, SMTP inbox) run in one process on this port; 0: <port> + 1.
    sandbox_port: int = Field(0, ge=0, le=65535)
    # Whether `python -m dorna_app run` starts the stand-ins; production points the URLs below elsewhere.
    run_sandbox: bool = True
    zarinpal_merchant_id: str = "6cded376-3063-11e6-8e3c-000c295eb8fc"
    zarinpal_api_url: str = ""
    zarinpal_startpay_url: str = ""
    gateway_timeout_seconds: float = Field(15.0, gt=0)
    # Events one browser tab may send in 10 seconds before the guard refuses more (a page change is 3-4).
    events_per_10s: int = Field(600, ge=10, validation_alias="DORNA_EVENTS_PER_10S")
    # A second press for the same invoices within this many minutes reuses the pending payment.
    payment_reuse_minutes: int = Field(10, ge=0)
    # Payments a customer may start in an hour (each one is a gateway request and later inquiries).
    payment_starts_per_hour: int = Field(10, ge=1)
    # A pending payment older than this is asked about by reconciliation.
    reconcile_after_minutes: int = Field(5, ge=0)
    # E-mail over SMTP (the sandbox inbox by default).
    smtp_host: str = "127.0.0.1"
    smtp_port_setting: int = Field(0, ge=0, le=65535, validation_alias="DORNA_SMTP_PORT")
    smtp_tls: Literal["none", "starttls", "tls"] = "none"
    smtp_user: str = ""
    smtp_password: str = ""
    mail_from: str = "billing@dornaserver.ir"
    mail_from_name: str = "درنا سرور"
    # SMS through Kavenegar's REST API (the sandbox stand-in by default).
    kavenegar_api_url: str = ""
    kavenegar_api_key: str = "SANDBOX-KEY-1234"
    sms_sender: str = "10004346"
    # The approved Kavenegar template of the sign-in code (its %token is the code).
    sms_login_template: str = "dorna-login"
    message_timeout_seconds: float = Field(15.0, gt=0)
    # Billing automation: when renewal invoices appear, reminders go out and overdue servers stop.
    renewal_days_before: int = Field(7, ge=0)
    reminder_days_before: Annotated[tuple[int, ...], NoDecode] = (3, 1)
    reminder_days_after: Annotated[tuple[int, ...], NoDecode] = (1, 3)
    suspend_after_days: int = Field(3, ge=0)
    # Whether the app process runs the jobs on a timer (the embedded default); cron can run them instead.
    jobs_in_process: bool = True
    # Peers whose X-Forwarded-For is believed (the reverse proxy); comma-separated.
    trusted_proxies: Annotated[frozenset[str], NoDecode] = frozenset({"127.0.0.1", "::1"})
    # The address the app listens on; loopback unless a proxy on another machine must reach it.
    bind_address: str = "127.0.0.1"
    # Host names the app answers to besides the public URL's (comma-separated). Set, or with secure
    # cookies (production), requests for any other Host are refused.
    allowed_hosts: Annotated[frozenset[str], NoDecode] = frozenset()
    # Production topology: workers for `serve`, Redis for Reflex's state, a backend-only process.
    workers: int = Field(4, ge=1, le=64)
    redis_url: str = Field("", validation_alias="REFLEX_REDIS_URL")
    backend_only: bool = False
    demo_email: str = "demo@dornaserver.ir"
    demo_password: str = "dorna-demo-1405"
    # The demo admin `make run` creates; its TOTP secret is fixed so the terminal can show the code.
    demo_staff_email: str = "admin@dornaserver.ir"
    demo_staff_password: str = "dorna-staff-1405"
    demo_staff_totp_secret: str = "JBSWY3DPEHPK3PXPDORNA2ADMIN4DEMO"
    # A staff session lasts a working day; the second factor is asked at every sign-in.
    staff_session_hours: int = Field(12, ge=1, le=72)
    # Support: where ticket attachments are kept (outside the web root; empty: var/attachments), how
    # many tickets a customer may open in an hour, and after how many days an answered ticket without a
    # reply from the customer closes itself.
    attachments_dir: str = ""
    # The wallet: the smallest and largest single top-up, in Toman.
    wallet_min_toman: int = Field(10_000, ge=1_000)
    wallet_max_toman: int = Field(50_000_000, ge=1_000)
    # Server panels: how long one API call may take; the demo panel (the sandbox's Virtualizor).
    panel_timeout_seconds: float = Field(10.0, gt=0)
    demo_panel_key: str = "dornasandboxapikey00000000000001"
    demo_panel_pass: str = "dornasandboxapipass0000000000001"
    tickets_per_hour: int = Field(5, ge=1)
    ticket_autoclose_days: int = Field(7, ge=1)
    # Official invoices: the value-added tax in percent (two decimals at most) put on every new
    # invoice, and the seller's details they print (each invoice keeps a snapshot as it was issued).
    vat_percent: Decimal = Field(Decimal("10"), ge=0, le=100, decimal_places=2)
    seller_name: str = "شرکت درنا سرور پارس (سهامی خاص)"
    seller_company_id: str = "10320456783"  # شناسه ملی
    seller_economic_code: str = "10320456783"  # a company's economic code is its national ID since 1399
    seller_registration_number: str = "543210"
    seller_postal_code: str = "1513915411"
    seller_address: str = "تهران، خیابان ولیعصر، بالاتر از پارک ساعی، کوچه نگار، پلاک ۱۲، طبقه ۳"
    seller_phone: str = "021-91001234"

    @property
    def vat_rate_bp(self) -> int:
        """The VAT rate in basis points (10% is 1000), so the domain computes with integers only."""
        return int(self.vat_percent * 100)

    @property
    def attachments_path(self) -> Path:
        return Path(self.attachments_dir) if self.attachments_dir else VAR_DIR / "attachments"

    @field_validator("reminder_days_before", "reminder_days_after", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        value = _split(value)
        return tuple(sorted({int(v) for v in value})) if isinstance(value, list) else value

    @field_validator("trusted_proxies", "allowed_hosts", mode="before")
    @classmethod
    def _proxies(cls, value: Any) -> Any:
        return frozenset(_split(value)) if isinstance(value, str) else value

    @field_validator("public_url", "internal_url", "zarinpal_api_url", "zarinpal_startpay_url",
                     "kavenegar_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("an address starting with http:// or https://")
        return value

    @model_validator(mode="after")
    def _derived_defaults(self) -> Settings:
        # Frozen model: fill the defaults that follow from other settings once, here.
        derived = {
            "database_url": self.database_url or f"sqlite:///{VAR_DIR / 'dorna.db'}",
            "public_url": (self.public_url or f"http://localhost:{self.port}").rstrip("/"),
            "internal_url": (self.internal_url or f"http://127.0.0.1:{self.port}").rstrip("/"),
            "sandbox_port": self.sandbox_port or self.port + 1,
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)
        return self

    @property
    def enforce_hosts(self) -> bool:
        return self.cookie_secure or bool(self.allowed_hosts)

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


def _field_and_variable(loc: str) -> tuple[Any, str]:
    """The field an error is about and the variable a person sets for it (errors name aliases as is)."""
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias if isinstance(field.validation_alias, str) else None
        if loc in (name, alias):
            return field, alias or ENV_PREFIX + name.upper()
    return None, loc


def _explain(error: ValidationError) -> str:
    """One line per bad variable: its name, what it held and what it should hold."""
    lines = []
    for item in error.errors():
        field, variable = _field_and_variable(str(item["loc"][0]) if item["loc"] else "")
        expected = _EXPECTED.get(field.annotation, "") if field is not None else ""
        value = item.get("input")
        shown = f" (got {value!r})" if isinstance(value, str | int | float) else ""
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"{variable}{shown}: {expected + '; ' if expected else ''}{message}")
    return "Bad setting: " + " | ".join(lines)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once. Raises `SettingsError` naming the bad variable."""
    try:
        return Settings()
    except ValidationError as error:
        raise SettingsError(_explain(error)) from None


def reload_settings() -> Settings:
    """Read the environment again (after a test or the CLI changed it).

    Clients built from settings (gateway, SMS) are cached per settings object, so they follow.
    """
    get_settings.cache_clear()
    return get_settings()


def internal_token() -> str:
    """The shared secret between the app and its jobs: DORNA_INTERNAL_TOKEN, or one kept in var/.

    Kept in a file (mode 600) so that the app and a cron job on the same machine agree without setup.
    """
    configured = get_settings().internal_token_setting.strip()
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
