"""The sign-in URLs: our password log-in, and only the parts of django-allauth we use (the
OpenID Connect sign-in and its error pages, the two-factor pages). Every one of allauth's views
is reachable signed out only where it must be (allauth marks them ``login_not_required``)."""

from allauth.mfa import urls as mfa_urls
from allauth.socialaccount import views as socialaccount_views
from django.urls import include, path

from loti_data.accounts import sso_provider, views

login_view = views.PasswordLoginView.as_view()

urlpatterns = [
    path("accounts/login/", login_view, name="login"),
    # allauth's own pages send people back to "account_login": the same page.
    path("accounts/login/", login_view, name="account_login"),
    path("accounts/activity/", views.account_activity, name="account_activity"),
    path(
        "accounts/oidc/<str:provider_id>/login/",
        sso_provider.login,
        name="openid_connect_login",
    ),
    path(
        "accounts/oidc/<str:provider_id>/login/callback/",
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
    path("accounts/2fa/", include(mfa_urls)),
]
