from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.utils import timezone

from loti_data.accounts.emails import PASSWORD_RESET
from loti_data.accounts.login import login_refusal
from loti_data.outbox.services import owe


class LoginRefusalMixin:
    """A login that can never be anyone's (too long, control characters) is refused with a
    clear message before any lookup or failure count: Django's form does not enforce the
    field's length itself."""

    def clean_username(self):
        username = self.cleaned_data["username"]
        refusal = login_refusal(username)
        if refusal:
            raise forms.ValidationError(refusal, code="invalid_login")
        return username


class LoginForm(LoginRefusalMixin, auth_forms.AuthenticationForm):
    pass


class AdminLoginForm(LoginRefusalMixin, AdminAuthenticationForm):
    pass


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, sending through the outbox: the email is owed in the database and
    sent by a worker, so an unreachable broker or SMTP server never loses it. Unknown and
    inactive addresses get nothing, and the page says the same either way."""

    def save(self, **kwargs) -> None:
        now = timezone.now()
        with transaction.atomic():
            for user in self.get_users(self.cleaned_data["email"]):
                # One email a minute at most, however often the form is sent.
                owe(
                    kind=PASSWORD_RESET,
                    key=f"{now:%Y%m%dT%H%M}",
                    recipients=[user],
                    payload={},
                    now=now,
                )
