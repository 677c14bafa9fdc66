"""Every list page and the role level page: the same number of queries for 1 row as for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OrganisationFactory
from tests.skills.library.factories import (
    HardToFillFlagFactory,
    RoleFactory,
    RoleLevelFactory,
    RoleLevelSkillFactory,
    SalarySubmissionFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

BUDGET = 12


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def roles(n, user):
    for _ in range(n):
        RoleLevelFactory.create_batch(2, role=RoleFactory())
    return reverse("skills:index")


def role_search(n, user):
    roles(n, user)
    return reverse("skills:role_list") + "?q=Role"


def role_levels(n, user):
    role = RoleFactory()
    RoleLevelFactory.create_batch(n, role=role)
    return reverse("skills:role_detail", args=[role.pk])


def skills(n, user):
    for _ in range(n):
        RoleLevelSkillFactory()
    return reverse("skills:skill_list")


def level_with_skills_and_salaries(n, user):
    level = RoleLevelFactory()
    RoleLevelFactory(role=level.role)
    for _ in range(n):
        RoleLevelSkillFactory(role_level=level)
        SalarySubmissionFactory(role_level=level, organisation=OrganisationFactory())
    SalarySubmissionFactory(role_level=level, organisation=user.organisation)
    HardToFillFlagFactory(role_level=level, organisation=user.organisation)
    return level.get_absolute_url()


def comparison(n, user):
    first, second = RoleLevelFactory(), RoleLevelFactory()
    for _ in range(n):
        skill = SkillFactory()
        RoleLevelSkillFactory(role_level=first, skill=skill)
        RoleLevelSkillFactory(role_level=second, skill=skill, level=4)
    return reverse("skills:compare") + f"?a={first.pk}&b={second.pk}"


def levels_needing_a_skill(n, user):
    skill = SkillFactory()
    for _ in range(n):
        RoleLevelSkillFactory(skill=skill)
    return skill.get_absolute_url()


def benchmarks(n, user):
    organisations = [OrganisationFactory() for _ in range(5)]  # enough to publish
    for _ in range(n):
        level = RoleLevelFactory()
        for organisation in organisations:
            SalarySubmissionFactory(role_level=level, organisation=organisation)
    return reverse("skills:salaries")


def export(n, user):
    benchmarks(n, user)
    return reverse("skills:salary_export")


def own_salaries(n, user):
    for _ in range(n):
        SalarySubmissionFactory(organisation=user.organisation, submitted_by=user)
    return reverse("skills:my_salaries")


def salary_form(n, user):
    RoleLevelFactory.create_batch(n)
    return reverse("skills:salary_create")


def hard_to_fill(n, user):
    for _ in range(n):
        HardToFillFlagFactory(organisation=user.organisation, flagged_by=user)
        HardToFillFlagFactory()
    return reverse("skills:hard_to_fill")


def flag_form(n, user):
    RoleLevelFactory.create_batch(n)
    return reverse("skills:hard_to_fill_flag")


PAGES = [
    roles,
    role_search,
    role_levels,
    skills,
    level_with_skills_and_salaries,
    comparison,
    levels_needing_a_skill,
    benchmarks,
    export,
    own_salaries,
    salary_form,
    hard_to_fill,
    flag_form,
]


@pytest.mark.parametrize("build", PAGES, ids=[build.__name__ for build in PAGES])
def test_queries_do_not_grow_with_rows(build, client_for, camden_lead, django_db_blocker):
    client = client_for(camden_lead)
    one = queries_for(client, build(1, camden_lead))
    fifty = queries_for(client, build(50, camden_lead))
    assert one == fifty
    assert fifty <= BUDGET


def test_role_level_page_with_100_skills_and_500_salaries(client_for, camden_lead):
    client = client_for(camden_lead)
    level = RoleLevelFactory()
    RoleLevelFactory(role=level.role)
    RoleLevelSkillFactory(role_level=level)
    SalarySubmissionFactory(role_level=level, organisation=camden_lead.organisation)
    one = queries_for(client, level.get_absolute_url())
    for _ in range(99):
        RoleLevelSkillFactory(role_level=level)
    for _ in range(499):
        SalarySubmissionFactory(role_level=level, organisation=OrganisationFactory())
    assert queries_for(client, level.get_absolute_url()) == one <= BUDGET
