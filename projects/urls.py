from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("backlog/", views.backlog, name="backlog"),
]

from projects import ethics_views  # noqa: E402

urlpatterns += [
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
