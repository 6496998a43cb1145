"""The customer's support pages: their tickets (پشتیبانی), a new ticket (ارسال تیکت پشتیبانی) and one
ticket's thread, where they reply, attach files and close it. The list and the thread are live: a
staff reply appears without a reload."""

from __future__ import annotations

import reflex as rx

from dorna_app import labels
from dorna_app.billing import queries
from dorna_app.state.base import SessionState, int_param
from dorna_app.state.live import live_page
from dorna_app.state.ticket_views import (
    MAX_FIELD_CHARS,
    drop_upload,
    rejected_message,
    stage_uploads,
    thread_messages,
    ticket_row,
)
from dorna_app.state.views import FileChip, Option, ThreadMessage, TicketRow
from dorna_app.support import tickets


class AttachingState(SessionState):
    """A page with a message being written: the files its writer uploaded so far."""

    files: list[FileChip] = []
    file_error: str = ""

    @rx.event
    async def stage(self, files: list[rx.UploadFile]) -> None:
        self.files, self.file_error = await stage_uploads(files, self.files, client_id=self._client_id)

    @rx.event
    def rejected(self, rejections: list[dict]) -> None:
        self.file_error = rejected_message(rejections)

    @rx.event
    def remove_file(self, file_id: int) -> None:
        self.files, self.file_error = drop_upload(self.files, file_id, client_id=self._client_id), ""

    def _file_ids(self) -> list[int]:
        return [f.id for f in self.files]


@live_page
class TicketsState(SessionState):
    rows: list[TicketRow] = []
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _reload(self) -> None:
        self.rows = [ticket_row(t, staff=False) for t in tickets.customer_tickets(self._client_id)]
        self.loaded = True


class NewTicketState(AttachingState):
    departments: list[Option] = []
    priorities: list[Option] = []
    services: list[Option] = []
    service: str = ""
    errors: dict[str, str] = {}
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _read_params(self) -> None:
        self.service = str(self.router.url.query_parameters.get("service", ""))[:12]

    def _reload(self) -> None:
        self.departments = [Option(d.key, d.name) for d in tickets.departments()]
        self.priorities = [Option(k, v) for k, v in labels.TICKET_PRIORITY.items()]
        own = queries.list_services(self._client_id)
        self.services = [Option(str(s.id), s.name) for s in own]
        if self.service not in {o.value for o in self.services}:
            self.service = ""
        self.errors, self.files, self.file_error = {}, [], ""
        self.loaded = True

    @rx.event
    def submit(self, form: dict) -> rx.event.EventSpec | None:
        service = str(form.get("service", ""))[:12]
        result = tickets.open_ticket(
            self._client_id, department=str(form.get("department", ""))[:32],
            priority=str(form.get("priority", ""))[:16],
            service_id=(int_param(service, 0) or None) if service else None,
            subject=str(form.get("subject", ""))[:400], body=str(form.get("body", ""))[:MAX_FIELD_CHARS],
            attachment_ids=self._file_ids())
        self.errors = result.errors
        if not result.ok:
            return None
        self.files = []
        return rx.redirect(f"/support/{result.ticket_id}")


@live_page
class TicketState(AttachingState):
    found: bool = True
    loaded: bool = False
    ticket_id: int = 0
    ticket: TicketRow = TicketRow()
    messages: list[ThreadMessage] = []
    errors: dict[str, str] = {}
    form_key: int = 0

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _read_params(self) -> None:
        raw = self.router.page.params.get("ticket_id", "") or self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        self.ticket_id = int_param(raw, 0)
        self.errors, self.files, self.file_error = {}, [], ""

    def _reload(self) -> None:
        found = tickets.thread(self.ticket_id, client_id=self._client_id) if self.ticket_id else None
        self.found, self.loaded = found is not None, True
        if found is None:
            self.messages = []
            return
        self.ticket = ticket_row(found.ticket, staff=False)
        self.messages = thread_messages(found, staff=False)

    @rx.event
    def reply(self, form: dict) -> None:
        result = tickets.customer_reply(self._client_id, self.ticket_id, str(form.get("body", ""))[:MAX_FIELD_CHARS],
                                        self._file_ids())
        self.errors = result.errors
        if result.ok:
            self.files, self.file_error = [], ""
            self.form_key += 1
            self._say("پاسخ شما فرستاده شد.", "success")
            self._reload()

    @rx.event
    def close(self) -> None:
        result = tickets.customer_close(self._client_id, self.ticket_id)
        if result.ok:
            self._say("تیکت بسته شد. اگر دوباره کمک خواستید، همین‌جا پاسخ بنویسید تا باز شود.", "success")
        else:
            self._say(result.errors.get("form", "انجام نشد."))
        self._reload()
