"""The few building blocks every page is made of: plain HTML elements and the classes of styles.css.

No component library: Radix Themes cost a phone 82 KB of render-blocking CSS and ~60 KB of script for
boxes, text and buttons that HTML already has. Links stay client-side (React Router), so moving
between pages keeps the connection open.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink

from dorna_app.components.icons import icon

Tone = str  # "indigo", "gray", "red", "green", "amber", "orange" or "blue" (a Var of one, too)


def _classes(*names: Any) -> Any:
    """Join class names; a Var among them makes the result a Var."""
    parts = [n for n in names if n is not None and n is not False and not (isinstance(n, str) and not n)]
    if any(isinstance(p, rx.Var) for p in parts):
        result: Any = None
        for part in parts:
            piece = part.to(str) if isinstance(part, rx.Var) else rx.Var.create(part)
            result = piece if result is None else result + " " + piece
        return result
    return " ".join(parts)


def _tone(tone: Any) -> Any:
    """`tone-red` (a class of styles.css) for a tone, or a Var of it for a tone that depends on state."""
    return rx.Var.create("tone-") + tone.to(str) if isinstance(tone, rx.Var) else f"tone-{tone}"


def link(*children: Any, href: Any, class_name: Any = "", **props: Any) -> rx.Component:
    """A link inside the app: the browser's own `<a href>`, followed without reloading the page."""
    return ReactRouterLink.create(*children, to=href, class_name=_classes("link", class_name), **props)


def download_link(*children: Any, href: Any, class_name: Any = "", **props: Any) -> rx.Component:
    """A link to a file the server sends (an attachment, an invoice PDF). Reflex makes every `<a href>` a
    React Router link, which would route the click inside the app (ignoring `download`) and show the
    not-found page; `reloadDocument` hands the click back to the browser, which downloads the file."""
    return ReactRouterLink.create(*children, to=href, download=True, reload_document=True,
                                  class_name=class_name or None, **props)


def box(*children: Any, class_name: Any = "", **props: Any) -> rx.Component:
    return rx.el.div(*children, class_name=class_name or None, **props)


def stack(*children: Any, gap: int = 3, class_name: Any = "", **props: Any) -> rx.Component:
    """Children one under another, `gap` steps apart (1 = 4px, 2 = 8px, 3 = 12px, 4 = 16px, 5 = 24px)."""
    return rx.el.div(*children, class_name=_classes("stack", f"g{gap}", class_name), **props)


def row(*children: Any, gap: int = 2, between: bool = False, wrap: bool = False, top: bool = False,
        class_name: Any = "", **props: Any) -> rx.Component:
    """Children side by side (right to left), vertically centred unless `top`."""
    return rx.el.div(
        *children,
        class_name=_classes("row", f"g{gap}", between and "between", wrap and "wrap", top and "top", class_name),
        **props,
    )


def spacer() -> rx.Component:
    return rx.el.div(class_name="grow")


def text(*children: Any, size: int = 3, muted: bool = False, bold: bool = False, tone: Tone = "",
         as_: str = "p", class_name: Any = "", **props: Any) -> rx.Component:
    """Text at Radix's type scale (1 = 12px … 7 = 28px); `as_="span"` inside a line."""
    maker = rx.el.span if as_ == "span" else rx.el.p
    return maker(
        *children,
        class_name=_classes(f"t{size}", muted and "muted", bold and "bold", tone and f"fg-{tone}", class_name),
        **props,
    )


def heading(*children: Any, level: str = "h2", size: int = 5, class_name: Any = "", **props: Any) -> rx.Component:
    maker = {"h1": rx.el.h1, "h2": rx.el.h2, "h3": rx.el.h3}[level]
    return maker(*children, class_name=_classes("heading", f"t{size}", class_name), **props)


def card(*children: Any, roomy: bool = False, class_name: Any = "", **props: Any) -> rx.Component:
    return rx.el.div(*children, class_name=_classes("card", roomy and "roomy", class_name), **props)


def badge(*children: Any, tone: Any = "gray", solid: Any = False, class_name: Any = "",
          **props: Any) -> rx.Component:
    """A short label on a tinted ground, its text at the darkest step (high contrast)."""
    solid_class = rx.cond(solid, "solid", "") if isinstance(solid, rx.Var) else solid and "solid"
    return rx.el.span(*children, class_name=_classes("badge", solid_class, _tone(tone), class_name), **props)


def button(*children: Any, variant: str = "solid", tone: Tone = "indigo", loading: Any = False,
           class_name: Any = "", **props: Any) -> rx.Component:
    """A button (`type="button"` unless given). While `loading`, it is disabled and says so (aria-busy)."""
    props.setdefault("type", "button")
    if loading is not False:
        props["disabled"] = loading
        props["aria_busy"] = rx.cond(loading, "true", "false")
    return rx.el.button(*children, class_name=_classes("btn", f"btn-{variant}", f"tone-{tone}", class_name),
                        **props)


def link_button(*children: Any, href: Any, variant: str = "soft", tone: Tone = "indigo", class_name: Any = "",
                **props: Any) -> rx.Component:
    """A link that looks like a button (it goes somewhere; it does not act)."""
    return link(*children, href=href, class_name=_classes("btn", f"btn-{variant}", f"tone-{tone}", class_name),
                **props)


def callout(*children: Any, tone: Any = "blue", icon_name: str = "", class_name: Any = "",
            **props: Any) -> rx.Component:
    """A tinted block that tells the customer something about the page (an icon, then the words)."""
    body = [icon(icon_name, 18, "callout-icon")] if icon_name else []
    return rx.el.div(*body, rx.el.div(*children, class_name="callout-body"),
                     class_name=_classes("callout", _tone(tone), class_name), **props)


def spinner(label: str = "در حال بارگذاری") -> rx.Component:
    return rx.el.span(rx.el.span(label, class_name="visually-hidden"), class_name="spinner", role="status")


def placeholder(class_name: str = "ph-line") -> rx.Component:
    """A grey block where a figure will appear, as large as the figure, so nothing moves when it does
    (sizes: `ph-line`, `ph-figure`, `ph-card` … in styles.css)."""
    return rx.el.span(class_name=_classes("placeholder", class_name), aria_hidden="true")


def loaded_or(loaded: rx.Var, content: rx.Component, size: str = "ph-line") -> rx.Component:
    """`content` once the page's data is in, a placeholder of its size until then."""
    return rx.cond(loaded, content, placeholder(size))


def notice(text: rx.Var, tone: rx.Var, on_dismiss: Any, notice_id: str) -> rx.Component:
    """What just happened (a failure, a saved form), in a live region screen readers announce; the
    state's tone word picks the colour and the cross dismisses it."""
    return rx.el.div(
        rx.cond(
            text != "",
            callout(
                row(
                    rx.el.p(text, id=notice_id, class_name="grow"),
                    rx.el.button(icon("x"), type="button", class_name="icon-btn", aria_label="بستن پیام",
                                 on_click=on_dismiss),
                    between=True,
                    gap=3,
                ),
                tone=rx.match(tone, ("error", "red"), ("warning", "amber"), ("success", "green"), "blue"),
            ),
        ),
        role="status",
        aria_live="polite",
        class_name="full no-print",
    )
