"""Signed-in devices: each live session with its browser and system, this browser marked; signing
out one (only one's own) or all others. On SQLite and PostgreSQL."""

from __future__ import annotations

from dorna_app.accounts import auth, devices
from tests.factories import make_client

PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/129.0.0.0 Mobile Safari/537.36")
DESK_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0"


def test_devices_are_listed_and_signed_out_one_or_all_but_this(database):
    client, stranger = make_client(), make_client("stranger@example.com")
    here = auth.sign_in(client.email, "correct horse battery", ip_address="5.1.2.3", user_agent=PHONE_UA).token
    there = auth.sign_in(client.email, "correct horse battery", ip_address="2.2.2.2", user_agent=DESK_UA).token
    third = auth.sign_in(client.email, "correct horse battery", user_agent="").token
    foreign = auth.sign_in(stranger.email, "correct horse battery").token
    listed = devices.devices(client.id, here)
    assert len(listed) == 3 and sum(d.current for d in listed) == 1
    mine = next(d for d in listed if d.current)
    assert (mine.browser, mine.system, mine.phone, mine.ip_address) == ("Chrome Mobile 129", "Android 14", True,
                                                                        "5.1.2.3")
    desk = next(d for d in listed if d.ip_address == "2.2.2.2")
    assert desk.browser == "Firefox 131" and desk.system.startswith("Windows") and not desk.phone
    assert any(d.browser == "مرورگر ناشناخته" for d in listed)
    # Another customer's session cannot be ended from here.
    other_id = devices.devices(stranger.id, foreign)[0].id
    assert devices.sign_out_device(client.id, other_id) is False
    assert auth.client_for_token(foreign) is not None
    assert devices.sign_out_device(client.id, desk.id) is True
    assert auth.client_for_token(there) is None and devices.sign_out_device(client.id, desk.id) is False
    assert devices.sign_out_others(client.id, here) == 1
    assert auth.client_for_token(third) is None and auth.client_for_token(here) is not None
    assert [d.current for d in devices.devices(client.id, here)] == [True]
