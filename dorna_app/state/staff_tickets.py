"""The staff's ticket pages: the queue (by department, status, waiting time; live) and one ticket,
where staff reply or leave a note, insert a saved reply, take the ticket, move it, close it."""

from __future__ import annotations

import reflex as rx

from dorna_app import labels
from dorna_app.backoffice import tickets as staff_tickets
from dorna_app.backoffice.roles import Permission
from dorna_app.state.base import int_param
from dorna_app.state.live import live_page
from dorna_app.state.staff import StaffDashboardState, StaffState, staff_event
from dorna_app.state.ticket_views import (
    MAX_FIELD_CHARS,
    drop_upload,
    rejected_message,
    stage_uploads,
    thread_messages,
    ticket_row,
)
from dorna_app.state.views import DepartmentRow, FileChip, Option, ThreadMessage, TicketRow
from dorna_app.support import tickets

QUEUE_STATUS = {"waiting": "منتظر پاسخ ما", "all": "همه", **labels.TICKET_STATUS_STAFF}

live_page(StaffDashboardState)  # its open-tickets figure moves with the queue


@live_page
class StaffTicketsState(StaffState):
    """The queue: waiting tickets first, the longest-waiting on top; filters in the address."""

    rows: list[TicketRow] = []
    departments: list[Option] = []
    department: str = ""
    status: str = "waiting"
    mine: bool = False
    query: str = ""
    loaded: bool = False
    saved: list[Option] = []
    saved_errors: dict[str, str] = {}
    form_key: int = 0
    can_manage: bool = False
    department_rows: list[DepartmentRow] = []
    department_errors: dict[str, str] = {}

    @staff_event(Permission.TICKETS)
    def load(self) -> None:
        self.can_manage = self._may(Permission.STAFF_MANAGE)
        self.department_errors = {}
        params = self.router.url.query_parameters
        self._filters(params.get("department", ""), params.get("status", ""), params.get("mine", ""),
                      params.get("q", ""))
        self.saved_errors = {}
        self._register_live()
        self._reload()

    def _filters(self, department: str, status: str, mine: str, query: str) -> None:
        self.departments = [Option(d.key, d.name) for d in tickets.departments(include_inactive=True)]
        self.department = department if department in {d.value for d in self.departments} else ""
        self.status = status if status in QUEUE_STATUS else "waiting"
        self.mine = mine in ("1", "on", "true")
        self.query = str(query)[:100]

    @staff_event(Permission.TICKETS)
    def filter(self, form: dict) -> None:
        self._filters(str(form.get("department", "")), str(form.get("status", "")), str(form.get("mine", "")),
                      str(form.get("q", "")))
        self._reload()

    def _reload(self) -> None:
        found = tickets.queue(department=self.department, status=self.status, query=self.query,
                              mine_staff_id=self._staff_id if self.mine else None)
        self.rows = [ticket_row(t, staff=True) for t in found]
        self.saved = [Option(str(r.id), r.title) for r in staff_tickets.saved_replies()]
        self.department_rows = [DepartmentRow(d.id, d.name, d.email, d.active)
                                for d in tickets.departments(include_inactive=True)]
        self.loaded = True

    @staff_event(Permission.STAFF_MANAGE)
    def save_department(self, form: dict) -> None:
        """An admin adds a department or changes one (name, address, whether customers may pick it)."""
        raw = str(form.get("department_id", ""))[:12]
        result = staff_tickets.save_department(self._staff_id, int_param(raw, 0) or None,
                                               name=str(form.get("dept_name", ""))[:100],
                                               email=str(form.get("dept_email", ""))[:254],
                                               active=bool(form.get("dept_active")))
        self.department_errors = result.errors if not raw else {}
        if result.ok:
            self._say("بخش ذخیره شد.", "success")
            self.form_key += 1
            self._filters(self.department, self.status, "1" if self.mine else "", self.query)
            self._reload()
        elif raw:
            self._say(next(iter(result.errors.values()), "انجام نشد."))

    @staff_event(Permission.TICKETS)
    def add_saved(self, form: dict) -> None:
        result = staff_tickets.add_saved_reply(self._staff_id, str(form.get("title", ""))[:200],
                                               str(form.get("saved_body", ""))[:MAX_FIELD_CHARS])
        self.saved_errors = result.errors
        if result.ok:
            self._say("پاسخ آماده ذخیره شد.", "success")
            self.form_key += 1
            self._reload()

    @staff_event(Permission.TICKETS)
    def delete_saved(self, reply_id: int) -> None:
        result = staff_tickets.delete_saved_reply(self._staff_id, int_param(str(reply_id), 0))
        self._say("پاسخ آماده حذف شد." if result.ok else result.errors.get("form", "انجام نشد."),
                  "success" if result.ok else "error")
        self._reload()


