"""The HTTP side of the guard: what every response carries and which requests are refused at the door.

Wrapped around the whole backend (pages, routes, static files and the event socket):
- security headers on every response, with a Content-Security-Policy the app really runs under
  (inline scripts of the built pages are allowed by their hashes, computed from the page itself);
- the event socket and state-changing routes accept only the public origin;
- redirects never point at the Host a request claimed, and unknown hosts are refused in production;
- a page's address without its trailing slash (`/invoices`, as e-mails and bookmarks write it) is
  answered with the page itself, not with a redirect that costs a phone one more round trip.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import re
from collections.abc import Awaitable, Callable, MutableMapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import brotli
from reflex.utils.prerequisites import get_web_dir
from reflex_base.constants.base import Dirs
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request

from dorna_app.build import SHELL_SEGMENT
from dorna_app.settings import Settings, get_settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

EVENT_SOCKET_PREFIX = "/_event"
UPLOAD_PREFIX = "/_upload"
# One upload request carries at most five attachments of 5 MB, plus the multipart framing.
MAX_UPLOAD_BYTES = 5 * 5 * 1024 * 1024 + 256 * 1024
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
MAX_HTML_TO_HASH = 2_000_000


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@lru_cache(maxsize=4)
def _public(settings: Settings) -> tuple[str, str, frozenset[str]]:
    """The public origin, its host, and the hosts this app answers to."""
    origin = origin_of(settings.public_url)
    host = urlsplit(settings.public_url).netloc.lower()
    allowed = {host, urlsplit(settings.internal_url).netloc.lower(), *settings.allowed_hosts}
    return origin, host, frozenset(allowed)


def is_same_origin(headers: Headers) -> bool:
    """A browser request from our own pages. Browsers always send Origin or Sec-Fetch-Site on a
    cross-site POST or websocket; a request with neither is not a browser (no one's cookie rides on it)."""
    origin = headers.get("origin")
    if origin is not None:
        return origin.lower() == _public(get_settings())[0]
    site = headers.get("sec-fetch-site")
    return site is None or site in ("same-origin", "none")


def same_origin_request(request: Request) -> bool:
    return is_same_origin(request.headers)


def content_security_policy(script_hashes: list[str], settings: Settings) -> str:
    origin = _public(settings)[0]
    socket = origin.replace("https://", "wss://").replace("http://", "ws://")
    scripts = " ".join(["'self'", *(f"'sha256-{h}'" for h in script_hashes)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        # Emotion (the JSX runtime Reflex compiles to) writes style tags at run time.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        f"connect-src 'self' {socket}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def inline_script_hashes(body: bytes) -> list[str]:
    return sorted({base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()
                   for m in _INLINE_SCRIPT.finditer(body)})


class WebGuard:
    """ASGI middleware around the whole backend (installed through Reflex's `api_transformer`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        settings = get_settings()
        headers = Headers(scope=scope)
        _origin, _host, allowed = _public(settings)
        if settings.enforce_hosts and headers.get("host", "").lower() not in allowed:
            await _refuse(scope, send, 421 if scope["type"] == "http" else 403, b"unknown host")
            return
        if scope["type"] == "http" and scope.get("path", "").startswith(UPLOAD_PREFIX):
            await self._upload(scope, receive, send, headers, settings)
            return
        if scope["type"] == "websocket" or scope.get("path", "").startswith(EVENT_SOCKET_PREFIX):
            if not is_same_origin(headers):
                await _refuse(scope, send, 403, b"cross-origin")
                return
            await self.app(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD") and _may_be_page(scope.get("path", "")):
            # The static server would answer 307 to `/invoices/`, and the SPA fallback to `/invoices/1523`;
            # the built page is served at once instead.
            folder = page_folder(scope["path"])
            if folder:
                scope = {**scope, "path": folder + "/", "raw_path": folder.encode() + b"/"}
        await self.app(scope, receive, _Responder(send, settings))


    async def _upload(self, scope: Scope, receive: Receive, send: Send, headers: Headers, settings: Settings) -> None:
        """Reflex's upload route: POST from our own pages only, its body capped before it is parsed.
        Reflex also serves its upload folder here by GET; we keep nothing there, and refuse it."""
        if scope.get("method") != "POST":
            await _refuse(scope, send, 404, b"not found")
            return
        if not is_same_origin(headers):
            await _refuse(scope, send, 403, b"cross-origin")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_UPLOAD_BYTES):
            await _refuse(scope, send, 413, b"too large")
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_UPLOAD_BYTES:  # a chunked body that lied by omission: read no further
                return {"type": "http.disconnect"}
            return message

        await self.app(scope, counted, _Responder(send, settings))


class _Responder:
    """Adds the headers to a response; HTML pages are held until complete to hash their scripts."""

    def __init__(self, send: Send, settings: Settings) -> None:
        self.send, self.settings = send, settings
        self.start: Message | None = None
        self.encoding = "identity"
        self.html = False
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            self._secure(headers)
            self.encoding = headers.get("content-encoding", "identity").lower()
            self.html = (headers.get("content-type", "").startswith("text/html")
                         and self.encoding in ("identity", "gzip", "br"))
            if not self.html:
                # A 304 updates the cached page's headers: it keeps the page's own policy (with its hashes).
                # A route that set its own (stricter) policy keeps it: a ticket's attachment is sandboxed.
                if message.get("status") != 304 and "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = content_security_policy([], self.settings)
                await self.send(message)
                return
            self.start = message
            return
        if message["type"] == "http.response.pathsend" and self.html:
            # The server sends the file itself (granian's pathsend): hash the page from the file.
            await self._start_html_hashes(_file_script_hashes(message["path"], self.encoding))
            await self.send(message)
            return
        if message["type"] == "http.response.body" and self.html:
            self.chunks.append(message.get("body", b""))
            if message.get("more_body", False) and sum(map(len, self.chunks)) < MAX_HTML_TO_HASH:
                return
            body = b"".join(self.chunks)
            await self._start_html(body)
            await self.send({"type": "http.response.body", "body": body,
                             "more_body": message.get("more_body", False)})
            return
        await self.send(message)

    async def _start_html(self, body: bytes) -> None:
        await self._start_html_hashes(inline_script_hashes(_decoded(body, self.encoding)))

    async def _start_html_hashes(self, hashes: list[str]) -> None:
        assert self.start is not None
        headers = MutableHeaders(scope=self.start)
        headers["Content-Security-Policy"] = content_security_policy(hashes, self.settings)
        await self.send(self.start)
        self.html = False  # anything after this passes straight through

    def _secure(self, headers: MutableHeaders) -> None:
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "same-origin"
        if self.settings.cookie_secure:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        location = headers.get("location")
        if location:
            headers["Location"] = local_location(location, self.settings)


_PAGE_FOLDERS: dict[str, frozenset[str]] = {}  # by build folder


def _may_be_page(path: str) -> bool:
    """Cheap first look, so scripts, styles and fonts (most requests) never reach `page_folders`."""
    return len(path) > 1 and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]


def page_folders() -> frozenset[str]:
    """`/invoices`, `/login/sms`, …: the built pages that live in a folder of their own (read once a
    production build exists; empty until then, so a request during the build changes nothing)."""
    static = get_web_dir() / Dirs.STATIC
    key = str(static)
    if key not in _PAGE_FOLDERS:
        if not (static / "index.html").is_file():
            return frozenset()
        _PAGE_FOLDERS[key] = frozenset("/" + page.parent.relative_to(static).as_posix()
                                       for page in static.rglob("index.html") if page.parent != static)
    return _PAGE_FOLDERS[key]


def page_folder(path: str) -> str | None:
    """The built page folder that answers `path`: its own (`/invoices`), or the shell of its dynamic
    page (`/invoices/1523` -> `/invoices/_`, build.py); None for anything else. Exact pages first, so
    `/support/new` stays itself."""
    folders = page_folders()
    if path in folders:
        return path
    parts = path.split("/")
    for folder, shape in _shells(folders):
        if len(shape) == len(parts) and all(want == got or (want == SHELL_SEGMENT and got)
                                            for want, got in zip(shape, parts, strict=True)):
            return folder
    return None


@lru_cache(maxsize=4)
def _shells(folders: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The shell folders of a build, split once (not on every page request)."""
    shapes = ((folder, tuple(folder.split("/"))) for folder in sorted(folders))
    return tuple((folder, shape) for folder, shape in shapes if SHELL_SEGMENT in shape)


def _decoded(body: bytes, encoding: str) -> bytes:
    """The page as the browser runs it (the build serves precompressed .br and .gz pages)."""
    try:
        if encoding == "gzip":
            return gzip.decompress(body)
        if encoding == "br":
            return brotli.decompress(body)
    except (OSError, EOFError, brotli.error):
        return b""
    return body


def _file_script_hashes(path: str, encoding: str) -> list[str]:
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        return []
    return _cached_file_hashes(path, mtime, encoding)


@lru_cache(maxsize=512)
def _cached_file_hashes(path: str, _mtime: int, encoding: str) -> list[str]:
    with open(path, "rb") as handle:
        return inline_script_hashes(_decoded(handle.read(MAX_HTML_TO_HASH), encoding))


def local_location(location: str, settings: Settings) -> str:
    """A redirect to our own site never carries the Host the request claimed: absolute URLs on any host
    but the public one become paths (gateway redirects go through pages, not through here)."""
    parts = urlsplit(location)
    if not parts.netloc or origin_of(location) == _public(settings)[0]:
        return location
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


async def _refuse(scope: Scope, send: Send, status: int, reason: bytes) -> None:
    if scope["type"] == "websocket":
        # Closing before accepting answers the handshake with 403: no socket, no state.
        await send({"type": "websocket.close", "code": 1008})
        return
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain"), (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": reason})
