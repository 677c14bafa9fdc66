from django.urls import path

from projects import backlog_views, ethics_views, views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/new/", views.project_create, name="create"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="edit"),
    path("projects/<int:pk>/team/", views.project_team, name="team"),
    path("projects/<int:pk>/team/add/", views.member_add, name="member_add"),
    path("projects/<int:pk>/team/<int:membership_pk>/role/", views.member_role, name="member_role"),
    path(
        "projects/<int:pk>/team/<int:membership_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("projects/<int:pk>/partners/add/", views.partner_add, name="partner_add"),
    path(
        "projects/<int:pk>/partners/<int:partner_pk>/remove/",
        views.partner_remove,
        name="partner_remove",
    ),
    path("projects/<int:pk>/stages/<slug:stage>/", views.stage_page, name="stage"),
    path(
        "projects/<int:pk>/stages/<slug:stage>/complete/",
        views.stage_complete,
        name="stage_complete",
    ),
    path(
        "projects/<int:pk>/stages/<slug:stage>/<int:entry_pk>/edit/",
        views.entry_edit,
        name="entry_edit",
    ),
    path(
        "projects/<int:pk>/stages/<slug:stage>/<int:entry_pk>/delete/",
        views.entry_delete,
        name="entry_delete",
    ),
    path("projects/<int:pk>/history/", views.project_history, name="history"),
    path("projects/<int:pk>/canvas/", views.project_canvas, name="canvas"),
    path("projects/<int:pk>/canvas.md", views.project_markdown, name="markdown"),
    path("projects/<int:pk>/why-this-data/", views.why_this_data, name="why"),
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
    # --- Ethics review (issue 4) ---
    path("ethics/queue/", ethics_views.ethics_queue, name="ethics_queue"),
    path("ethics/register/", ethics_views.ethics_register, name="ethics_register"),
    path("projects/<int:pk>/ethics/review/", ethics_views.ethics_review, name="ethics_review"),
    path("projects/<int:pk>/ethics/submit/", ethics_views.ethics_submit, name="ethics_submit"),
    path("projects/<int:pk>/ethics/assign/", ethics_views.ethics_assign, name="ethics_assign"),
    path("projects/<int:pk>/ethics/decide/", ethics_views.ethics_decide, name="ethics_decide"),
    path(
        "projects/<int:pk>/ethics/acknowledge/",
        ethics_views.ethics_acknowledge,
        name="ethics_acknowledge",
    ),
]
