"""The outbox in the Django admin: read-only (the services write it). Failed rows are one
filter away, with their error; a superuser can queue them again."""

from django.contrib import admin, messages

from loti_data.admin_site import ReadOnlyAdminMixin
from loti_data.outbox import services
from loti_data.outbox.models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "recipient",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "dedupe_key"]
    date_hierarchy = "created_at"
    actions = ["queue_again"]

    def has_queue_again_permission(self, request) -> bool:
        return request.user.is_superuser

    @admin.action(description="Queue the selected failed emails again", permissions=["queue_again"])
    def queue_again(self, request, queryset) -> None:
        count = services.requeue(queryset.values_list("pk", flat=True))
        messages.success(request, f"{count} failed email(s) queued again.")
