from django.contrib import admin

from loti_data.admin_site import ReadOnlyAdminMixin
from projects.models import DataSharing, DataSharingEvent


class DataSharingEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DataSharingEvent
    fields = ["created_at", "action", "actor", "from_status", "to_status", "route", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(DataSharing)
class DataSharingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Routes move only through their pages (services), so the admin is for reading."""

    list_display = ["dataset", "route", "status", "review_on", "updated_at"]
    list_filter = ["route", "status"]
    list_select_related = ["dataset"]
    search_fields = ["dataset__name", "dataset__project__title"]
    inlines = [DataSharingEventInline]


@admin.register(DataSharingEvent)
class DataSharingEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit trail: append-only, read-only here too."""

    list_display = ["created_at", "sharing", "action", "actor", "from_status", "to_status"]
    list_filter = ["action", "to_status"]
    list_select_related = ["sharing__dataset", "actor"]
    search_fields = ["sharing__dataset__name", "note"]
    date_hierarchy = "created_at"
