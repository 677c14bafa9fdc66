from django.contrib import admin

from loti_data.admin_site import ReadOnlyAdminMixin
from projects.models import EthicsReview, EthicsReviewEvent


class EthicsReviewEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = EthicsReviewEvent
    fields = ["created_at", "action", "actor", "from_state", "to_state", "assignee", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(EthicsReview)
class EthicsReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Reviews move only through the review pages (services), so the admin is for reading."""

    list_display = ["project", "state", "reviewer", "round", "submitted_at", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["project", "reviewer"]
    search_fields = ["project__title"]
    inlines = [EthicsReviewEventInline]


@admin.register(EthicsReviewEvent)
class EthicsReviewEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit trail: append-only, read-only here too."""

    list_display = ["created_at", "review", "action", "actor", "from_state", "to_state"]
    list_filter = ["action", "to_state"]
    list_select_related = ["review__project", "actor"]
    search_fields = ["review__project__title", "note"]
    date_hierarchy = "created_at"
