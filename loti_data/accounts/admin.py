from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialApp, SocialToken
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from loti_data.accounts.models import (
    Organisation,
    OrganisationDomain,
    OrganisationTenant,
    SignInEvent,
    User,
)
from loti_data.admin_site import ReadOnlyAdminMixin


class OrganisationTenantInline(admin.TabularInline):
    model = OrganisationTenant
    extra = 0
    verbose_name_plural = "Sign-in tenants (Microsoft Entra ID directory IDs)"


class OrganisationDomainInline(admin.TabularInline):
    model = OrganisationDomain
    extra = 0
    verbose_name_plural = (
        "Sign-in email domains (verified addresses in these join the organisation)"
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "gss_code"]
    list_filter = ["kind"]
    search_fields = ["name", "gss_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationTenantInline, OrganisationDomainInline]


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


@admin.register(SignInEvent)
class SignInEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "kind", "method", "login", "user", "ip_address", "detail"]
    list_filter = ["kind", "method"]
    list_select_related = ["user"]
    search_fields = ["login", "ip_address"]
    date_hierarchy = "at"
    fields = ["at", "kind", "method", "login", "user", "ip_address", "detail"]


# Identity providers are configured from the environment only (client secrets never reach the
# database), and addresses are the person's own field: allauth's tables for them stay out of
# the admin. Linked organisation accounts and two-factor devices stay (an admin can remove a
# lost authenticator).
for model in (SocialApp, SocialToken, EmailAddress):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
