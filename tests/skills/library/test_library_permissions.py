"""Only library admins change the library (Django admin, CSV import and export)."""

import pytest
from django.urls import reverse

from loti_data.accounts import roles
from skills.models import Framework, Role, RoleLevel, SalarySubmission, Skill
from tests.factories import UserFactory
from tests.skills.library.factories import (
    RoleLevelSkillFactory,
    SalarySubmissionFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    "framework",
    "frameworkimport",
    "skill",
    "skillleveldescription",
    "rolefamily",
    "role",
    "rolelevel",
    "rolelevelskill",
    "salarysubmission",
    "salaryrangeevent",
    "hardtofillflag",
]
IMPORT_EXPORT = [
    "framework",
    "skill",
    "skillleveldescription",
    "rolefamily",
    "role",
    "rolelevel",
    "rolelevelskill",
    "salarysubmission",
    "hardtofillflag",
]


@pytest.fixture
def plain_staff(loti):
    """Can open the admin (is_staff) but is not a library admin."""
    return UserFactory(organisation=loti, is_staff=True, groups=[roles.LOTI_STAFF])


@pytest.mark.parametrize("model", MODELS)
def test_library_admins_manage_every_model(client_for, library_admin, model):
    RoleLevelSkillFactory()
    client = client_for(library_admin)
    assert client.get(reverse(f"admin:skills_{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", IMPORT_EXPORT)
def test_library_admins_can_import_and_export_csv(client_for, library_admin, model):
    client = client_for(library_admin)
    assert client.get(reverse(f"admin:skills_{model}_import")).status_code == 200
    assert client.get(reverse(f"admin:skills_{model}_export")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_other_admin_users_cannot_see_the_library(client_for, plain_staff, model):
    client = client_for(plain_staff)
    assert client.get(reverse(f"admin:skills_{model}_changelist")).status_code == 403


@pytest.mark.parametrize("model", IMPORT_EXPORT)
def test_other_admin_users_cannot_import_or_export(client_for, plain_staff, model):
    client = client_for(plain_staff)
    assert client.get(reverse(f"admin:skills_{model}_import")).status_code == 403
    assert client.get(reverse(f"admin:skills_{model}_export")).status_code == 403


def test_a_library_admin_edits_a_role_level_with_its_skills(client_for, library_admin):
    need = RoleLevelSkillFactory()
    level = need.role_level
    client = client_for(library_admin)
    response = client.get(reverse("admin:skills_rolelevel_change", args=[level.pk]))
    assert response.status_code == 200
    assert need.skill.name in response.content.decode()


def test_the_admin_export_of_salaries_is_for_library_admins_only(
    client_for, library_admin, camden_lead
):
    SalarySubmissionFactory(minimum=43_210)
    response = client_for(camden_lead).get(reverse("admin:skills_salarysubmission_changelist"))
    assert response.status_code == 302  # members are not admin users at all
    response = client_for(library_admin).post(
        reverse("admin:skills_salarysubmission_export"), {"format": "0", "resource": "0"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["camden_lead", "loti_staff", "ethics_reviewer"])
def test_members_cannot_reach_library_admin_pages(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(reverse("admin:skills_skill_add"))
    assert response.status_code in (302, 403)
    assert not Skill.objects.exists()
    assert not Framework.objects.exists() and not Role.objects.exists()
    assert not RoleLevel.objects.exists() and not SalarySubmission.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "skills:index",
        "skills:role_list",
        "skills:compare",
        "skills:skill_list",
        "skills:salaries",
        "skills:salary_export",
        "skills:my_salaries",
        "skills:salary_create",
        "skills:hard_to_fill",
        "skills:hard_to_fill_flag",
    ],
)
@pytest.mark.parametrize("persona", ["camden_lead", "lambeth_lead", "loti_staff", "library_admin"])
def test_every_signed_in_person_may_use_the_member_pages(request, client_for, persona, name):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse(name)).status_code == 200
