"""Who may do what: everyone signed in reads every project; only the team edits; only leads
manage the team. Anonymous visitors are sent to log in (tests/test_login_required.py)."""

import pytest

from methodology.stages import Stage
from projects.models import ProjectMembership, StageEvent
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

READ_PAGES = [
    "/projects/{pk}/",
    "/projects/{pk}/history/",
    "/projects/{pk}/canvas/",
    "/projects/{pk}/canvas.md",
    "/projects/{pk}/why-this-data/",
    *[f"/projects/{{pk}}/stages/{stage}/" for stage in Stage.values],
]


@pytest.fixture
def canvas(filler):
    filler.through(Stage.ACTIONS)
    return filler.project


@pytest.fixture
def editor(canvas, camden):
    user = UserFactory(email="editor@camden.example", organisation=camden)
    ProjectMembership.objects.create(project=canvas, user=user, role="editor")
    return user


def edit_posts(project):
    """Every way to change the project, as (url, data)."""
    outcome = project.outcomes.get()
    action = project.actions.get()
    membership = project.memberships.get()
    return [
        (f"/projects/{project.pk}/edit/", {"title": "Hijacked", "summary": "x"}),
        (f"/projects/{project.pk}/stages/outcomes/", {"version": 1, "who": "x", "how": "y"}),
        (
            f"/projects/{project.pk}/stages/outcomes/{outcome.pk}/edit/",
            {"version": 1, "who": "Hijacked", "how": "y"},
        ),
        (f"/projects/{project.pk}/stages/actions/{action.pk}/delete/", {"version": 2}),
        (f"/projects/{project.pk}/stages/insights/complete/", {"version": 0}),
        (f"/projects/{project.pk}/stages/ethics/", {"version": 0, "legal_use": "Hijacked"}),
        (f"/projects/{project.pk}/team/add/", {"email": "lead@lambeth.example", "role": "lead"}),
        (f"/projects/{project.pk}/team/{membership.pk}/role/", {"role": "editor"}),
        (f"/projects/{project.pk}/team/{membership.pk}/remove/", {}),
        (f"/projects/{project.pk}/partners/add/", {"organisation": 1}),
    ]


@pytest.mark.parametrize("persona", ["camden_lead", "lambeth_lead", "loti_staff", "library_admin"])
def test_every_signed_in_person_reads_every_page(request, client_for, canvas, persona):
    client = client_for(request.getfixturevalue(persona))
    for page in READ_PAGES:
        assert client.get(page.format(pk=canvas.pk)).status_code == 200, page


@pytest.mark.parametrize("persona", ["lambeth_lead", "loti_staff", "ethics_reviewer"])
def test_people_outside_the_team_cannot_change_anything(request, client_for, canvas, persona):
    client = client_for(request.getfixturevalue(persona))
    events = StageEvent.objects.count()
    for url, data in edit_posts(canvas):
        assert client.post(url, data).status_code == 403, url
        if url.endswith(("/edit/", "/delete/", "/team/add/", "/remove/", "/role/")):
            assert client.get(url).status_code in (403, 405), url
    canvas.refresh_from_db()
    assert canvas.title == "Eviction prevention"
    assert canvas.outcomes.get().who == "Residents at risk of eviction"
    assert canvas.actions.exists()
    assert canvas.memberships.count() == 1
    assert not canvas.partnerships.exists()
    assert StageEvent.objects.count() == events


def test_readers_see_no_edit_controls(client_for, lambeth_lead, canvas):
    client = client_for(lambeth_lead)
    for page in READ_PAGES:
        html = client.get(page.format(pk=canvas.pk)).content.decode()
        assert "/edit/" not in html and "/delete/" not in html, page
        assert "Mark " not in html and "Add an" not in html, page
        assert "Manage team" not in html


def test_an_editor_edits_the_canvas_but_not_the_team(client_for, editor, canvas):
    client = client_for(editor)
    response = client.post(
        f"/projects/{canvas.pk}/stages/actions/",
        {
            "version": 2,
            "actor": "Tenancy sustainment team",
            "change": "Call earlier",
            "outcomes": [canvas.outcomes.get().pk],
        },
    )
    assert response.status_code == 302
    assert canvas.actions.count() == 2
    assert client.get(f"/projects/{canvas.pk}/team/").status_code == 403
    response = client.post(f"/projects/{canvas.pk}/team/add/", {"email": editor.email})
    assert response.status_code == 403


def test_a_missing_project_is_404(client_for, camden_lead):
    client = client_for(camden_lead)
    assert client.get("/projects/999999/").status_code == 404
    assert client.post("/projects/999999/stages/outcomes/", {"version": 0}).status_code == 404


def test_an_unknown_stage_is_404(client_for, camden_lead, project):
    assert client_for(camden_lead).get(f"/projects/{project.pk}/stages/nope/").status_code == 404


def test_an_entry_of_another_project_is_404(client_for, camden_lead, canvas):
    other = ProjectFactory(created_by=camden_lead)
    outcome = canvas.outcomes.get()
    client = client_for(camden_lead)
    url = f"/projects/{other.pk}/stages/outcomes/{outcome.pk}/edit/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": 0, "who": "x", "how": "y"}).status_code == 404
    delete = f"/projects/{other.pk}/stages/outcomes/{outcome.pk}/delete/"
    assert client.post(delete, {"version": 0}).status_code == 404
    assert canvas.outcomes.get().who == "Residents at risk of eviction"
