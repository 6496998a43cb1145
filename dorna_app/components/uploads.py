"""Attaching files to a message being written: a drop zone that is also a button (tap to pick on a
phone), the files kept so far with a way to drop each, and the reason a file was refused."""

from __future__ import annotations

from typing import Any

import reflex as rx

from dorna_app import fa
from dorna_app.components import ui
from dorna_app.components.icons import icon
from dorna_app.support.attachments import ALLOWED_WORDS, MAX_BYTES, MAX_FILES

HINT = (f"تا {fa.digits(MAX_FILES)} پرونده، هر کدام حداکثر {fa.digits(MAX_BYTES // (1024 * 1024))} مگابایت: "
        f"{ALLOWED_WORDS}.")


def file_chip(f: rx.Var, on_remove: Any = None) -> rx.Component:
    """A file: its thumbnail when it is a picture, its name (a download link) and size."""
    return rx.el.li(
        rx.cond(f.thumb != "", ui.download_link(rx.el.img(src=f.thumb, alt="پیش‌نمایش " + f.name, class_name="thumb",
                                                          loading="lazy", width="96", height="72"),
                                                href=f.href, class_name="thumb-link", aria_label="دریافت " + f.name)),
        rx.el.span(icon("paperclip", 16, "muted")),
        ui.download_link(rx.el.bdi(f.name), href=f.href, class_name="file-name"),
        ui.text(f.size, size=1, muted=True, as_="span"),
        on_remove(f) if on_remove is not None else rx.fragment(),
        class_name="file-chip",
    )


def attach_zone(upload_id: str, on_drop: Any, on_rejected: Any, files: rx.Var, error: rx.Var,
                on_remove: Any) -> rx.Component:
    """The files of a message being written; they are checked and kept as soon as they are picked."""
    zone = rx.upload.root(
        rx.el.div(icon("paperclip", 18), rx.el.span("افزودن پیوست"), class_name="attach-button"),
        id=upload_id,
        on_drop=on_drop(rx.upload_files(upload_id=upload_id)),
        on_drop_rejected=on_rejected,
        max_size=MAX_BYTES,
        max_files=MAX_FILES,
        multiple=True,
        class_name="attach-zone",
    )
    # The drop zone's own (hidden) file input gets a name for screen readers; Reflex offers no prop for it.
    zone.children[0].children[0].custom_attrs["aria-label"] = "افزودن پیوست به پیام"
    return ui.stack(
        zone,
        ui.text(HINT, size=1, muted=True),
        rx.cond(error != "", rx.el.p(error, class_name="field-error", role="alert", id=f"{upload_id}-error")),
        rx.cond(files.length() > 0, rx.el.ul(rx.foreach(files, lambda f: file_chip(f, on_remove)),
                                             class_name="file-list")),
        gap=1,
    )
