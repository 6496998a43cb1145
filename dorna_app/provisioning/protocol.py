"""What billing and the pages need from a server control panel, whatever the panel is."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class PowerState(StrEnum):
    RUNNING = "running"
    STOPPED = "stopped"
    SUSPENDED = "suspended"
    UNKNOWN = "unknown"  # the panel did not answer, or does not know the server


class PanelUnreachable(Exception):
    """No usable answer: connection refused or timed out, a proxy's error page, not JSON. Try later."""


class PanelRefused(Exception):
    """The panel answered with an error (wrong credentials, unknown VPS, a suspended VPS asked to start)."""


class ServerPanel(Protocol):
    def suspend(self, vpsid: int, reason: str = "") -> None: ...
    def unsuspend(self, vpsid: int) -> None: ...
    def power(self, vpsid: int, action: str) -> None: ...  # start, stop, restart, poweroff
    def status(self, vpsids: list[int]) -> dict[int, PowerState]: ...
