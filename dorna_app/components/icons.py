"""The icons the pages use, drawn inline as SVG: no icon library in the bundle.

Shapes copied from Lucide 1.26.0 (ISC licence), the set Reflex's `rx.icon` draws, so the look is
unchanged; 24x24 grid, 2px stroke, `currentColor`. An icon is decoration: hidden from screen readers,
its meaning is always in the text beside it (or the button's label).
"""

from __future__ import annotations

import reflex as rx

_SHAPES: dict[str, tuple[tuple[str, dict[str, str]], ...]] = {
    "layout-dashboard": (
        ("rect", {"width": "7", "height": "9", "x": "3", "y": "3", "rx": "1"}),
        ("rect", {"width": "7", "height": "5", "x": "14", "y": "3", "rx": "1"}),
        ("rect", {"width": "7", "height": "9", "x": "14", "y": "12", "rx": "1"}),
        ("rect", {"width": "7", "height": "5", "x": "3", "y": "16", "rx": "1"}),
    ),
    "server": (
        ("rect", {"width": "20", "height": "8", "x": "2", "y": "2", "rx": "2", "ry": "2"}),
        ("rect", {"width": "20", "height": "8", "x": "2", "y": "14", "rx": "2", "ry": "2"}),
        ("line", {"x1": "6", "x2": "6.01", "y1": "6", "y2": "6"}),
        ("line", {"x1": "6", "x2": "6.01", "y1": "18", "y2": "18"}),
    ),
    "wallet": (
        ("path", {"d": "M19 7V4a1 1 0 0 0-1-1H5a2 2 0 0 0 0 4h15a1 1 0 0 1 1 1v4h-3a2 2 0 0 0 0 4h3a1 1 0 0 0 1-1v-2a1 1 0 0 0-1-1"}),
        ("path", {"d": "M3 5v14a2 2 0 0 0 2 2h15a1 1 0 0 0 1-1v-4"}),
    ),
    "life-buoy": (
        ("circle", {"cx": "12", "cy": "12", "r": "10"}),
        ("path", {"d": "m4.93 4.93 4.24 4.24"}),
        ("path", {"d": "m14.83 9.17 4.24-4.24"}),
        ("path", {"d": "m14.83 14.83 4.24 4.24"}),
        ("path", {"d": "m9.17 14.83-4.24 4.24"}),
        ("circle", {"cx": "12", "cy": "12", "r": "4"}),
    ),
    "message-square-plus": (
        ("path", {"d": "M22 17a2 2 0 0 1-2 2H6.828a2 2 0 0 0-1.414.586l-2.202 2.202A.71.71 0 0 1 2 21.286V5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2z"}),
        ("path", {"d": "M12 8v6"}),
        ("path", {"d": "M9 11h6"}),
    ),
    "file-text": (
        ("path", {"d": "M6 22a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h8a2.4 2.4 0 0 1 1.704.706l3.588 3.588A2.4 2.4 0 0 1 20 8v12a2 2 0 0 1-2 2z"}),
        ("path", {"d": "M14 2v5a1 1 0 0 0 1 1h5"}),
        ("path", {"d": "M10 9H8"}),
        ("path", {"d": "M16 13H8"}),
        ("path", {"d": "M16 17H8"}),
    ),
    "signature": (
        ("path", {"d": "m21 17-2.156-1.868A.5.5 0 0 0 18 15.5v.5a1 1 0 0 1-1 1h-2a1 1 0 0 1-1-1c0-2.545-3.991-3.97-8.5-4a1 1 0 0 0 0 5c4.153 0 4.745-11.295 5.708-13.5a2.5 2.5 0 1 1 3.31 3.284"}),
        ("path", {"d": "M3 21h18"}),
    ),
    "layers": (
        ("path", {"d": "M12.83 2.18a2 2 0 0 0-1.66 0L2.6 6.08a1 1 0 0 0 0 1.83l8.58 3.91a2 2 0 0 0 1.66 0l8.58-3.9a1 1 0 0 0 0-1.83z"}),
        ("path", {"d": "M2 12a1 1 0 0 0 .58.91l8.6 3.91a2 2 0 0 0 1.65 0l8.58-3.9A1 1 0 0 0 22 12"}),
        ("path", {"d": "M2 17a1 1 0 0 0 .58.91l8.6 3.91a2 2 0 0 0 1.65 0l8.58-3.9A1 1 0 0 0 22 17"}),
    ),
    "piggy-bank": (
        ("path", {"d": "M11 17h3v2a1 1 0 0 0 1 1h2a1 1 0 0 0 1-1v-3a3.16 3.16 0 0 0 2-2h1a1 1 0 0 0 1-1v-2a1 1 0 0 0-1-1h-1a5 5 0 0 0-2-4V3a4 4 0 0 0-3.2 1.6l-.3.4H11a6 6 0 0 0-6 6v1a5 5 0 0 0 2 4v3a1 1 0 0 0 1 1h2a1 1 0 0 0 1-1z"}),
        ("path", {"d": "M16 10h.01"}),
        ("path", {"d": "M2 8v1a2 2 0 0 0 2 2h1"}),
    ),
    "log-out": (
        ("path", {"d": "m16 17 5-5-5-5"}),
        ("path", {"d": "M21 12H9"}),
        ("path", {"d": "M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4"}),
    ),
    "menu": (
        ("path", {"d": "M4 5h16"}),
        ("path", {"d": "M4 12h16"}),
        ("path", {"d": "M4 19h16"}),
    ),
    "x": (
        ("path", {"d": "M18 6 6 18"}),
        ("path", {"d": "m6 6 12 12"}),
    ),
    "server-cog": (
        ("path", {"d": "m10.852 14.772-.383.923"}),
        ("path", {"d": "M13.148 14.772a3 3 0 1 0-2.296-5.544l-.383-.923"}),
        ("path", {"d": "m13.148 9.228.383-.923"}),
        ("path", {"d": "m13.53 15.696-.382-.924a3 3 0 1 1-2.296-5.544"}),
        ("path", {"d": "m14.772 10.852.923-.383"}),
        ("path", {"d": "m14.772 13.148.923.383"}),
        ("path", {"d": "M4.5 10H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2h-.5"}),
        ("path", {"d": "M4.5 14H4a2 2 0 0 0-2 2v4a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-4a2 2 0 0 0-2-2h-.5"}),
        ("path", {"d": "M6 18h.01"}),
        ("path", {"d": "M6 6h.01"}),
        ("path", {"d": "m9.228 10.852-.923-.383"}),
        ("path", {"d": "m9.228 13.148-.923.383"}),
    ),
    "circle-user": (
        ("circle", {"cx": "12", "cy": "12", "r": "10"}),
        ("circle", {"cx": "12", "cy": "10", "r": "3"}),
        ("path", {"d": "M7 20.662V19a2 2 0 0 1 2-2h6a2 2 0 0 1 2 2v1.662"}),
    ),
    "mail": (
        ("path", {"d": "m22 7-8.991 5.727a2 2 0 0 1-2.009 0L2 7"}),
        ("rect", {"x": "2", "y": "4", "width": "20", "height": "16", "rx": "2"}),
    ),
    "search": (
        ("path", {"d": "m21 21-4.34-4.34"}),
        ("circle", {"cx": "11", "cy": "11", "r": "8"}),
    ),
    "message-circle": (
        ("path", {"d": "M2.992 16.342a2 2 0 0 1 .094 1.167l-1.065 3.29a1 1 0 0 0 1.236 1.168l3.413-.998a2 2 0 0 1 1.099.092 10 10 0 1 0-4.777-4.719"}),
    ),
    "circle-check": (
        ("circle", {"cx": "12", "cy": "12", "r": "10"}),
        ("path", {"d": "m9 12 2 2 4-4"}),
    ),
    "triangle-alert": (
        ("path", {"d": "m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3"}),
        ("path", {"d": "M12 9v4"}),
        ("path", {"d": "M12 17h.01"}),
    ),
    "info": (
        ("circle", {"cx": "12", "cy": "12", "r": "10"}),
        ("path", {"d": "M12 16v-4"}),
        ("path", {"d": "M12 8h.01"}),
    ),
    "printer": (
        ("path", {"d": "M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2"}),
        ("path", {"d": "M6 9V3a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v6"}),
        ("rect", {"x": "6", "y": "14", "width": "12", "height": "8", "rx": "1"}),
    ),
    "file-x": (
        ("path", {"d": "M6 22a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h8a2.4 2.4 0 0 1 1.704.706l3.588 3.588A2.4 2.4 0 0 1 20 8v12a2 2 0 0 1-2 2z"}),
        ("path", {"d": "M14 2v5a1 1 0 0 0 1 1h5"}),
        ("path", {"d": "m14.5 12.5-5 5"}),
        ("path", {"d": "m9.5 12.5 5 5"}),
    ),
    "search-x": (
        ("path", {"d": "m13.5 8.5-5 5"}),
        ("path", {"d": "m8.5 8.5 5 5"}),
        ("circle", {"cx": "11", "cy": "11", "r": "8"}),
        ("path", {"d": "m21 21-4.3-4.3"}),
    ),
    "server-off": (
        ("path", {"d": "M7 2h13a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2h-5"}),
        ("path", {"d": "M10 10 2.5 2.5C2 2 2 2.5 2 5v3a2 2 0 0 0 2 2h6z"}),
        ("path", {"d": "M22 17v-1a2 2 0 0 0-2-2h-1"}),
        ("path", {"d": "M4 14a2 2 0 0 0-2 2v4a2 2 0 0 0 2 2h16.5l1-.5.5.5-8-8H4z"}),
        ("path", {"d": "M6 18h.01"}),
        ("path", {"d": "m2 2 20 20"}),
    ),
    "hammer": (
        ("path", {"d": "m15 12-9.373 9.373a1 1 0 0 1-3.001-3L12 9"}),
        ("path", {"d": "m18 15 4-4"}),
        ("path", {"d": "m21.5 11.5-1.914-1.914A2 2 0 0 1 19 8.172v-.344a2 2 0 0 0-.586-1.414l-1.657-1.657A6 6 0 0 0 12.516 3H9l1.243 1.243A6 6 0 0 1 12 8.485V10l2 2h1.172a2 2 0 0 1 1.414.586L18.5 14.5"}),
    ),
    "clock": (
        ("circle", {"cx": "12", "cy": "12", "r": "10"}),
        ("path", {"d": "M12 6v6l4 2"}),
    ),
    "circle-x": (
        ("circle", {"cx": "12", "cy": "12", "r": "10"}),
        ("path", {"d": "m15 9-6 6"}),
        ("path", {"d": "m9 9 6 6"}),
    ),
    "rotate-ccw": (
        ("path", {"d": "M3 12a9 9 0 1 0 9-9 9.75 9.75 0 0 0-6.74 2.74L3 8"}),
        ("path", {"d": "M3 3v5h5"}),
    ),
    "message-square": (
        ("path", {"d": "M22 17a2 2 0 0 1-2 2H6.828a2 2 0 0 0-1.414.586l-2.202 2.202A.71.71 0 0 1 2 21.286V5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2z"}),
    ),
    "inbox": (
        ("polyline", {"points": "22 12 16 12 14 15 10 15 8 12 2 12"}),
        ("path", {"d": "M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z"}),
    ),
    "user-cog": (
        ("path", {"d": "M10 15H6a4 4 0 0 0-4 4v2"}),
        ("path", {"d": "m14.305 16.53.923-.382"}),
        ("path", {"d": "m15.228 13.852-.923-.383"}),
        ("path", {"d": "m16.852 12.228-.383-.923"}),
        ("path", {"d": "m16.852 17.772-.383.924"}),
        ("path", {"d": "m19.148 12.228.383-.923"}),
        ("path", {"d": "m19.53 18.696-.382-.924"}),
        ("path", {"d": "m20.772 13.852.924-.383"}),
        ("path", {"d": "m20.772 16.148.924.383"}),
        ("circle", {"cx": "18", "cy": "15", "r": "3"}),
        ("circle", {"cx": "9", "cy": "7", "r": "4"}),
    ),
}


_MAKERS = {"path": rx.el.svg.path, "rect": rx.el.svg.rect, "circle": rx.el.svg.circle, "line": rx.el.svg.line,
           "polyline": rx.el.svg.polyline}


def icon(name: str, size: int = 16, class_name: str = "") -> rx.Component:
    """One Lucide icon, `size` pixels square, in the text colour around it (stroke style: `.icon` in
    styles.css)."""
    return rx.el.svg(
        *[_MAKERS[tag](**attrs) for tag, attrs in _SHAPES[name]],
        xmlns="http://www.w3.org/2000/svg",
        width=str(size),
        height=str(size),
        view_box="0 0 24 24",
        aria_hidden="true",
        class_name=("icon " + class_name).strip(),
    )
