"""Pages of later features: a clear Persian "coming soon", never a dead link."""

from __future__ import annotations

import reflex as rx

from dorna_app.components.cards import message_card
from dorna_app.components.shell import page

SOON = {
    "/add-funds": ("افزایش اعتبار", "مالی"),
}


def soon_page(title: str, active: str) -> rx.Component:
    return page(
        message_card("hammer", f"{title}: به‌زودی",
                     "این بخش در حال آماده‌سازی است و به‌زودی در دسترس قرار می‌گیرد.",
                     "بازگشت به ناحیه کاربری", "/", "coming-soon", level="h2"),
        active=active,
        title=title,
    )
