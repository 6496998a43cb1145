"""Build-time tuning of the frontend bundle, as a Reflex plugin (listed in rxconfig.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reflex_base.plugins.base import Plugin

_MARKER = 'name: "reflex-env",\n            },'
_VENDOR_GROUP = """
            {
              // One file for the framework (React, React Router, socket.io, emotion): a phone on a
              // slow link pays one round trip for it instead of one per package. The file picker
              // (react-dropzone, 13 KB brotli) stays with the ticket pages that use it.
              test: /node_modules\\/(?!(react-dropzone|file-selector|attr-accept)\\/)/,
              name: "vendor",
            },"""


def bundle_vendor_once(config: str) -> str:
    """Add a `vendor` chunk group to Vite's code splitting (idempotent)."""
    if 'name: "vendor"' in config or _MARKER not in config:
        return config
    return config.replace(_MARKER, _MARKER + _VENDOR_GROUP, 1)


# A page whose address holds a value (`/invoices/[invoice_no]`) has no HTML of its own: React Router
# answers it with an empty SPA fallback, so a phone saw nothing until the framework had loaded, and only
# then learnt which page module to fetch (one more round trip). The build prerenders each such page once,
# with this segment in place of every value (`/invoices/_`): its frame and placeholders, its modules
# preloaded. The page draws nothing from the value before its data arrives, so the one HTML serves every
# value; web_guard.py answers `/invoices/1523` with it.
SHELL_SEGMENT = "_"
_PRERENDER_ALL = '"prerender": true'


def shell_paths(routes: list[str]) -> list[str]:
    """`/invoices/_` for `invoices/[invoice_no]`: the address the build prerenders a dynamic page at."""
    shells = []
    for route in routes:
        parts = route.strip("/").split("/")
        if any(part.startswith("[[") or part.startswith("[...") for part in parts):
            continue  # optional and catch-all segments have no single shape
        if any(part.startswith("[") for part in parts):
            shells.append("/" + "/".join(SHELL_SEGMENT if part.startswith("[") else part for part in parts))
    return sorted(set(shells))


def prerender_shells(config: str, shells: list[str]) -> str:
    """React Router's config with the shells prerendered beside the static pages (idempotent)."""
    if not shells or _PRERENDER_ALL not in config:
        return config
    listed = ", ".join(f'"{shell}"' for shell in shells)
    return config.replace(_PRERENDER_ALL,
                          f'"prerender": ({{ getStaticPaths }}) => [...getStaticPaths(), {listed}]', 1)


class VendorChunkPlugin(Plugin):
    """Puts every npm package of the page in one `vendor` chunk, prerenders the pages whose address
    holds a value, and lets the first paint go first (`tune_pages` below)."""

    def pre_compile(self, **context: Any) -> None:
        context["add_modify_task"]("vite.config.js", bundle_vendor_once)
        shells = shell_paths([page.route for page in context["unevaluated_pages"]])
        context["add_modify_task"]("react-router.config.js", lambda config: prerender_shells(config, shells))

    def post_build(self, **context: Any) -> None:
        tune_pages(Path(context["static_dir"]))


# The HTML React Router prerenders starts every JavaScript file of the page at once, at high priority
# (`<link rel="modulepreload">`), so on a slow phone link the framework's ~150 KB compete with the
# stylesheet and the font for the first paint. The page is drawn from its HTML (placeholders of the final
# size where data will come), so the scripts can wait their turn: `fetchpriority="low"` lets the
# browser fetch HTML, CSS and fonts first. Measured with Lighthouse mobile: first paint 2.2 s -> 1.1 s.
_PRELOAD = '<link rel="modulepreload" href='
_LOW_PRELOAD = '<link rel="modulepreload" fetchpriority="low" href='

# Pages that work fully before any JavaScript (sign-in is an ordinary form POST): their scripts start
# only after the first paint, so nothing competes with it at all.
AFTER_PAINT_PAGES = ("login",)
_MODULE_SCRIPT = re.compile(r'<script type="module" async="">(.*?)</script>', re.S)
_STATIC_IMPORT = re.compile(r'^import (?:\* as (\w+) from )?("[^"]+");\s*$', re.M)
_ENTRY = re.compile(r'^import\(("[^"]+")\);\s*$', re.M)
_ROUTE_MODULES = re.compile(r"^\s*(window\.__reactRouterRouteModules = .*?;)\s*$", re.M)


def lower_script_priority(html: str) -> str:
    """Every module preload of a page at low priority (idempotent)."""
    return html.replace(_PRELOAD, _LOW_PRELOAD)


def start_scripts_after_paint(html: str) -> str:
    """The page's module script rewritten to begin after the first frame is painted, with no preloads.

    React Router's script imports the manifest and the route modules statically (fetched together, all
    evaluated before the client entry starts). The same imports run from a callback after the next
    frame: fetched together, then the entry. A page whose script does not have that shape is left as
    it is.
    """
    found = _MODULE_SCRIPT.search(html)
    if not found or "requestAnimationFrame(() => setTimeout(" in found.group(1):
        return html
    body = found.group(1)
    entry = _ENTRY.search(body)
    assign = _ROUTE_MODULES.search(body)
    imports = _STATIC_IMPORT.findall(body)
    if not entry or not assign or not imports:
        return html
    names = ", ".join(name for name, _ in imports)
    loads = ", ".join(f"import({url})" for _, url in imports)
    script = ("requestAnimationFrame(() => setTimeout(async () => {\n"
              f"const [{names}] = await Promise.all([{loads}]);\n"
              f"{assign.group(1)}\nimport({entry.group(1)});\n}}));")
    html = html[:found.start(1)] + script + html[found.end(1):]
    return re.sub(r'<link rel="modulepreload"[^>]*/>', "", html)


def tune_pages(static_dir: Path) -> int:
    """Apply both rewrites to the exported pages (before Reflex compresses them); how many changed."""
    changed = 0
    for path in static_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        relative = path.relative_to(static_dir).as_posix()
        page = relative.removesuffix("/index.html").removesuffix(".html")
        tuned = start_scripts_after_paint(html) if page in AFTER_PAINT_PAGES else lower_script_priority(html)
        if tuned != html:
            path.write_text(tuned, encoding="utf-8")
            changed += 1
    return changed
