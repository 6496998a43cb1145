"""Signed-in devices (دستگاه‌های واردشده): every live session of the customer; sign out one, or all
but this one. A tab of a session ended here leaves for the sign-in page at once (a live push)."""

from __future__ import annotations

import reflex as rx

from dorna_app import fa
from dorna_app.accounts import devices
from dorna_app.state.base import SessionState, int_param, session_token
from dorna_app.state.live import live_page
from dorna_app.state.views import DeviceRow


@live_page
class DevicesState(SessionState):
    rows: list[DeviceRow] = []
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _reload(self) -> None:
        token = session_token(self.router.headers.cookie)
        self.rows = [DeviceRow(id=d.id, title=f"{d.browser} روی {d.system}", phone=d.phone,
                               ip=d.ip_address or "نامشخص", last_seen=fa.jalali_datetime(d.last_seen_at),
                               signed_in=fa.jalali_datetime(d.signed_in_at), current=d.current)
                     for d in devices.devices(self._client_id, token)]
        self.loaded = True

    @rx.event
    def sign_out(self, session_id: int) -> None:
        if devices.sign_out_device(self._client_id, int_param(str(session_id), 0)):
            self._say("آن دستگاه از حساب بیرون رفت.", "success")
        else:
            self._say("این دستگاه پیدا نشد یا پیش‌تر بیرون رفته است.")
        self._reload()

    @rx.event
    def sign_out_others(self) -> None:
        ended = devices.sign_out_others(self._client_id, session_token(self.router.headers.cookie))
        self._say(f"{fa.digits(ended)} دستگاه دیگر از حساب بیرون رفت." if ended else "دستگاه دیگری وارد نبود.",
                  "success" if ended else "info")
        self._reload()
