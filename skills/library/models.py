"""The capability model, jobs library, salary benchmarks and hard-to-fill flags.

Frameworks, skills with a description per proficiency level, role families → roles → role levels
and the skills each level needs; organisations' salary ranges and hard-to-fill flags. Library
admins keep the library in the Django admin; members read it and write their own organisation's
salary and recruitment entries."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from loti_data.accounts.models import Organisation
from loti_data.validators import single_line, storable_text
from skills.library.salaries import salary_range_problems


class Proficiency(models.IntegerChoices):
    """The four skill levels of the government framework, in order, so levels can be compared."""

    AWARENESS = 1, "Awareness"
    WORKING = 2, "Working"
    PRACTITIONER = 3, "Practitioner"
    EXPERT = 4, "Expert"


class SkillGroup(models.TextChoices):
    DIGITAL = "digital", "Digital"
    DATA = "data", "Data"
    INNOVATION = "innovation", "Innovation"


class Framework(models.Model):
    """A capability framework: the government Digital and Data one, or LOTI's own."""

    name = models.CharField(max_length=150, unique=True, validators=[single_line])
    slug = models.SlugField(max_length=150, unique=True)
    description = models.TextField(blank=True, validators=[storable_text])
    source_url = models.URLField(
        "source", blank=True, help_text="Where the framework is published."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FrameworkImport(models.Model):
    """History: an import of the framework's CSV that changed the library (append-only)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=200, blank=True)
    rows = models.PositiveIntegerField()
    summary = models.TextField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.framework} import, {self.imported_at:%d %b %Y %H:%M}"


class Skill(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(max_length=200, validators=[single_line])
    group = models.CharField(
        max_length=20,
        choices=SkillGroup.choices,
        default=SkillGroup.DIGITAL,
        help_text="Set from the role family when a skill is first imported; imports never "
        "change it afterwards, so a correction made here stays.",
    )
    description = models.TextField(blank=True, validators=[storable_text])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="skill_unique_in_framework")
        ]
        indexes = [models.Index(fields=["group"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("skills:skill_detail", args=[self.pk])


class SkillLevelDescription(models.Model):
    """What someone can do with a skill at one proficiency level."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="level_descriptions")
    level = models.PositiveSmallIntegerField(choices=Proficiency.choices)
    description = models.TextField(blank=True, validators=[storable_text])

    class Meta:
        ordering = ["skill", "level"]
        constraints = [
            models.UniqueConstraint(fields=["skill", "level"], name="one_description_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_level_display()})"


class RoleFamily(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="families")
    name = models.CharField(max_length=150, validators=[single_line])
    description = models.TextField(blank=True, validators=[storable_text])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "role families"
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="family_unique_in_framework")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    family = models.ForeignKey(RoleFamily, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(max_length=150, validators=[single_line])
    description = models.TextField(blank=True, validators=[storable_text])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["family", "name"], name="role_unique_in_family")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("skills:role_detail", args=[self.pk])


class RoleLevel(models.Model):
    """One step of a role's career path, e.g. senior data analyst."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(max_length=150, validators=[single_line])
    description = models.TextField(blank=True, validators=[storable_text])
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Seniority within the role: lower comes first (associate … principal)."
    )
    role_type = models.CharField(
        max_length=150,
        blank=True,
        help_text="The framework's 'role type', e.g. whether the level is a Senior Civil "
        "Service role.",
        validators=[single_line],
    )
    skills = models.ManyToManyField(Skill, through="RoleLevelSkill", related_name="role_levels")

    class Meta:
        ordering = ["role", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["role", "name"], name="level_unique_in_role")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("skills:role_level", args=[self.pk])


class RoleLevelSkill(models.Model):
    """A skill a role level needs, at a proficiency level."""

    role_level = models.ForeignKey(RoleLevel, on_delete=models.CASCADE, related_name="needs")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="needed_by")
    level = models.PositiveSmallIntegerField(choices=Proficiency.choices)

    class Meta:
        ordering = ["role_level", "skill__name"]
        verbose_name = "skill needed"
        verbose_name_plural = "skills needed"
        constraints = [
            models.UniqueConstraint(fields=["role_level", "skill"], name="skill_once_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.role_level}: {self.skill} ({self.get_level_display()})"


class SalarySource(models.TextChoices):
    ADVERTISED = "advertised", "Advertised"
    ACTUAL = "actual", "Actual"


class SalarySubmission(models.Model):
    """One organisation's salary range for a role level in a year.

    Figures are confidential to the organisation (and library admins): everyone else only ever
    sees what the disclosure rule in ``skills/library/salaries.py`` publishes.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="salary_submissions"
    )
    role_level = models.ForeignKey(
        RoleLevel, on_delete=models.CASCADE, related_name="salary_submissions"
    )
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    minimum = models.PositiveIntegerField("minimum (£ a year)")
    maximum = models.PositiveIntegerField("maximum (£ a year)")
    source = models.CharField(max_length=20, choices=SalarySource.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "role_level__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role_level", "year", "source"],
                name="one_salary_range_per_org_level_year_source",
                violation_error_message="Your organisation has already given a range from this "
                "source for this role level and year: change that one instead.",
            ),
            models.CheckConstraint(
                condition=models.Q(minimum__lte=models.F("maximum")),
                name="salary_minimum_not_above_maximum",
                violation_error_message="The minimum must not be more than the maximum.",
            ),
        ]
        indexes = [models.Index(fields=["role_level", "year"])]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.role_level} {self.year} ({self.get_source_display()})"

    def clean(self) -> None:
        super().clean()
        problems = salary_range_problems(year=self.year, minimum=self.minimum, maximum=self.maximum)
        if problems:
            raise ValidationError(problems)

    @property
    def midpoint(self) -> float:
        return (self.minimum + self.maximum) / 2


class SalaryRangeEvent(models.Model):
    """History: every create, change and deletion of a salary range (append-only).

    Keeps the figures as they were after the action, so a deleted range is still on record.
    Library admins read it in the Django admin; members never see it.
    """

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        CHANGED = "changed", "Changed"
        DELETED = "deleted", "Deleted"

    submission = models.ForeignKey(
        SalarySubmission, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role_level = models.ForeignKey(RoleLevel, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    minimum = models.PositiveIntegerField()
    maximum = models.PositiveIntegerField()
    source = models.CharField(max_length=20, choices=SalarySource.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.organisation}, {self.role_level} {self.year}"


class DifficultyReason(models.TextChoices):
    PAY = "pay", "Pay"
    SKILLS_SCARCITY = "skills_scarcity", "Skills scarcity"
    OTHER = "other", "Other"


class HardToFillFlag(models.Model):
    """An organisation struggles to recruit for a role level."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="hard_to_fill_flags"
    )
    role_level = models.ForeignKey(
        RoleLevel, on_delete=models.CASCADE, related_name="hard_to_fill_flags"
    )
    reason = models.CharField(max_length=20, choices=DifficultyReason.choices)
    note = models.TextField(
        blank=True,
        max_length=1000,
        help_text="Optional: what makes it hard (kept to LOTI).",
        validators=[storable_text],
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "hard-to-fill flag"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role_level"], name="one_flag_per_org_and_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.role_level} ({self.get_reason_display()})"
