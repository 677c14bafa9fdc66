from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from loti_data.accounts.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "gss_code"]
    list_filter = ["kind"]
    search_fields = ["name", "gss_code"]
    prepopulated_fields = {"slug": ["name"]}


class UserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email", "name", "organisation")


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ["email", "name", "organisation", "is_active", "is_staff", "is_superuser"]
    list_filter = ["is_active", "is_staff", "is_superuser", "groups", "organisation__kind"]
    list_select_related = ["organisation"]
    search_fields = ["email", "name", "organisation__name"]
    ordering = ["name"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("name", "job_title", "organisation")}),
        (
            "Roles",
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups"),
                "description": "Roles are groups: LOTI staff, Ethics reviewers, Library admins.",
            },
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "name", "organisation", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ("groups",)
