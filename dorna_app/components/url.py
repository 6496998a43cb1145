"""Keep the address bar in step with an in-page change (filter, sort, page) without a navigation.

A navigation would make Reflex run the page's whole load again (session, tab registration, badge,
list, counts); an in-page change runs one event and then writes its URL here with
`history.pushState`, so back, reload and shared links still show the same list. Reflex reads the live
query string for later events, and going back re-runs the page's load for that URL.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars.base import Var, VarData
from reflex_base.components.component import field


class UrlSync(rx.Fragment):
    """Renders nothing; pushes `url` into the history when it changes (after mount) and differs from
    the address bar. The state sets it only for in-page changes and empties it on a page load."""

    url: rx.Var[str] = field(is_javascript_property=False)

    def add_hooks(self) -> list[str | Var[Any]]:
        url = Var.create(self.url)
        # Not on mount: the var may still hold the address of an earlier visit to this page.
        code = f"""
const urlSyncMounted = useRef(false);
useEffect(() => {{
    const url = {url!s};
    if (!urlSyncMounted.current) {{
        urlSyncMounted.current = true;
        return;
    }}
    if (url && url !== window.location.pathname + window.location.search) {{
        window.history.pushState(window.history.state, "", url);
    }}
}}, [{url!s}]);"""
        imports = VarData(imports={"react": ["useEffect", "useRef"]})
        return [Var(code, _var_data=VarData.merge(url._get_all_var_data(), imports))]


def url_sync(url: rx.Var) -> rx.Component:
    return UrlSync.create(url=url)
