"""The themes a project can work on (slug, name), in display order. Loaded by a data migration."""

THEMES = [
    ("housing", "Housing"),
    ("childrens-services", "Children's services"),
    ("adult-social-care", "Adult social care"),
    ("health", "Health"),
    ("community-safety", "Community safety"),
    ("environment-and-climate", "Environment and climate"),
    ("digital-inclusion", "Digital inclusion"),
    ("transport", "Transport"),
    ("economy", "Economy"),
    ("other", "Other"),
]


def sync_themes(theme_model) -> None:
    for position, (slug, name) in enumerate(THEMES):
        theme_model.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
