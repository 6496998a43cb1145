"""Settings: typed, validated at start, and a bad variable is named with the form it expects."""

from __future__ import annotations

import pytest

from dorna_app.billing.gateway import get_gateway
from dorna_app.settings import SettingsError, reload_settings


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    yield
    monkeypatch.undo()
    reload_settings()


def test_defaults_follow_the_port(monkeypatch):
    monkeypatch.setenv("DORNA_PORT", "4100")
    s = reload_settings()
    assert (s.public_url, s.internal_url, s.sandbox_port, s.smtp_port) == (
        "http://localhost:4100", "http://127.0.0.1:4100", 4101, 4102)


def test_lists_and_aliases_are_read(monkeypatch):
    monkeypatch.setenv("DORNA_REMINDER_DAYS_BEFORE", "5, 2,5")
    monkeypatch.setenv("DORNA_TRUSTED_PROXIES", "10.0.0.1, ::1")
    monkeypatch.setenv("DORNA_LOGIN_MAX_FAILURES_EMAIL", "7")
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:6379")
    s = reload_settings()
    assert s.reminder_days_before == (2, 5) and s.trusted_proxies == {"10.0.0.1", "::1"}
    assert s.login_max_failures_per_email == 7 and s.redis_url == "redis://127.0.0.1:6379"


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("DORNA_PORT", "abc", "a whole number"),
    ("DORNA_COOKIE_SECURE", "perhaps", "true or false"),
    ("DORNA_SMTP_TLS", "ssl", "'none', 'starttls' or 'tls'"),
    ("DORNA_PUBLIC_URL", "my.host.ir", "http:// or https://"),
    ("DORNA_LOGIN_MAX_FAILURES_IP", "-1", "greater than or equal to 1"),
])
def test_a_bad_value_names_its_variable_and_the_expected_form(monkeypatch, name, value, expected):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        reload_settings()
    message = str(caught.value)
    assert name in message and repr(value) in message and expected in message
    assert "\n" not in message


def test_clients_built_from_settings_follow_a_reload(monkeypatch):
    before = get_gateway()
    assert get_gateway() is before
    monkeypatch.setenv("DORNA_ZARINPAL_MERCHANT_ID", "11111111-2222-3333-4444-555555555555")
    reload_settings()
    assert get_gateway() is not before
