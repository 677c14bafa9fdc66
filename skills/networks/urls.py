from django.urls import path, re_path

from skills.networks import views

urlpatterns = [
    path("networks/", views.network_list, name="networks"),
    path("networks/meetups/", views.meetup_list, name="meetup_list"),
    path("networks/calendar/", views.calendar_settings, name="calendar_settings"),
    path("networks/calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("networks/meetups/<int:pk>/", views.meetup_detail, name="meetup_detail"),
    path("networks/meetups/<int:pk>/edit/", views.meetup_edit, name="meetup_edit"),
    path("networks/meetups/<int:pk>/cancel/", views.meetup_cancel, name="meetup_cancel"),
    path("networks/meetups/<int:pk>/rsvp/", views.meetup_rsvp, name="meetup_rsvp"),
    path(
        "networks/meetups/<int:pk>/attendees/",
        views.meetup_attendees,
        name="meetup_attendees",
    ),
    path(
        "networks/meetups/<int:pk>/attendees.csv",
        views.meetup_attendees_csv,
        name="meetup_attendees_csv",
    ),
    path("networks/meetups/<int:pk>/calendar.ics", views.meetup_ics, name="meetup_ics"),
    path("networks/<slug:slug>/", views.network_detail, name="network_detail"),
    path("networks/<slug:slug>/edit/", views.network_edit, name="network_edit"),
    path("networks/<slug:slug>/join/", views.network_join, name="network_join"),
    path("networks/<slug:slug>/leave/", views.network_leave, name="network_leave"),
    path("networks/<slug:slug>/meetups/new/", views.meetup_create, name="meetup_create"),
    # Only the shape of a token (secrets.token_urlsafe) reaches the database: a malformed
    # one (a NUL, a slash, 10,000 characters) is a 404 like an unknown one.
    re_path(
        r"^calendar/(?P<token>[A-Za-z0-9_-]{1,64})\.ics$",
        views.calendar_feed,
        name="calendar_feed",
    ),
]
