from django.urls import path

from projects.ethics import views

urlpatterns = [
    path("ethics/queue/", views.ethics_queue, name="ethics_queue"),
    path("ethics/register/", views.ethics_register, name="ethics_register"),
    path("projects/<int:pk>/ethics/review/", views.ethics_review, name="ethics_review"),
    path("projects/<int:pk>/ethics/submit/", views.ethics_submit, name="ethics_submit"),
    path("projects/<int:pk>/ethics/assign/", views.ethics_assign, name="ethics_assign"),
    path("projects/<int:pk>/ethics/decide/", views.ethics_decide, name="ethics_decide"),
    path(
        "projects/<int:pk>/ethics/acknowledge/",
        views.ethics_acknowledge,
        name="ethics_acknowledge",
    ),
]
