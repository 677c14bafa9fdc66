from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from loti_data import views
from loti_data.accounts.forms import PasswordResetForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Before Django's own: the reset email goes through the outbox.
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("projects.urls")),
    path("", include("skills.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "loti_data.views.forbidden"
handler404 = "loti_data.views.not_found"
handler500 = "loti_data.views.server_error"
