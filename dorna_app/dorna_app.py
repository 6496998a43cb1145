"""The Reflex app: pages, the Persian font and stylesheet, and the backend's HTTP routes.

No Radix Themes and no toasts: pages are plain HTML with styles.css (see components/ui.py), which
halves what a phone downloads before the first paint.
"""


import asyncio
import logging

import reflex as rx

from dorna_app import effects
from dorna_app.components.shell import connection_banner
from dorna_app.pages.account import messages_page, profile_page
from dorna_app.pages.dashboard import dashboard_page
from dorna_app.pages.devices import devices_page
from dorna_app.pages.invoice import invoice_page
from dorna_app.pages.invoices import invoices_page
from dorna_app.pages.login import login_page, sms_login_page, verify_login_page
from dorna_app.pages.payment import mass_pay_page, payment_result_page
from dorna_app.pages.quotes import quotes_page
from dorna_app.pages.recovery import forgot_page, reset_page
from dorna_app.pages.security import security_page
from dorna_app.pages.services import service_page, services_page
from dorna_app.pages.staff import (
    staff_account_page,
    staff_audit_page,
    staff_customer_page,
    staff_customers_page,
    staff_dashboard_page,
    staff_login_page,
    staff_messages_page,
    staff_panels_page,
    staff_payments_page,
    staff_team_page,
    staff_verify_page,
)
from dorna_app.pages.staff_tickets import staff_ticket_page, staff_tickets_page
from dorna_app.pages.support import new_ticket_page, ticket_page, tickets_page
from dorna_app.pages.wallet import wallet_page
from dorna_app.settings import get_settings
from dorna_app.state.account import MessagesState, ProfileState
from dorna_app.state.base import SessionState
from dorna_app.state.dashboard import DashboardState
from dorna_app.state.devices import DevicesState
from dorna_app.state.guard import SessionGuard
from dorna_app.state.invoice import InvoiceState
from dorna_app.state.invoices import InvoicesState
from dorna_app.state.live import in_process_pusher, in_process_staff_pusher
from dorna_app.state.login import LoginState, SmsLoginState, VerifyLoginState
from dorna_app.state.payment import MassPayState, PaymentResultState
from dorna_app.state.quotes import QuotesState
from dorna_app.state.recovery import ForgotState, ResetState
from dorna_app.state.security import SecurityState
from dorna_app.state.services import ServicesState, ServiceState
from dorna_app.state.staff import (
    StaffAccountState,
    StaffAuditState,
    StaffCustomersState,
    StaffCustomerState,
    StaffDashboardState,
    StaffLoginState,
    StaffMessagesState,
    StaffPanelsState,
    StaffPaymentsState,
    StaffTeamState,
    StaffVerifyState,
)
from dorna_app.state.staff_tickets import StaffTicketsState, StaffTicketState
from dorna_app.state.support import NewTicketState, TicketsState, TicketState
from dorna_app.state.wallet import WalletState
from dorna_app.web import build_api, jobs_wakeup
from dorna_app.web_guard import WebGuard

log = logging.getLogger("dorna_app")


def backend_error(exception: Exception) -> rx.event.EventSpec:
    """Log the traceback for us; show the customer a calm Persian message instead of English internals."""
    log.error("event handler failed", exc_info=exception)
    return SessionState.show_backend_error()


app = rx.App(
    backend_exception_handler=backend_error,
    stylesheets=["/styles.css"],
    html_lang="fa",
    html_custom_attrs={"dir": "rtl"},
    # What was said in toasts is said in the page's own live region (SessionState.notice).
    toaster=None,
    api_transformer=[build_api(), WebGuard],
    head_components=[
        rx.el.link(rel="preload", href="/fonts/vazirmatn-fa.woff2",
                   type="font/woff2", cross_origin="anonymous", custom_attrs={"as": "font"}),
        rx.el.meta(name="theme-color", content="#0b3d91"),
        # The brand mark (scripts/make_icons.py); /favicon.ico is there too for clients that ask for it.
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.el.link(rel="apple-touch-icon", href="/apple-touch-icon.png"),
        # A plain element, so the prerendered HTML starts it (rx.script adds it only after hydration).
        rx.el.script(src="/ui.js", defer=True),
    ],
)
# Reflex's own connection overlay draws with Radix and sonner; ours is one Persian line.
app.app_wraps[(5, "Overlay")] = lambda stateful: connection_banner() if stateful else None
# Every event of every state passes the session guard first (before Reflex's own hydrate).
app.add_middleware(SessionGuard(), index=0)


async def install_effect_receivers() -> None:
    """In the app, a committed change wakes the in-process sender and pushes to open tabs from here."""
    loop = asyncio.get_running_loop()
    wakeup = jobs_wakeup()
    effects.install(wake_sender=lambda: loop.call_soon_threadsafe(wakeup.set), push=in_process_pusher(loop),
                    push_staff=in_process_staff_pusher(loop))


