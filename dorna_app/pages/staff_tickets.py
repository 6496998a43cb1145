"""The staff's tickets: the queue with its filters and the saved replies, and one ticket's thread with
the reply form and the ticket's settings."""

from __future__ import annotations

import reflex as rx

from dorna_app import labels
from dorna_app.components import ui
from dorna_app.components.forms import select_field, textarea_field
from dorna_app.components.icons import icon
from dorna_app.components.staff_shell import filter_bar, listing, staff_field, staff_page
from dorna_app.components.uploads import attach_zone
from dorna_app.pages.support import PRIORITY_TONES, status_badge, thread_message
from dorna_app.state.staff_tickets import QUEUE_STATUS, StaffTicketsState, StaffTicketState

CHANGED_LINE = "همین حالا پیام یا تغییر تازه‌ای در این تیکت آمد؛ پیش از پاسخ آن را ببینید."


def _queue_card(t: rx.Var) -> rx.Component:
    return ui.link(
        ui.card(
            ui.stack(
                ui.row(ui.text("#", t.number, " ", t.subject, bold=True, class_name="grow"), status_badge(t),
                       ui.badge(t.priority_label, tone=rx.match(t.priority, *PRIORITY_TONES)), gap=2, wrap=True),
                ui.text(rx.el.bdi(t.customer), " · ", rx.el.bdi(t.customer_email, dir="ltr"), " · ", t.department,
                        rx.cond(t.service != "", rx.fragment(" · ", t.service)), size=2, muted=True),
                ui.row(
                    rx.cond(t.waiting != "", ui.text(icon("clock", 14), " در انتظار پاسخ: ", t.waiting, size=2,
                                                     tone="red", as_="span")),
                    ui.text(rx.cond(t.assigned_to != "", rx.fragment("با ", rx.el.bdi(t.assigned_to)), "بی‌مسئول"),
                            size=2, muted=True, as_="span"),
                    ui.spacer(),
                    ui.text(t.activity, size=1, muted=True, as_="span"),
                    gap=3,
                    wrap=True,
                ),
                gap=1,
            ),
        ),
        href=t.href,
        class_name="plain-link queue-row",
        data_ticket=t.id,
    )


def _saved_replies() -> rx.Component:
    s = StaffTicketsState
    return ui.card(rx.el.details(
        rx.el.summary("پاسخ‌های آماده", class_name="summary", id="saved-toggle"),
        ui.stack(
            rx.cond(s.saved.length() > 0,
                    rx.el.ul(rx.foreach(s.saved, lambda r: rx.el.li(
                        ui.row(ui.text(r.label, class_name="grow"),
                               ui.button("حذف", variant="ghost", tone="red", aria_label="حذف " + r.label,
                                         on_click=s.delete_saved(r.value)), gap=2)),
                    ), class_name="plain-list"),
                    ui.text("هنوز پاسخ آماده‌ای نیست.", size=2, muted=True)),
            rx.el.form(
                ui.stack(
                    staff_field("عنوان", "title", s.saved_errors, max_length=100),
                    textarea_field("متن", "saved_body", s.saved_errors, rows=4),
                    rx.el.div(ui.button("ذخیره پاسخ آماده", type="submit", variant="soft", id="add-saved")),
                    gap=3,
                ),
                on_submit=s.add_saved,
                no_validate=True,
                key=s.form_key.to_string(),
            ),
            gap=3,
        ),
    ))


