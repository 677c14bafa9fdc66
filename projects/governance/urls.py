from django.urls import path

from projects.governance import views

DATASET = "projects/<int:pk>/data/<int:dataset_pk>/sharing/"

urlpatterns = [
    path("data-sharing/", views.sharing_register, name="sharing_register"),
    path("data-sharing/register.csv", views.sharing_register_csv, name="sharing_register_csv"),
    path(DATASET, views.sharing_route, name="sharing_route"),
    path(DATASET + "request/", views.sharing_request, name="sharing_request"),
    path(DATASET + "sign-off/", views.sharing_signoff, name="sharing_signoff"),
    path(
        DATASET + "<slug:kind>/",
        views.sharing_draft,
        name="sharing_draft",
    ),
    path(DATASET + "<slug:kind>.docx", views.sharing_draft_docx, name="sharing_draft_docx"),
]
