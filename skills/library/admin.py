"""The library in the Django admin: library admins only (``skills.library.rules.manages_library``),
with django-import-export's CSV import and export and the capability framework import."""

import io

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV

from loti_data.admin_site import ReadOnlyAdminMixin
from loti_data.csv_export import write_rows
from loti_data.errors import require
from skills.library import rules, services
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


class LibraryAdminPermissions:
    """ModelAdmin mixin: the library's rule decides, so the admin and the pages agree."""

    def _manages_library(self, request) -> bool:
        return rules.manages_library(request.user)

    def has_module_permission(self, request) -> bool:
        return self._manages_library(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._manages_library(request)

    def has_add_permission(self, request, *args) -> bool:
        return self._manages_library(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._manages_library(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._manages_library(request)


class DefusedCSV(CSV):
    """import-export's CSV written by the product's one CSV writer, every cell defused.

    import-export's own ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` only drops one leading "=",
    so "+1", "-1+1", "@SUM(A1)" and "==1+1" would still run in a spreadsheet.
    """

    def export_data(self, dataset, **kwargs) -> str:
        out = io.StringIO()
        write_rows(out, dataset.headers or [], dataset)
        return out.getvalue()


class LibraryAdmin(LibraryAdminPermissions, ImportExportModelAdmin):
    """Library admins only, including django-import-export's CSV import and export.

    Exports are CSV only, defused: XLSX and ODS would turn a cell starting with "=" into a live
    formula whatever we escape.
    """

    def get_export_formats(self):
        return [DefusedCSV]

    def has_import_permission(self, request) -> bool:
        return self._manages_library(request)

    def has_export_permission(self, request) -> bool:
        return self._manages_library(request)

    def export_action(self, request):
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            # A filter in the address that is not one (?page=-1): export without filters, as
            # the change list itself answers.
            return redirect(request.path)


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
        require(self._manages_library(request), "Only library admins import capability frameworks.")
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
