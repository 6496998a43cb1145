"""The client-area pages as the demo customer, at phone and desktop size."""

import pytest

from dorna_app import fa
from tests.e2e.conftest import DESKTOP, PHONE, new_page, screenshot, sign_in, wait_hydrated

pytestmark = pytest.mark.e2e

SEED_UNPAID_TOMAN = 70_500 + 50_000 + 162_000 + 162_000
EXPECTED = {"all": 7, "unpaid": 4, "paid": 1, "cancelled": 1, "refunded": 1}


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def page(request, app_server, browser):
    page = new_page(browser, request.param)
    sign_in(page, app_server)
    page.wait_for_url(f"{app_server.url}/")
    wait_hydrated(page)
    page.size_name = request.node.callspec.id
    yield page
    page.context.close()


def test_dashboard_counts_and_debt(page, app_server):
    page.wait_for_function("() => document.querySelector('#card-unpaid')?.textContent === '۴'")
    total = fa.number(SEED_UNPAID_TOMAN)
    assert page.locator(".debt-total").first.inner_text() == f"{total} تومان"
    assert "شما ۴ صورت‌حساب پرداخت‌نشده به مبلغ" in page.locator(".debt-card").first.inner_text()
    assert page.locator("#card-services").inner_text() == "۲"  # active ones; the third is suspended
    screenshot(page, f"dashboard-{page.size_name}")
    no_sideways_scroll(page)


def test_each_status_filter_shows_its_count_and_only_its_rows(page, app_server):
    page.goto(f"{app_server.url}/invoices")
    page.wait_for_selector(".status-filter")
    row_class = ".invoice-card" if page.size_name == "phone" else ".invoice-row"
    for status, count in EXPECTED.items():
        link = page.locator(f".status-filter[data-status={status}]")
        assert link.locator(".filter-count").inner_text() == fa.digits(count)
        link.click()
        page.wait_for_function(
            "([sel, n, st]) => { const rows = [...document.querySelectorAll(sel)];"
            " return rows.length === n && (st === 'all' || rows.every(r => r.dataset.status === st)); }",
            arg=[row_class, count, status])
        statuses = {el.get_attribute("data-status") for el in page.locator(row_class).all()}
        assert statuses == ({status} if status != "all" else set(EXPECTED) - {"all"})
        assert f"status={status}" in page.url or status == "all"
        assert page.inner_text("#paging-text") == f"نمایش ۱ تا {fa.digits(count)} از مجموع {fa.digits(count)} مورد"
    screenshot(page, f"invoices-{page.size_name}")
    no_sideways_scroll(page)


def test_in_page_changes_keep_the_address_back_and_reload_working(app_server, browser):
    """A filter click changes the list in place and writes its URL; back returns to the previous list,
    reload and a link from another page show what their address says."""
    page = new_page(browser, DESKTOP)
    sign_in(page, app_server)
    page.wait_for_url(f"{app_server.url}/")
    wait_hydrated(page)
    rows = "() => [...document.querySelectorAll('.invoice-row')].map(r => r.dataset.status)"
    page.goto(f"{app_server.url}/invoices")
    page.wait_for_function("() => document.querySelectorAll('.invoice-row').length === 7")
    page.click(".status-filter[data-status=paid]")
    page.wait_for_function("() => location.search === '?status=paid'")
    page.wait_for_function(f"() => ({rows})().join() === 'paid'")
    page.click(".status-filter[data-status=unpaid]")
    page.wait_for_function("() => location.search === '?status=unpaid'")
    page.wait_for_function(f"() => ({rows})().length === 4")
    page.go_back()
    page.wait_for_function("() => location.search === '?status=paid'")
    page.wait_for_function(f"() => ({rows})().join() === 'paid'")
    page.reload()
    page.wait_for_function(f"() => ({rows})().join() === 'paid'")
    # Away and back through a link: the list follows the link, not what this tab showed last.
    page.click("nav a[href='/']")
    page.wait_for_url(f"{app_server.url}/")
    page.click("a[href='/invoices?status=unpaid']")
    page.wait_for_function(f"() => ({rows})().length === 4 && ({rows})().every(s => s === 'unpaid')")
    assert page.url.endswith("/invoices?status=unpaid")
    page.context.close()


def test_paging_text_and_bad_urls(page, app_server):
    page.goto(f"{app_server.url}/invoices?page=۹&status=bogus&sort=nope&size=7")
    page.wait_for_selector("#paging-text")
    page.wait_for_function("() => document.querySelector('#paging-text').textContent.includes('۷')")
    assert page.inner_text("#paging-text") == "نمایش ۱ تا ۷ از مجموع ۷ مورد"


def test_invoice_page_and_another_customers_number(page, app_server):
    page.goto(f"{app_server.url}/invoices/251")
    page.wait_for_selector("#invoice-title:has-text('۲۵۱')")
    page.wait_for_selector("#invoice-total:has-text('۱۶۴٬۵۰۰ تومان')")
    page.goto(f"{app_server.url}/invoices/999999")
    page.wait_for_selector("#invoice-not-found")
    page.goto(f"{app_server.url}/invoices/abc")
    page.wait_for_selector("#invoice-not-found")
    page.goto(f"{app_server.url}/invoices/99999999999999999999999999")
    page.wait_for_selector("#invoice-not-found")


def test_search_with_persian_digits_and_arabic_letters(page, app_server):
    box = page.locator("#dashboard-search")
    box.fill("۱۵۲")  # Persian digits find invoice 1523
    page.wait_for_selector("#search-results >> text=۱۵۲۳")
    box.fill("ذخيره")  # Arabic ي still finds «ذخیره‌سازی»
    page.wait_for_selector("#search-results >> text=سرور مجازی ذخیره‌سازی")
    box.fill("zzzz")
    page.wait_for_selector("#search-empty")


def no_sideways_scroll(page):
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_sorting_by_a_column_both_ways(app_server, browser):
    page = new_page(browser, DESKTOP)  # the table's headers sort; the phone's cards follow the same URL
    sign_in(page, app_server)
    page.wait_for_url(f"{app_server.url}/")
    page.goto(f"{app_server.url}/invoices?sort=total&dir=asc")
    page.wait_for_selector(".invoice-row")
    page.wait_for_function("() => location.search.includes('sort=total')")

    def totals():
        return [int(fa.normalize_digits(t).replace("٬", "").split()[0])
                for t in page.locator(".invoice-row td:nth-child(4)").all_inner_texts()]

    page.wait_for_function("() => document.querySelectorAll('.invoice-row').length === 7")
    assert totals() == sorted(totals())
    page.click(".sort-link[data-sort=total]")  # the same column again turns the order round
    page.wait_for_function("() => location.search.includes('dir=desc') || !location.search.includes('dir=')")
    page.wait_for_function("() => document.querySelector('.sort-link[data-sort=total]').textContent.includes('▼')")
    assert totals() == sorted(totals(), reverse=True)
    page.context.close()


def test_print_view_hides_the_frame(page, app_server):
    page.goto(f"{app_server.url}/invoices/1523")
    page.wait_for_selector("#invoice-title:has-text('۱۵۲۳')")
    page.emulate_media(media="print")
    assert page.locator("header, .no-print").first.is_hidden()
    assert page.locator("#invoice-total").is_visible()
    page.emulate_media(media="screen")


def test_print_button_prints_under_the_csp(page, app_server):
    page.goto(f"{app_server.url}/invoices/1523")
    page.wait_for_selector("#invoice-title:has-text('۱۵۲۳')")
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    page.click("#print-invoice")
    page.wait_for_function("() => window.__printed === true")
