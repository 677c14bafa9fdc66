"""Members register their organisation's interest; the project's lead accepts partners."""

import pytest
from django.core import mail

from projects.backlog import services as triage
from projects.models import Interest, ProjectPartner
from tests.factories import UserFactory
from tests.support.outbox import deliver_owed

pytestmark = pytest.mark.django_db


def register(client, project, message=""):
    return client.post(
        f"/backlog/projects/{project.pk}/interest/", {"interest-message": message}, follow=True
    )


def test_a_member_registers_their_organisations_interest_once(
    client_for, lambeth_lead, camden_project
):
    client = client_for(lambeth_lead)
    response = register(client, camden_project, "We have the same problem")
    assert "Lambeth is registered as interested" in response.content.decode()
    interest = Interest.objects.get()
    assert (interest.organisation, interest.registered_by, interest.status) == (
        lambeth_lead.organisation,
        lambeth_lead,
        "interested",
    )
    camden_project.refresh_from_db()
    assert camden_project.interest_count == 1
    # A colleague from the same organisation cannot register it twice.
    colleague = UserFactory(organisation=lambeth_lead.organisation)
    response = register(client_for(colleague), camden_project)
    assert "Lambeth has already registered its interest" in response.content.decode()
    assert Interest.objects.count() == 1


def test_interest_can_be_withdrawn_and_registered_again(client_for, lambeth_lead, camden_project):
    client = client_for(lambeth_lead)
    register(client, camden_project)
    response = client.post(f"/backlog/projects/{camden_project.pk}/interest/withdraw/", follow=True)
    assert "Lambeth&#x27;s interest is withdrawn" in response.content.decode()
    camden_project.refresh_from_db()
    assert camden_project.interest_count == 0
    register(client, camden_project)
    assert list(Interest.objects.order_by("id").values_list("status", flat=True)) == [
        "withdrawn",
        "interested",
    ]
    camden_project.refresh_from_db()
    assert camden_project.interest_count == 1


def test_the_lead_organisation_cannot_register_interest(client_for, camden_lead, camden_project):
    response = register(client_for(camden_lead), camden_project)
    assert "Camden already leads this project" in response.content.decode()
    assert not Interest.objects.exists()


def test_the_lead_accepts_an_interested_organisation_as_partner(
    client_for, camden_lead, lambeth_lead, camden_project
):
    triage.interest_register(
        project=camden_project, organisation=lambeth_lead.organisation, by=lambeth_lead
    )
    interest = Interest.objects.get()
    page = client_for(camden_lead).get(camden_project.get_absolute_url()).content.decode()
    assert "Accept Lambeth as a partner" in page
    response = client_for(camden_lead).post(
        f"/backlog/projects/{camden_project.pk}/interest/{interest.pk}/accept/", follow=True
    )
    assert "Lambeth is now a partner on this project" in response.content.decode()
    assert ProjectPartner.objects.filter(
        project=camden_project, organisation=lambeth_lead.organisation
    ).exists()
    interest.refresh_from_db()
    assert (interest.status, interest.decided_by) == ("accepted", camden_lead)
    camden_project.refresh_from_db()
    assert camden_project.interest_count == 0
    # Now a partner, Lambeth cannot register interest again.
    response = register(client_for(lambeth_lead), camden_project)
    assert "already a partner" in response.content.decode()


@pytest.mark.parametrize("persona", ["lambeth_lead", "loti_staff"])
def test_only_the_projects_lead_accepts(request, client_for, lambeth_lead, camden_project, persona):
    triage.interest_register(
        project=camden_project, organisation=lambeth_lead.organisation, by=lambeth_lead
    )
    interest = Interest.objects.get()
    client = client_for(request.getfixturevalue(persona))
    page = client.get(camden_project.get_absolute_url()).content.decode()
    assert "Accept Lambeth as a partner" not in page
    response = client.post(f"/backlog/projects/{camden_project.pk}/interest/{interest.pk}/accept/")
    assert response.status_code == 403
    assert not ProjectPartner.objects.exists()


