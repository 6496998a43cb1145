"""The customer's own corner: messages sent to them, and their contact details."""

from __future__ import annotations

import reflex as rx

from dorna_app import fa, labels
from dorna_app.accounts import identity, otp, profile
from dorna_app.billing import official
from dorna_app.notify import messages
from dorna_app.state.base import SessionState
from dorna_app.state.live import live_page
from dorna_app.state.views import MessageItem, text_parts


@live_page
class MessagesState(SessionState):
    """پیام‌ها: every e-mail and SMS sent to the customer, newest first; opening it marks them read."""

    items: list[MessageItem] = []
    loaded: bool = False

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        event = self._load_page()
        if event is None:  # shown now, so read
            messages.mark_read(self._client_id)
            self._refresh_badge()
        return event

    def _reload(self) -> None:
        self.items = [
            MessageItem(id=str(m.id), channel=m.channel, channel_label=labels.MESSAGE_CHANNEL.get(m.channel, ""),
                        subject=m.subject or m.text[:60], text=m.text, status=m.status,
                        status_label=labels.MESSAGE_STATUS.get(m.status, m.status),
                        at=fa.jalali_datetime(m.sent_at or m.created_at), unread=m.unread,
                        parts=text_parts(m.text))
            for m in messages.list_messages(self._client_id)
        ]
        self.loaded = True


class ProfileState(SessionState):
    """Contact details: the e-mail for receipts and the mobile for SMS, editable and validated."""

    form_email: str = ""
    form_mobile: str = ""
    email_error: str = ""
    mobile_error: str = ""
    password_error: str = ""
    notice: str = ""
    saved: bool = False
    loaded: bool = False
    mobile_pending: str = ""  # the new number a code went to (shown in Persian digits)
    code_error: str = ""
    # The buyer's details for official invoices.
    buyer_type: str = "individual"
    buyer: dict[str, str] = {}
    buyer_errors: dict[str, str] = {}
    buyer_key: int = 0

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        return self._load_page()

    def _reload(self) -> None:
        contact = profile.get_contact(self._client_id)
        self.form_email = contact.email if contact else ""
        self.form_mobile = fa.digits(contact.mobile) if contact and contact.mobile else ""
        self.email_error = self.mobile_error = self.password_error = ""
        outcome = self.router.url.query_parameters.get("email_change", "")[:20]
        self.notice = labels.EMAIL_CHANGE_RESULT.get(outcome, "")
        self.saved = False
        found = identity.get_buyer(self._client_id)
        self.buyer_type = found.buyer_type
        self.buyer = {k: fa.digits(v) if k in ("national_id", "company_id", "economic_code", "postal_code") else v
                      for k, v in found.__dict__.items() if k != "buyer_type"}
        self.buyer_errors = {}
        pending = otp.pending_mobile(self._client_id)
        self.mobile_pending = fa.digits(pending) if pending else ""
        self.code_error = ""
        self.loaded = True

    @rx.event
    def save(self, form: dict) -> None:
        form = form if isinstance(form, dict) else {}
        result = profile.update_contact(self._client_id, email=str(form.get("email", ""))[:300],
                                        mobile=str(form.get("mobile", ""))[:40],
                                        password=str(form.get("password", ""))[:256])
        self.email_error = labels.CONTACT_ERRORS.get(f"email:{result.errors.get('email', '')}", "")
        self.mobile_error = labels.CONTACT_ERRORS.get(f"mobile:{result.errors.get('mobile', '')}", "")
        self.password_error = labels.CONTACT_ERRORS.get(f"password:{result.errors.get('password', '')}", "")
        self.saved = result.ok
        self.notice = ""
        if result.ok and result.contact:
            self.form_email = result.contact.email
            self.form_mobile = fa.digits(result.contact.mobile) if result.contact.mobile else ""
            notices = [labels.EMAIL_CHANGE_SENT.format(email=result.email_pending)] if result.email_pending else []
            if result.mobile_pending:
                self.mobile_pending = fa.digits(result.mobile_pending)
                notices.append(labels.MOBILE_CODE_SENT.format(mobile=self.mobile_pending))
            elif not result.contact.mobile:
                notices.append(labels.NO_MOBILE)
            self.notice = " ".join(notices)
            self._say(labels.CONTACT_SAVED, "success")
        else:
            self.notice = ""

    @rx.event
    def confirm_mobile(self, form: dict) -> None:
        """The code sent to the new number, typed back: the number becomes the account's."""
        outcome = otp.confirm_mobile_change(self._client_id, str(form.get("code", ""))[:20])
        if outcome == otp.VerifyOutcome.OK:
            self._say("شماره موبایل تازه ثبت شد؛ به شماره پیشین خبر داده شد.", "success")
            self._reload()
        elif outcome == otp.VerifyOutcome.WRONG:
            self.code_error = "کد درست نیست."
        else:
            self.code_error = "این کد دیگر معتبر نیست؛ شماره را دوباره ذخیره کنید تا کد تازه بیاید."
            self.mobile_pending = ""

    @rx.event
    def set_buyer_type(self, value: str) -> None:
        self.buyer_type = value if value in identity.BUYER_TYPES else "individual"

    @rx.event
    def save_buyer(self, form: dict) -> None:
        """The details official invoices carry; a wrong number is said beside its field, nothing saved."""
        fields = ("national_id", "company_name", "company_id", "economic_code", "postal_code", "address")
        # Saved with the customer's unpaid invoices following (billing.official); paid ones keep theirs.
        result = official.save_buyer_details(self._client_id, buyer_type=self.buyer_type,
                                             **{k: str(form.get(k, ""))[:400] for k in fields})
        self.buyer_errors = result.errors
        if result.ok:
            self._say("اطلاعات صورت‌حساب رسمی ذخیره شد.", "success")
            self._reload()
            self.buyer_key += 1