async def run_jobs_on_a_timer() -> None:
    """The embedded default runs the billing jobs in-process; leases keep several workers apart."""
    from dorna_app import jobs

    if not get_settings().jobs_in_process:
        return
    wakeup = jobs_wakeup()
    while True:
        try:
            await asyncio.wait_for(wakeup.wait(), timeout=10)
            woken = True
        except TimeoutError:
            woken = False
        wakeup.clear()
        try:
            if woken:  # a payment just wrote its confirmations or panel commands: send them now
                await asyncio.to_thread(jobs.run_job, jobs.BY_NAME["deliver_messages"])
                await asyncio.to_thread(jobs.run_job, jobs.BY_NAME["panel_commands"])
            await asyncio.to_thread(jobs.run_due)
        except Exception:  # keep the timer alive; the failure is in the log and in job_run
            log.exception("in-process job run failed")


app.register_lifespan_task(install_effect_receivers)
app.register_lifespan_task(run_jobs_on_a_timer)

app.add_page(login_page, route="/login", title="ورود | درنا سرور", on_load=LoginState.load)
app.add_page(sms_login_page, route="/login/sms", title="ورود با کد پیامکی | درنا سرور", on_load=SmsLoginState.load)
app.add_page(verify_login_page, route="/login/verify", title="تأیید دومرحله‌ای | درنا سرور",
             on_load=VerifyLoginState.load)
app.add_page(forgot_page, route="/forgot-password", title="فراموشی رمز عبور | درنا سرور", on_load=ForgotState.load)
app.add_page(reset_page, route="/reset-password", title="رمز عبور تازه | درنا سرور", on_load=ResetState.load)
app.add_page(dashboard_page, route="/", title="ناحیه کاربری | درنا سرور", on_load=DashboardState.load)
app.add_page(invoices_page, route="/invoices", title="صورت‌حساب‌ها | درنا سرور", on_load=InvoicesState.load)
app.add_page(invoice_page, route="/invoices/[invoice_no]", title="صورت‌حساب | درنا سرور", on_load=InvoiceState.load)
app.add_page(mass_pay_page, route="/mass-pay", title="پرداخت انبوه | درنا سرور", on_load=MassPayState.load)
app.add_page(payment_result_page, route="/payment/result", title="نتیجه پرداخت | درنا سرور",
             on_load=PaymentResultState.load)
app.add_page(messages_page, route="/messages", title="پیام‌ها | درنا سرور", on_load=MessagesState.load)
app.add_page(profile_page, route="/profile", title="اطلاعات تماس | درنا سرور", on_load=ProfileState.load)
app.add_page(quotes_page, route="/quotes", title="پیش‌فاکتورها | درنا سرور", on_load=QuotesState.load)
app.add_page(tickets_page, route="/support", title="پشتیبانی | درنا سرور", on_load=TicketsState.load)
app.add_page(new_ticket_page, route="/tickets/new", title="ارسال تیکت پشتیبانی | درنا سرور",
             on_load=NewTicketState.load)
app.add_page(ticket_page, route="/support/[ticket_id]", title="تیکت پشتیبانی | درنا سرور", on_load=TicketState.load)
app.add_page(security_page, route="/security", title="تأیید دومرحله‌ای | درنا سرور", on_load=SecurityState.load)
app.add_page(devices_page, route="/devices", title="دستگاه‌ها | درنا سرور", on_load=DevicesState.load)
app.add_page(wallet_page, route="/add-funds", title="اعتبار حساب | درنا سرور", on_load=WalletState.load)
app.add_page(services_page, route="/services", title="سرویس‌ها | درنا سرور", on_load=ServicesState.load)
app.add_page(service_page, route="/services/[service_no]", title="سرویس | درنا سرور", on_load=ServiceState.load)

# The staff face.
app.add_page(staff_login_page, route="/staff/login", title="ورود کارکنان | درنا سرور", on_load=StaffLoginState.load)
app.add_page(staff_verify_page, route="/staff/verify", title="تأیید دومرحله‌ای | درنا سرور",
             on_load=StaffVerifyState.load)
app.add_page(staff_dashboard_page, route="/staff", title="داشبورد کارکنان | درنا سرور",
             on_load=StaffDashboardState.load)
app.add_page(staff_customers_page, route="/staff/customers", title="مشتریان | درنا سرور",
             on_load=StaffCustomersState.load)
app.add_page(staff_customer_page, route="/staff/customers/[customer_id]", title="مشتری | درنا سرور",
             on_load=StaffCustomerState.load)
app.add_page(staff_payments_page, route="/staff/payments", title="پرداخت‌ها | درنا سرور",
             on_load=StaffPaymentsState.load)
app.add_page(staff_messages_page, route="/staff/messages", title="صف پیام‌ها | درنا سرور",
             on_load=StaffMessagesState.load)
app.add_page(staff_audit_page, route="/staff/audit", title="رویدادها | درنا سرور", on_load=StaffAuditState.load)
app.add_page(staff_tickets_page, route="/staff/tickets", title="تیکت‌ها | درنا سرور", on_load=StaffTicketsState.load)
app.add_page(staff_ticket_page, route="/staff/tickets/[ticket_id]", title="تیکت | درنا سرور",
             on_load=StaffTicketState.load)
app.add_page(staff_panels_page, route="/staff/panels", title="پنل‌های سرور | درنا سرور",
             on_load=StaffPanelsState.load)
app.add_page(staff_team_page, route="/staff/team", title="کارکنان | درنا سرور", on_load=StaffTeamState.load)
app.add_page(staff_account_page, route="/staff/account", title="حساب من | درنا سرور", on_load=StaffAccountState.load)