def test_interest_in_another_project_cannot_be_accepted_through_this_one(
    client_for, camden_lead, lambeth_lead, camden_project, lambeth_project
):
    interest = triage.interest_register(
        project=lambeth_project, organisation=camden_lead.organisation, by=camden_lead
    )
    response = client_for(camden_lead).post(
        f"/backlog/projects/{camden_project.pk}/interest/{interest.pk}/accept/"
    )
    assert response.status_code == 404


def test_emails_tell_the_lead_and_then_the_new_partner(camden_lead, lambeth_lead, camden_project):
    interest = triage.interest_register(
        project=camden_project,
        organisation=lambeth_lead.organisation,
        by=lambeth_lead,
        message="We can share our data",
    )
    assert deliver_owed() == 1
    assert mail.outbox[-1].to == ["lead@camden.example"]
    assert "We can share our data" in mail.outbox[-1].body
    triage.interest_accept(interest=interest, by=camden_lead)
    assert deliver_owed() == 1
    assert mail.outbox[-1].to == ["lead@lambeth.example"]
    assert "Lambeth is now a partner" in mail.outbox[-1].subject


def test_counts_show_on_the_backlog_and_the_project(
    client_for, camden_lead, lambeth_lead, camden_project
):
    triage.interest_register(
        project=camden_project, organisation=lambeth_lead.organisation, by=lambeth_lead
    )
    backlog = client_for(camden_lead).get("/backlog/", {"min_interest": 1})
    assert [row["title"] for row in backlog.context["page"].rows] == [camden_project.title]
    assert '<span class="small text-body-secondary d-block">Lambeth</span>' in str(
        backlog.context["rows"]
    )
    page = client_for(camden_lead).get(camden_project.get_absolute_url()).content.decode()
    assert 'Interested organisations <span class="badge text-bg-secondary">1</span>' in page


def test_loti_staff_are_not_offered_to_register_interest(client_for, loti_staff, camden_project):
    page = client_for(loti_staff).get(camden_project.get_absolute_url()).content.decode()
    assert "s interest</button>" not in page
    response = register(client_for(loti_staff), camden_project)
    assert response.status_code == 403
    assert not Interest.objects.exists()


def test_the_lead_sees_interest_to_answer_on_the_home_page(
    client_for, camden_lead, lambeth_lead, camden_project
):
    assert (
        "No organisation is waiting for an answer"
        in client_for(camden_lead).get("/").content.decode()
    )
    register(client_for(lambeth_lead), camden_project, "We hold the rent data.")
    home = client_for(camden_lead).get("/").content.decode()
    assert f"Lambeth wants to join {camden_project.title}" in home
    assert f'href="{camden_project.get_absolute_url()}#backlog-panel-heading"' in home
    assert "Interest in your projects" not in client_for(lambeth_lead).get("/").content.decode()


# Declining an interest


def decline(client, interest, reason="We already have four partners for the pilot."):
    return client.post(
        f"/backlog/projects/{interest.project_id}/interest/{interest.pk}/decline/",
        {"reason": reason},
        follow=True,
    )


@pytest.fixture
def lambeth_interest(camden_project, lambeth_lead):
    return triage.interest_register(
        project=camden_project, organisation=lambeth_lead.organisation, by=lambeth_lead
    )