@live_page
class StaffTicketState(StaffState):
    """One ticket: the whole thread with notes, the reply form, and the ticket's settings."""

    found: bool = True
    loaded: bool = False
    ticket_id: int = 0
    ticket: TicketRow = TicketRow()
    client_id: int = 0
    department_key: str = ""
    version: int = 0
    messages: list[ThreadMessage] = []
    departments: list[Option] = []
    saved: list[Option] = []
    draft: str = ""
    errors: dict[str, str] = {}
    files: list[FileChip] = []
    file_error: str = ""
    form_key: int = 0
    changed: bool = False
    mine: bool = False

    @staff_event(Permission.TICKETS)
    def load(self) -> None:
        raw = self.router.page.params.get("ticket_id", "") or self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        self.ticket_id = int_param(raw, 0)
        self.errors, self.files, self.file_error, self.draft, self.changed = {}, [], "", "", False
        self.version = 0
        self._register_live()
        self._reload()

    def _reload(self) -> None:
        found = tickets.thread(self.ticket_id) if self.ticket_id else None
        self.found, self.loaded = found is not None, True
        if found is None:
            self.messages = []
            return
        if self.version and found.ticket.version != self.version:
            self.changed = True  # a colleague (or the customer) wrote meanwhile: the page says so
        self.ticket = ticket_row(found.ticket, staff=True)
        self.client_id, self.department_key = found.ticket.client_id, found.ticket.department_key
        self.version = found.ticket.version
        self.mine = found.ticket.assigned_staff_id == self._staff_id
        self.messages = thread_messages(found, staff=True)
        self.departments = [Option(d.key, d.name) for d in tickets.departments(include_inactive=True)]
        self.saved = [Option(str(r.id), r.title) for r in staff_tickets.saved_replies()]

    def _own_reload(self) -> None:
        """After this page's own change: fresh, without the "changed meanwhile" line."""
        self.version, self.changed = 0, False
        self._reload()

    @staff_event(Permission.TICKETS)
    def keep_draft(self, text: str) -> None:
        """The reply box lost focus: remember its text, so inserting a saved reply adds to it."""
        self.draft = str(text)[:MAX_FIELD_CHARS]

    @staff_event(Permission.TICKETS)
    def insert_saved(self, reply_id: str) -> None:
        chosen = next((r for r in staff_tickets.saved_replies() if str(r.id) == str(reply_id)), None)
        if chosen is not None:
            self.draft = f"{self.draft.rstrip()}\n\n{chosen.body}".strip()
            self.form_key += 1

    @staff_event(Permission.TICKETS)
    async def stage(self, files: list[rx.UploadFile]) -> None:
        self.files, self.file_error = await stage_uploads(files, self.files, staff_id=self._staff_id)

    @staff_event(Permission.TICKETS)
    def rejected(self, rejections: list[dict]) -> None:
        self.file_error = rejected_message(rejections)

    @staff_event(Permission.TICKETS)
    def remove_file(self, file_id: int) -> None:
        self.files, self.file_error = drop_upload(self.files, file_id, staff_id=self._staff_id), ""

    @staff_event(Permission.TICKETS)
    def reply(self, form: dict) -> None:
        body = str(form.get("body", ""))[:MAX_FIELD_CHARS]
        internal = bool(form.get("internal"))
        result = staff_tickets.reply(self._staff_id, self.ticket_id, body, internal=internal,
                                     seen=int_param(str(form.get("seen", "")), 0) or None,
                                     attachment_ids=[f.id for f in self.files], close=bool(form.get("close")))
        self.errors = result.errors
        if not result.ok:
            self.draft = body  # the text stays while the page shows what changed
            self.form_key += 1
            self._own_reload()
            return
        self.files, self.file_error, self.draft = [], "", ""
        self.form_key += 1
        self._say("یادداشت ذخیره شد." if internal else "پاسخ فرستاده شد؛ مشتری با ایمیل و پیامک باخبر می‌شود.",
                  "success")
        self._own_reload()

    @staff_event(Permission.TICKETS)
    def update(self, form: dict) -> None:
        result = staff_tickets.update(self._staff_id, self.ticket_id, department=str(form.get("department", ""))[:32],
                                      priority=str(form.get("priority", ""))[:16],
                                      status=str(form.get("status", ""))[:16],
                                      seen=int_param(str(form.get("seen", "")), 0) or None)
        self._say("تیکت به‌روز شد." if result.ok else next(iter(result.errors.values()), "انجام نشد."),
                  "success" if result.ok else "error")
        self.form_key += 1
        self._own_reload()

    @staff_event(Permission.TICKETS)
    def take(self) -> None:
        result = staff_tickets.take(self._staff_id, self.ticket_id)
        self._say("تیکت به نام شما شد." if result.ok else result.errors.get("form", "انجام نشد."),
                  "success" if result.ok else "error")
        self._own_reload()
