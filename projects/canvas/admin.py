from django.contrib import admin

from loti_data.admin_site import ReadOnlyAdminMixin
from projects.models import (
    Action,
    Dataset,
    Enabler,
    Insight,
    Outcome,
    Project,
    ProjectMembership,
    ProjectPartner,
    StageEvent,
    StageState,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]


class MembershipInline(admin.TabularInline):
    model = ProjectMembership
    extra = 0
    autocomplete_fields = ["user"]


class PartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    autocomplete_fields = ["organisation"]


class StageStateInline(admin.TabularInline):
    model = StageState
    extra = 0
    readonly_fields = ["stage", "version", "completed_at", "completed_by"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "lead_organisation", "stage", "updated_at"]
    list_filter = ["stage", "themes", "lead_organisation__kind"]
    list_select_related = ["lead_organisation"]
    search_fields = ["title", "summary", "lead_organisation__name"]
    autocomplete_fields = ["lead_organisation", "created_by"]
    # The stage and the backlog fields change only through the services, which check who may
    # and keep their history.
    readonly_fields = [
        "stage",
        "status",
        "priority",
        "rank",
        "loti_owner",
        "duplicate_of",
        "created_at",
        "updated_at",
    ]
    inlines = [MembershipInline, PartnerInline, StageStateInline]


class EntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Canvas entries are changed on the canvas (with history); the admin only shows them."""

    list_select_related = ["project"]
    search_fields = ["project__title"]


@admin.register(Outcome)
class OutcomeAdmin(EntryAdmin):
    list_display = ["who", "project"]


@admin.register(Action)
class ActionAdmin(EntryAdmin):
    list_display = ["actor", "project"]


@admin.register(Insight)
class InsightAdmin(EntryAdmin):
    list_display = ["title", "project"]


@admin.register(Enabler)
class EnablerAdmin(EntryAdmin):
    list_display = ["kind", "project"]


@admin.register(Dataset)
class DatasetAdmin(EntryAdmin):
    list_display = ["name", "project", "source", "personal_data", "special_category"]
    list_filter = ["source", "personal_data", "special_category", "sharing_agreement"]


@admin.register(StageEvent)
class StageEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """History is append-only: readable here, never changed."""

    list_display = ["at", "project", "stage", "kind", "subject", "actor"]
    list_filter = ["stage", "kind"]
    list_select_related = ["project", "actor"]
    search_fields = ["project__title", "subject"]
