"""The build's tuning: the framework in one chunk (without the ticket pages' file picker), a prerendered
frame for the pages whose address holds a value, scripts at low priority everywhere, and on the pages
that work without JavaScript, scripts that start only after the first paint, with the same modules."""

from __future__ import annotations

import re
from pathlib import Path

from dorna_app.build import (
    bundle_vendor_once,
    lower_script_priority,
    prerender_shells,
    shell_paths,
    start_scripts_after_paint,
    tune_pages,
)

# As React Router prerenders a page (the line of two spaces included).
PAGE = """<!DOCTYPE html><html><head><link rel="modulepreload" href="/assets/manifest-1.js"/>\
<link rel="modulepreload" href="/assets/vendor-2.js"/><link href="/assets/s.css" rel="stylesheet"/></head>\
<body><main>ورود</main><script>window.__reactRouterContext = {};</script>\
<script type="module" async="">import "/assets/manifest-1.js";
import * as route0 from "/assets/root-3.js";
import * as route1 from "/assets/_login_._index-4.js";
\x20\x20
  window.__reactRouterRouteModules = {"root":route0,"routes/[login]._index":route1};

import("/assets/entry.client-5.js");</script></body></html>"""


def test_every_module_preload_goes_low_and_nothing_else_changes():
    tuned = lower_script_priority(PAGE)
    assert tuned.count('<link rel="modulepreload" fetchpriority="low" href=') == 2
    assert tuned.replace(' fetchpriority="low"', "") == PAGE
    assert lower_script_priority(tuned) == tuned


def test_a_page_that_works_without_javascript_starts_its_scripts_after_the_first_paint():
    tuned = start_scripts_after_paint(PAGE)
    assert "modulepreload" not in tuned and '<link href="/assets/s.css" rel="stylesheet"/>' in tuned
    script = tuned.split('<script type="module" async="">', 1)[1].split("</script>", 1)[0]
    assert script.startswith("requestAnimationFrame(() => setTimeout(async () => {")
    # The same modules: the manifest and both routes fetched together, then the route table, then the entry.
    assert ('const [, route0, route1] = await Promise.all([import("/assets/manifest-1.js"), '
            'import("/assets/root-3.js"), import("/assets/_login_._index-4.js")]);') in script
    assert script.index("window.__reactRouterRouteModules") < script.index('import("/assets/entry.client-5.js")')
    assert "import *" not in script and 'import "/' not in script  # no static import starts a fetch early
    assert start_scripts_after_paint(tuned) == tuned
    assert '<script>window.__reactRouterContext = {};</script>' in tuned


def test_a_script_of_another_shape_is_left_alone():
    other = PAGE.replace('import("/assets/entry.client-5.js");', "start();")
    assert start_scripts_after_paint(other) == other
    assert start_scripts_after_paint("<html><body>no script</body></html>") == "<html><body>no script</body></html>"


def test_the_pages_of_a_build_are_tuned_by_their_route(tmp_path: Path):
    (tmp_path / "login").mkdir()
    (tmp_path / "invoices").mkdir()
    for path in ("login.html", "login/index.html", "invoices/index.html", "index.html"):
        (tmp_path / path).write_text(PAGE, encoding="utf-8")
    assert tune_pages(tmp_path) == 4
    assert "requestAnimationFrame" in (tmp_path / "login" / "index.html").read_text(encoding="utf-8")
    assert "requestAnimationFrame" in (tmp_path / "login.html").read_text(encoding="utf-8")
    assert 'fetchpriority="low"' in (tmp_path / "invoices" / "index.html").read_text(encoding="utf-8")
    assert 'fetchpriority="low"' in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert tune_pages(tmp_path) == 0  # a second build step changes nothing more


# As Reflex writes them (the parts the rewrites look for).
VITE_CONFIG = """        codeSplitting: {
          groups: [
            {
              test: /env.json/,
              name: "reflex-env",
            },
          ],
        },"""
ROUTER_CONFIG = 'export default {"basename": "/", "ssr": false, "prerender": true, "build": "build"};'


def test_the_framework_is_one_chunk_and_the_file_picker_stays_with_the_ticket_pages():
    config = bundle_vendor_once(VITE_CONFIG)
    assert bundle_vendor_once(config) == config
    pattern = re.search(r"test: /(.+)/,\n\s*name: \"vendor\"", config).group(1).replace("\\/", "/")
    for module in ("react-dom/cjs/react-dom-client.production.js", "react-router/dist/index.mjs",
                   "socket.io-client/build/esm/index.js", "@emotion/react/dist/x.js"):
        assert re.search(pattern, f"/app/.web/node_modules/{module}"), module
    for module in ("react-dropzone/dist/es/index.js", "file-selector/dist/index.js", "attr-accept/dist/es/index.js"):
        assert not re.search(pattern, f"/app/.web/node_modules/{module}"), module
    assert not re.search(pattern, "/app/.web/utils/state.js")


def test_each_page_whose_address_holds_a_value_is_prerendered_once_as_a_frame():
    routes = ["index", "invoices", "invoices/[invoice_no]", "/support/[ticket_id]", "support/new",
              "staff/customers/[customer_id]", "docs/[[...slug]]", "files/[...path]"]
    assert shell_paths(routes) == ["/invoices/_", "/staff/customers/_", "/support/_"]
    config = prerender_shells(ROUTER_CONFIG, ["/invoices/_", "/support/_"])
    assert '"prerender": ({ getStaticPaths }) => [...getStaticPaths(), "/invoices/_", "/support/_"]' in config
    assert prerender_shells(config, ["/invoices/_"]) == config
    assert prerender_shells(ROUTER_CONFIG, []) == ROUTER_CONFIG
