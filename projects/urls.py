from django.urls import path

from projects import backlog_views, views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("backlog/", backlog_views.backlog, name="backlog"),
    # --- Backlog and triage (issue 5) ---
    path("backlog/export.csv", backlog_views.backlog_export, name="backlog_export"),
    path("backlog/dashboard/", backlog_views.dashboard, name="backlog_dashboard"),
    path("backlog/lessons/", backlog_views.lessons, name="lessons"),
    path("backlog/projects/<int:pk>/triage/", backlog_views.project_triage, name="triage"),
    path("backlog/projects/<int:pk>/status/", backlog_views.project_status, name="triage_status"),
    path(
        "backlog/projects/<int:pk>/priority-owner-themes/",
        backlog_views.project_triage_update,
        name="triage_update",
    ),
    path("backlog/projects/<int:pk>/rank/", backlog_views.project_rank, name="triage_rank"),
    path("backlog/projects/<int:pk>/notes/", backlog_views.project_note, name="triage_note"),
    path(
        "backlog/projects/<int:pk>/interest/",
        backlog_views.interest_register,
        name="interest_register",
    ),
    path(
        "backlog/projects/<int:pk>/interest/withdraw/",
        backlog_views.interest_withdraw,
        name="interest_withdraw",
    ),
    path(
        "backlog/projects/<int:pk>/interest/<int:interest_pk>/accept/",
        backlog_views.interest_accept,
        name="interest_accept",
    ),
]
