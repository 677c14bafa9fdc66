"""The read API's one permission: who is asking, then the part's own rule."""

from rest_framework import permissions


class AsksTheRule(permissions.BasePermission):
    """A signed-in, active person, and the endpoint's ``may_read(user, obj)`` (the rule the
    pages ask) for each object."""

    message = "Sign in, or send a personal API token."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active)

    def has_object_permission(self, request, view, obj) -> bool:
        return view.may_read(request.user, obj)
