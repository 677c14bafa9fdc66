"""Two-factor sign-in for password accounts (django-allauth's ``mfa``: TOTP and recovery codes).

The rules, one function each:

- :func:`requires_second_factor`: who must have a second factor when they sign in with a
  password (LOTI staff, ethics reviewers, library admins and superusers). Others may turn it
  on from their account's two-factor page.
- :func:`second_factor_satisfied`: whether this session counts as signed in with two factors:
  an organisation (SSO) sign-in relies on its provider's own MFA; a password sign-in needs a
  code from the authenticator app or a recovery code. The Django admin asks it.

How it is wired: our password log-in view (Django's, with the throttle) hands a correct
password to allauth's login stages (``PasswordLoginView.form_valid``), so a person with a second
factor is asked for it on allauth's page before they are signed in. :class:`EnrolFirstMiddleware`
sends a person who must have one and has none to enrol before anything else.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.stages import AuthenticateStage
from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import redirect
from django.urls import reverse

from loti_data.accounts.activity import signed_in_by, used_second_factor
from loti_data.accounts.models import SignInEvent


def requires_second_factor(user) -> bool:
    """Whose password sign-ins must use a second factor."""
    return bool(
        user.is_authenticated
        and (
            user.is_superuser
            or user.is_loti_staff
            or user.is_ethics_reviewer
            or user.is_library_admin
        )
    )


def has_second_factor(user) -> bool:
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def second_factor_satisfied(request) -> bool:
    """Every sign-in through our pages records its steps in the session (allauth's record);
    a session without a record (made by ``Client.force_login`` in tests, or before these
    records existed, at most 30 idle minutes) is not a password sign-in and is not asked."""
    user = request.user
    if not user.is_authenticated:
        return False
    if signed_in_by(request, user) != SignInEvent.Method.PASSWORD:
        return True
    return used_second_factor(request, user)


def must_enrol_now(request) -> bool:
    """Signed in with a password, obliged to have a second factor, and without one yet."""
    user = request.user
    return (
        user.is_authenticated
        and signed_in_by(request, user) == SignInEvent.Method.PASSWORD
        and requires_second_factor(user)
        and not has_second_factor(user)
    )


class PasswordSignInSecondFactorStage(AuthenticateStage):
    """allauth's "enter your code" stage, for password sign-ins only: an organisation sign-in
    relies on the provider's MFA."""

    def _should_handle(self, request) -> bool:
        if signed_in_by(request, self.login.user) == SignInEvent.Method.SSO:
            return False
        return super()._should_handle(request)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # People are added by LOTI, or by their organisation's sign-in (sso.py decides).
        return False

    def get_login_stages(self) -> list[str]:
        stock = "allauth.mfa.stages.AuthenticateStage"
        ours = f"{__name__}.PasswordSignInSecondFactorStage"
        return [ours if stage == stock else stage for stage in super().get_login_stages()]

    def add_message(self, *args, **kwargs) -> None:
        # allauth's "Successfully signed in as ..." and the like: our pages say it themselves.
        return None


# The pages a person who must enrol may still reach: the enrolment itself, signing out, and
# the static files the page needs.
ENROL_ALLOWED = ("mfa_index", "mfa_activate_totp", "mfa_view_recovery_codes", "logout")


class EnrolFirstMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not must_enrol_now(request):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in ENROL_ALLOWED:
            return None
        if request.path.startswith(("/static/",)):
            return None
        return redirect(reverse("mfa_activate_totp"))
