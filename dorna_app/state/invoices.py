"""The invoice list. Filter, sort, page and page size live in the URL, so back and shared links work."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit

import reflex as rx

from dorna_app import fa, labels
from dorna_app.billing import queries
from dorna_app.state.base import SessionState, int_param
from dorna_app.state.live import live_page
from dorna_app.state.views import InvoiceRow, PageSizeLink, StatusFilter, invoice_row

FILTER_ORDER = ("all", "unpaid", "paid", "cancelled", "refunded")
_DEFAULTS = {"status": "all", "sort": queries.DEFAULT_SORT, "dir": "desc", "page": 1, "size": queries.PAGE_SIZES[0]}


@live_page
class InvoicesState(SessionState):
    rows: list[InvoiceRow] = []
    status: str = "all"
    sort: str = queries.DEFAULT_SORT
    descending: bool = True
    page: int = 1
    pages: int = 1
    page_size: int = 10
    paging_text: str = ""
    filters: list[StatusFilter] = []
    sort_links: dict[str, str] = {}
    sort_marks: dict[str, str] = {}
    sort_aria: dict[str, str] = {}
    prev_href: str = ""
    next_href: str = ""
    size_links: list[PageSizeLink] = []
    unpaid_count: int = 0
    unpaid_count_fa: str = ""
    unpaid_total: str = ""
    loaded: bool = False
    # The address of an in-page change, for the address bar (components/url.py); empty after a page
    # load, whose address the browser already shows.
    url: str = ""

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    @rx.event
    def show(self, href: str) -> None:
        """An in-page change (filter, sort, page, page size): one event re-reads only the list, without
        the page's load (session already checked by the guard, tab already registered, badge as is).
        `href` is one of this page's own links; anything else changes nothing."""
        parts = urlsplit(str(href))
        if parts.path != "/invoices" or parts.scheme or parts.netloc:
            return
        try:
            params = dict(parse_qsl(parts.query, max_num_fields=10))
        except ValueError:  # more fields than any of our links has
            return
        self._apply_params(params)
        self._reload_list()
        self.url = self._href()

    def _read_params(self) -> None:
        self.url = ""
        self._apply_params(self.router.url.query_parameters)

    def _apply_params(self, params: Mapping[str, str]) -> None:
        status = params.get("status", "all")
        self.status = status if status in queries.STATUS_FILTERS else "all"
        sort = params.get("sort", queries.DEFAULT_SORT)
        self.sort = sort if sort in queries.SORT_COLUMNS else queries.DEFAULT_SORT
        self.descending = params.get("dir", "desc") != "asc"
        size = int_param(params.get("size"), queries.PAGE_SIZES[0])
        self.page_size = size if size in queries.PAGE_SIZES else queries.PAGE_SIZES[0]
        self.page = int_param(params.get("page"), 1)

    def _href(self, **changes: object) -> str:
        query = {"status": self.status, "sort": self.sort, "dir": "desc" if self.descending else "asc",
                 "page": self.page, "size": self.page_size}
        query.update(changes)
        kept = {k: v for k, v in query.items() if str(v) != str(_DEFAULTS[k])}
        return "/invoices" + (f"?{urlencode(kept)}" if kept else "")

    def _reload(self) -> None:
        self._reload_list()
        unpaid = queries.unpaid_summary(self._client_id)
        self.unpaid_count = unpaid.count
        self.unpaid_count_fa = fa.digits(unpaid.count)
        self.unpaid_total = fa.toman(unpaid.total_rial)
        self.loaded = True

    def _reload_list(self) -> None:
        result = queries.list_invoices(self._client_id, status=self.status, sort=self.sort,
                                       descending=self.descending, page=self.page, page_size=self.page_size)
        self.page, self.pages = result.page, result.pages
        self.rows = [invoice_row(r) for r in result.rows]
        self.paging_text = labels.PAGING.format(first=fa.digits(result.first_index),
                                                last=fa.digits(result.last_index), total=fa.digits(result.total))
        counts = queries.status_counts(self._client_id)
        self.filters = [
            StatusFilter(key=key, label=labels.INVOICE_STATUS[key], count=fa.digits(counts[key]),
                         href=self._href(status=key, page=1), active=key == self.status)
            for key in FILTER_ORDER
        ]
        self.sort_links = {
            key: self._href(sort=key, dir="asc" if key == self.sort and self.descending else "desc", page=1)
            for key in queries.SORT_COLUMNS
        }
        self.sort_marks = {key: ("" if key != self.sort else ("▼" if self.descending else "▲"))
                           for key in queries.SORT_COLUMNS}
        self.sort_aria = {key: ("none" if key != self.sort else ("descending" if self.descending else "ascending"))
                          for key in queries.SORT_COLUMNS}
        self.prev_href = self._href(page=self.page - 1) if self.page > 1 else ""
        self.next_href = self._href(page=self.page + 1) if self.page < self.pages else ""
        self.size_links = [
            PageSizeLink(size=fa.digits(size), href=self._href(size=size, page=1), active=size == self.page_size)
            for size in queries.PAGE_SIZES
        ]
