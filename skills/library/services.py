"""Every change to the capability model, jobs library, salary data and hard-to-fill flags.

Each service takes the person acting and asks ``skills.library.rules`` first: when the rules say
no it raises ``NotAllowed`` before changing anything. Members write only their own
organisation's salary ranges and flags: the organisation always comes from the person acting,
never from a form.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from loti_data.accounts.models import Organisation, User
from loti_data.errors import require
from loti_data.validators import one_line
from skills.library import rules
from skills.library.framework_csv import FrameworkFileError, ParsedFramework, parse_framework_csv
from skills.models import (
    Framework,
    FrameworkImport,
    HardToFillFlag,
    Role,
    RoleFamily,
    RoleLevel,
    RoleLevelSkill,
    SalaryRangeEvent,
    SalarySubmission,
    Skill,
    SkillLevelDescription,
)

GOVERNMENT_FRAMEWORK = "Government Digital and Data Profession Capability Framework"

__all__ = ["GOVERNMENT_FRAMEWORK", "FrameworkFileError"]

NOT_YOURS = "This entry belongs to another organisation."


# --- Capability framework import -------------------------------------------------------------


@dataclass
class ImportReport:
    framework: Framework
    rows: int
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        def describe(counter: Counter) -> str:
            return ", ".join(f"{count} {kind}" for kind, count in counter.items())

        parts = [f"Read {self.rows} rows into {self.framework}."]
        if self.created:
            parts.append(f"Created {describe(self.created)}.")
        if self.updated:
            parts.append(f"Updated {describe(self.updated)}.")
        if not self.changed_anything:
            parts.append("Nothing changed: the library already matched the file.")
        return " ".join(parts)


def framework_import_csv(
    *,
    data: bytes | str,
    by: User,
    framework_name: str = GOVERNMENT_FRAMEWORK,
    file_name: str = "",
) -> ImportReport:
    """Import the framework's CSV export: all of it or, on any problem, none of it.

    1. Only library admins import (NotAllowed otherwise).
    2. Parse and check every row (FrameworkFileError names the row and column).
    3. In one transaction, create what is new and update in place what changed, matching on
       names, so a second run of the same file changes nothing.
    4. Record the import as a history row when it changed something.
    """
    require(rules.manages_library(by), "Only library admins import capability frameworks.")
    parsed = parse_framework_csv(data)
    with transaction.atomic():
        framework, created = Framework.objects.get_or_create(
            name=framework_name.strip(), defaults={"slug": _unique_framework_slug(framework_name)}
        )
        report = ImportReport(framework=framework, rows=parsed.rows)
        if created:
            report.created["framework"] += 1
        families = _sync_families(framework, parsed, report)
        roles = _sync_roles(families, parsed, report)
        levels = _sync_levels(roles, parsed, report)
        skills = _sync_skills(framework, parsed, report)
        _sync_skill_levels(skills, parsed, report)
        _sync_needs(levels, skills, parsed, report)
        if report.changed_anything:
            FrameworkImport.objects.create(
                framework=framework,
                file_name=one_line(file_name)[:200],
                rows=parsed.rows,
                summary=report.summary(),
                imported_by=by,
            )
    return report


def _unique_framework_slug(name: str) -> str:
    base = slugify(name)[:140] or "framework"
    slug, number = base, 1
    while Framework.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _apply(obj, values: dict, report: ImportReport, kind: str) -> None:
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        report.updated[kind] += 1


def _sync_families(framework, parsed: ParsedFramework, report) -> dict[str, RoleFamily]:
    existing = {family.name: family for family in framework.families.all()}
    new = [
        RoleFamily(framework=framework, name=name)
        for name in parsed.families
        if name not in existing
    ]
    if new:
        RoleFamily.objects.bulk_create(new)
        report.created["role families"] += len(new)
        existing = {family.name: family for family in framework.families.all()}
    return existing


def _sync_roles(families, parsed: ParsedFramework, report) -> dict[tuple[str, str], Role]:
    def load():
        return {
            (role.family.name, role.name): role
            for role in Role.objects.filter(family__in=families.values()).select_related("family")
        }

    existing = load()
    new = []
    for key, seen in parsed.roles.items():
        if key in existing:
            _apply(existing[key], {"description": seen.value}, report, "role descriptions")
        else:
            new.append(Role(family=families[key[0]], name=key[1], description=seen.value))
    if new:
        Role.objects.bulk_create(new)
        report.created["roles"] += len(new)
        existing = load()
    return existing


def _sync_levels(roles, parsed: ParsedFramework, report) -> dict[tuple[str, str, str], RoleLevel]:
    def load():
        return {
            (level.role.family.name, level.role.name, level.name): level
            for level in RoleLevel.objects.filter(role__in=roles.values()).select_related(
                "role__family"
            )
        }

    existing = load()
    positions: Counter = Counter()
    new = []
    for key, fields in parsed.levels.items():
        role_key = key[:2]
        values = {
            "description": fields["role level description"].value,
            "role_type": fields["role type"].value,
            "position": positions[role_key],
        }
        positions[role_key] += 1
        if key in existing:
            _apply(existing[key], values, report, "role levels")
        else:
            new.append(RoleLevel(role=roles[role_key], name=key[2], **values))
    if new:
        RoleLevel.objects.bulk_create(new)
        report.created["role levels"] += len(new)
        existing = load()
    return existing


def _sync_skills(framework, parsed: ParsedFramework, report) -> dict[str, Skill]:
    existing = {skill.name: skill for skill in framework.skills.all()}
    new = []
    for name, seen in parsed.skills.items():
        if name in existing:
            _apply(existing[name], {"description": seen.value}, report, "skill descriptions")
        else:
            new.append(
                Skill(
                    framework=framework,
                    name=name,
                    description=seen.value,
                    group=parsed.skill_groups[name],
                )
            )
    if new:
        Skill.objects.bulk_create(new)
        report.created["skills"] += len(new)
        existing = {skill.name: skill for skill in framework.skills.all()}
    return existing


def _sync_skill_levels(skills, parsed: ParsedFramework, report) -> None:
    existing = {
        (item.skill_id, item.level): item
        for item in SkillLevelDescription.objects.filter(skill__in=skills.values())
    }
    new = []
    for (skill_name, level), seen in parsed.skill_levels.items():
        skill = skills[skill_name]
        item = existing.get((skill.pk, level))
        if item:
            _apply(item, {"description": seen.value}, report, "skill level descriptions")
        else:
            new.append(SkillLevelDescription(skill=skill, level=level, description=seen.value))
    if new:
        SkillLevelDescription.objects.bulk_create(new)
        report.created["skill level descriptions"] += len(new)


def _sync_needs(levels, skills, parsed: ParsedFramework, report) -> None:
    existing = {
        (need.role_level_id, need.skill_id): need
        for need in RoleLevelSkill.objects.filter(role_level__in=levels.values())
    }
    new = []
    for (family, role, level_name, skill_name), (level, _row) in parsed.needs.items():
        role_level, skill = levels[(family, role, level_name)], skills[skill_name]
        need = existing.get((role_level.pk, skill.pk))
        if need:
            _apply(need, {"level": level}, report, "skill levels needed")
        else:
            new.append(RoleLevelSkill(role_level=role_level, skill=skill, level=level))
    if new:
        RoleLevelSkill.objects.bulk_create(new)
        report.created["skills needed"] += len(new)


# --- Salary ranges ---------------------------------------------------------------------------

SALARY_FIELDS = ("role_level", "year", "minimum", "maximum", "source")


def _stored_own(model, entry, by: User):
    """The entry as stored, locked, once the rules say it is the person's own: the check reads
    the database, so an object changed in memory cannot move to another organisation."""
    stored = model.objects.select_for_update().get(pk=entry.pk)
    require(rules.is_own_entry(by, stored), NOT_YOURS)
    return stored


def _refuse_too_many_changes(organisation_id: int, role_level_id: int, year: int) -> None:
    """Enforce ``rules.salary_change_refusal`` for one organisation, role level and year. The
    organisation's row is locked first, so simultaneous requests are counted one after another."""
    Organisation.objects.select_for_update().filter(pk=organisation_id).first()
    since = timezone.now() - rules.SALARY_CHANGE_WINDOW
    changes_at = list(
        SalaryRangeEvent.objects.filter(
            organisation_id=organisation_id, role_level_id=role_level_id, year=year, at__gt=since
        ).values_list("at", flat=True)
    )
    if refusal := rules.salary_change_refusal(changes_at):
        raise ValidationError(refusal, code="too_many_changes")


