"""The sign-in URLs: our password log-in, and only the parts of django-allauth we use (the
OpenID Connect sign-in and its error pages, the two-factor pages). Every one of allauth's views
is reachable signed out only where it must be (allauth marks them ``login_not_required``)."""

from allauth.mfa.base import views as mfa_views
from allauth.mfa.recovery_codes import views as recovery_code_views
from allauth.mfa.totp import views as totp_views
from allauth.socialaccount import views as socialaccount_views
from django.urls import path

from loti_data.accounts import sso_provider, views

login_view = views.PasswordLoginView.as_view()

urlpatterns = [
    path("accounts/login/", login_view, name="login"),
    # allauth's own pages send people back to "account_login": the same page.
    path("accounts/login/", login_view, name="account_login"),
    path("accounts/activity/", views.account_activity, name="account_activity"),
    path(
        "accounts/oidc/<slug:provider_id>/login/",
        sso_provider.login,
        name="openid_connect_login",
    ),
    path(
        "accounts/oidc/<slug:provider_id>/login/callback/",
        sso_provider.callback,
        name="openid_connect_callback",
    ),
    path(
        "accounts/oidc/login/cancelled/",
        socialaccount_views.login_cancelled,
        name="socialaccount_login_cancelled",
    ),
    path(
        "accounts/oidc/login/error/",
        socialaccount_views.login_error,
        name="socialaccount_login_error",
    ),
    # Two-factor: the code page half-way through a log-in, and the person's own pages
    # (allauth's reauthentication, trust and security-key pages are not mounted).
    path("accounts/2fa/", mfa_views.index, name="mfa_index"),
    path("accounts/2fa/authenticate/", mfa_views.authenticate, name="mfa_authenticate"),
    path("accounts/2fa/totp/activate/", totp_views.activate_totp, name="mfa_activate_totp"),
    path("accounts/2fa/totp/deactivate/", totp_views.deactivate_totp, name="mfa_deactivate_totp"),
    path(
        "accounts/2fa/recovery-codes/",
        recovery_code_views.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path(
        "accounts/2fa/recovery-codes/generate/",
        recovery_code_views.generate_recovery_codes,
        name="mfa_generate_recovery_codes",
    ),
    path(
        "accounts/2fa/recovery-codes/download/",
        recovery_code_views.download_recovery_codes,
        name="mfa_download_recovery_codes",
    ),
]
