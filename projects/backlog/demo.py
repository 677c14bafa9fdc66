"""Demo data for the backlog: projects across London in every status, interest, partners, notes,
triage history and a finished project with its evaluation. Invented people and projects only.

``seed_backlog()`` is idempotent (projects are found by title; triage is set only when a project
is first created) and writes rows directly, so seeding sends no email. The evaluation goes
through its service, which keeps it as the first of its versions (and sends no email).
"""

from django.contrib.auth.models import Group
from django.utils import timezone

from loti_data.accounts import roles
from loti_data.accounts.demo import demo_person
from loti_data.accounts.models import Organisation, User
from projects.backlog.services import evaluation_record
from projects.models import (
    Evaluation,
    Interest,
    Project,
    ProjectMembership,
    ProjectPartner,
    Theme,
    TriageChange,
    TriageNote,
)

S, P = Project.Status, Project.Priority

# Officers in other organisations (invented), so the backlog is pan-London from the start.
DEMO_OFFICERS = [
    ("data@hackney.example", "Sam Okafor", "hackney"),
    ("data@newham.example", "Alex Moreno", "newham"),
    ("data@southwark.example", "Casey Lin", "southwark"),
    ("data@greenwich.example", "Jamie Dutta", "greenwich"),
]

# title, lead org, creator email, stage, status, priority, themes, partners, interested, summary
DEMO_PROJECTS = [
    (
        "Preventing homelessness with early-warning data",
        "camden",
        "lead@camden.example",
        "insights",
        S.ACCEPTED,
        P.HIGH,
        ["housing"],
        [],
        ["hackney"],
        "Families reach crisis before anyone sees the signs. Rent arrears, council tax and "
        "benefit changes together could show who is at risk months earlier.",
    ),
    (
        "Cold homes and fuel poverty outreach",
        "camden",
        "lead@camden.example",
        "outcomes",
        S.NEW,
        P.NOT_SET,
        ["environment-and-climate", "adult-social-care"],
        [],
        ["newham", "southwark"],
        "Older residents in poorly insulated homes fall ill every winter; outreach teams do "
        "not know whose doors to knock on first.",
    ),
    (
        "Children missing education: joining school and social care data",
        "lambeth",
        "lead@lambeth.example",
        "ethics",
        S.IN_PROGRESS,
        P.HIGH,
        ["childrens-services"],
        ["camden"],
        ["greenwich"],
        "Children drop off school rolls and nobody notices for weeks. Matching admissions, "
        "attendance and social care records could flag them within days.",
    ),
    (
        "Air quality alerts for schools",
        "hackney",
        "data@hackney.example",
        "actions",
        S.ON_HOLD,
        P.MEDIUM,
        ["environment-and-climate", "health"],
        [],
        ["lambeth"],
        "Pupils with asthma are exposed to pollution peaks at the school gate. Head teachers "
        "could change drop-off and play times if they were warned in time.",
    ),
    (
        "Adult social care demand forecasting",
        "newham",
        "data@newham.example",
        "data",
        S.DONE,
        P.MEDIUM,
        ["adult-social-care"],
        ["southwark"],
        [],
        "Care packages are commissioned late because demand surprises the service every "
        "quarter. A forecast by ward would let commissioners plan.",
    ),
    (
        "Damp and mould risk in council homes",
        "southwark",
        "data@southwark.example",
        "enablers",
        S.IN_PROGRESS,
        P.HIGH,
        ["housing", "health"],
        ["greenwich"],
        ["camden", "lambeth"],
        "Repairs reports, property age and household data could show which homes are most at "
        "risk of damp and mould, so surveyors visit before people get ill.",
    ),
    (
        "Mould prediction for social housing",
        "greenwich",
        "data@greenwich.example",
        "outcomes",
        S.DUPLICATE,
        P.NOT_SET,
        ["housing"],
        [],
        [],
        "Predict which council homes will develop mould so inspections can be targeted.",
    ),
    (
        "Street-by-street digital inclusion map",
        "lambeth",
        "lead@lambeth.example",
        "outcomes",
        S.DECLINED,
        P.LOW,
        ["digital-inclusion"],
        [],
        [],
        "Libraries and community centres want to know which streets have the most residents "
        "without internet access at home.",
    ),
    (
        "Council tax support take-up",
        "camden",
        "lead@camden.example",
        "outcomes",
        S.NEW,
        P.NOT_SET,
        ["economy"],
        [],
        [],
        "Thousands of eligible households do not claim council tax support. Matching benefit "
        "records could find them so advisers can get in touch.",
    ),
]

