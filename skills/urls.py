from django.urls import path

from skills import network_views, views

app_name = "skills"

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
    # Data networks and meet-ups (issue 7)
    path("networks/", network_views.network_list, name="networks"),
    path("networks/meetups/", network_views.meetup_list, name="meetup_list"),
    path("networks/calendar/", network_views.calendar_settings, name="calendar_settings"),
    path("networks/calendar/reset/", network_views.calendar_reset, name="calendar_reset"),
    path("networks/meetups/<int:pk>/", network_views.meetup_detail, name="meetup_detail"),
    path("networks/meetups/<int:pk>/edit/", network_views.meetup_edit, name="meetup_edit"),
    path("networks/meetups/<int:pk>/cancel/", network_views.meetup_cancel, name="meetup_cancel"),
    path("networks/meetups/<int:pk>/rsvp/", network_views.meetup_rsvp, name="meetup_rsvp"),
    path(
        "networks/meetups/<int:pk>/attendees/",
        network_views.meetup_attendees,
        name="meetup_attendees",
    ),
    path(
        "networks/meetups/<int:pk>/attendees.csv",
        network_views.meetup_attendees_csv,
        name="meetup_attendees_csv",
    ),
    path("networks/meetups/<int:pk>/calendar.ics", network_views.meetup_ics, name="meetup_ics"),
    path("networks/<slug:slug>/", network_views.network_detail, name="network_detail"),
    path("networks/<slug:slug>/edit/", network_views.network_edit, name="network_edit"),
    path("networks/<slug:slug>/join/", network_views.network_join, name="network_join"),
    path("networks/<slug:slug>/leave/", network_views.network_leave, name="network_leave"),
    path("networks/<slug:slug>/meetups/new/", network_views.meetup_create, name="meetup_create"),
    path("calendar/<str:token>.ics", network_views.calendar_feed, name="calendar_feed"),
]
