"""Reflex configuration, from the app's own settings. Nothing reaches the internet: telemetry is off,
the app serves its own font."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from dorna_app.build import VendorChunkPlugin
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
    # No Radix Themes: its stylesheet alone was 82 KB of render-blocking CSS on a phone. The pages use
    # plain elements and assets/styles.css (dorna_app/components/ui.py).
    plugins=[VendorChunkPlugin()],
    # Brotli first (the framework chunk: 118 KB instead of gzip's 136), gzip for older clients.
    frontend_compression_formats=["brotli", "gzip"],
    disable_plugins=[SitemapPlugin],
)
