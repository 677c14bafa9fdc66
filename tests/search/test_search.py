"""Search as a member uses it: ranking, stems, typos, highlights, filters, who finds what, and
input that must never break the page."""

import pytest
from django.urls import reverse

from loti_data.accounts.models import Organisation
from projects.backlog import services as backlog
from projects.canvas import services as canvas
from projects.models import Outcome, Theme
from skills.library.models import Framework, Role, RoleFamily, RoleLevel, SalarySubmission
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


def results(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response, response.content.decode()


def titles(response):
    return [str(result.title) for result in response.context["results"]]


@pytest.fixture
def camden_project(camden_lead):
    return ProjectFactory(
        title="Rough sleeping insights",
        summary="People new to the streets are not found in their first nights.",
        created_by=camden_lead,
    )


def add_outcome(project, by, who, how="They keep their homes."):
    return canvas.entry_save(
        project=project, by=by, version=0, entry=Outcome(who=who, how=how), links=()
    ).entry


def test_title_ranks_above_summary_above_entry(client_for, camden_lead, lambeth_lead):
    in_entry = ProjectFactory(title="Care leavers", summary="Young adults.", created_by=camden_lead)
    add_outcome(in_entry, camden_lead, "Families facing eviction")
    in_summary = ProjectFactory(
        title="Arrears early help", summary="Eviction notices arrive late.", created_by=camden_lead
    )
    in_title = ProjectFactory(
        title="Eviction prevention", summary="Tenancies at risk.", created_by=camden_lead
    )
    response, _ = results(client_for(lambeth_lead), q="eviction")
    assert [r.url for r in response.context["results"]] == [
        in_title.get_absolute_url(),
        in_summary.get_absolute_url(),
        in_entry.get_absolute_url(),
    ]


def test_stemming_and_highlighting(client_for, camden_lead, lambeth_lead):
    ProjectFactory(
        title="Preventing homelessness early",
        summary="Families reach <crisis> before anyone sees it.",
        created_by=camden_lead,
    )
    response, html = results(client_for(lambeth_lead), q="homeless")
    assert titles(response) == ["Preventing <mark>homelessness</mark> early"]
    assert "<mark>homelessness</mark>" in html
    assert "&lt;crisis&gt;" in html or "<crisis>" not in html  # stored text is escaped


def test_a_typo_still_finds_the_word(client_for, camden_lead, lambeth_lead):
    ProjectFactory(title="Preventing homelessness early", created_by=camden_lead)
    response, html = results(client_for(lambeth_lead), q="homelesness")
    assert titles(response) == ["Preventing <mark>homelessness</mark> early"]
    assert "Also showing results for" in html


def test_canvas_entries_themes_and_changes_are_found(client_for, camden_lead, lambeth_lead):
    project = ProjectFactory(title="Street outreach", created_by=camden_lead)
    outcome = add_outcome(project, camden_lead, "Veterans sleeping outside")
    client = client_for(lambeth_lead)
    assert titles(results(client, q="veterans")[0]) == ["Street outreach"]
    # An entry edited through the service is found by its new words only.
    outcome.who = "Pensioners sleeping outside"
    canvas.entry_save(project=project, by=camden_lead, version=1, entry=outcome, links=())
    assert titles(results(client, q="veterans")[0]) == []
    assert titles(results(client, q="pensioners")[0]) == ["Street outreach"]
    project.themes.add(Theme.objects.get(name="Housing"))
    assert titles(results(client, q="housing")[0]) == ["Street outreach"]
    project.delete()
    assert titles(results(client, q="pensioners")[0]) == []


def test_filters_by_kind_and_organisation(client_for, camden_lead, lambeth_lead, lambeth):
    ProjectFactory(title="Camden fly-tipping", created_by=camden_lead)
    ProjectFactory(title="Lambeth fly-tipping", created_by=lambeth_lead)
    client = client_for(lambeth_lead)
    response, _ = results(client, q="fly-tipping", organisation=lambeth.pk)
    assert (
        titles(response) == ["<mark>Lambeth</mark> <mark>fly-tipping</mark>"]
        or len(response.context["results"]) == 1
    )
    response, _ = results(client, q="fly-tipping", kind="meetup")
    assert response.context["results"] == []
    response, _ = results(client, q="fly-tipping", kind="no-such-kind", organisation="x")
    assert len(response.context["results"]) == 2


def test_private_notes_only_for_loti_staff(client_for, camden_project, loti_staff, lambeth_lead):
    backlog.triage_note_add(project=camden_project, text="Funding wobbly: zebra", by=loti_staff)
    response, html = results(client_for(lambeth_lead), q="zebra")
    assert response.context["results"] == [] and "wobbly" not in html
    response, html = results(client_for(lambeth_lead), q="zebra", kind="triage-note")
    assert response.context["results"] == []
    response, html = results(client_for(loti_staff), q="zebra")
    assert [r.label for r in response.context["results"]] == ["Private triage note"]


def test_salary_figures_never_appear(client_for, camden_lead, library_admin):
    framework = Framework.objects.create(name="Test framework")
    family = RoleFamily.objects.create(framework=framework, name="Data")
    role = Role.objects.create(family=family, name="Data engineer", description="Pipelines.")
    level = RoleLevel.objects.create(role=role, name="Senior data engineer")
    SalarySubmission.objects.create(
        organisation=camden_lead.organisation,
        role_level=level,
        year=2026,
        minimum=45678,
        maximum=56789,
        source="advertised",
        submitted_by=camden_lead,
    )
    for person in (camden_lead, library_admin):
        response, html = results(client_for(person), q="engineer")
        assert [r.label for r in response.context["results"]] == ["Jobs library: role"]
        assert "45678" not in html and "45,678" not in html and "56,789" not in html
        response, html = results(client_for(person), q="45678")
        assert response.context["results"] == []


def test_the_page_asks_a_constant_number_of_queries(
    client_for, camden_lead, lambeth_lead, django_assert_max_num_queries
):
    for n in range(25):
        ProjectFactory(title=f"Rough sleeping count {n}", created_by=camden_lead)
    client = client_for(lambeth_lead)
    client.get(URL, {"q": "sleeping"})  # warm the session
    with django_assert_max_num_queries(12):
        response, _ = results(client, q="sleeping")
    assert len(response.context["results"]) == 20
    with django_assert_max_num_queries(12):
        results(client, q="sleping", page=2)


HOSTILE = [
    '"',
    '"unclosed quote',
    "a & b | !c <-> d:*",
    "-",
    "OR AND NOT",
    "' OR 1=1 --",
    "x" * 10_000,
    "nul\x00byte",
    "🙂🏠 homeless",
    "שלום עולם",
    "\u202eevil",
    "<script>alert(1)</script>",
    "%",
    "\\",
    "the",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_page(client_for, camden_project, lambeth_lead, query):
    _, html = results(client_for(lambeth_lead), q=query, page="99999", organisation="-1")
    assert "<script>alert(1)</script>" not in html


def test_an_empty_query_explains_what_to_do(client_for, lambeth_lead):
    _, html = results(client_for(lambeth_lead), q="   ")
    assert "What are you looking for?" in html


def test_signed_out_people_are_sent_to_log_in(client):
    assert client.get(URL, {"q": "data"}).status_code == 302


def test_every_page_has_the_search_box(client_for, lambeth_lead):
    html = client_for(lambeth_lead).get(reverse("home")).content.decode()
    assert 'id="header-search-q"' in html and f'action="{URL}"' in html


def test_people_of_any_organisation_find_every_project(client_for, camden_project, loti_staff):
    hackney = Organisation.objects.get(slug="hackney")
    for person in (UserFactory(email="x@hackney.example", organisation=hackney), loti_staff):
        response, _ = results(client_for(person), q="rough")
        assert titles(response) == ["<mark>Rough</mark> sleeping insights"]
