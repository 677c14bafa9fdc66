from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from import_export import resources
from import_export.admin import ImportExportModelAdmin

from loti_data.admin_site import LibraryAdminPermissions, ReadOnlyAdminMixin
from skills.library import services
from skills.library.forms import FrameworkImportForm
from skills.library.framework_csv import FrameworkFileError
from skills.models import (
    Framework,
    FrameworkImport,
    HardToFillFlag,
    Role,
    RoleFamily,
    RoleLevel,
    RoleLevelSkill,
    SalaryRangeEvent,
    SalarySubmission,
    Skill,
    SkillLevelDescription,
)


class LibraryAdmin(LibraryAdminPermissions, ImportExportModelAdmin):
    """Library admins only, including django-import-export's CSV import and export."""

    def has_import_permission(self, request) -> bool:
        return self._is_library_admin(request)

    def has_export_permission(self, request) -> bool:
        return self._is_library_admin(request)


def resource_for(model_class, field_names):
    meta = type("Meta", (), {"model": model_class, "fields": ("id", *field_names)})
    return type(f"{model_class.__name__}Resource", (resources.ModelResource,), {"Meta": meta})


@admin.register(Framework)
class FrameworkAdmin(LibraryAdmin):
    resource_classes = [resource_for(Framework, ["name", "slug", "description", "source_url"])]
    list_display = ["name", "source_url"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    change_list_template = "admin/skills/framework/change_list.html"

    def get_urls(self):
        urls = [
            path(
                "import-csv/",
                self.admin_site.admin_view(self.import_csv_view),
                name="skills_framework_import_csv",
            )
        ]
        return urls + super().get_urls()

    def import_csv_view(self, request):
        """Upload the framework's CSV export; the same service as `import_capability_framework`."""
        if not self._is_library_admin(request):
            raise PermissionDenied
        form = FrameworkImportForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.framework_import_csv(
                    data=upload.read(),
                    framework_name=form.cleaned_data["framework"],
                    by=request.user,
                    file_name=upload.name,
                )
            except FrameworkFileError as error:
                problems = error.problems
            else:
                messages.success(request, report.summary())
                return redirect(reverse("admin:skills_framework_import_csv"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Import a capability framework CSV",
            "opts": self.model._meta,
            "form": form,
            "problems": problems,
            "recent_imports": FrameworkImport.objects.select_related("framework", "imported_by")[
                :10
            ],
        }
        return TemplateResponse(request, "admin/skills/framework/import_csv.html", context)


@admin.register(FrameworkImport)
class FrameworkImportAdmin(ReadOnlyAdminMixin, LibraryAdminPermissions, admin.ModelAdmin):
    """History: read-only."""

    list_display = ["imported_at", "framework", "file_name", "rows", "imported_by"]
    list_filter = ["framework"]
    list_select_related = ["framework", "imported_by"]
    search_fields = ["file_name", "summary"]
    readonly_fields = ["framework", "file_name", "rows", "summary", "imported_by", "imported_at"]


class SkillLevelDescriptionInline(LibraryAdminPermissions, admin.TabularInline):
    model = SkillLevelDescription
    extra = 0
    max_num = 4


@admin.register(Skill)
class SkillAdmin(LibraryAdmin):
    resource_classes = [resource_for(Skill, ["framework", "name", "group", "description"])]
    list_display = ["name", "group", "framework"]
    list_filter = ["group", "framework"]
    list_select_related = ["framework"]
    search_fields = ["name", "description"]
    inlines = [SkillLevelDescriptionInline]


@admin.register(SkillLevelDescription)
class SkillLevelDescriptionAdmin(LibraryAdmin):
    resource_classes = [resource_for(SkillLevelDescription, ["skill", "level", "description"])]
    list_display = ["skill", "level"]
    list_filter = ["level", "skill__framework"]
    list_select_related = ["skill"]
    search_fields = ["skill__name", "description"]
    autocomplete_fields = ["skill"]


class RoleInline(LibraryAdminPermissions, admin.TabularInline):
    model = Role
    extra = 0
    fields = ["name", "description"]
    show_change_link = True


@admin.register(RoleFamily)
class RoleFamilyAdmin(LibraryAdmin):
    resource_classes = [resource_for(RoleFamily, ["framework", "name", "description"])]
    list_display = ["name", "framework"]
    list_filter = ["framework"]
    list_select_related = ["framework"]
    search_fields = ["name"]
    inlines = [RoleInline]


class RoleLevelInline(LibraryAdminPermissions, admin.TabularInline):
    model = RoleLevel
    extra = 0
    fields = ["position", "name", "role_type"]
    show_change_link = True


@admin.register(Role)
class RoleAdmin(LibraryAdmin):
    resource_classes = [resource_for(Role, ["family", "name", "description"])]
    list_display = ["name", "family"]
    list_filter = ["family__framework", "family"]
    list_select_related = ["family"]
    search_fields = ["name", "description", "family__name"]
    autocomplete_fields = ["family"]
    inlines = [RoleLevelInline]


class RoleLevelSkillInline(LibraryAdminPermissions, admin.TabularInline):
    model = RoleLevelSkill
    extra = 0
    autocomplete_fields = ["skill"]


@admin.register(RoleLevel)
class RoleLevelAdmin(LibraryAdmin):
    resource_classes = [
        resource_for(RoleLevel, ["role", "name", "description", "position", "role_type"])
    ]
    list_display = ["name", "role", "position", "role_type"]
    list_filter = ["role__family__framework", "role__family", "role_type"]
    list_select_related = ["role"]
    search_fields = ["name", "description", "role__name"]
    autocomplete_fields = ["role"]
    inlines = [RoleLevelSkillInline]


@admin.register(RoleLevelSkill)
class RoleLevelSkillAdmin(LibraryAdmin):
    resource_classes = [resource_for(RoleLevelSkill, ["role_level", "skill", "level"])]
    list_display = ["role_level", "skill", "level"]
    list_filter = ["level", "skill__group"]
    list_select_related = ["role_level", "skill"]
    search_fields = ["role_level__name", "skill__name"]
    autocomplete_fields = ["role_level", "skill"]


@admin.register(SalarySubmission)
class SalarySubmissionAdmin(LibraryAdmin):
    """Raw figures: library admins only (members see aggregates on the site)."""

    resource_classes = [
        resource_for(
            SalarySubmission, ["organisation", "role_level", "year", "minimum", "maximum", "source"]
        )
    ]
    list_display = ["role_level", "organisation", "year", "source", "minimum", "maximum"]
    list_filter = ["year", "source", "organisation__kind"]
    list_select_related = ["role_level", "organisation"]
    search_fields = ["role_level__name", "organisation__name"]
    autocomplete_fields = ["role_level"]
    raw_id_fields = ["submitted_by"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(HardToFillFlag)
class HardToFillFlagAdmin(LibraryAdmin):
    resource_classes = [
        resource_for(HardToFillFlag, ["organisation", "role_level", "reason", "note"])
    ]
    list_display = ["role_level", "organisation", "reason", "created_at"]
    list_filter = ["reason", "organisation__kind"]
    list_select_related = ["role_level", "organisation"]
    search_fields = ["role_level__name", "organisation__name", "note"]
    autocomplete_fields = ["role_level"]
    raw_id_fields = ["flagged_by"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(SalaryRangeEvent)
class SalaryRangeEventAdmin(ReadOnlyAdminMixin, LibraryAdminPermissions, admin.ModelAdmin):
    """History of salary ranges: read-only."""

    list_display = [
        "at",
        "action",
        "organisation",
        "role_level",
        "year",
        "minimum",
        "maximum",
        "by",
    ]
    list_filter = ["action", "year", "source"]
    list_select_related = ["organisation", "role_level", "by"]
    search_fields = ["organisation__name", "role_level__name"]
