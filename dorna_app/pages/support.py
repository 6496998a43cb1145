"""Support (پشتیبانی): the customer's tickets, a new ticket, and one ticket's thread with its reply form."""

from __future__ import annotations

import reflex as rx

from dorna_app.components import ui
from dorna_app.components.forms import select_field, text_field, textarea_field
from dorna_app.components.icons import icon
from dorna_app.components.shell import page
from dorna_app.components.uploads import attach_zone, file_chip
from dorna_app.state.support import NewTicketState, TicketsState, TicketState

STATUS_TONES = (("open", "blue"), ("answered", "green"), ("customer_reply", "amber"), "gray")
PRIORITY_TONES = (("urgent", "red"), ("high", "amber"), "gray")


def status_badge(t: rx.Var) -> rx.Component:
    return ui.badge(t.status_label, tone=rx.match(t.status, *STATUS_TONES), class_name="ticket-status")


def _ticket_card(t: rx.Var) -> rx.Component:
    return ui.link(
        ui.card(
            ui.stack(
                ui.row(ui.text(t.subject, bold=True, class_name="grow"), status_badge(t), gap=2, wrap=True),
                ui.text("تیکت ", t.number, " · ", t.department, rx.cond(t.service != "", rx.fragment(" · ", t.service)),
                        size=2, muted=True),
                ui.text("آخرین فعالیت: ", t.activity, size=1, muted=True),
                gap=1,
            ),
        ),
        href=t.href,
        class_name="plain-link ticket-row",
        data_status=t.status,
    )


def tickets_page() -> rx.Component:
    s = TicketsState
    return page(
        ui.row(
            ui.text("پرسش، مشکل فنی یا درخواست مالی را با تیکت بفرستید؛ پاسخ را همین‌جا، با ایمیل و پیامک می‌گیرید.",
                    size=2, muted=True, class_name="grow"),
            ui.link_button(icon("message-square-plus"), "ارسال تیکت تازه", href="/tickets/new", variant="solid",
                           id="new-ticket"),
            gap=3,
            wrap=True,
        ),
        rx.cond(
            s.loaded,
            rx.cond(s.rows.length() > 0, ui.stack(rx.foreach(s.rows, _ticket_card), gap=2),
                    ui.callout("هنوز تیکتی نفرستاده‌اید.", icon_name="inbox")),
            ui.placeholder("ph-block"),
        ),
        active="پشتیبانی",
        title="پشتیبانی",
    )


def new_ticket_page() -> rx.Component:
    s = NewTicketState
    return page(
        ui.card(
            rx.cond(
                s.loaded,
                rx.el.form(
                    ui.stack(
                        rx.cond(s.errors.contains("form"), ui.callout(s.errors["form"], tone="red",
                                                                      icon_name="triangle-alert", role="alert",
                                                                      id="ticket-form-error")),
                        rx.el.div(
                            select_field("بخش", "department", s.departments, s.errors, placeholder="انتخاب کنید"),
                            select_field("اولویت", "priority", s.priorities, s.errors, value="normal"),
                            class_name="grid md-cols-2",
                        ),
                        select_field("درباره کدام سرویس (اختیاری)", "service", s.services, s.errors,
                                     value=s.service, placeholder="هیچ‌کدام / پرسش عمومی"),
                        text_field("موضوع", "subject", s.errors, max_length=200),
                        textarea_field("متن پیام", "body", s.errors, rows=7, max_length=10_000),
                        attach_zone("ticket-files", s.stage, s.rejected, s.files, s.file_error,
                                    lambda f: _remove(s, f)),
                        rx.el.div(ui.button(icon("message-square-plus"), "ارسال تیکت", type="submit",
                                            id="send-ticket")),
                        gap=4,
                    ),
                    on_submit=s.submit,
                    no_validate=True,
                ),
                ui.placeholder("ph-block"),
            ),
            roomy=True,
            class_name="form-card",
        ),
        active="ارسال تیکت پشتیبانی",
        title="ارسال تیکت پشتیبانی",
    )


def _remove(state, f: rx.Var) -> rx.Component:
    return rx.el.button(icon("x", 16), type="button", class_name="icon-button", aria_label="حذف " + f.name,
                        on_click=state.remove_file(f.id))


def _sent_file(f: rx.Var) -> rx.Component:
    return file_chip(f)


def thread_message(m: rx.Var) -> rx.Component:
    """One message: who and when, the text as written, its files. Customer and staff sides look apart."""
    return rx.el.li(
        rx.el.div(
            ui.row(ui.text(m.who, bold=True, size=2, as_="span"),
                   rx.cond(m.internal, ui.badge("یادداشت داخلی", tone="amber")),
                   ui.spacer(), ui.text(m.at, size=1, muted=True, as_="span"), gap=2, wrap=True),
            rx.el.p(m.body, class_name="message-body", dir="auto"),
            rx.cond(m.files.length() > 0, rx.el.ul(rx.foreach(m.files, _sent_file), class_name="file-list")),
            class_name="bubble",
        ),
        class_name=rx.cond(m.internal, "msg msg-internal", "msg msg-" + m.author),
        data_author=m.author,
    )


def ticket_page() -> rx.Component:
    s = TicketState
    return page(
        rx.cond(
            s.loaded,
            rx.cond(
                s.found,
                ui.stack(
                    ui.card(
                        ui.stack(
                            ui.row(ui.heading(s.ticket.subject, level="h2", size=5, class_name="grow",
                                              id="ticket-subject"),
                                   status_badge(s.ticket), gap=2, wrap=True),
                            ui.text("تیکت ", s.ticket.number, " · بخش ", s.ticket.department, " · اولویت ",
                                    s.ticket.priority_label,
                                    rx.cond(s.ticket.service != "", rx.fragment(" · ", s.ticket.service)),
                                    size=2, muted=True),
                            gap=2,
                        ),
                    ),
                    rx.el.ol(rx.foreach(s.messages, thread_message), class_name="thread", id="thread",
                             aria_label="پیام‌های تیکت"),
                    ui.card(
                        rx.el.form(
                            ui.stack(
                                ui.heading("پاسخ شما", level="h2", size=4),
                                rx.cond(s.ticket.status == "closed",
                                        ui.text("این تیکت بسته است؛ با فرستادن پاسخ دوباره باز می‌شود.", size=2,
                                                muted=True)),
                                textarea_field("متن پاسخ", "body", s.errors, rows=5, max_length=10_000),
                                attach_zone("reply-files", s.stage, s.rejected, s.files, s.file_error,
                                            lambda f: _remove(s, f)),
                                ui.row(
                                    ui.button("ارسال پاسخ", type="submit", id="send-reply"),
                                    rx.cond(s.ticket.status != "closed",
                                            ui.button("بستن تیکت", type="button", variant="soft", tone="gray",
                                                      on_click=s.close, id="close-ticket")),
                                    gap=3,
                                    wrap=True,
                                ),
                                gap=3,
                            ),
                            on_submit=s.reply,
                            no_validate=True,
                            key=s.form_key.to_string(),
                        ),
                        roomy=True,
                    ),
                    gap=3,
                ),
                ui.callout("تیکت پیدا نشد.", icon_name="search-x", id="ticket-not-found"),
            ),
            ui.placeholder("ph-block"),
        ),
        active="پشتیبانی",
        title="تیکت پشتیبانی",
    )
