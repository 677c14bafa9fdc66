from django.urls import reverse

from loti_data import registry


def navigation(request) -> dict:
    """The main navigation, from what the parts registered, marking the current section."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        (link.label, reverse(link.url_name)) for link in registry.nav_links() if link.visible(user)
    ]
    if user.can_use_admin:
        items.append(("Admin", reverse("admin:index")))
    path = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": path.startswith(url)} for label, url in items
        ]
    }
