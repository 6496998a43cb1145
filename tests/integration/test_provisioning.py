"""Servers follow billing on a Virtualizor panel (the sandbox's stand-in, on a real socket): overdue
suspension reaches the panel exactly once; a payment lifting it unsuspends and starts the server
once, even replayed; a panel that is down, slow or answering errors delays commands and loses none;
an unknown VPS, another customer's server, ten restarts in a row. On SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import threading
from datetime import date, timedelta

import httpx
import pytest
from sqlmodel import func, select

from dorna_app.billing import automation, payments, servers
from dorna_app.billing.models import Service
from dorna_app.clock import utcnow
from dorna_app.db import read_session, write_session
from dorna_app.provisioning import commands
from dorna_app.provisioning.models import Panel, PanelCommand
from dorna_app.provisioning.protocol import PanelRefused, PanelUnreachable, PowerState
from dorna_app.provisioning.virtualizor import VirtualizorPanel, sdk_apikey
from dorna_app.sandbox.virtualizor import DEMO_KEY, DEMO_PASS, Vps, php_serialize
from dorna_app.settings import get_settings
from tests.factories import make_client, make_invoice, make_service
from tests.integration.test_payments import sandbox_pay, visit_callback

DUE = date(2026, 12, 1)


def _panel(sandbox) -> int:
    with write_session() as s:
        panel = Panel(name="sandbox", url=get_settings().sandbox_url, api_key=DEMO_KEY, api_pass=DEMO_PASS,
                      verify_tls=False)
        s.add(panel)
        s.flush()
        return panel.id


def _on_panel(service: Service, panel_id: int, vpsid: int) -> Service:
    with write_session() as s:
        row = s.get(Service, service.id)
        row.panel_id, row.vpsid = panel_id, vpsid
        s.add(row)
    return row


def _history(sandbox, vpsid: int) -> list[str]:
    return sandbox.panel.machines[vpsid].history


def _commands(service_id: int) -> list[tuple[str, str]]:
    with read_session() as s:
        return [(c.action, c.status) for c in s.exec(select(PanelCommand).where(PanelCommand.service_id == service_id)
                                                     .order_by(PanelCommand.id)).all()]


def _client(sandbox) -> VirtualizorPanel:
    return VirtualizorPanel(get_settings().sandbox_url, DEMO_KEY, DEMO_PASS, timeout=3)


# The stand-in speaks the modules' protocol ----------------------------------------------------------


def test_the_stand_in_takes_each_modules_credentials_and_answer_format(sandbox):
    url = f"{get_settings().sandbox_url}/index.php"
    # Paymenter's extension: api=json with adminapikey and adminapipass, GET.
    paymenter = httpx.get(url, params={"api": "json", "adminapikey": DEMO_KEY, "adminapipass": DEMO_PASS,
                                       "act": "vs", "suspend": "101"})
    assert paymenter.status_code == 200 and paymenter.json()["done"]
    # WHMCS's module and the SDK: api=serialize with apikey = salt + md5(pass + salt).
    salt = "a1b2c3d4"
    apikey = salt + hashlib.md5((DEMO_PASS + salt).encode()).hexdigest()
    whmcs = httpx.get(f"{url}?act=vs&unsuspend=101&api=serialize&apikey={apikey}&skip_callback=1")
    assert whmcs.status_code == 200 and whmcs.text.startswith("a:") and 's:4:"done";i:1;' in whmcs.text
    sdk = httpx.get(f"{url}?act=vs&action=start&serid=0&vpsid=101&api=serialize&apikey={sdk_apikey(DEMO_PASS)}")
    assert 's:4:"done";i:1;' in sdk.text
    status = httpx.get(url, params={"act": "vs", "vs_status": "101,103", "api": "json", "adminapikey": DEMO_KEY,
                                    "adminapipass": DEMO_PASS}).json()
    assert status["status"]["101"]["status"] == 1 and status["status"]["103"]["status"] == 2
    # Wrong credentials: an error, with HTTP 200 like the real panel.
    wrong = httpx.get(url, params={"act": "vs", "api": "json", "adminapikey": DEMO_KEY, "adminapipass": "nope"})
    assert wrong.status_code == 200 and wrong.json()["error"] and "done" not in wrong.json()
    bad_hash = httpx.get(f"{url}?act=vs&vs_status=101&api=json&apikey={salt}{'0' * 32}")
    assert bad_hash.json()["error"]
    assert _history(sandbox, 101) == ["suspend", "unsuspend", "start"]


def test_php_serialize_matches_php():
    assert php_serialize({"done": 1, "msg": "سلام", "x": None, "ok": True, "list": [1, "a"]}) == (
        'a:5:{s:4:"done";i:1;s:3:"msg";s:8:"سلام";s:1:"x";N;s:2:"ok";b:1;s:4:"list";a:2:{i:0;i:1;i:1;s:1:"a";}}')


def test_the_adapter_reads_answers_as_the_modules_do(sandbox):
    with _client(sandbox) as panel:
        assert panel.status([101, 103, 999]) == {101: PowerState.RUNNING, 103: PowerState.SUSPENDED,
                                                 999: PowerState.UNKNOWN}
        with pytest.raises(PanelRefused, match="suspended"):
            panel.power(103, "start")
        with pytest.raises(PanelRefused, match="not found"):
            panel.suspend(999)
        panel.power(101, "stop")
        assert panel.status([101])[101] == PowerState.STOPPED
    with VirtualizorPanel(get_settings().sandbox_url, DEMO_KEY, "wrong-pass", timeout=3) as wrong, \
            pytest.raises(PanelRefused, match="credentials"):
        wrong.suspend(101)
    httpx.post(f"{get_settings().sandbox_url}/_sandbox/virtualizor", json={"down": True})
    with _client(sandbox) as panel, pytest.raises(PanelUnreachable, match="502"):
        panel.status([101])
    with VirtualizorPanel("http://127.0.0.1:9", DEMO_KEY, DEMO_PASS, timeout=1) as nowhere, \
            pytest.raises(PanelUnreachable):
        nowhere.status([101])


# Billing drives the panel -------------------------------------------------------------------------


def test_overdue_suspension_reaches_the_panel_exactly_once(sandbox):
    panel_id = _panel(sandbox)
    client = make_client()
    service = _on_panel(make_service(client.id, due=DUE - timedelta(days=10)), panel_id, 101)
    make_invoice(client.id, due=DUE - timedelta(days=10), service_id=service.id)
    today = DUE
    assert automation.suspend_overdue(today).rows == 1
    assert automation.suspend_overdue(today).rows == 0
    for _ in range(3):
        commands.deliver_due()
    assert _commands(service.id) == [("suspend", "done")]
    assert _history(sandbox, 101) == ["suspend"]
    assert sandbox.panel.machines[101].suspend_reason == "non-payment"


def test_a_payment_unsuspends_and_starts_once_even_replayed(sandbox):
    panel_id = _panel(sandbox)
    client = make_client()
    service = _on_panel(make_service(client.id, due=DUE - timedelta(days=20), status="suspended",
                                     reason="non_payment"), panel_id, 103)
    make_invoice(client.id, number=1141, total_rial=705_000, due=DUE - timedelta(days=20), service_id=service.id)
    start = payments.start_payment(client.id)
    callback = sandbox_pay(sandbox, start.redirect_url)
    for _ in range(3):  # the payer's browser, the back button, a reload
        visit_callback(callback)
    commands.deliver_due()
    commands.deliver_due()
    assert _commands(service.id) == [("unsuspend", "done"), ("start", "done")]
    assert _history(sandbox, 103) == ["unsuspend", "start"]
    summary = payments.payment_summary(client.id, start.payment_id)
    assert [(r.unsuspended, r.power) for r in summary.renewed] == [(True, "done")]
    with read_session() as s:
        from dorna_app.notify.models import OutboxMessage

        mail = s.exec(select(OutboxMessage).where(OutboxMessage.kind == "payment_confirmation",
                                                  OutboxMessage.channel == "email")).one()
    assert "خودکار روشن می‌شود" in mail.body_text and "راه‌اندازی مجدد کنید" not in mail.body_text


def test_a_panel_that_is_down_during_a_payment_loses_nothing(sandbox):
    panel_id = _panel(sandbox)
    client = make_client()
    service = _on_panel(make_service(client.id, due=DUE - timedelta(days=20), status="suspended",
                                     reason="non_payment"), panel_id, 103)
    make_invoice(client.id, total_rial=705_000, due=DUE - timedelta(days=20), service_id=service.id)
    httpx.post(f"{get_settings().sandbox_url}/_sandbox/virtualizor", json={"down": True})
    start = payments.start_payment(client.id)
    visit_callback(sandbox_pay(sandbox, start.redirect_url))
    with read_session() as s:
        assert s.get(Service, service.id).status == "active"  # the payment booked
    assert commands.deliver_due().retrying == 1
    assert _commands(service.id) == [("unsuspend", "pending"), ("start", "pending")]
    assert commands.deliver_due().retrying == 0  # not due again yet (backoff)
    httpx.post(f"{get_settings().sandbox_url}/_sandbox/virtualizor", json={"down": False})
    later = utcnow() + timedelta(minutes=5)
    commands.deliver_due(now=later)
    commands.deliver_due(now=later)
    assert _commands(service.id) == [("unsuspend", "done"), ("start", "done")]
    assert _history(sandbox, 103) == ["unsuspend", "start"]
    assert payments.payment_summary(client.id, start.payment_id).renewed[0].power == "done"


def test_a_slow_panel_or_an_error_answer_is_retried_then_given_up(sandbox, monkeypatch):
    panel_id = _panel(sandbox)
    client = make_client()
    service = _on_panel(make_service(client.id), panel_id, 101)
    monkeypatch.setenv("DORNA_PANEL_TIMEOUT_SECONDS", "0.5")
    from dorna_app.settings import reload_settings

    reload_settings()
    httpx.post(f"{get_settings().sandbox_url}/_sandbox/virtualizor", json={"delay_seconds": 2})
    with write_session() as s:
        servers.suspended(s, s.get(Service, service.id), key="test:slow", reason="test")
    assert commands.deliver_due().retrying == 1
    httpx.post(f"{get_settings().sandbox_url}/_sandbox/virtualizor", json={"delay_seconds": 0, "error": "Node is busy"})
    moment = utcnow()
    for _ in range(commands.MAX_ATTEMPTS):
        moment += timedelta(hours=2)
        commands.deliver_due(now=moment)
    with read_session() as s:
        row = s.exec(select(PanelCommand).where(PanelCommand.service_id == service.id)).one()
    assert row.status == "failed" and "Node is busy" in row.last_error and row.attempts == commands.MAX_ATTEMPTS
    assert _history(sandbox, 101) == []
    httpx.post(f"{get_settings().sandbox_url}/_sandbox/virtualizor", json={"error": ""})
    assert commands.retry(row.id)
    commands.deliver_due()
    assert _commands(service.id) == [("suspend", "done")] and _history(sandbox, 101) == ["suspend"]


def test_an_unknown_vps_is_recorded_not_crashed_on(sandbox):
    panel_id = _panel(sandbox)
    client = make_client()
    service = _on_panel(make_service(client.id), panel_id, 4242)
    assert servers.request_power(service.id, "restart", client_id=client.id).ok is False
    with read_session() as s:
        row = s.exec(select(PanelCommand).where(PanelCommand.service_id == service.id)).one()
    assert row.status == "pending" and "not found" in row.last_error


def test_power_actions_belong_to_the_owner_and_ten_restarts_restart_once(sandbox):
    panel_id = _panel(sandbox)
    owner, stranger = make_client(), make_client("stranger@example.com")
    service = _on_panel(make_service(owner.id), panel_id, 102)
    assert servers.request_power(service.id, "stop", client_id=stranger.id).message == "سرویس پیدا نشد."
    outcomes = [servers.request_power(service.id, "restart", client_id=owner.id) for _ in range(10)]
    assert [o.ok for o in outcomes] == [True] + [False] * 9
    assert "یک دقیقه" in outcomes[1].message
    assert _history(sandbox, 102) == ["restart"]
    assert servers.request_power(service.id, "reboot-everything", client_id=owner.id).ok is False
    suspended = _on_panel(make_service(owner.id, status="suspended", reason="non_payment"), panel_id, 103)
    assert "معلق" in servers.request_power(suspended.id, "start", client_id=owner.id).message
    assert _history(sandbox, 103) == []
    billing_only = make_service(owner.id)
    assert servers.power_state(billing_only) is None
    assert "پنل" in servers.request_power(billing_only.id, "start", client_id=owner.id).message


def test_two_workers_send_each_command_once(sandbox):
    panel_id = _panel(sandbox)
    client = make_client()
    sandbox.panel.machines.update({200 + i: Vps(200 + i, f"s{i}.example") for i in range(6)})
    ids = [_on_panel(make_service(client.id, name=f"s{i}"), panel_id, 200 + i).id for i in range(6)]
    with write_session() as s:
        for service_id in ids:
            servers.suspended(s, s.get(Service, service_id), key=f"test:{service_id}", reason="test")
    barrier = threading.Barrier(2)

    def worker() -> None:
        barrier.wait()
        commands.deliver_due()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    commands.deliver_due()
    assert all(_history(sandbox, 200 + i) == ["suspend"] for i in range(6))
    with read_session() as s:
        assert s.exec(select(func.count()).select_from(PanelCommand).where(PanelCommand.status == "done")).one() == 6


def test_staff_configure_panels_link_servers_and_act_on_them_audited(sandbox):
    from dorna_app.backoffice import panels
    from dorna_app.backoffice.models import AuditEntry
    from tests.factories import make_staff

    admin_id, _ = make_staff("admin@example.com")
    bad = panels.save_panel(admin_id, None, name="", url="panel.example.ir", api_key="", api_pass="",
                            verify_tls=True, active=True)
    assert set(bad.errors) == {"panel_name", "panel_url", "panel_key", "panel_pass"}
    made = panels.save_panel(admin_id, None, name="تهران ۱", url=get_settings().sandbox_url + "/", api_key=DEMO_KEY,
                             api_pass=DEMO_PASS, verify_tls=False, active=True)
    assert made.ok and panels.test_panel(made.object_id).startswith("اتصال")
    assert panels.save_panel(admin_id, made.object_id, name="تهران ۱", url=get_settings().sandbox_url, api_key=DEMO_KEY,
                             api_pass="", verify_tls=False, active=True).ok  # an empty password keeps the old one
    wrong = panels.save_panel(admin_id, None, name="غلط", url=get_settings().sandbox_url, api_key=DEMO_KEY,
                              api_pass="wrong", verify_tls=False, active=True)
    assert "نپذیرفت" in panels.test_panel(wrong.object_id)

    client = make_client()
    service = make_service(client.id)
    assert "هم پنل" in panels.link_server(admin_id, service.id, panel_id=str(made.object_id), vpsid="").errors["form"]
    assert panels.link_server(admin_id, service.id, panel_id=str(made.object_id), vpsid="102").ok
    assert panels.power(admin_id, service.id, "poweroff").ok
    assert panels.power(admin_id, service.id, "start").ok  # staff are not held to one a minute
    assert _history(sandbox, 102) == ["poweroff", "start"]
    with read_session() as s:
        actions = [e.action for e in s.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]
        assert all("pass" not in str(e.after) for e in s.exec(select(AuditEntry)).all())
    assert actions[-3:] == ["service.link", "service.power.poweroff", "service.power.start"]


def test_staff_send_a_failed_command_again(sandbox):
    from dorna_app.backoffice import panels
    from tests.factories import make_staff

    admin_id, _ = make_staff("admin@example.com")
    panel_id = _panel(sandbox)
    client = make_client()
    service = _on_panel(make_service(client.id), panel_id, 101)
    httpx.post(f"{get_settings().sandbox_url}/_sandbox/virtualizor", json={"error": "Node offline"})
    with write_session() as s:
        servers.suspended(s, s.get(Service, service.id), key="test:retry", reason="test")
    moment = utcnow()
    for _ in range(commands.MAX_ATTEMPTS):
        moment += timedelta(hours=2)
        commands.deliver_due(now=moment)
    (failed,) = commands.history(service.id)
    assert failed.status == "failed"
    assert not panels.retry_command(admin_id, service.id, failed.id + 1).ok
    httpx.post(f"{get_settings().sandbox_url}/_sandbox/virtualizor", json={"error": ""})
    assert panels.retry_command(admin_id, service.id, failed.id).ok
    commands.deliver_due()
    assert commands.history(service.id)[0].status == "done" and _history(sandbox, 101) == ["suspend"]
