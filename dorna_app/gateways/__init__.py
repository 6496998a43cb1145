"""Payment-gateway adapters: plain dataclasses in and out, no ORM objects, no Reflex."""

from __future__ import annotations

from dorna_app.gateways.base import Gateway
from dorna_app.settings import get_settings

_cache: dict[tuple, Gateway] = {}


def get_gateway() -> Gateway:
    """The configured gateway (ZarinPal v4; the local sandbox by default)."""
    from dorna_app.gateways.zarinpal import ZarinPal

    s = get_settings()
    key = (s.zarinpal_merchant_id, s.gateway_api_url, s.gateway_startpay_url, s.gateway_timeout_seconds)
    if key not in _cache:
        _cache[key] = ZarinPal(s.zarinpal_merchant_id, s.gateway_api_url, s.gateway_startpay_url,
                               timeout=s.gateway_timeout_seconds)
    return _cache[key]
