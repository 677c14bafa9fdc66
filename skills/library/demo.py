"""Demo capability model, jobs library, salary ranges and hard-to-fill flags for `seed_demo`.

Idempotent: the framework import changes nothing the second time, and every other row is
matched on its natural key. The salary ranges are invented; two role levels have enough
organisations for the disclosure rule (``skills.library.salaries``) to publish a benchmark last
year, one of them with enough for the 10th and 90th percentiles; the others are withheld.
"""

from pathlib import Path

from django.utils import timezone

from loti_data.accounts.models import Organisation, User
from skills.library import services
from skills.models import (
    DifficultyReason,
    Framework,
    HardToFillFlag,
    Proficiency,
    RoleLevel,
    SalarySource,
    SalarySubmission,
    Skill,
    SkillGroup,
    SkillLevelDescription,
)

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
    # Eleven organisations last year: published, with the 10th and 90th percentiles.
    ("Data analyst", 1, "camden", 36_000, 42_000, SalarySource.ADVERTISED),
    ("Data analyst", 1, "lambeth", 35_500, 41_000, SalarySource.ADVERTISED),
    ("Data analyst", 1, "hackney", 37_000, 43_500, SalarySource.ACTUAL),
    ("Data analyst", 1, "islington", 38_000, 44_000, SalarySource.ADVERTISED),
    ("Data analyst", 1, "southwark", 36_500, 42_500, SalarySource.ADVERTISED),
    ("Data analyst", 1, "greenwich", 35_000, 40_500, SalarySource.ACTUAL),
    ("Data analyst", 1, "lewisham", 36_000, 41_500, SalarySource.ADVERTISED),
    ("Data analyst", 1, "tower-hamlets", 37_500, 43_000, SalarySource.ADVERTISED),
    ("Data analyst", 1, "newham", 35_500, 42_000, SalarySource.ACTUAL),
    ("Data analyst", 1, "haringey", 36_500, 43_000, SalarySource.ADVERTISED),
    ("Data analyst", 1, "brent", 37_000, 42_500, SalarySource.ADVERTISED),
    # Two this year: withheld.
    ("Data analyst", 0, "camden", 37_500, 43_500, SalarySource.ADVERTISED),
    ("Data analyst", 0, "southwark", 38_500, 45_000, SalarySource.ADVERTISED),
    # Six organisations: published, quartiles and median only.
    ("Senior data analyst", 1, "camden", 45_000, 52_000, SalarySource.ADVERTISED),
    ("Senior data analyst", 1, "lambeth", 46_000, 53_500, SalarySource.ACTUAL),
    ("Senior data analyst", 1, "hackney", 45_500, 52_500, SalarySource.ADVERTISED),
    ("Senior data analyst", 1, "islington", 46_500, 53_000, SalarySource.ADVERTISED),
    ("Senior data analyst", 1, "southwark", 44_500, 51_500, SalarySource.ACTUAL),
    ("Senior data analyst", 1, "greenwich", 45_000, 53_000, SalarySource.ADVERTISED),
    # Three organisations each: withheld.
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


def seed_library() -> None:
    services.framework_import_csv(
        data=SAMPLE_FRAMEWORK_CSV.read_bytes(),
        by=User.objects.get(email="admin@loti.example"),
        file_name=SAMPLE_FRAMEWORK_CSV.name,
    )
    _seed_loti_framework()
    _seed_salaries()
    _seed_hard_to_fill()


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
