"""Admin for the backlog's own models. Audit rows, notes and evaluations are read-only history:
the services write them, with their rules and their history."""

from django.contrib import admin

from loti_data.admin_site import ReadOnlyAdminMixin
from projects.models import Evaluation, EvaluationRevision, Interest, TriageChange, TriageNote


class ReadOnlyHistory(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(TriageChange)
class TriageChangeAdmin(ReadOnlyHistory):
    list_display = ["changed_at", "project", "field", "old_value", "new_value", "changed_by"]
    list_filter = ["field"]
    list_select_related = ["project", "changed_by"]
    search_fields = ["project__title", "reason"]
    date_hierarchy = "changed_at"


@admin.register(TriageNote)
class TriageNoteAdmin(ReadOnlyHistory):
    list_display = ["created_at", "project", "author"]
    list_select_related = ["project", "author"]
    search_fields = ["project__title", "text"]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["project", "organisation", "status", "registered_by", "registered_at"]
    list_filter = ["status"]
    list_select_related = ["project", "organisation", "registered_by"]
    search_fields = ["project__title", "organisation__name"]
    readonly_fields = [
        "project",
        "organisation",
        "status",
        "registered_by",
        "registered_at",
        "decided_by",
        "decided_at",
        "decline_reason",
    ]

    def has_add_permission(self, request) -> bool:
        return False  # interest goes through the product, which keeps the counts right


class EvaluationRevisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = EvaluationRevision
    fields = ["recorded_at", "recorded_by", "outcomes_achieved", "lessons_learned"]
    readonly_fields = fields
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyHistory):
    """Recorded and revised when LOTI staff mark a project done; every version is kept."""

    list_display = ["project", "recorded_by", "recorded_at", "updated_at"]
    list_select_related = ["project", "recorded_by"]
    search_fields = ["project__title", "outcomes_achieved", "lessons_learned"]
    inlines = [EvaluationRevisionInline]
