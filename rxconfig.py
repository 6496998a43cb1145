"""Reflex configuration. Nothing reaches the internet: telemetry is off, the app serves its own font."""

import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

_port = int(os.environ.get("DORNA_PORT", "3000"))
# The address browsers use; the built frontend connects its websocket here.
_public_url = os.environ.get("DORNA_PUBLIC_URL", f"http://localhost:{_port}").rstrip("/")

config = rx.Config(
    app_name="dorna_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # A backend-only worker process (another port, same Redis) must not name a frontend port.
    frontend_port=None if os.environ.get("DORNA_BACKEND_ONLY") else _port,
    backend_port=_port,
    api_url=_public_url,
    deploy_url=_public_url,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="blue", gray_color="slate", radius="large", scaling="100%")
        )
    ],
    disable_plugins=[SitemapPlugin],
)
