"""Forms: a plain HTML form the browser submits itself, and the labelled fields both faces share.

Reflex's `rx.el.form` always cancels the browser's submit to run its own handler; sign-in and
sign-out must instead reach the backend as ordinary POSTs, so the response can set an HttpOnly cookie.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import reflex as rx
from reflex.vars import Var
from reflex_components_core.el.elements.base import BaseHTML


class NativeForm(BaseHTML):
    """`<form action=... method=post>` with no client-side submit handler."""

    tag = "form"
    action: Var[str]
    method: Var[str]
    no_validate: Var[bool]


native_form = NativeForm.create


def _error_line(errors: Any, name: str) -> rx.Component:
    return rx.cond(errors.contains(name), rx.el.p(errors[name], class_name="field-error", id=f"{name}-error",
                                                  role="alert"))


def _described(errors: Any, name: str) -> dict[str, Any]:
    invalid = errors.contains(name)
    return {"aria_invalid": rx.cond(invalid, "true", "false"),
            "aria_describedby": rx.cond(invalid, f"{name}-error", "")}


def select_field(label: str, name: str, options: Any, errors: Any = None, *, value: Any = "",
                 placeholder: str = "", field_id: str = "", **props: Any) -> rx.Component:
    """A labelled <select>: over a list of `Option`s from the state, or a fixed value -> label mapping
    (labels.py); its error beside it, announced, when the form reports errors."""
    field_id = field_id or name
    if isinstance(options, Mapping):
        choices: list[Any] = [rx.el.option(text, value=key) for key, text in options.items()]
    else:
        choices = [rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value))]
    checked = {} if errors is None else _described(errors, name)
    return rx.el.div(
        rx.el.label(label, html_for=field_id),
        rx.el.select(
            *([rx.el.option(placeholder, value="")] if placeholder else []),
            *choices,
            name=name, id=field_id, default_value=value, class_name="input", **checked, **props,
        ),
        *([] if errors is None else [_error_line(errors, name)]),
        class_name="field",
    )


def textarea_field(label: str, name: str, errors: Any, *, value: Any = "", rows: int = 6, field_id: str = "",
                   **props: Any) -> rx.Component:
    """A labelled <textarea> (right to left, growing with its text on phones); its error beside it."""
    field_id = field_id or name
    return rx.el.div(
        rx.el.label(label, html_for=field_id),
        rx.el.textarea(name=name, id=field_id, default_value=value, rows=rows, class_name="input textarea",
                       dir="auto", **_described(errors, name), **props),
        _error_line(errors, name),
        class_name="field",
    )


def text_field(label: str, name: str, errors: Any = None, *, value: Any = "", latin: bool = False,
               field_id: Any = None, **props: Any) -> rx.Component:
    """A labelled input; its error (from the state's `errors` dict) sits beside it and is announced.
    `field_id` when the same form repeats in a list (ids stay unique)."""
    error_id = f"{name}-error"
    invalid = errors.contains(name) if errors is not None else False
    input_id = field_id if field_id is not None else name
    return rx.el.div(
        rx.el.label(label, html_for=input_id),
        rx.el.input(name=name, id=input_id, default_value=value, class_name="input", dir="ltr" if latin else None,
                    aria_invalid=rx.cond(invalid, "true", "false") if errors is not None else None,
                    aria_describedby=rx.cond(invalid, error_id, "") if errors is not None else None, **props),
        rx.cond(invalid, rx.el.p(errors[name], class_name="field-error", id=error_id, role="alert"))
        if errors is not None else rx.fragment(),
        class_name="field",
    )
