from django.urls import path

from projects.backlog import views

urlpatterns = [
    path("backlog/", views.backlog, name="backlog"),
    path("backlog/export.csv", views.backlog_export, name="backlog_export"),
    path("backlog/dashboard/", views.dashboard, name="backlog_dashboard"),
    path("backlog/lessons/", views.lessons, name="lessons"),
    path("backlog/projects/<int:pk>/triage/", views.project_triage, name="triage"),
    path("backlog/projects/<int:pk>/status/", views.project_status, name="triage_status"),
    path(
        "backlog/projects/<int:pk>/priority-owner-themes/",
        views.project_triage_update,
        name="triage_update",
    ),
    path("backlog/projects/<int:pk>/rank/", views.project_rank, name="triage_rank"),
    path("backlog/projects/<int:pk>/notes/", views.project_note, name="triage_note"),
    path(
        "backlog/projects/<int:pk>/interest/",
        views.interest_register,
        name="interest_register",
    ),
    path(
        "backlog/projects/<int:pk>/interest/withdraw/",
        views.interest_withdraw,
        name="interest_withdraw",
    ),
    path(
        "backlog/projects/<int:pk>/interest/<int:interest_pk>/accept/",
        views.interest_accept,
        name="interest_accept",
    ),
    path(
        "backlog/projects/<int:pk>/interest/<int:interest_pk>/decline/",
        views.interest_decline,
        name="interest_decline",
    ),
]