def _department_form(d: rx.Var | None) -> rx.Component:
    """One department's fields (or, with `d` None, a new one's)."""
    s = StaffTicketsState
    errors = s.department_errors
    suffix = "new" if d is None else d.id.to_string()  # ids stay unique when the form repeats
    return rx.el.form(
        rx.el.input(type="hidden", name="department_id", value="" if d is None else d.id.to_string()),
        rx.el.div(
            staff_field("نام بخش", "dept_name", errors if d is None else None, value="" if d is None else d.name,
                        field_id="dept-name-" + suffix),
            staff_field("ایمیل بخش (برای خبر تیکت تازه)", "dept_email", errors if d is None else None, latin=True,
                        value="" if d is None else d.email, type="email",
                        field_id="dept-email-" + suffix),
            class_name="grid md-cols-2",
        ),
        ui.row(
            rx.el.label(rx.el.input(type="checkbox", name="dept_active", class_name="checkbox",
                                    default_checked=True if d is None else d.active),
                        "مشتریان می‌توانند این بخش را انتخاب کنند", class_name="row g2"),
            ui.spacer(),
            ui.button("افزودن بخش" if d is None else "ذخیره", type="submit", variant="soft",
                      class_name="save-department"),
            gap=2,
            wrap=True,
        ),
        on_submit=s.save_department,
        no_validate=True,
        class_name="stack g2 department-form",
    )


def _departments() -> rx.Component:
    s = StaffTicketsState
    return rx.cond(s.can_manage, ui.card(rx.el.details(
        rx.el.summary("بخش‌های پشتیبانی", class_name="summary", id="departments-toggle"),
        ui.stack(
            rx.foreach(s.department_rows, _department_form),
            rx.el.hr(class_name="divider"),
            _department_form(None),
            gap=4,
            key=s.form_key.to_string(),
        ),
    )))


def staff_tickets_page() -> rx.Component:
    s = StaffTicketsState
    return staff_page(
        filter_bar(
            s.filter,
            rx.el.select(rx.el.option("همه بخش‌ها", value=""),
                         rx.foreach(s.departments, lambda d: rx.el.option(d.label, value=d.value)),
                         name="department", default_value=s.department, class_name="input narrow-input",
                         aria_label="بخش", key="d" + s.department),
            rx.el.select(*[rx.el.option(label, value=value) for value, label in QUEUE_STATUS.items()],
                         name="status", default_value=s.status, class_name="input narrow-input",
                         aria_label="وضعیت", key="s" + s.status),
            rx.el.input(name="q", default_value=s.query, class_name="input grow", aria_label="جستجو",
                        placeholder="شماره، موضوع یا ایمیل مشتری"),
            rx.el.label(rx.el.input(type="checkbox", name="mine", default_checked=s.mine, class_name="checkbox"),
                        "فقط تیکت‌های من", class_name="row g2 nowrap"),
        ),
        listing(s.loaded, s.rows, _queue_card,
                ui.callout("تیکتی با این مشخصات نیست.", icon_name="circle-check", tone="green", id="queue-empty"),
                id="queue"),
        _saved_replies(),
        _departments(),
        title="تیکت‌ها",
        active="تیکت‌ها",
    )


def _reply_form() -> rx.Component:
    s = StaffTicketState
    return ui.card(
        rx.el.form(
            ui.stack(
                ui.heading("پاسخ", level="h2", size=4),
                rx.cond(s.errors.contains("form"), ui.callout(s.errors["form"], tone="amber", role="alert",
                                                              icon_name="triangle-alert", id="reply-form-error")),
                rx.el.input(type="hidden", name="seen", value=s.version.to_string()),
                rx.cond(s.saved.length() > 0, rx.el.div(
                    rx.el.label("درج پاسخ آماده", html_for="saved-reply"),
                    rx.el.select(rx.el.option("انتخاب کنید", value=""),
                                 rx.foreach(s.saved, lambda r: rx.el.option(r.label, value=r.value)),
                                 id="saved-reply", name="saved", class_name="input", value="",
                                 on_change=s.insert_saved),
                    class_name="field",
                )),
                textarea_field("متن", "body", s.errors, value=s.draft, rows=7, on_blur=s.keep_draft,
                               field_id="reply-body"),
                attach_zone("staff-files", s.stage, s.rejected, s.files, s.file_error,
                            lambda f: rx.el.button(icon("x", 16), type="button", class_name="icon-button",
                                                   aria_label="حذف " + f.name, on_click=s.remove_file(f.id))),
                rx.el.label(rx.el.input(type="checkbox", name="internal", class_name="checkbox", id="internal"),
                            "یادداشت داخلی (مشتری نمی‌بیند و پیامی نمی‌رود)", class_name="row g2"),
                rx.el.label(rx.el.input(type="checkbox", name="close", class_name="checkbox"),
                            "پس از پاسخ، تیکت بسته شود", class_name="row g2"),
                rx.el.div(ui.button("ارسال", type="submit", id="send-staff-reply")),
                gap=3,
            ),
            on_submit=s.reply,
            no_validate=True,
            key=s.form_key.to_string(),
        ),
        roomy=True,
    )


