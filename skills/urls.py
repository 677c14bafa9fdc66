from django.urls import path

from skills import network_views, views

app_name = "skills"

urlpatterns = [
    path("skills/", views.index, name="index"),
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
