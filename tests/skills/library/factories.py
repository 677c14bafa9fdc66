"""factory_boy factories for the capability model, jobs library and salary data."""

import factory
from django.utils import timezone

from skills.models import (
    DifficultyReason,
    Framework,
    HardToFillFlag,
    Proficiency,
    Role,
    RoleFamily,
    RoleLevel,
    RoleLevelSkill,
    SalarySource,
    SalarySubmission,
    Skill,
)
from tests.factories import OrganisationFactory


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ("name",)

    name = "Test capability framework"
    slug = factory.LazyAttribute(lambda obj: obj.name.lower().replace(" ", "-"))


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    framework = factory.SubFactory(FrameworkFactory)
    name = factory.Sequence(lambda n: f"Skill {n:03d}")
    description = "What the skill involves."


class RoleFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleFamily
        django_get_or_create = ("framework", "name")

    framework = factory.SubFactory(FrameworkFactory)
    name = "Data"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    family = factory.SubFactory(RoleFamilyFactory)
    name = factory.Sequence(lambda n: f"Role {n:03d}")


class RoleLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleLevel

    role = factory.SubFactory(RoleFactory)
    name = factory.Sequence(lambda n: f"Role level {n:03d}")
    description = "What people at this level do."
    position = factory.Sequence(int)


class RoleLevelSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleLevelSkill

    role_level = factory.SubFactory(RoleLevelFactory)
    skill = factory.SubFactory(SkillFactory)
    level = Proficiency.WORKING


class SalarySubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalarySubmission

    organisation = factory.SubFactory(OrganisationFactory)
    role_level = factory.SubFactory(RoleLevelFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year - 1)
    minimum = 40_000
    maximum = 46_000
    source = SalarySource.ADVERTISED


class HardToFillFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HardToFillFlag

    organisation = factory.SubFactory(OrganisationFactory)
    role_level = factory.SubFactory(RoleLevelFactory)
    reason = DifficultyReason.PAY
