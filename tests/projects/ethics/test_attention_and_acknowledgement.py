"""What the home page, the project page, the Ethics stage page and the stepper tell each person
as a review goes round: changes requested, conditions to acknowledge, who must act."""

import pytest
from django.urls import reverse

from methodology.checkpoint import Decision
from projects.ethics import services as ethics
from projects.models import ProjectMembership
from tests.factories import UserFactory
from tests.projects.ethics.conftest import decide

pytestmark = pytest.mark.django_db


def ethics_stage(project):
    return reverse("projects:stage", args=[project.pk, "ethics"])


def ethics_step(page: str) -> str:
    """The Ethics step of the stepper, as HTML."""
    start = page.index('stepper-label">Ethics')
    return page[page.rindex("<li", 0, start) : page.index("</li>", start)]


@pytest.fixture
def camden_editor(camden, project):
    editor = UserFactory(email="editor@camden.example", name="Camden Editor", organisation=camden)
    ProjectMembership.objects.create(project=project, user=editor, role="editor")
    return editor


def test_changes_requested_waits_on_the_team_with_the_reason(
    client_for, in_review, camden_lead, loti_staff
):
    decide(in_review, loti_staff, Decision.REQUEST_CHANGES, reasons="Say who sees the addresses.")
    home = client_for(camden_lead).get("/").content.decode()
    assert "Rough sleeping insights: changes requested" in home
    assert "The reviewer asked: Say who sees the addresses." in home
    assert f'href="{ethics_stage(in_review)}#entries"' in home

    step = ethics_step(client_for(camden_lead).get(ethics_stage(in_review)).content.decode())
    assert "Changes requested" in step
    assert "✓" not in step


def test_in_review_is_no_tick_and_says_in_review(client_for, in_review, camden_lead):
    step = ethics_step(client_for(camden_lead).get(in_review.get_absolute_url()).content.decode())
    assert "In review" in step
    assert "✓" not in step


def test_conditions_are_shown_with_the_acknowledge_action_to_the_lead_only(
    client_for, in_review, camden_lead, camden_editor, lambeth_lead, loti_staff
):
    decide(
        in_review,
        loti_staff,
        Decision.APPROVE_WITH_CONDITIONS,
        conditions="Delete the extract after 90 days.",
    )
    lead = client_for(camden_lead)
    home = lead.get("/").content.decode()
    assert "Rough sleeping insights: conditions to acknowledge" in home
    assert "read and acknowledge them" in home
    for url in (in_review.get_absolute_url(), ethics_stage(in_review)):
        page = lead.get(url).content.decode()
        assert "Delete the extract after 90 days." in page
        assert "Acknowledge the conditions" in page
        assert "Approved with conditions: to acknowledge" in ethics_step(page)
        assert "✓" not in ethics_step(page)

    for person in (camden_editor, lambeth_lead):
        page = client_for(person).get(in_review.get_absolute_url()).content.decode()
        assert "Delete the extract after 90 days." in page
        assert "Acknowledge the conditions" not in page
        assert "Waiting for the project lead (Camden Lead) to acknowledge them" in page
    editor_home = client_for(camden_editor).get("/").content.decode()
    assert "waiting for Camden Lead to acknowledge them" in editor_home

    lead = client_for(camden_lead)  # client_for signs the one test client in as each person
    response = lead.post(reverse("projects:ethics_acknowledge", args=[in_review.pk]))
    assert response.status_code == 302
    home = lead.get("/").content.decode()
    assert "No ethics review is waiting on your team." in home
    step = ethics_step(lead.get(in_review.get_absolute_url()).content.decode())
    assert "✓" in step


def test_a_re_review_after_an_edit_waits_on_the_team(
    client_for, in_review, camden_lead, loti_staff
):
    decide(in_review, loti_staff, Decision.APPROVE)
    review = ethics.review_of(in_review)
    ethics.ethics_review_note_stage_change(project=in_review, stage="outcomes", by=camden_lead)
    review.refresh_from_db()
    home = client_for(camden_lead).get("/").content.decode()
    assert "Rough sleeping insights: re-review required" in home


def test_reviewers_see_the_count_and_what_is_assigned_to_them(
    client_for, in_review, loti_staff, ethics_reviewer
):
    home = client_for(loti_staff).get("/").content.decode()
    assert "Ethics reviews waiting (1)" in home
    assert "assigned to you" in home
    assert "1 assigned to you" in home
    other = client_for(ethics_reviewer).get("/").content.decode()
    assert "with Loti Staff" in other


def test_a_reader_from_another_borough_is_not_told_they_can_edit(
    client_for, submitted, lambeth_lead
):
    page = client_for(lambeth_lead).get(ethics_stage(submitted)).content.decode()
    assert "you can edit it again" not in page
    assert "In review" in page


def test_people_on_no_team_get_no_team_reviews_panel(client_for, lambeth_lead):
    assert "waiting on your team" not in client_for(lambeth_lead).get("/").content.decode()
