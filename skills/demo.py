"""Demo capability model, jobs library, salary ranges and hard-to-fill flags for `seed_demo`.

Idempotent: the framework import changes nothing the second time, and every other row is
matched on its natural key. The salary ranges are invented; some role levels reach the
three-organisation threshold and show a benchmark, others do not.
"""

from datetime import date, time, timedelta
from pathlib import Path

from django.utils import timezone

from loti_data.accounts.models import Organisation, User
from skills import services
from skills.models import (
    DifficultyReason,
    Framework,
    HardToFillFlag,
    Meetup,
    Network,
    Proficiency,
    RoleLevel,
    SalarySource,
    SalarySubmission,
    Skill,
    SkillGroup,
    SkillLevelDescription,
)
from skills.network_forms import london_datetime
from skills.network_services import AgendaEntry, meetup_create, network_join, rsvp_set

SAMPLE_FRAMEWORK_CSV = Path(__file__).parent / "data" / "sample_capability_framework.csv"
LOTI_FRAMEWORK = "LOTI data capability framework"

LOTI_SKILLS = [
    (
        "Outcomes-based problem framing",
        SkillGroup.INNOVATION,
        "Starting from the outcomes residents need and working back to the data that would help.",
        [
            "Knows LOTI's outcomes-based method and its six stages.",
            "Frames a service problem as outcomes and actions with support.",
            "Leads teams from outcomes to data products across organisations.",
            "Coaches boroughs in the method and shapes it with LOTI.",
        ],
    ),
    (
        "Collaborating across organisations",
        SkillGroup.INNOVATION,
        "Running data projects with other boroughs and partners: shared goals, agreements, trust.",
        [
            "Knows who the pan-London partners are and how LOTI convenes them.",
            "Takes part in cross-borough projects and networks.",
            "Leads cross-borough projects and data sharing agreements.",
            "Builds pan-London coalitions and resolves conflicts between partners.",
        ],
    ),
]

# role level name, year offset (0 = this year), organisation slug, minimum, maximum, source
SALARY_RANGES = [
    ("Data analyst", 1, "camden", 36_000, 42_000, SalarySource.ADVERTISED),
    ("Data analyst", 1, "lambeth", 35_500, 41_000, SalarySource.ADVERTISED),
    ("Data analyst", 1, "hackney", 37_000, 43_500, SalarySource.ACTUAL),
    ("Data analyst", 1, "islington", 38_000, 44_000, SalarySource.ADVERTISED),
    ("Data analyst", 0, "camden", 37_500, 43_500, SalarySource.ADVERTISED),
    ("Data analyst", 0, "southwark", 38_500, 45_000, SalarySource.ADVERTISED),
    ("Senior data analyst", 1, "camden", 45_000, 52_000, SalarySource.ADVERTISED),
    ("Senior data analyst", 1, "lambeth", 46_000, 53_500, SalarySource.ACTUAL),
    ("Senior data scientist", 1, "hackney", 55_000, 63_000, SalarySource.ADVERTISED),
    ("Senior data scientist", 1, "islington", 56_500, 65_000, SalarySource.ADVERTISED),
    ("Senior data scientist", 1, "southwark", 54_000, 61_500, SalarySource.ACTUAL),
    ("Associate data analyst", 1, "greenwich", 28_000, 32_000, SalarySource.ADVERTISED),
    ("Associate data analyst", 1, "lewisham", 29_000, 33_500, SalarySource.ADVERTISED),
    ("Associate data analyst", 1, "camden", 30_000, 34_000, SalarySource.ACTUAL),
]

# role level name, organisation slug, reason
HARD_TO_FILL = [
    ("Senior data scientist", "camden", DifficultyReason.PAY),
    ("Senior data scientist", "hackney", DifficultyReason.SKILLS_SCARCITY),
    ("Senior data scientist", "islington", DifficultyReason.SKILLS_SCARCITY),
    ("Senior data engineer", "camden", DifficultyReason.SKILLS_SCARCITY),
    ("Senior data engineer", "southwark", DifficultyReason.PAY),
    ("Lead data analyst", "lambeth", DifficultyReason.OTHER),
]


def seed() -> None:
    services.framework_import_csv(
        data=SAMPLE_FRAMEWORK_CSV.read_bytes(), file_name=SAMPLE_FRAMEWORK_CSV.name
    )
    _seed_loti_framework()
    _seed_salaries()
    _seed_hard_to_fill()
    seed_networks()


def _seed_loti_framework() -> None:
    framework, _ = Framework.objects.get_or_create(
        name=LOTI_FRAMEWORK,
        defaults={
            "slug": "loti-data-capability-framework",
            "description": "LOTI's own skills for outcomes-based, pan-London data work.",
        },
    )
    for name, group, description, levels in LOTI_SKILLS:
        skill, _ = Skill.objects.get_or_create(
            framework=framework, name=name, defaults={"group": group, "description": description}
        )
        for level, text in zip(Proficiency.values, levels, strict=True):
            SkillLevelDescription.objects.get_or_create(
                skill=skill, level=level, defaults={"description": text}
            )


def _lead_of(organisation: Organisation) -> User | None:
    return organisation.people.order_by("pk").first()


def _seed_salaries() -> None:
    this_year = timezone.localdate().year
    organisations = Organisation.objects.in_bulk(field_name="slug")
    levels = {
        level.name: level
        for level in RoleLevel.objects.filter(
            role__family__framework__name=services.GOVERNMENT_FRAMEWORK
        )
    }
    for level_name, offset, slug, minimum, maximum, source in SALARY_RANGES:
        organisation = organisations[slug]
        SalarySubmission.objects.get_or_create(
            organisation=organisation,
            role_level=levels[level_name],
            year=this_year - offset,
            source=source,
            defaults={
                "minimum": minimum,
                "maximum": maximum,
                "submitted_by": _lead_of(organisation),
            },
        )


