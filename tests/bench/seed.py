"""Seed projects across London's organisations with bulk_create, 10,000 at a time (reused if
present)."""

import random
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from loti_data.accounts import roles
from loti_data.accounts.models import Organisation, User
from methodology.stages import STAGE_ORDER
from projects.models import (
    Interest,
    Project,
    ProjectMembership,
    ProjectPartner,
    Theme,
    TriageNote,
)

PROJECTS = 10_000
S = Project.Status
STATUS_WEIGHTS = {
    S.NEW: 25,
    S.ACCEPTED: 20,
    S.IN_PROGRESS: 25,
    S.ON_HOLD: 8,
    S.DONE: 12,
    S.DECLINED: 7,
    S.DUPLICATE: 3,
}
STAGE_WEIGHTS = [30, 22, 18, 12, 10, 8]  # most projects are early in the canvas
WORDS = (
    "housing",
    "homelessness",
    "arrears",
    "children",
    "school",
    "attendance",
    "social",
    "care",
    "hospital",
    "discharge",
    "air",
    "quality",
    "flooding",
    "fuel",
    "poverty",
    "damp",
    "mould",
    "benefits",
    "take-up",
    "council",
    "tax",
    "fraud",
    "waste",
    "recycling",
    "transport",
    "road",
    "safety",
    "crime",
    "youth",
    "violence",
    "loneliness",
    "digital",
    "inclusion",
    "employment",
    "skills",
    "licensing",
    "planning",
    "energy",
    "retrofit",
)


CHUNK = 10_000


def seeded(total: int = PROJECTS) -> bool:
    return Project.objects.count() >= total


def seed(rng: random.Random, total: int = PROJECTS) -> None:
    """Add projects until there are ``total``, a chunk per transaction (memory stays flat)."""
    while (have := Project.objects.count()) < total:
        _seed_chunk(rng, min(CHUNK, total - have))


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


@transaction.atomic
def _seed_chunk(rng: random.Random, count: int) -> None:
    organisations = list(Organisation.objects.order_by("pk"))
    staff_group = Group.objects.get(name=roles.LOTI_STAFF)
    loti = Organisation.objects.get(kind=Organisation.Kind.LOTI)
    people = {}
    for org in organisations:
        people[org.pk], _ = User.objects.get_or_create(
            email=f"bench@{org.slug}.example",
            defaults={"name": f"{org.name} officer", "organisation": org},
        )
    staff = []
    for n in range(3):
        user, _ = User.objects.get_or_create(
            email=f"bench-staff{n}@loti.example",
            defaults={"name": f"Staff {n}", "organisation": loti},
        )
        user.groups.add(staff_group)
        staff.append(user)
    themes = list(Theme.objects.all())

    start_rank = Project.objects.count()
    projects = []
    for i in range(count):
        lead = rng.choice(organisations)
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        projects.append(
            Project(
                title=f"{_text(rng, 4).capitalize()} project {start_rank + i + 1}",
                summary=_text(rng, 40),
                lead_organisation=lead,
                created_by=people[lead.pk],
                stage=rng.choices(STAGE_ORDER, weights=STAGE_WEIGHTS)[0].value,
                status=status,
                priority=rng.choice(Project.Priority.values) if status != S.NEW else 0,
                rank=start_rank + i + 1,
                loti_owner=rng.choice(staff) if status != S.NEW and rng.random() < 0.8 else None,
            )
        )
    projects = Project.objects.bulk_create(projects, batch_size=1000)

    Through = Project.themes.through
    memberships, tagged, partners, interests, notes = [], [], [], [], []
    for project in projects:
        memberships.append(
            ProjectMembership(
                project=project, user=project.created_by, role=ProjectMembership.Role.LEAD
            )
        )
        for theme in rng.sample(themes, rng.choice([1, 1, 2, 2, 3])):
            tagged.append(Through(project_id=project.pk, theme_id=theme.pk))
        others = [o for o in organisations if o.pk != project.lead_organisation_id]
        chosen = rng.sample(others, rng.choice([0, 0, 1, 1, 2, 3]) + rng.choice([0, 0, 1, 2, 4]))
        n_partners = rng.randint(0, min(2, len(chosen)))
        for org in chosen[:n_partners]:
            partners.append(ProjectPartner(project=project, organisation=org))
        open_interest = 0
        for org in chosen[n_partners:]:
            interests.append(
                Interest(project=project, organisation=org, registered_by=people[org.pk])
            )
            open_interest += 1
        project.interest_count = open_interest
        if rng.random() < 0.2:
            notes.append(TriageNote(project=project, author=rng.choice(staff), text=_text(rng, 12)))
    ProjectMembership.objects.bulk_create(memberships, batch_size=2000)
    Through.objects.bulk_create(tagged, batch_size=2000)
    ProjectPartner.objects.bulk_create(partners, batch_size=2000)
    Interest.objects.bulk_create(interests, batch_size=2000)
    TriageNote.objects.bulk_create(notes, batch_size=2000)
    Project.objects.bulk_update(projects, ["interest_count"], batch_size=2000)

    # Spread the dates over three years, as a real backlog's would be.
    now = timezone.now()
    first = projects[0].pk
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE projects_project SET created_at = %s - (random() * interval '1100 days')"
            " WHERE id >= %s",
            [now, first],
        )
        cursor.execute(
            "UPDATE projects_project SET updated_at = created_at + (random() * (%s - created_at))"
            " WHERE id >= %s",
            [now + timedelta(seconds=1), first],
        )
