"""Demo people for `manage.py seed_demo`. Invented names only: no real person's name."""

from django.contrib.auth.models import Group

from loti_data.accounts import roles
from loti_data.accounts.models import Organisation, OrganisationDomain, User

DEMO_PASSWORD = "london-data-demo"

DEMO_PEOPLE = [
    # email, name, job title, organisation slug, groups, superuser
    ("lead@camden.example", "Jordan Ellis", "Head of Data & BI", "camden", [], False),
    ("lead@lambeth.example", "Priya Nair", "Data & Insight Lead", "lambeth", [], False),
    (
        "staff@loti.example",
        "Morgan Reeve",
        "Data Programme Manager",
        "london-office-of-technology-innovation",
        [roles.LOTI_STAFF, roles.ETHICS_REVIEWERS],
        False,
    ),
    (
        "admin@loti.example",
        "Robin Hale",
        "Capability Lead",
        "london-office-of-technology-innovation",
        [roles.LIBRARY_ADMINS],
        True,
    ),
]

# The demo's invented email domains, so "Sign in with your organisation (demo)" (DEMO_OIDC=1)
# puts a first-time officer of, say, newofficer@camden.example into Camden.
DEMO_DOMAINS = {
    "camden.example": "camden",
    "lambeth.example": "lambeth",
    "hackney.example": "hackney",
    "greenwich.example": "greenwich",
    "newham.example": "newham",
    "southwark.example": "southwark",
    "loti.example": "london-office-of-technology-innovation",
}

DEMO_LOGINS = [(email, name) for email, name, *_ in DEMO_PEOPLE]


def demo_person(email: str, name: str, org_slug: str, job_title: str = "", **extra) -> User:
    """An invented demo person, created once with the demo password (idempotent)."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "name": name,
            "job_title": job_title,
            "organisation": Organisation.objects.get(slug=org_slug),
            **extra,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def seed() -> None:
    for email, name, job_title, org_slug, group_names, superuser in DEMO_PEOPLE:
        user = demo_person(
            email, name, org_slug, job_title, is_staff=superuser, is_superuser=superuser
        )
        user.groups.add(*Group.objects.filter(name__in=group_names))
    for domain, org_slug in DEMO_DOMAINS.items():
        organisation = Organisation.objects.filter(slug=org_slug).first()
        if organisation is not None:
            OrganisationDomain.objects.get_or_create(
                domain=domain, defaults={"organisation": organisation}
            )
