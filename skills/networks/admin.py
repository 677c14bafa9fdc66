"""Admin for the data networks. Day-to-day organising happens in the app (LOTI staff); the admin
is for fixing data. The history is read-only: the record of what happened. The meet-up emails
are in the product's outbox (``loti_data/outbox/admin.py``)."""

from django.contrib import admin

from loti_data.admin_site import ReadOnlyAdminMixin
from skills.networks.models import (
    AgendaItem,
    Meetup,
    Network,
    NetworkEvent,
    NetworkMembership,
    Reminder,
    Rsvp,
)


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "cadence", "position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [NetworkMembershipInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class ReminderInline(admin.TabularInline):
    model = Reminder
    extra = 0
    can_delete = False
    readonly_fields = ["offset", "due_at", "round", "state", "dispatched_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Meetup)
class MeetupAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "starts_at", "status", "capacity", "sequence"]
    list_filter = ["network", "status"]
    list_select_related = ["network"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    readonly_fields = ["uid", "sequence", "created_by", "created_at", "updated_at"]
    inlines = [AgendaItemInline, ReminderInline]


@admin.register(Rsvp)
class RsvpAdmin(admin.ModelAdmin):
    list_display = ["meetup", "user", "status", "responded_at", "waitlisted_at"]
    list_filter = ["status"]
    list_select_related = ["meetup", "user"]
    search_fields = ["user__name", "user__email", "meetup__title"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["meetup"]


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(NetworkEvent)
class NetworkEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "action", "network", "meetup", "actor", "subject"]
    list_filter = ["action"]
    list_select_related = ["network", "meetup", "actor", "subject"]
