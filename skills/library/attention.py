"""The home page's "Capability model and jobs library" panel, for library admins."""

from django.urls import reverse

from loti_data.attention import Item, Panel
from skills.library.rules import manages_library
from skills.models import FrameworkImport, RoleLevel


def library_items() -> list[Item]:
    """Two queries: the last import, and role levels with no skills recorded."""
    items = []
    last = FrameworkImport.objects.select_related("framework").first()
    items.append(
        Item(
            label="Import the capability framework's CSV",
            url=reverse("admin:skills_framework_import_csv"),
            detail=(
                f"Last changed by an import on {last.imported_at:%d %B %Y}"
                if last
                else "The library has not been imported yet"
            ),
        )
    )
    without_skills = RoleLevel.objects.filter(needs__isnull=True).count()
    if without_skills:
        items.append(
            Item(
                label=f"{without_skills} role level{'s' if without_skills != 1 else ''} "
                "with no skills recorded",
                url=reverse("admin:skills_rolelevel_changelist"),
            )
        )
    return items


def library_panel(user) -> Panel | None:
    if not manages_library(user):
        return None
    return Panel(
        title="Capability model and jobs library",
        empty_text="Keep the capability model, jobs library and salary data up to date.",
        link_label="Manage the library",
        link_url=reverse("admin:index"),
        items=library_items(),
    )
