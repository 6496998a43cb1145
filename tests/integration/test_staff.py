"""Staff accounts and what staff do to customers: second factor (enrolment, replay, recovery codes),
roles, and the customer and service forms with each bad input refused in Persian, changing nothing,
and every change audited in its own transaction. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import jdatetime
import pyotp
import pytest
from sqlmodel import func, select

from dorna_app import fa
from dorna_app.accounts.models import Client
from dorna_app.backoffice import audit, customers
from dorna_app.backoffice import auth as staff_auth
from dorna_app.backoffice.models import AuditEntry, StaffUser
from dorna_app.backoffice.roles import Permission, allows
from dorna_app.billing.dates import business_today
from dorna_app.billing.models import Invoice, Payment, Service
from dorna_app.db import read_session
from dorna_app.notify.models import OutboxMessage
from tests.factories import make_client, make_staff


def _count(model) -> int:
    with read_session() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def _jalali(day) -> str:
    return fa.digits(jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d"))


def test_staff_accounts_are_unique_and_roles_known(database):
    staff, password = staff_auth.create_staff("Ops@Example.com", "billing")
    assert staff.email == "ops@example.com" and len(password) >= 12
    with pytest.raises(staff_auth.StaffError):
        staff_auth.create_staff("ops@example.com", "admin")
    with pytest.raises(staff_auth.StaffError):
        staff_auth.create_staff("x@example.com", "owner")
    with pytest.raises(staff_auth.StaffError):
        staff_auth.create_staff("not an e-mail", "admin")
    assert _count(StaffUser) == 1


def test_second_factor_enrols_once_refuses_replay_and_takes_recovery_codes(database):
    staff, _ = staff_auth.create_staff("a@example.com", "admin", password="staff-password-1")
    assert staff_auth.sign_in("a@example.com", "wrong-password").outcome == staff_auth.StaffLoginOutcome.INVALID
    token = staff_auth.sign_in("a@example.com", "staff-password-1").token
    who = staff_auth.identity_for_token(token)
    assert who is not None and not who.second_factor_passed and not who.enrolled
    assert staff_auth.enrolment(token) is not None
    code = pyotp.TOTP(staff.totp_secret).now()
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert not staff_auth.pass_second_factor(token, wrong).ok
    assert not staff_auth.pass_second_factor(token, "12").ok
    assert not staff_auth.identity_for_token(token).second_factor_passed
    persian = fa.digits(code)  # typed with a Persian keyboard
    result = staff_auth.pass_second_factor(token, persian)
    assert result.ok and len(result.recovery_codes) == 10
    assert staff_auth.identity_for_token(token).second_factor_passed
    assert staff_auth.enrolment(token) is None  # the secret is never shown again
    # A second sign-in cannot reuse the same code, but a recovery code works exactly once.
    second = staff_auth.sign_in("a@example.com", "staff-password-1").token
    assert not staff_auth.pass_second_factor(second, code).ok
    assert staff_auth.pass_second_factor(second, result.recovery_codes[0]).ok
    third = staff_auth.sign_in("a@example.com", "staff-password-1").token
    assert not staff_auth.pass_second_factor(third, result.recovery_codes[0]).ok
    assert not staff_auth.identity_for_token(third).second_factor_passed
    staff_auth.sign_out(second)
    assert staff_auth.identity_for_token(second) is None


def test_roles_grant_what_the_issue_says():
    assert all(allows("admin", p) for p in Permission)
    assert allows("billing", Permission.BILLING_WRITE) and not allows("billing", Permission.STAFF_MANAGE)
    assert allows("support", Permission.VIEW) and not allows("support", Permission.CUSTOMERS_WRITE)
    assert not allows("support", Permission.BILLING_WRITE) and not allows("nobody", Permission.VIEW)


def test_creating_a_customer_refuses_duplicates_and_is_audited(database):
    staff_id, _ = make_staff()
    make_client("taken@example.com")  # mobile 09120000000
    before = _count(Client)
    bad = customers.create_customer(staff_id, first_name="", last_name="", email="TAKEN@example.com",
                                    mobile="۰۹۱۲۰۰۰۰۰۰۰")
    assert set(bad.errors) == {"first_name", "email", "mobile"} and not bad.ok
    assert customers.create_customer(staff_id, first_name="علی", last_name="", email="x@y",
                                     mobile="0912").errors.keys() == {"email", "mobile"}
    assert _count(Client) == before
    ok = customers.create_customer(staff_id, first_name="علی", last_name="رضایی", email="ali@example.com",
                                   mobile="+989121112233")
    assert ok.ok and ok.password
    with read_session() as s:
        client = s.get(Client, ok.object_id)
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "customer.create")).one()
    assert client.mobile == "09121112233" and entry.staff_id == staff_id and entry.object_id == client.id
    assert entry.after["email"] == "ali@example.com"
    changed = customers.update_contact(staff_id, client.id, first_name="علی", last_name="رضایی",
                                       email="ali@example.com", mobile="09121112244")
    assert changed.ok
    [row] = audit.entries(action="customer.update")
    assert row.before["mobile"] == "09121112233" and row.after["mobile"] == "09121112244"
    clash = customers.update_contact(staff_id, client.id, first_name="علی", last_name="", email="taken@example.com")
    assert clash.errors == {"email": "مشتری دیگری با این ایمیل ثبت شده است."}


def test_adding_a_service_refuses_each_bad_field_and_creates_nothing(database):
    staff_id, _ = make_staff()
    client = make_client()
    today = business_today()
    cases = {
        "price_toman": {"price_toman": "0"},
        "cycle_months": {"cycle_months": "0"},
        "first_due": {"first_due": _jalali(today + timedelta(days=5 * 365))},
    }
    audited = _count(AuditEntry)
    good = {"name": "سرور تازه", "price_toman": "۱۶۲٬۰۰۰", "cycle_months": "۱",
            "first_due": _jalali(today + timedelta(days=5))}
    for field, change in cases.items():
        result = customers.create_service(staff_id, client.id, **{**good, **change})
        assert not result.ok and field in result.errors, field
    bad_date = customers.create_service(staff_id, client.id, **{**good, "first_due": "۱۴۰۵/۱۳/۴۰"})
    assert bad_date.errors.keys() == {"first_due"}
    assert _count(Service) == 0 and _count(AuditEntry) == audited
    result = customers.create_service(staff_id, client.id, **good)
    assert result.ok
    with read_session() as s:
        service = s.get(Service, result.object_id)
    assert service.price_rial == 1_620_000 and service.next_due_date == today + timedelta(days=5)
    assert [r.action for r in audit.entries(object_type="service")] == ["service.create"]


def test_dashboard_figures_count_the_demo_data(database):
    from dorna_app.billing.demo import seed_demo

    seed_demo()
    f = customers.figures(business_today())
    assert f.unpaid_invoices == 4 and f.suspended_services == 1 and f.payments_today >= 0
    assert f.unpaid_total_rial == 4_445_000
    assert [r.email for r in customers.search_customers("demo@")] == ["demo@dornaserver.ir"]
    assert [r.email for r in customers.search_customers("۱۵۲۳")] == ["demo@dornaserver.ir"]  # an invoice number
    assert [r.email for r in customers.search_customers("185.204.171.9")] == ["demo@dornaserver.ir"]  # a server


def _demo_unpaid() -> tuple[int, Invoice]:
    from dorna_app.billing.demo import seed_demo

    seed_demo()
    with read_session() as s:
        invoice = s.exec(select(Invoice).where(Invoice.number == 1141)).one()  # the suspended server's invoice
    return invoice.client_id, invoice


def test_a_bank_transfer_settles_like_an_online_payment_once(database):
    staff_id, _ = make_staff()
    client_id, invoice = _demo_unpaid()
    today = _jalali(business_today())
    amount = fa.digits(fa.number(invoice.total_rial // 10))
    base = {"invoice_number": "۱۱۴۱", "amount_toman": amount, "paid_on": today, "reference": "۸۸۷۷۶۶", "note": "فیش"}
    assert customers.record_bank_transfer(staff_id, client_id, **{**base, "amount_toman": "۱۰۰"}).errors  # wrong sum
    assert "invoice_number" in customers.record_bank_transfer(staff_id, client_id + 99, **base).errors
    assert "paid_on" in customers.record_bank_transfer(staff_id, client_id, **{**base, "paid_on": "۱۴۹۰/۰۱/۰۱"}).errors
    ok = customers.record_bank_transfer(staff_id, client_id, **base)
    assert ok.ok, ok.errors
    again = customers.record_bank_transfer(staff_id, client_id, **base)  # a double click, or a second clerk
    assert not again.ok and "form" in again.errors
    with read_session() as s:
        paid = s.get(Invoice, invoice.id)
        payments = s.exec(select(Payment).where(Payment.gateway == "bank_transfer")).all()
        service = s.exec(select(Service).where(Service.name == "سرور مجازی اقتصادی")).one()
        messages = s.exec(select(OutboxMessage).where(OutboxMessage.kind == "payment_confirmation")).all()
    assert paid.status == "paid" and len(payments) == 1 and payments[0].ref_id == "887766"
    assert service.status == "active"  # the non-payment suspension is lifted, as an online payment does
    assert {m.channel for m in messages} == {"email", "sms"}
    assert [r.action for r in audit.entries(object_type="payment")] == ["payment.offline"]


def test_two_clerks_recording_the_same_transfer_at_once_book_it_once(database):
    staff_id, _ = make_staff()
    client_id, invoice = _demo_unpaid()
    today = _jalali(business_today())
    amount = fa.number(invoice.total_rial // 10)
    results: list = []

    def clerk(reference: str) -> None:
        results.append(customers.record_bank_transfer(staff_id, client_id, invoice_number="1141",
                                                      amount_toman=amount, paid_on=today, reference=reference))

    threads = [threading.Thread(target=clerk, args=(ref,)) for ref in ("111", "222", "111", "333")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.ok for r in results) == 1
    with read_session() as s:
        assert len(s.exec(select(Payment).where(Payment.gateway == "bank_transfer")).all()) == 1
        assert s.get(Client, client_id).credit_rial == 0
