"""Signing in with an organisation's account (OpenID Connect, through django-allauth).

The rules, one function each:

- :func:`organisation_for_claims`: which organisation a first sign-in joins, from the Entra ID
  tenant (``tid``) or a *verified* email domain listed in the admin; None refuses it.
- :func:`address_of_another_organisation`: a first sign-in's address in a domain listed for a
  different organisation than the one it would join (a tenant may give its people any address):
  refused, so no account carries another organisation's address.
- :func:`account_for_verified_email`: the existing account (made with a password or not) a new
  SSO identity links to: only by a verified email address.
- :func:`sso_address_locked`: whether a client address has failed too often (SSO refusals
  counted per address, added to the password throttle's count for that address).

:class:`SocialAccountAdapter` is where allauth asks them. A refusal renders one page with a
clear message, writes a ``SignInEvent`` and creates nothing.
"""

from urllib.parse import urlsplit

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from loti_data.accounts import activity
from loti_data.accounts.claims import (
    domain_of,
    email_is_verified,
    email_of,
    tenant_of,
)
from loti_data.accounts.login import client_ip
from loti_data.accounts.models import (
    Organisation,
    OrganisationDomain,
    OrganisationTenant,
    SignInEvent,
    User,
)

UNKNOWN_ORGANISATION = (
    "Your organisation's account is not set up to sign in to loti-data. Ask LOTI to add your "
    "organisation, or log in with the email address and password LOTI gave you."
)
EMAIL_TAKEN = (
    "An account with this email address already exists, but your organisation's sign-in did "
    "not confirm the address. Log in with your password instead."
)
NO_EMAIL = (
    "Your organisation's sign-in did not tell us your email address, so we cannot sign you in."
)
FOREIGN_ADDRESS = (
    "Your organisation's sign-in gave an email address that belongs to another organisation, "
    "so we cannot create your account. Ask your IT team to check the address on your account."
)
FAILED = "Signing in with your organisation did not work. Please try again from the log-in page."
INACTIVE = "This account has been closed. Ask LOTI if you think this is a mistake."
LOCKED = (
    "Too many sign-ins failed from your network. Signing in is paused for "
    "15 minutes; please try again later."
)


def claims_of(sociallogin) -> dict:
    """The ID token's claims with the userinfo answer over them (allauth keeps both)."""
    data = sociallogin.account.extra_data or {}
    if "id_token" in data or "userinfo" in data:
        return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
    return dict(data)


def organisation_for_claims(claims: dict) -> Organisation | None:
    """The organisation whose tenant issued the claims, else whose listed domain a verified
    email address is in; None if neither (the sign-in is refused and nothing is created)."""
    tenant = tenant_of(claims)
    if tenant is not None:
        row = OrganisationTenant.objects.select_related("organisation").filter(tenant_id=tenant)
        if found := row.first():
            return found.organisation
    if email_is_verified(claims):
        domain = domain_of(email_of(claims))
        row = OrganisationDomain.objects.select_related("organisation").filter(domain=domain)
        if domain and (found := row.first()):
            return found.organisation
    return None


def address_of_another_organisation(claims: dict, organisation: Organisation) -> bool:
    """Whether the claims' email address is in a domain listed for another organisation."""
    domain = domain_of(email_of(claims))
    listed = OrganisationDomain.objects.filter(domain=domain).exclude(organisation=organisation)
    return bool(domain) and listed.exists()


def account_for_verified_email(claims: dict) -> User | None:
    """The existing account a new SSO identity links to: same email, verified by the
    provider. An unverified email never links."""
    if not email_is_verified(claims):
        return None
    email = email_of(claims)
    return User.objects.filter(email=email).first() if email else None


def sso_address_locked(ip: str | None) -> bool:
    """An address that failed ``LOGIN_IP_FAILURE_LIMIT`` times within the cool-off, SSO
    refusals and password failures together, may not start or finish an SSO sign-in."""
    if not ip:
        return False
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    sso_failures = SignInEvent.objects.filter(
        ip_address=ip,
        method=SignInEvent.Method.SSO,
        kind=SignInEvent.Kind.SIGN_IN_FAILED,
        at__gte=since,
    ).count()
    password_failures = (
        AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
            n=Sum("failures_since_start")
        )["n"]
        or 0
    )
    return sso_failures + password_failures >= settings.LOGIN_IP_FAILURE_LIMIT