def _seed_hard_to_fill() -> None:
    organisations = Organisation.objects.in_bulk(field_name="slug")
    levels = {
        level.name: level
        for level in RoleLevel.objects.filter(
            role__family__framework__name=services.GOVERNMENT_FRAMEWORK
        )
    }
    for level_name, slug, reason in HARD_TO_FILL:
        organisation = organisations[slug]
        HardToFillFlag.objects.get_or_create(
            organisation=organisation,
            role_level=levels[level_name],
            defaults={"reason": reason, "flagged_by": _lead_of(organisation)},
        )


# --- Data networks and meet-ups (issue 7) ---

NETWORKS = [
    (
        "data-leaders",
        "Data Leaders (Heads of Data & BI)",
        "Heads of data and business intelligence from London's boroughs and partners share "
        "priorities, shape pan-London data projects and agree what to do together.",
        "Every 4 to 6 weeks, online",
    ),
    (
        "data-managers",
        "Data Managers",
        "People who run data teams and services compare practice on data quality, governance, "
        "information sharing and the tools they use.",
        "Every 2 months, online",
    ),
    (
        "data-scientists",
        "Data Scientists",
        "Analysts and data scientists show their work, learn new methods together and reuse "
        "each other's code and models.",
        "Every 2 months, online and in person",
    ),
]

# The agenda of the Heads of Data & BI meet-up of 23 June 2021 (seed slides): titles and
# organisations only, no people's names.
JUNE_2021_AGENDA = [
    (time(9, 30), "Welcome and introductions", "", "LOTI"),
    (time(9, 40), "LOTI: Data Literacy", "", "LOTI"),
    (time(9, 45), "Lessons Learned: Developing the skills to address Legacy IT", "", "GDS Academy"),
    (time(10, 15), "Discussion: Data Literacy in London public sector", "", ""),
    (time(10, 30), "LOTI: Data Projects Methodology", "", "LOTI"),
    (time(10, 40), "Discussion: Pan-London Data Projects", "", ""),
    (time(10, 50), "Open Agenda: Priorities", "", ""),
    (time(10, 55), "Next Steps", "", "LOTI"),
    (time(11, 0), "Close", "", ""),
]

UPCOMING_TITLE = "Data Leaders meet-up: data literacy, one year on"


def _agenda(rows) -> list[AgendaEntry]:
    return [AgendaEntry(at, title, presenter, org) for at, title, presenter, org in rows]


def _ensure_meetup(network: Network, organiser: User, title: str, day: date, start, end, **extra):
    existing = Meetup.objects.filter(network=network, title=title).first()
    if existing:
        return existing
    return meetup_create(
        network=network,
        by=organiser,
        title=title,
        starts_at=london_datetime(day, start),
        ends_at=london_datetime(day, end),
        **extra,
    )


def seed_networks() -> None:
    networks = {}
    for position, (slug, name, purpose, cadence) in enumerate(NETWORKS):
        networks[slug], _ = Network.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "purpose": purpose, "cadence": cadence, "position": position},
        )
    leaders = networks["data-leaders"]
    organiser = User.objects.get(email="staff@loti.example")
    camden = User.objects.get(email="lead@camden.example")
    lambeth = User.objects.get(email="lead@lambeth.example")
    for person in (camden, lambeth, organiser):
        network_join(network=leaders, user=person)
    network_join(network=networks["data-managers"], user=lambeth)

    _ensure_meetup(
        leaders,
        organiser,
        "Heads of Data & BI Network Meet-up",
        date(2021, 6, 23),
        time(9, 30),
        time(11, 0),
        location="Online (Microsoft Teams)",
        description="Data literacy in London's public sector, lessons on legacy IT skills, "
        "and LOTI's data projects methodology.",
        agenda=_agenda(JUNE_2021_AGENDA),
    )
    _ensure_meetup(
        leaders,
        organiser,
        "Heads of Data & BI Network Meet-up (July)",
        date(2021, 7, 30),
        time(9, 30),
        time(11, 0),
        location="Online (Microsoft Teams)",
    )
    day = timezone.localdate() + timedelta(days=28)
    day += timedelta(days=(2 - day.weekday()) % 7)  # a Wednesday
    upcoming = _ensure_meetup(
        leaders,
        organiser,
        UPCOMING_TITLE,
        day,
        time(9, 30),
        time(11, 0),
        location="LOTI, City Hall, Kamal Chunchie Way, London E16 1ZE",
        online_url="https://teams.microsoft.com/l/meetup-join/loti-data-leaders",
        description="A year after the first data literacy session: what boroughs tried, what "
        "worked, and the pan-London data projects to take on next.",
        tips="Bring photo ID for the front desk. Step-free access from the Royal Victoria DLR. "
        "Joining online? Test your camera and microphone before 9:25.",
        capacity=20,
        agenda=_agenda(
            [
                (time(9, 30), "Welcome and introductions", "", "LOTI"),
                (time(9, 40), "Data literacy programme: one year on", "", "LOTI"),
                (time(10, 10), "Borough show and tell", "Data leads", ""),
                (time(10, 40), "Pan-London data projects: priorities", "", "LOTI"),
                (time(10, 55), "Next steps and close", "", "LOTI"),
            ]
        ),
    )
    if not upcoming.is_past and not upcoming.is_cancelled:
        rsvp_set(meetup=upcoming, user=camden, going=True)
