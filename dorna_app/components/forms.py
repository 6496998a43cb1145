"""A plain HTML form that the browser submits itself.

Reflex's `rx.el.form` always cancels the browser's submit to run its own handler; sign-in and
sign-out must instead reach the backend as ordinary POSTs, so the response can set an HttpOnly cookie.
"""

from __future__ import annotations

from reflex.vars import Var
from reflex_components_core.el.elements.base import BaseHTML


class NativeForm(BaseHTML):
    """`<form action=... method=post>` with no client-side submit handler."""

    tag = "form"
    action: Var[str]
    method: Var[str]
    no_validate: Var[bool]


native_form = NativeForm.create
