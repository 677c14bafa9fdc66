from django.contrib import admin

from loti_data.accounts.forms import AdminLoginForm


class LotiAdminSite(admin.AdminSite):
    """The Django admin, open to superusers, staff accounts and library admins.

    Which models each person may change is still decided per model: Django permissions, or the
    app's own rule (``skills/library/admin.py`` asks the library's rules).
    """

    site_header = "loti-data administration"
    site_title = "loti-data admin"
    index_title = "Manage loti-data"
    login_form = AdminLoginForm

    def has_permission(self, request) -> bool:
        return bool(getattr(request.user, "can_use_admin", False))


class ReadOnlyAdminMixin:
    """ModelAdmin or inline mixin for history and audit tables: shown, never added, changed or
    deleted in the admin (the services write them)."""

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