def _record(submission: SalarySubmission, action: str, by: User) -> None:
    SalaryRangeEvent.objects.create(
        submission=submission if action != SalaryRangeEvent.Action.DELETED else None,
        action=action,
        organisation_id=submission.organisation_id,
        role_level_id=submission.role_level_id,
        year=submission.year,
        minimum=submission.minimum,
        maximum=submission.maximum,
        source=submission.source,
        by=by,
    )


@transaction.atomic
def salary_submission_create(
    *, by: User, role_level: RoleLevel, year: int, minimum: int, maximum: int, source: str
) -> SalarySubmission:
    """Record a salary range for the submitter's own organisation (raises ValidationError)."""
    require(rules.may_share(by), "Only active members share salary ranges.")
    submission = SalarySubmission(
        organisation=by.organisation,
        role_level=role_level,
        year=year,
        minimum=minimum,
        maximum=maximum,
        source=source,
        submitted_by=by,
    )
    submission.full_clean()
    _refuse_too_many_changes(submission.organisation_id, submission.role_level_id, year)
    submission.save()
    _record(submission, SalaryRangeEvent.Action.CREATED, by)
    return submission


@transaction.atomic
def salary_submission_update(
    *, submission: SalarySubmission, by: User, **values
) -> SalarySubmission:
    """Change one of the member's own organisation's ranges (raises ValidationError)."""
    submission = _stored_own(SalarySubmission, submission, by)
    before = (submission.role_level_id, submission.year)
    for name in SALARY_FIELDS:
        if name in values:
            setattr(submission, name, values[name])
    submission.submitted_by = by
    submission.full_clean()
    # A range moved to another level or year changes the figures of both.
    for role_level_id, year in {before, (submission.role_level_id, submission.year)}:
        _refuse_too_many_changes(submission.organisation_id, role_level_id, year)
    submission.save()
    _record(submission, SalaryRangeEvent.Action.CHANGED, by)
    return submission


