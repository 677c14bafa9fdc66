"""Browsing the jobs library and capability model: search, a role level, compare, skill uses."""

import pytest
from django.urls import reverse

from skills.library.demo import SAMPLE_FRAMEWORK_CSV
from skills.library.services import framework_import_csv
from skills.models import Proficiency, RoleLevel, Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(library_admin):
    framework_import_csv(by=library_admin, data=SAMPLE_FRAMEWORK_CSV.read_bytes())


def level(name: str) -> RoleLevel:
    return RoleLevel.objects.get(name=name)


def test_the_landing_page_lists_families_roles_and_levels(client_for, camden_lead, library):
    html = client_for(camden_lead).get(reverse("skills:index")).content.decode()
    assert "Product and delivery" in html
    assert "Associate data analyst" in html and "Head of data analysis" in html


def test_the_landing_page_says_when_the_library_is_empty(client_for, camden_lead):
    html = client_for(camden_lead).get(reverse("skills:index")).content.decode()
    assert "The jobs library is empty" in html


def test_searching_roles_matches_role_and_level_names(client_for, camden_lead, library):
    client = client_for(camden_lead)
    roles = client.get(reverse("skills:role_list"), {"q": "principal"}).context["page"]
    assert list(roles) == []
    roles = client.get(reverse("skills:role_list"), {"q": "senior data sci"}).context["page"]
    assert [role.name for role in roles] == ["Data scientist"]
    roles = client.get(reverse("skills:role_list"), {"q": "data"}).context["page"]
    assert [role.name for role in roles] == ["Data analyst", "Data engineer", "Data scientist"]


def test_searching_skills_by_word_and_group(client_for, camden_lead, library):
    client = client_for(camden_lead)
    skills = client.get(reverse("skills:skill_list"), {"q": "visual"}).context["page"]
    assert [skill.name for skill in skills] == ["Data visualisation"]
    skills = client.get(reverse("skills:skill_list"), {"group": "innovation"}).context["page"]
    assert list(skills) == []


def test_the_role_level_page_shows_skills_levels_and_the_path(client_for, camden_lead, library):
    senior = level("Senior data analyst")
    response = client_for(camden_lead).get(senior.get_absolute_url())
    html = response.content.decode()
    assert "Leads analysis projects" in html
    assert "Data visualisation" in html and "Practitioner" in html
    assert response.context["previous"] == level("Data analyst")
    assert response.context["following"] == level("Lead data analyst")
    compare_url = f"{reverse('skills:compare')}?a={senior.pk}&amp;b={level('Lead data analyst').pk}"
    assert compare_url in html
    assert "No benchmark is published for this level yet." in html


def test_compare_shows_which_skills_grow_and_by_how_much(client_for, camden_lead, library):
    junior, lead = level("Associate data analyst"), level("Lead data analyst")
    response = client_for(camden_lead).get(
        reverse("skills:compare"), {"a": junior.pk, "b": lead.pk}
    )

    rows = {row.skill.name: row for row in response.context["comparison"]}
    communicating = rows["Communicating between the technical and non-technical"]
    assert (communicating.level_a, communicating.level_b) == (
        Proficiency.AWARENESS,
        Proficiency.EXPERT,
    )
    assert communicating.change_text == "Grows 3 levels"
    assert rows["Strategic thinking"].change_text == "New skill"
    assert rows["Data analysis and synthesis"].change_text == "Grows 2 levels"
    first = response.context["comparison"][0]
    assert first.change == 3  # biggest growth first
    assert "Grows 3 levels" in response.content.decode()


def test_compare_notes_skills_no_longer_needed(client_for, camden_lead, library):
    lead, head = level("Lead data analyst"), level("Head of data analysis")
    response = client_for(camden_lead).get(reverse("skills:compare"), {"a": lead.pk, "b": head.pk})
    rows = {row.skill.name: row for row in response.context["comparison"]}
    assert rows["Data visualisation"].change_text == "No longer needed"
    assert rows["Data governance"].change_text == "Grows 1 level"


def test_compare_with_only_one_level_picks_the_next_one(client_for, camden_lead, library):
    response = client_for(camden_lead).get(
        reverse("skills:compare"), {"a": level("Data scientist").pk}
    )
    assert response.context["form"].cleaned_data["b"] == level("Senior data scientist")
    assert response.context["comparison"]


def test_compare_refuses_the_same_level_twice(client_for, camden_lead, library):
    analyst = level("Data analyst")
    response = client_for(camden_lead).get(
        reverse("skills:compare"), {"a": analyst.pk, "b": analyst.pk}
    )
    assert response.context["comparison"] is None
    assert "Choose a different role level" in response.content.decode()


@pytest.mark.parametrize("query", [{"a": 99999, "b": "x"}, {"a": "x"}, {"a": "99999"}])
def test_compare_with_an_unknown_level_is_a_form_error(client_for, camden_lead, library, query):
    response = client_for(camden_lead).get(reverse("skills:compare"), query)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_which_role_levels_need_a_skill(client_for, camden_lead, library):
    skill = Skill.objects.get(name="Machine learning")
    client = client_for(camden_lead)

    needs = client.get(skill.get_absolute_url()).context["page"]
    assert [need.role_level.name for need in needs] == [
        "Lead data scientist",
        "Senior data scientist",
        "Data scientist",
    ]
    needs = client.get(skill.get_absolute_url(), {"at_least": Proficiency.PRACTITIONER}).context[
        "page"
    ]
    assert [need.role_level.name for need in needs] == [
        "Lead data scientist",
        "Senior data scientist",
    ]
    html = client.get(skill.get_absolute_url()).content.decode()
    assert "Trains and evaluates standard models with guidance." in html


@pytest.mark.parametrize("name", ["skills:role_detail", "skills:role_level", "skills:skill_detail"])
def test_unknown_ids_are_not_found(client_for, camden_lead, name):
    assert client_for(camden_lead).get(reverse(name, args=[12345])).status_code == 404
