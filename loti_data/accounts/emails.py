"""The accounts' emails: the password-reset link, built when it is sent."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from loti_data import registry
from loti_data.outbox.services import NotNeeded

PASSWORD_RESET = "accounts.password_reset"


def build_password_reset(row) -> EmailMessage:
    """The token is made now, at send time, and never stored: it is valid from the moment the
    email leaves, and the outbox row holds nothing that could reset the password."""
    user = row.recipient
    if not user.has_usable_password():
        raise NotNeeded("the account has no password to reset")
    site = urlsplit(settings.SITE_URL)
    context = {
        "email": user.email,
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": site.scheme or "https",
        "domain": site.netloc,
        "site_name": "loti-data",
    }
    return EmailMessage(
        subject=render_to_string("registration/password_reset_subject.txt", context),
        body=render_to_string("registration/password_reset_email.html", context),
    )


def register() -> None:
    registry.register_email(PASSWORD_RESET, build_password_reset)
