from django.urls import reverse


def navigation(request) -> dict:
    """The main navigation, marking the section the current page belongs to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        ("Projects", reverse("projects:list")),
        ("Backlog", reverse("projects:backlog")),
        ("Skills & jobs", reverse("skills:index")),
        ("Networks", reverse("skills:networks")),
    ]
    if user.is_ethics_reviewer:
        items.append(("Ethics reviews", reverse("projects:ethics_queue")))
    if user.can_use_admin:
        items.append(("Admin", reverse("admin:index")))
    path = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": path.startswith(url)} for label, url in items
        ]
    }