def _settings() -> rx.Component:
    s = StaffTicketState
    return ui.card(
        ui.stack(
            ui.heading("تیکت", level="h2", size=4),
            ui.text("مشتری: ", ui.link(rx.el.bdi(s.ticket.customer), href="/staff/customers/" + s.client_id.to_string(),
                                       id="ticket-customer"), size=2),
            ui.text(s.ticket.customer_email, size=2, muted=True, dir="ltr", class_name="ltr-fragment"),
            rx.cond(s.ticket.service != "", ui.text("سرویس: ", s.ticket.service, size=2)),
            ui.text("مسئول: ", rx.cond(s.ticket.assigned_to != "", rx.el.bdi(s.ticket.assigned_to), "هیچ‌کس"), size=2),
            rx.cond(s.mine, ui.text("این تیکت با شماست.", size=2, tone="green"),
                    ui.button("برداشتن تیکت", variant="soft", on_click=s.take, id="take-ticket")),
            rx.el.form(
                ui.stack(
                    rx.el.input(type="hidden", name="seen", value=s.version.to_string()),
                    select_field("بخش", "department", s.departments, value=s.department_key,
                                 field_id="ticket-department"),
                    select_field("اولویت", "priority", labels.TICKET_PRIORITY, value=s.ticket.priority,
                                 field_id="ticket-priority"),
                    select_field("وضعیت", "status", labels.TICKET_STATUS_STAFF, value=s.ticket.status,
                                 field_id="ticket-status"),
                    rx.el.div(ui.button("ذخیره", type="submit", variant="soft", id="save-ticket")),
                    gap=3,
                ),
                on_submit=s.update,
                key=s.form_key.to_string() + s.ticket.status,
            ),
            gap=2,
        ),
        class_name="ticket-side",
    )


def staff_ticket_page() -> rx.Component:
    s = StaffTicketState
    return staff_page(
        rx.cond(
            s.loaded,
            rx.cond(
                s.found,
                ui.stack(
                    ui.row(ui.heading("#", s.ticket.number, " ", s.ticket.subject, level="h2", size=5,
                                      class_name="grow", id="ticket-subject"),
                           status_badge(s.ticket),
                           ui.badge(s.ticket.priority_label, tone=rx.match(s.ticket.priority, *PRIORITY_TONES)),
                           gap=2, wrap=True),
                    rx.cond(s.changed, ui.callout(CHANGED_LINE, tone="amber", icon_name="info", id="ticket-changed")),
                    rx.el.div(
                        ui.stack(
                            rx.el.ol(rx.foreach(s.messages, thread_message), class_name="thread", id="thread",
                                     aria_label="پیام‌های تیکت"),
                            _reply_form(),
                            gap=3,
                            class_name="grow",
                        ),
                        _settings(),
                        class_name="ticket-layout",
                    ),
                    gap=3,
                ),
                ui.callout("تیکت پیدا نشد.", icon_name="search-x", id="ticket-not-found"),
            ),
            ui.placeholder("ph-block"),
        ),
        title="تیکت",
        active="تیکت‌ها",
    )