def refuse(request, message: str, *, claims: dict | None = None, detail: str = "", status=403):
    """Record the refusal and answer with the one refusal page."""
    activity.record(
        request,
        kind=SignInEvent.Kind.SIGN_IN_FAILED,
        method=SignInEvent.Method.SSO,
        login=email_of(claims or {}),
        detail=detail or message,
    )
    return ImmediateHttpResponse(
        render(request, "account/sso_refused.html", {"message": message}, status=status)
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin) -> None:
        if sso_address_locked(client_ip(request)):
            raise ImmediateHttpResponse(
                render(request, "account/sso_refused.html", {"message": LOCKED}, status=429)
            )
        claims = claims_of(sociallogin)
        id_token = (sociallogin.account.extra_data or {}).get("id_token") or {}
        expected_nonce = (sociallogin.state or {}).get("nonce")
        if not expected_nonce or id_token.get("nonce") != expected_nonce:
            raise refuse(request, FAILED, claims=claims, detail="nonce mismatch", status=400)
        if sociallogin.is_existing:
            if not sociallogin.user.is_active:
                raise refuse(request, INACTIVE, claims=claims, detail="inactive account")
            return
        if linked := account_for_verified_email(claims):
            if not linked.is_active:
                raise refuse(request, INACTIVE, claims=claims, detail="inactive account")
            sociallogin.connect(request, linked)
            return
        if not email_of(claims):
            raise refuse(request, NO_EMAIL, claims=claims, detail="no email claim")
        organisation = organisation_for_claims(claims)
        if organisation is None:
            raise refuse(
                request, UNKNOWN_ORGANISATION, claims=claims, detail="unknown organisation"
            )
        if address_of_another_organisation(claims, organisation):
            raise refuse(
                request, FOREIGN_ADDRESS, claims=claims, detail="another organisation's address"
            )
        if User.objects.filter(email=email_of(claims)).exists():
            raise refuse(request, EMAIL_TAKEN, claims=claims, detail="unverified email taken")

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return organisation_for_claims(claims_of(sociallogin)) is not None

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return True

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        claims = claims_of(sociallogin)
        user.email = email_of(claims)
        words = " ".join(str(claims.get("name") or "").split())
        name = "".join(c for c in words if c.isprintable())[:150]
        user.name = name or user.email
        return user

    def save_user(self, request, sociallogin, form=None):
        sociallogin.user.organisation = organisation_for_claims(claims_of(sociallogin))
        return super().save_user(request, sociallogin, form)

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        detail = f"{error or 'error'}: {exception}" if exception else str(error or "error")
        raise refuse(request, FAILED, detail=detail[:255], status=400)


def sso_apps(request) -> list[dict]:
    """The configured organisation sign-ins, for the button(s) on the log-in page: a name, the
    URL the button posts to, and the provider's origin (the page's Content-Security-Policy lets
    the form's redirect go there). Empty when none is configured (the button is not shown)."""
    from allauth.socialaccount.adapter import get_adapter

    apps = []
    for app in get_adapter().list_apps(request, provider="openid_connect"):
        issuer = urlsplit(app.settings.get("server_url", ""))
        apps.append(
            {
                "name": app.name,
                "url": reverse("openid_connect_login", args=[app.provider_id]),
                "origin": f"{issuer.scheme}://{issuer.netloc}",
            }
        )
    return apps


def allow_sso_redirects(request, response):
    """A page whose form starts an SSO sign-in: its CSP ``form-action`` (``'self'``) also
    admits the providers' origins, where the sign-in's redirect goes."""
    origins = sorted({app["origin"] for app in sso_apps(request)})
    if origins:
        response._csp_update = {"form-action": origins}
    return response
