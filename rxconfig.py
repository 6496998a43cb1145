"""Reflex configuration, from the app's own settings. Nothing reaches the internet: telemetry is off,
the app serves its own font."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from dorna_app.settings import get_settings

_settings = get_settings()

config = rx.Config(
    app_name="dorna_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # A backend-only worker process (another port, same Redis) must not name a frontend port.
    frontend_port=None if _settings.backend_only else _settings.port,
    backend_port=_settings.port,
    # The address browsers use; the built frontend connects its websocket here.
    api_url=_settings.public_url,
    deploy_url=_settings.public_url,
    # The event socket and CORS accept only the public origin (web_guard.py checks it again).
    cors_allowed_origins=[_settings.public_url],
    backend_host=_settings.bind_address,
    # Indigo, not blue: white text on Radix's blue-9 is 3.3:1, on indigo-9 5.2:1 (solid buttons).
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="large", scaling="100%")
        )
    ],
    disable_plugins=[SitemapPlugin],
)
