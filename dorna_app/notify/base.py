"""What a sender reports back: sent, or failed for now (retry), or failed for good (do not retry)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SendResult:
    ok: bool
    permanent: bool = False  # a retry cannot succeed (bad number, unknown template)
    error: str = ""
    provider_id: str | None = None


SENT = SendResult(ok=True)
