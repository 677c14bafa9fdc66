from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms

from loti_data.accounts.login import client_ip, login_refusal
from loti_data.accounts.password_reset import request_reset


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
    """Django's reset form, asking ``loti_data.accounts.password_reset``: the request is
    recorded the same way whether the address is anyone's, and a worker owes the email to the
    outbox after the response. Unknown and inactive addresses get nothing, and the page says
    the same either way."""

    def save(self, request=None, **kwargs) -> None:
        request_reset(address=self.cleaned_data["email"], ip=client_ip(request))
