"""E-mail over SMTP with aiosmtplib: Persian RTL HTML with a plain-text alternative."""

from __future__ import annotations

import asyncio
import ssl
from concurrent.futures import ThreadPoolExecutor
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate

import aiosmtplib

from dorna_app.notify.base import SENT, SendResult
from dorna_app.settings import get_settings


def build_message(message_id: int, to: str, subject: str, text: str, html: str,
                  attachments: list[tuple[str, str, bytes]] | None = None) -> EmailMessage:
    """The MIME message; its Message-ID is stable per outbox row, so a resend can be recognised.
    `attachments` are (file name, content type, bytes)."""
    settings = get_settings()
    msg = EmailMessage()
    sender_domain = settings.mail_from.rsplit("@", 1)[-1]
    msg["From"] = str(Address(settings.mail_from_name, addr_spec=settings.mail_from))
    msg["To"] = str(Address(addr_spec=to))  # one address; a list or a name in `to` raises here
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = f"<outbox-{message_id}@{sender_domain}>"
    msg["Content-Language"] = "fa"
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    for filename, content_type, content in attachments or []:
        maintype, _, subtype = content_type.partition("/")
        msg.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return msg


async def send_email_async(msg: EmailMessage, recipient: str) -> SendResult:
    """Send to exactly `recipient` (the envelope never comes from the headers)."""
    settings = get_settings()
    tls = settings.smtp_tls.lower()
    try:
        await aiosmtplib.send(
            msg,
            sender=settings.mail_from,
            recipients=[recipient],
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            use_tls=tls == "tls",
            start_tls=True if tls == "starttls" else False,
            username=settings.smtp_user or None,
            password=settings.smtp_password or None,
            timeout=settings.message_timeout_seconds,
            tls_context=ssl.create_default_context() if tls in ("tls", "starttls") else None,
        )
    except aiosmtplib.SMTPRecipientsRefused as exc:
        return SendResult(ok=False, permanent=True, error=f"recipient refused: {exc}"[:500])
    except aiosmtplib.SMTPResponseException as exc:
        # 5xx answers are permanent (bad address, rejected); 4xx are "try later".
        return SendResult(ok=False, permanent=500 <= exc.code < 600, error=f"{exc.code} {exc.message}"[:500])
    except (TimeoutError, aiosmtplib.SMTPException, OSError) as exc:
        return SendResult(ok=False, error=f"{type(exc).__name__}: {exc}"[:500])
    return SENT


def send_email(msg: EmailMessage, recipient: str) -> SendResult:
    """Send one message to one recipient, blocking; works whether or not this thread runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(send_email_async(msg, recipient))
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, send_email_async(msg, recipient)).result()
