"""Pages of later features: a clear Persian "coming soon", never a dead link."""

from __future__ import annotations

import reflex as rx

from dorna_app.components.shell import page

SOON = {
    "/support": ("پشتیبانی", "پشتیبانی"),
    "/tickets/new": ("ارسال تیکت پشتیبانی", "ارسال تیکت پشتیبانی"),
    "/quotes": ("مظنه ها", "مالی"),
    "/add-funds": ("واریز", "مالی"),
}


def soon_page(title: str, active: str) -> rx.Component:
    return page(
        rx.card(
            rx.vstack(
                rx.icon("hammer", size=40, color=rx.color("accent", 9)),
                rx.heading(f"{title}: به‌زودی", size="5"),
                rx.text("این بخش در حال آماده‌سازی است و به‌زودی در دسترس قرار می‌گیرد."),
                rx.link(rx.button("بازگشت به ناحیه کاربری", variant="soft"), href="/"),
                align="center",
                spacing="3",
                padding="24px",
            ),
            width="100%",
        ),
        active=active,
        title=title,
    )
