"""Build-time tuning of the frontend bundle, as a Reflex plugin (listed in rxconfig.py)."""

from __future__ import annotations

from typing import Any

from reflex_base.plugins.base import Plugin

_MARKER = 'name: "reflex-env",\n            },'
_VENDOR_GROUP = """
            {
              // One file for the framework (React, React Router, socket.io, emotion): a phone on a
              // slow link pays one round trip for it instead of one per package.
              test: /node_modules/,
              name: "vendor",
            },"""


def bundle_vendor_once(config: str) -> str:
    """Add a `vendor` chunk group to Vite's code splitting (idempotent)."""
    if 'name: "vendor"' in config or _MARKER not in config:
        return config
    return config.replace(_MARKER, _MARKER + _VENDOR_GROUP, 1)


class VendorChunkPlugin(Plugin):
    """Puts every npm package of the page in one `vendor` chunk."""

    def pre_compile(self, **context: Any) -> None:
        context["add_modify_task"]("vite.config.js", bundle_vendor_once)
