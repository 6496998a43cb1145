"""What a phone downloads for the sign-in page and the dashboard, and how soon it shows them.

Runs against an app that is already up (make run): counts the bytes transferred (as the network
sends them) and times first contentful paint and "the unpaid count is on screen" in headless
Chromium at 390x844 with a fresh cache, then warm.

Usage: .venv/bin/python bench/page_weight.py [http://localhost:3000] [--rounds 5]
"""

from __future__ import annotations

import argparse

from common import percentiles


def main() -> None:
    from playwright.sync_api import sync_playwright

    from dorna_app.settings import get_settings
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE

    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?", default="http://localhost:3000")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    settings = get_settings()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label in ("cold", "warm"):
            fcp, ready, weights = [], [], []
            context = browser.new_context(viewport=PHONE)
            page = context.new_page()
            page.goto(f"{args.url}/login")
            page.fill("#email", settings.demo_email)
            page.fill("#password", settings.demo_password)
            page.click("#login-submit")
            page.wait_for_url(f"{args.url}/")
            for _ in range(args.rounds):
                if label == "cold":
                    cdp = context.new_cdp_session(page)
                    cdp.send("Network.clearBrowserCache")
                sizes: list[int] = []
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.on("Network.loadingFinished", lambda e, s=sizes: s.append(int(e["encodedDataLength"])))
                page.goto(f"{args.url}/", wait_until="commit")
                page.wait_for_function("() => /[۰-۹]/.test(document.querySelector('#card-unpaid')?.textContent || '')")
                timing = page.evaluate("""() => ({
                    fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0,
                    now: performance.now() })""")
                fcp.append(timing["fcp"])
                ready.append(timing["now"])
                page.wait_for_load_state("networkidle")
                weights.append(sum(sizes) / 1024)
                cdp.detach()
            context.close()
            print(f"dashboard {label}: transferred {percentiles(weights).replace('ms', ' KiB')}")
            print(f"dashboard {label}: first contentful paint {percentiles(fcp)}")
            print(f"dashboard {label}: unpaid count on screen {percentiles(ready)}")
        browser.close()


if __name__ == "__main__":
    main()