def test_the_lead_declines_with_a_reason_and_lambeth_is_told(
    client_for, camden_lead, lambeth_lead, camden_project, lambeth_interest
):
    deliver_owed()  # the lead's email about the interest
    page = client_for(camden_lead).get(camden_project.get_absolute_url()).content.decode()
    assert "Why are you declining Lambeth?" in page

    response = decline(client_for(camden_lead), lambeth_interest)

    assert "Lambeth&#x27;s interest is declined; they are told why." in response.content.decode()
    lambeth_interest.refresh_from_db()
    assert (lambeth_interest.status, lambeth_interest.decided_by) == ("declined", camden_lead)
    assert not ProjectPartner.objects.exists()
    camden_project.refresh_from_db()
    assert camden_project.interest_count == 0
    assert deliver_owed() == 1
    email = mail.outbox[-1]
    assert email.to == ["lead@lambeth.example"]
    assert email.subject == f"Camden declined Lambeth's interest in {camden_project.title}"
    assert "We already have four partners for the pilot." in email.body
    # Lambeth reads why on the project page, and may register again if things change.
    page = client_for(lambeth_lead).get(camden_project.get_absolute_url()).content.decode()
    assert "Camden declined Lambeth's interest on" in page
    assert "We already have four partners for the pilot." in page
    assert "Register Lambeth's interest" in page
    # The lead's home page no longer asks them to answer it.
    home = client_for(camden_lead).get("/").content.decode()
    assert "Lambeth wants to join" not in home


@pytest.mark.parametrize(
    "reason, message",
    [
        ("", "Say why you are declining"),
        ("   \n ", "Say why you are declining"),
        ("x" * 1001, "at most 1000 characters"),
        ("Full\x00stop", "Null characters are not allowed"),
    ],
    ids=["empty", "blank", "huge", "nul"],
)
def test_a_decline_needs_a_storable_reason(
    client_for, camden_lead, lambeth_interest, reason, message
):
    response = decline(client_for(camden_lead), lambeth_interest, reason)

    assert response.status_code == 200
    assert message in response.content.decode()
    lambeth_interest.refresh_from_db()
    assert lambeth_interest.status == "interested"


@pytest.mark.parametrize("persona", ["lambeth_lead", "loti_staff", "camden_editor", "westminster"])
def test_only_the_projects_lead_declines(
    request, client_for, camden_project, lambeth_interest, persona
):
    if persona == "camden_editor":
        person = UserFactory(organisation=camden_project.lead_organisation)
        camden_project.memberships.create(user=person, role="editor")
    elif persona == "westminster":
        from loti_data.accounts.models import Organisation

        person = UserFactory(organisation=Organisation.objects.get(slug="westminster"))
    else:
        person = request.getfixturevalue(persona)
    client = client_for(person)
    page = client.get(camden_project.get_absolute_url()).content.decode()
    assert "Why are you declining" not in page

    response = client.post(
        f"/backlog/projects/{camden_project.pk}/interest/{lambeth_interest.pk}/decline/",
        {"reason": "No."},
    )

    assert response.status_code == 403
    lambeth_interest.refresh_from_db()
    assert lambeth_interest.status == "interested"
    with pytest.raises(triage.TriageNotAllowed):
        triage.interest_decline(interest=lambeth_interest, by=person, reason="No.")


def test_a_decided_or_foreign_interest_cannot_be_declined(
    client_for, camden_lead, lambeth_project, camden_project, lambeth_interest
):
    triage.interest_accept(interest=lambeth_interest, by=camden_lead)
    # A replayed or stale decline of an interest already accepted changes nothing.
    response = decline(client_for(camden_lead), lambeth_interest)
    assert "This interest is no longer open." in response.content.decode()
    lambeth_interest.refresh_from_db()
    assert lambeth_interest.status == "accepted"
    # Another project's interest, through this project's URL: not found.
    other = triage.interest_register(
        project=lambeth_project, organisation=camden_lead.organisation, by=camden_lead
    )
    response = client_for(camden_lead).post(
        f"/backlog/projects/{camden_project.pk}/interest/{other.pk}/decline/", {"reason": "No."}
    )
    assert response.status_code == 404


def test_decline_only_takes_post(client_for, camden_lead, lambeth_interest):
    url = f"/backlog/projects/{lambeth_interest.project_id}/interest/{lambeth_interest.pk}/decline/"
    assert client_for(camden_lead).get(url).status_code == 405
