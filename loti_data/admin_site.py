from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from loti_data.accounts.forms import AdminLoginForm
from loti_data.accounts.second_factor import has_second_factor, second_factor_satisfied


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
        """Admin access, and for a password sign-in a second factor too (sso.py: an
        organisation sign-in relies on its provider's)."""
        return bool(getattr(request.user, "can_use_admin", False)) and second_factor_satisfied(
            request
        )

    @method_decorator(never_cache)
    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        """Django's admin log-in, with our password view: a correct password goes on to the
        second factor like on the product's log-in page. Someone signed in with a password
        but without a second factor is sent to turn one on (or to sign in again with it)."""
        from loti_data.accounts.views import PasswordLoginView

        user = request.user
        if request.method == "GET" and self.has_permission(request):
            return redirect(reverse("admin:index", current_app=self.name))
        if (
            getattr(user, "can_use_admin", False)
            and not second_factor_satisfied(request)
            and not has_second_factor(user)
        ):
            return redirect("mfa_activate_totp")
        context = {
            **self.each_context(request),
            "title": "Log in",
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return PasswordLoginView.as_view(
            extra_context=context,
            authentication_form=self.login_form,
            form_class=self.login_form,
            template_name=self.login_template or "admin/login.html",
        )(request)


class ReadOnlyAdminMixin:
    """ModelAdmin or inline mixin for history and audit tables: shown, never added, changed or
    deleted in the admin (the services write them)."""

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
