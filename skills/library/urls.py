from django.urls import path

from skills.library import views

urlpatterns = [
    path("skills/", views.index, name="index"),
    path("skills/roles/", views.role_list, name="role_list"),
    path("skills/roles/<int:pk>/", views.role_detail, name="role_detail"),
    path("skills/levels/<int:pk>/", views.role_level, name="role_level"),
    path("skills/compare/", views.compare, name="compare"),
    path("skills/capabilities/", views.skill_list, name="skill_list"),
    path("skills/capabilities/<int:pk>/", views.skill_detail, name="skill_detail"),
    path("skills/salaries/", views.salaries, name="salaries"),
    path("skills/salaries/export.csv", views.salary_export, name="salary_export"),
    path("skills/salaries/mine/", views.my_salaries, name="my_salaries"),
    path("skills/salaries/new/", views.salary_create, name="salary_create"),
    path("skills/salaries/<int:pk>/edit/", views.salary_edit, name="salary_edit"),
    path("skills/salaries/<int:pk>/delete/", views.salary_delete, name="salary_delete"),
    path("skills/hard-to-fill/", views.hard_to_fill, name="hard_to_fill"),
    path("skills/hard-to-fill/flag/", views.hard_to_fill_flag, name="hard_to_fill_flag"),
    path(
        "skills/hard-to-fill/<int:pk>/withdraw/",
        views.hard_to_fill_withdraw,
        name="hard_to_fill_withdraw",
    ),
]
