from django.contrib import admin
from django.urls import include, path

from loti_data import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("projects.urls")),
    path("", include("skills.urls")),
    path("admin/", admin.site.urls),
]
