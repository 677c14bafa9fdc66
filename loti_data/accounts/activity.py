"""The sign-in record: every sign-in, refused sign-in, two-factor change and recovery-code use
becomes one append-only ``SignInEvent``.

Written from Django's and allauth's signals (connected in ``AccountsConfig.ready``), so every
path (our password view, the admin's, allauth's SSO and two-factor views) is recorded the same
way; SSO refusals are written by ``sso.refuse``. :func:`signed_in_by` reads how the current
session signed in from allauth's per-session record of authentication steps.
"""

from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)

from loti_data.accounts.login import axes_username, client_ip
from loti_data.accounts.models import SignInEvent


def record(request, *, kind, method, user=None, login: str = "", detail: str = "") -> SignInEvent:
    """Write one event (the login and detail cut to their columns, NUL removed)."""
    return SignInEvent.objects.create(
        user=user if user is not None and user.pk else None,
        kind=kind,
        method=method,
        login=login.replace("\0", "")[:255],
        detail=detail.replace("\0", "")[:255],
        ip_address=client_ip(request) if request is not None else None,
    )


def signed_in_by(request, user) -> str | None:
    """``SignInEvent.Method.SSO`` or ``PASSWORD``: how this session's person first
    authenticated (allauth records each step in the session), or None if it does not say."""
    for step in get_authentication_records(request, user):
        if step.get("method") == "socialaccount":
            return SignInEvent.Method.SSO
        if step.get("method") == "password":
            return SignInEvent.Method.PASSWORD
    return None


def used_second_factor(request, user) -> bool:
    return any(step.get("method") == "mfa" for step in get_authentication_records(request, user))


def on_logged_in(sender, request, user, **kwargs) -> None:
    method = signed_in_by(request, user) or SignInEvent.Method.PASSWORD
    detail = "with a second factor" if used_second_factor(request, user) else ""
    record(
        request,
        kind=SignInEvent.Kind.SIGNED_IN,
        method=method,
        user=user,
        login=user.email,
        detail=detail,
    )


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """A wrong password (or a login that is no one's): counted by axes, recorded here."""
    if request is None:
        return
    login = axes_username(request, credentials)
    from loti_data.accounts.models import User

    record(
        request,
        kind=SignInEvent.Kind.SIGN_IN_FAILED,
        method=SignInEvent.Method.PASSWORD,
        user=User.objects.filter(email=login).first(),
        login=login,
        detail="wrong email address or password",
    )


def _type(authenticator) -> str:
    return (
        SignInEvent.Method.RECOVERY_CODE
        if authenticator.type == "recovery_codes"
        else SignInEvent.Method.TOTP
    )


def on_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    if authenticator.type == "recovery_codes":
        kind = SignInEvent.Kind.RECOVERY_CODES_GENERATED
    else:
        kind = SignInEvent.Kind.MFA_ENROLLED
        # Turning it on took a code from the new app: this session has used a second factor
        # (the admin asks, second_factor.second_factor_satisfied).
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    record(request, kind=kind, method=_type(authenticator), user=user, login=user.email)


def on_authenticator_reset(sender, request, user, authenticator, **kwargs) -> None:
    record(
        request,
        kind=SignInEvent.Kind.RECOVERY_CODES_GENERATED,
        method=_type(authenticator),
        user=user,
        login=user.email,
    )


def on_authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    if authenticator.type == "recovery_codes":
        return  # removed together with the authenticator app: one event says it
    record(
        request,
        kind=SignInEvent.Kind.MFA_REMOVED,
        method=_type(authenticator),
        user=user,
        login=user.email,
    )


def on_authenticator_used(sender, request, user, authenticator, **kwargs) -> None:
    if authenticator.type == "recovery_codes":
        record(
            request,
            kind=SignInEvent.Kind.RECOVERY_CODE_USED,
            method=SignInEvent.Method.RECOVERY_CODE,
            user=user,
            login=user.email,
        )


def on_second_factor_failed(sender, request, user, authenticator=None, **kwargs) -> None:
    record(
        request,
        kind=SignInEvent.Kind.SIGN_IN_FAILED,
        method=SignInEvent.Method.TOTP,
        user=user,
        login=user.email,
        detail="wrong two-factor code",
    )


def connect() -> None:
    from allauth.mfa import signals as mfa_signals
    from django.contrib.auth import signals as auth_signals

    auth_signals.user_logged_in.connect(on_logged_in, dispatch_uid="signin_event_logged_in")
    auth_signals.user_login_failed.connect(on_login_failed, dispatch_uid="signin_event_failed")
    mfa_signals.authenticator_added.connect(on_authenticator_added, dispatch_uid="signin_mfa_add")
    mfa_signals.authenticator_reset.connect(on_authenticator_reset, dispatch_uid="signin_mfa_rst")
    mfa_signals.authenticator_removed.connect(
        on_authenticator_removed, dispatch_uid="signin_mfa_rm"
    )
    mfa_signals.authenticator_used.connect(on_authenticator_used, dispatch_uid="signin_mfa_used")
    mfa_signals.authentication_failed.connect(
        on_second_factor_failed, dispatch_uid="signin_mfa_failed"
    )
