"""The lead adds team members (lead, editor) and partner organisations."""

import pytest

from loti_data.accounts.models import Organisation
from projects.models import ProjectMembership

pytestmark = pytest.mark.django_db


def test_the_lead_adds_an_editor_from_another_borough(
    client_for, camden_lead, lambeth_lead, project
):
    response = client_for(camden_lead).post(
        f"/projects/{project.pk}/team/add/", {"email": "LEAD@lambeth.example", "role": "editor"}
    )
    assert response.status_code == 302
    assert project.memberships.get(user=lambeth_lead).role == "editor"
    assert "Team member" in project.events.get().subject


def test_an_unknown_email_gets_a_clear_message(client_for, camden_lead, project):
    response = client_for(camden_lead).post(
        f"/projects/{project.pk}/team/add/", {"email": "nobody@example.org", "role": "editor"}
    )
    assert response.status_code == 400
    assert "Nobody with that email address has a loti-data account" in response.content.decode()


def test_adding_someone_twice_is_refused(client_for, camden_lead, project):
    response = client_for(camden_lead).post(
        f"/projects/{project.pk}/team/add/", {"email": camden_lead.email, "role": "editor"}
    )
    assert response.status_code == 400
    assert "already on the team" in response.content.decode()
    assert project.memberships.count() == 1


def test_the_last_lead_cannot_leave_or_step_down(client_for, camden_lead, project):
    membership = project.memberships.get()
    client = client_for(camden_lead)
    response = client.post(f"/projects/{project.pk}/team/{membership.pk}/remove/", follow=True)
    assert "A project needs at least one lead" in response.content.decode()
    client.post(f"/projects/{project.pk}/team/{membership.pk}/role/", {"role": "editor"})
    assert project.memberships.get().role == "lead"


def test_roles_change_and_members_leave(client_for, camden_lead, lambeth_lead, project):
    other = ProjectMembership.objects.create(project=project, user=lambeth_lead, role="editor")
    client = client_for(camden_lead)
    client.post(f"/projects/{project.pk}/team/{other.pk}/role/", {"role": "lead"})
    other.refresh_from_db()
    assert other.role == "lead"
    client.post(f"/projects/{project.pk}/team/{other.pk}/remove/")
    assert not project.memberships.filter(user=lambeth_lead).exists()


def test_partners_are_added_and_removed(client_for, camden_lead, project):
    gla = Organisation.objects.get(slug="greater-london-authority")
    client = client_for(camden_lead)
    assert (
        client.post(f"/projects/{project.pk}/partners/add/", {"organisation": gla.pk}).status_code
        == 302
    )
    partner = project.partnerships.get()
    assert partner.organisation == gla
    again = client.post(f"/projects/{project.pk}/partners/add/", {"organisation": gla.pk})
    assert again.status_code == 400
    lead = client.post(
        f"/projects/{project.pk}/partners/add/", {"organisation": project.lead_organisation_id}
    )
    assert lead.status_code == 400
    client.post(f"/projects/{project.pk}/partners/{partner.pk}/remove/")
    assert not project.partnerships.exists()
    assert project.events.filter(subject__contains="Greater London Authority").count() == 2
