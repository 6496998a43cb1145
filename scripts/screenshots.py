"""Screenshots of every page at phone (390x844) and desktop (1280x800) size, as the demo customer and
as the demo staff admin.

Usage: python scripts/screenshots.py http://localhost:3000 [out-dir]
Look at them: that is how a customer and the host's staff see the client area.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dorna_app.settings import get_settings  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE  # noqa: E402

PAGES = {
    "dashboard": "/",
    "invoices": "/invoices",
    "invoices-unpaid": "/invoices?status=unpaid",
    "invoice-1523": "/invoices/1523",
    "invoice-251": "/invoices/251",
    "invoice-missing": "/invoices/999999",
    "services": "/services",
    "service-1": "/services/1",
    "mass-pay": "/mass-pay",
    "messages": "/messages",
    "profile": "/profile",
    "payment-missing": "/payment/result?p=999",
    "payment-later": "/payment/result?error=later",
    "quotes": "/quotes",
    "wallet": "/add-funds",
    "devices": "/devices",
    "security": "/security",
    "support": "/support",
    "ticket-new": "/tickets/new",
    "ticket-1": "/support/1",
}
STAFF_PAGES = {
    "staff-dashboard": "/staff",
    "staff-customers": "/staff/customers",
    "staff-customer-1": "/staff/customers/1",
    "staff-payments": "/staff/payments",
    "staff-messages": "/staff/messages",
    "staff-audit": "/staff/audit",
    "staff-tickets": "/staff/tickets?status=all",
    "staff-ticket-1": "/staff/tickets/1",
    "staff-panels": "/staff/panels",
    "staff-team": "/staff/team",
    "staff-account": "/staff/account",
}


def staff_screens(page, base: str, out: Path, size_name: str, codes: list[str]) -> None:
    """Sign in as the demo admin (enrolling on the first pass, a recovery code on the second) and
    photograph each staff page."""
    from dorna_app.backoffice.auth import current_code

    settings = get_settings()
    page.goto(f"{base}/staff/login")
    page.wait_for_timeout(800)
    page.screenshot(path=str(out / f"staff-login-{size_name}.png"), full_page=True)
    page.fill("#email", settings.demo_staff_email)
    page.fill("#password", settings.demo_staff_password)
    page.click("#staff-login-submit")
    page.wait_for_selector("#code")
    page.wait_for_timeout(500)
    page.screenshot(path=str(out / f"staff-verify-{size_name}.png"), full_page=True)
    page.fill("#code", codes.pop() if codes else current_code(settings.demo_staff_totp_secret))
    page.click("#verify-submit")
    page.wait_for_selector("#recovery-codes, .staff-figure")
    if page.locator("#recovery-codes").count():  # the first sign-in enrolled: the codes are shown once
        page.screenshot(path=str(out / f"staff-recovery-codes-{size_name}.png"), full_page=True)
        codes.extend(page.locator("#recovery-codes li").all_inner_texts())
    for name, path in STAFF_PAGES.items():
        page.goto(base + path)
        page.wait_for_function("() => document.querySelector('#staff-email') && "
                               "!document.querySelector('main .placeholder')")
        page.wait_for_timeout(700)
        page.screenshot(path=str(out / f"{name}-{size_name}.png"), full_page=True)


def main() -> None:
    base = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://localhost:3000"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "test-artifacts" / "screens"
    out.mkdir(parents=True, exist_ok=True)
    settings = get_settings()
    codes: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            context = browser.new_context(viewport=size, locale="fa-IR")
            page = context.new_page()
            page.goto(f"{base}/login")
            page.wait_for_timeout(800)
            page.screenshot(path=str(out / f"login-{size_name}.png"), full_page=True)
            page.fill("#email", settings.demo_email)
            page.fill("#password", settings.demo_password)
            page.click("#login-submit")
            page.wait_for_url(f"{base}/")
            for name, path in PAGES.items():
                page.goto(base + path)
                page.wait_for_function("() => (document.querySelector('#user-email')||{}).textContent?.includes('@')")
                page.wait_for_timeout(700)
                page.screenshot(path=str(out / f"{name}-{size_name}.png"), full_page=True)
            context.close()
            context = browser.new_context(viewport=size, locale="fa-IR")
            staff_screens(context.new_page(), base, out, size_name, codes)
            context.close()
        browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
