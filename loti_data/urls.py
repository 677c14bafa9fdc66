from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from loti_data import views
from loti_data.accounts.views import PasswordResetView

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Before Django's own: a login that can never be anyone's is refused before it is counted,
    # a correct password goes on to the second factor, and the reset email goes through the
    # outbox.
    path("", include("loti_data.accounts.urls")),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # The name django-allauth's pages post to; Django's page above answers the path.
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("", include("projects.urls")),
    path("", include("skills.urls")),
    path("", include("loti_data.search.urls")),
    path("api/", include("loti_data.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "loti_data.views.forbidden"
handler404 = "loti_data.views.not_found"
handler500 = "loti_data.views.server_error"