@transaction.atomic
def salary_submission_delete(*, submission: SalarySubmission, by: User) -> None:
    """Delete one of the member's own organisation's ranges (raises ValidationError)."""
    submission = _stored_own(SalarySubmission, submission, by)
    _refuse_too_many_changes(submission.organisation_id, submission.role_level_id, submission.year)
    _record(submission, SalaryRangeEvent.Action.DELETED, by)
    submission.delete()


# --- Hard-to-fill roles ----------------------------------------------------------------------


@transaction.atomic
def hard_to_fill_flag_set(
    *, by: User, role_level: RoleLevel, reason: str, note: str = ""
) -> HardToFillFlag:
    """Flag (or re-flag with a new reason) a role level the member's organisation struggles with."""
    require(rules.may_share(by), "Only active members flag hard-to-fill role levels.")
    flag = HardToFillFlag.objects.filter(
        organisation=by.organisation, role_level=role_level
    ).first()
    if flag is None:
        flag = HardToFillFlag(organisation=by.organisation, role_level=role_level)
    flag.reason, flag.note, flag.flagged_by = reason, note, by
    flag.full_clean()
    flag.save()
    return flag


@transaction.atomic
def hard_to_fill_flag_withdraw(*, flag: HardToFillFlag, by: User) -> None:
    _stored_own(HardToFillFlag, flag, by).delete()