REASONS = {
    S.ACCEPTED: "Strong outcomes case and two boroughs ready to pilot.",
    S.IN_PROGRESS: "Team in place; ethics stage under way.",
    S.ON_HOLD: "Waiting for the sensor data-sharing agreement with the GLA.",
    S.DONE: "Forecast live in the commissioning team since the spring.",
    S.DUPLICATE: "Same problem and data as the Southwark damp and mould project: join it.",
    S.DECLINED: "Covered by the GLA's digital exclusion map; no new data product needed.",
}


def seed_backlog() -> None:
    for email, name, org_slug in DEMO_OFFICERS:
        demo_person(email, name, org_slug)
    staff = User.objects.filter(groups__name=roles.LOTI_STAFF).order_by("pk").first()
    if staff is None or not Group.objects.filter(name=roles.LOTI_STAFF).exists():
        return
    by_title: dict[str, Project] = {}
    for (
        title,
        lead,
        creator_email,
        stage,
        status,
        priority,
        themes,
        partners,
        interested,
        summary,
    ) in DEMO_PROJECTS:
        creator = User.objects.get(email=creator_email)
        project, created = Project.objects.get_or_create(
            title=title,
            defaults={
                "summary": summary,
                "lead_organisation": Organisation.objects.get(slug=lead),
                "created_by": creator,
                "stage": stage,
            },
        )
        by_title[title] = project
        if not created:
            continue
        ProjectMembership.objects.get_or_create(
            project=project, user=creator, defaults={"role": ProjectMembership.Role.LEAD}
        )
        project.themes.set(Theme.objects.filter(slug__in=themes))
        for slug in partners:
            ProjectPartner.objects.get_or_create(
                project=project, organisation=Organisation.objects.get(slug=slug)
            )
        for slug in interested:
            organisation = Organisation.objects.get(slug=slug)
            person = User.objects.filter(organisation=organisation).first() or creator
            Interest.objects.create(
                project=project,
                organisation=organisation,
                registered_by=person,
                message=f"{organisation.name} has the same problem and could share its data.",
            )
        project.interest_count = len(interested)
        project.priority = priority
        project.status = status
        if status != S.NEW:
            project.loti_owner = staff
            TriageChange.objects.create(
                project=project,
                field=TriageChange.Field.STATUS,
                old_value=S.NEW.label,
                new_value=status.label,
                reason=REASONS[status],
                changed_by=staff,
            )
        if priority != P.NOT_SET:
            TriageChange.objects.create(
                project=project,
                field=TriageChange.Field.PRIORITY,
                old_value=P.NOT_SET.label,
                new_value=priority.label,
                changed_by=staff,
            )
        project.save()

    duplicate = by_title["Mould prediction for social housing"]
    if duplicate.duplicate_of_id is None:
        duplicate.duplicate_of = by_title["Damp and mould risk in council homes"]
        duplicate.save(update_fields=["duplicate_of"])

    done = by_title["Adult social care demand forecasting"]
    if not Evaluation.objects.filter(project=done).exists():
        evaluation_record(
            project=done,
            outcomes_achieved="Care packages are now commissioned six weeks earlier on "
            "average, and emergency placements fell by a fifth in the pilot wards.",
            lessons_learned="Agree the data-sharing terms before building anything; bring "
            "the commissioners into the outcomes workshop, not only the analysts; a simple "
            "forecast people trust beats a clever one they do not.",
            by=staff,
        )
    homelessness = by_title["Preventing homelessness with early-warning data"]
    greenwich = Organisation.objects.get(slug="greenwich")
    if not Interest.objects.filter(project=homelessness, organisation=greenwich).exists():
        # Answered by the lead: declined, with the reason Greenwich reads on the project page.
        lead = User.objects.get(email="lead@camden.example")
        Interest.objects.create(
            project=homelessness,
            organisation=greenwich,
            registered_by=User.objects.get(email="data@greenwich.example"),
            message="We would like to try the same early-warning model.",
            status=Interest.Status.DECLINED,
            decided_by=lead,
            decided_at=timezone.now(),
            decline_reason="The pilot is limited to two boroughs while the data sharing is "
            "agreed. We will share the model and invite Greenwich to the next phase.",
        )
    if not TriageNote.objects.filter(project=homelessness).exists():
        TriageNote.objects.create(
            project=homelessness,
            author=staff,
            text="Camden's CDO keen; check whether the housing benefit extract is still weekly "
            "before promising Hackney a start date.",
        )
