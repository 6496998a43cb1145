"""The sandbox process: every local stand-in behind one HTTP port."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from dorna_app.sandbox.zarinpal import ZarinPalSandbox


def build_app(zarinpal: ZarinPalSandbox | None = None) -> Starlette:
    zarinpal = zarinpal or ZarinPalSandbox()

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"ok": True})

    app = Starlette(routes=[Route("/_sandbox/health", health), *zarinpal.routes()])
    app.state.zarinpal = zarinpal
    return app
