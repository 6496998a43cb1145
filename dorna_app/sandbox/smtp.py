"""An SMTP inbox (aiosmtpd) that keeps every message it receives, for people and tests to read."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass
class ReceivedMail:
    id: int
    mail_from: str
    rcpt_to: list[str]
    subject: str
    message_id: str
    text: str
    html: str
    received_at: float
    files: list[MailFile] = field(default_factory=list)


@dataclass
class MailFile:
    """An attachment as received: name, type and bytes."""

    filename: str
    content_type: str
    data: bytes


class Inbox:
    """The aiosmtpd handler: stores each DATA it accepts."""

    def __init__(self) -> None:
        self.messages: list[ReceivedMail] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        msg: EmailMessage = message_from_bytes(envelope.original_content or envelope.content,
                                               policy=policy.default)
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        files = [MailFile(part.get_filename() or "", part.get_content_type(), part.get_payload(decode=True) or b"")
                 for part in msg.iter_attachments()]
        with self._lock:
            self.messages.append(ReceivedMail(
                id=len(self.messages) + 1, mail_from=envelope.mail_from, rcpt_to=list(envelope.rcpt_tos),
                subject=str(msg.get("Subject", "")), message_id=str(msg.get("Message-ID", "")),
                text=text.get_content() if text else "", html=html.get_content() if html else "",
                received_at=time.time(), files=files))
        return "250 Message accepted for delivery"


def start_smtp(port: int, host: str = "127.0.0.1", inbox: Inbox | None = None) -> tuple[Controller, Inbox]:
    """Listen for SMTP on `port` in a background thread; returns the controller (to stop) and inbox."""
    inbox = inbox or Inbox()
    controller = Controller(inbox, hostname=host, port=port)
    controller.start()
    return controller, inbox
