from django.urls import path

from skills import views

app_name = "skills"

urlpatterns = [
    path("skills/", views.index, name="index"),
    path("networks/", views.networks, name="networks"),
]
