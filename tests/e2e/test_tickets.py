"""Tickets in two browsers at phone size: a customer opens a ticket about their server with a
screenshot; a support user's open queue shows it without a reload; the reply appears in the
customer's open ticket without a reload; exactly one e-mail and one SMS reach the stand-ins."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import httpx
import pytest
from PIL import Image

from dorna_app import fa
from dorna_app.settings import PROJECT_ROOT
from tests.e2e.conftest import DESKTOP, PHONE, new_page, screenshot, sign_in, wait_for
from tests.e2e.test_staff import _create_staff, _staff_sign_in

pytestmark = pytest.mark.e2e

CUSTOMER = """
from dorna_app.accounts.auth import create_client
from tests.factories import make_service
client = create_client("ticket-user@example.com", "ticket-pass-1405", first_name="رضا", last_name="نوری",
                       mobile="09125550000")
print(make_service(client.id, name="سرور تیکت").id)
"""


def _files(tmp_path) -> tuple[str, str]:
    shot, evil = tmp_path / "screen.png", tmp_path / "page.png"
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (20, 90, 200)).save(out, "PNG")
    shot.write_bytes(out.getvalue())
    evil.write_bytes(b"<html><script>alert(document.cookie)</script></html>")
    return str(shot), str(evil)


def test_a_ticket_with_a_screenshot_is_answered_live_and_notified_once(app_server, browser, tmp_path):
    out = subprocess.run([sys.executable, "-c", CUSTOMER], cwd=PROJECT_ROOT, env=app_server.env,
                         capture_output=True, text=True, timeout=120, check=True)
    service_id = out.stdout.strip()
    shot, evil = _files(tmp_path)

    helper = new_page(browser, PHONE)
    _staff_sign_in(helper, app_server, "helpdesk-2@example.com",
                   _create_staff(app_server, "helpdesk-2@example.com", "support"))
    helper.goto(f"{app_server.url}/staff/tickets")
    helper.wait_for_selector("#queue, #queue-empty")
    helper.evaluate("() => { window.__notReloaded = true; }")

    customer = new_page(browser, PHONE)
    sign_in(customer, app_server, "ticket-user@example.com", "ticket-pass-1405")
    customer.wait_for_url(f"{app_server.url}/")
    customer.goto(f"{app_server.url}/tickets/new?service={service_id}")
    customer.wait_for_selector("#send-ticket")
    assert customer.locator("#service").input_value() == service_id  # "about this server" from its page
    customer.click("#send-ticket")  # nothing filled: each field says what it needs
    customer.wait_for_selector("#subject-error")
    assert customer.locator("#body-error").count() == 1 and customer.locator("#department-error").count() == 1
    customer.select_option("#department", "technical")
    customer.fill("#subject", "سرور پس از تمدید روشن نشد")
    customer.fill("#body", "سلام،\nپس از پرداخت، سرور هنوز خاموش است. تصویر خطا پیوست است.")
    customer.set_input_files(".attach-zone input[type=file]", [evil])
    customer.wait_for_selector("#ticket-files-error")
    assert "نوع پرونده" in customer.inner_text("#ticket-files-error")
    customer.set_input_files(".attach-zone input[type=file]", [shot])
    customer.wait_for_selector(".file-chip img.thumb")
    screenshot(customer, "ticket-new-phone")
    customer.click("#send-ticket")
    customer.wait_for_url(re.compile(r".*/support/\d+/?$"))
    ticket_id = re.search(r"/support/(\d+)", customer.url).group(1)
    customer.wait_for_selector(".msg-customer .file-chip img.thumb")
    # A click on the file's name downloads it (not a route inside the app).
    with customer.expect_download() as caught:
        customer.click(".msg-customer .file-chip .file-name")
    assert caught.value.suggested_filename.endswith(".png")
    assert customer.url.rstrip("/").endswith(f"/support/{ticket_id}")
    customer.evaluate("() => { window.__notReloaded = true; }")

    # The support user's queue shows it without a reload.
    helper.wait_for_selector(f".queue-row[data-ticket='{ticket_id}']", timeout=20_000)
    assert helper.evaluate("() => window.__notReloaded === true")
    assert "در انتظار پاسخ" in helper.inner_text(f".queue-row[data-ticket='{ticket_id}']")
    screenshot(helper, "staff-tickets-phone")
    helper.click(f".queue-row[data-ticket='{ticket_id}']")
    helper.wait_for_selector("#reply-body")
    assert helper.locator(".msg-customer img.thumb").count() == 1
    helper.fill("#reply-body", "سلام، سرور را دوباره راه‌اندازی کردیم؛ لطفاً بررسی کنید.")
    helper.click("#send-staff-reply")
    helper.wait_for_selector(".msg-staff")
    screenshot(helper, "staff-ticket-phone")

    # The customer's open ticket shows the answer without a reload.
    customer.wait_for_selector(".msg-staff", timeout=20_000)
    assert customer.evaluate("() => window.__notReloaded === true")
    assert "راه‌اندازی کردیم" in customer.inner_text(".msg-staff")
    assert customer.inner_text(".ticket-status") == "پاسخ داده شده"
    screenshot(customer, "ticket-thread-phone")

    number = fa.digits(ticket_id)
    mails = wait_for(lambda: [m for m in httpx.get(f"{app_server.sandbox_url}/_sandbox/mail").json()
                              if m["rcpt_to"] == ["ticket-user@example.com"] and "پاسخ به تیکت" in m["subject"]])
    texts = wait_for(lambda: [t for t in httpx.get(f"{app_server.sandbox_url}/_sandbox/sms").json()
                              if f"تیکت شماره {number}" in t["message"]])
    assert len(mails) == 1 and len(texts) == 1
    assert "راه‌اندازی کردیم" in mails[0]["text"] and f"/support/{ticket_id}" in mails[0]["text"]

    # The customer closes it; another customer's address for it finds nothing.
    customer.click("#close-ticket")
    customer.wait_for_function("() => document.querySelector('.ticket-status')?.textContent === 'بسته'")
    customer.context.close()
    stranger = new_page(browser, DESKTOP)
    sign_in(stranger, app_server)
    stranger.wait_for_url(f"{app_server.url}/")
    stranger.goto(f"{app_server.url}/support/{ticket_id}")
    stranger.wait_for_selector("#ticket-not-found")
    assert stranger.locator(".msg").count() == 0
    assert httpx.get(f"{app_server.url}/attachments/1").status_code == 401  # no session: no file
    stranger.context.close()
    helper.context.close()
