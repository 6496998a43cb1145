"""Right-to-left for Radix widgets: Radix Themes pins its own direction to LTR inside its Theme.

Wrapping the app in @radix-ui/react-direction's provider (inside the Theme, so it wins) makes menus,
drawers, selects and sliders open and move the right way for Persian.
"""

from __future__ import annotations

import reflex as rx


class DirectionProvider(rx.Component):
    """`<DirectionProvider dir="rtl">` from @radix-ui/react-direction."""

    library = "@radix-ui/react-direction@1.2.0"
    tag = "DirectionProvider"
    dir: rx.Var[str]


def rtl_wrap(_stateful: bool) -> rx.Component:
    """The app wrap Reflex places just inside Radix's Theme (order 10 < Theme's 20)."""
    return DirectionProvider.create(dir="rtl")
