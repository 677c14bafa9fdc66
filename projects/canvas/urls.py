from django.urls import path

from projects.canvas import views

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/new/", views.project_create, name="create"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="edit"),
    path("projects/<int:pk>/replicate/", views.project_replicate, name="replicate"),
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
]
