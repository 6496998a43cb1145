"""Accessibility in a real browser: axe-core (pinned in tools/) on every page at both sizes, keyboard-only
paths (pay all from the dashboard, the phone menu), and layout spacing as the browser computes it."""

from __future__ import annotations

import json

import pytest

from dorna_app.settings import PROJECT_ROOT
from tests.e2e.conftest import DESKTOP, PHONE, new_page, sign_in, signed_in_page, wait_hydrated

pytestmark = pytest.mark.e2e

AXE = PROJECT_ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["/", "/invoices", "/invoices?status=unpaid", "/invoices/1523", "/invoices/251", "/invoices/999999",
         "/services", "/services/1", "/mass-pay", "/messages", "/profile", "/payment/result?p=999",
         "/payment/result?error=later", "/support", "/tickets/new", "/support/1", "/quotes",
         "/add-funds", "/devices", "/security"]
# Rules whose findings are about third-party widgets we cannot change are listed here with a reason;
# none are needed today.
ALLOWED: dict[str, str] = {}


def run_axe(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` installs it (npm ci --prefix tools)")
    # evaluate() runs outside the page's CSP, unlike an injected <script>.
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => JSON.stringify((await axe.run(document, "
                           "{resultTypes: ['violations']})).violations)")
    return json.loads(result)


def _serious(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['help']}" for v in violations
            if v["impact"] in ("serious", "critical") and v["id"] not in ALLOWED]


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_serious_accessibility_violation_on_any_page(app_server, browser, size):
    page = new_page(browser, size)
    page.goto(f"{app_server.url}/login")
    page.wait_for_selector("#login-submit")
    found = {"/login": _serious(run_axe(page))}
    for path, ready in (("/forgot-password", "#forgot-submit"), ("/reset-password?t=spent", "#reset-invalid"),
                        ("/login/sms", "#sms-request"), ("/login/sms?step=code&sent=1", "#sms-verify")):
        page.goto(f"{app_server.url}{path}")
        page.wait_for_selector(ready)
        found[path] = _serious(run_axe(page))
    sign_in(page, app_server)
    page.wait_for_url(f"{app_server.url}/")
    for path in PAGES:
        page.goto(f"{app_server.url}{path}")
        wait_hydrated(page)
        page.wait_for_function("() => !document.querySelector('main .placeholder')")
        page.wait_for_timeout(400)
        found[path] = _serious(run_axe(page))
    assert {path: v for path, v in found.items() if v} == {}
    page.context.close()


def test_pay_all_from_the_dashboard_with_the_keyboard_only(app_server, browser):
    page = signed_in_page(browser, app_server, DESKTOP)
    page.wait_for_selector(".pay-all")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link no-print"
    for _ in range(60):  # walk the page as a keyboard user would until the pay-all button has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pay-all')"):
            break
    else:
        pytest.fail("the pay-all button cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pg/StartPay/**")
    page.context.close()


def test_the_phone_menu_works_with_the_keyboard(app_server, browser):
    page = signed_in_page(browser, app_server, PHONE)
    button = page.get_by_role("button", name="باز کردن منو")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="منو")
    dialog.wait_for()
    for _ in range(20):  # focus stays inside the open menu
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('[role=dialog]')")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == "menu-button"
    page.keyboard.press("Enter")
    dialog.wait_for()
    for _ in range(20):
        if page.evaluate("document.activeElement.textContent.includes('صورت‌حساب‌ها')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/invoices**")
    page.context.close()


def _gap(page, selector: str) -> float:
    """The computed column gap of the element's parent (a gap that is not set computes to 'normal')."""
    value = page.evaluate("s => getComputedStyle(document.querySelector(s).parentElement).columnGap", selector)
    return 0.0 if value == "normal" else float(value.removesuffix("px"))


def test_spacing_is_real_in_the_browser(app_server, browser):
    """Layout gaps as the browser computes them, not as props: nothing touches its neighbour."""
    page = signed_in_page(browser, app_server, DESKTOP)
    page.wait_for_selector(".debt-card .pay-all")
    assert _gap(page, ".debt-card .pay-all") >= 8  # the debt sentence and پرداخت همه
    page.goto(f"{app_server.url}/invoices/1523")
    page.wait_for_selector("#print-invoice")
    assert _gap(page, "#print-invoice") >= 8  # the invoice's buttons
    page.goto(f"{app_server.url}/invoices")
    page.wait_for_selector(".invoice-row")
    table = page.locator(".table-wrap").bounding_box()
    sidebar = page.locator(".status-filter").first.bounding_box()
    assert sidebar["x"] - (table["x"] + table["width"]) >= 8  # the side menu (on the right) and the table
    page.context.close()
