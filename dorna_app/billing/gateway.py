"""The payment gateway billing talks to, built from settings (ZarinPal v4; the local stand-in by default).

Lives here rather than in `gateways/` so that the adapters import nothing of ours.
"""

from __future__ import annotations

from functools import lru_cache

from dorna_app.gateways.base import Gateway
from dorna_app.gateways.zarinpal import ZarinPal
from dorna_app.settings import Settings, get_settings


def get_gateway() -> Gateway:
    """The configured gateway: one per settings object, so reloaded settings take effect."""
    return _gateway_for(get_settings())


@lru_cache(maxsize=4)
def _gateway_for(s: Settings) -> Gateway:
    return ZarinPal(s.zarinpal_merchant_id, s.gateway_api_url, s.gateway_startpay_url,
                    timeout=s.gateway_timeout_seconds)
