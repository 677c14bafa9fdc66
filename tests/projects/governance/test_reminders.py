"""Reviews on time: the real sweep reminds the team and the holder once per reminder, and a
signed agreement past its review date flags the dataset everywhere it is shown."""

from datetime import timedelta

import pytest
from django.utils import timezone

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import build, sweep
from projects.governance import emails, services
from projects.governance.models import DataSharing, DataSharingEvent
from tests.projects.governance.conftest import decide, personal, request_signoff

pytestmark = pytest.mark.django_db


def signed(dataset, lead, officer, days):
    sharing = services.route_answer(
        dataset=dataset,
        by=lead,
        answers=personal(),
        review_on=timezone.localdate() + timedelta(days=days),
    )
    return decide(request_signoff(sharing, lead), officer)


def test_a_review_far_away_reminds_nobody_yet(lambeth_dataset, camden_lead, lambeth_officer):
    signed(lambeth_dataset, camden_lead, lambeth_officer, days=200)
    result = sweep()
    assert result.sweepers["governance.review_reminders"].reminders_sent == 0
    assert not OutboxEmail.objects.filter(kind=emails.REMINDER).exists()


def test_the_sweep_reminds_the_team_and_the_holder_exactly_once(
    lambeth_dataset, camden_lead, lambeth_officer, lambeth_lead
):
    sharing = signed(lambeth_dataset, camden_lead, lambeth_officer, days=20)
    first = sweep()
    assert first.sweepers["governance.review_reminders"].reminders_sent == 1
    sweep()
    sweep()
    owed = OutboxEmail.objects.filter(kind=emails.REMINDER)
    assert sorted(owed.values_list("recipient", flat=True)) == sorted(
        [camden_lead.pk, lambeth_officer.pk, lambeth_lead.pk]
    )
    assert sharing.events.filter(action=DataSharingEvent.Action.REMINDED).count() == 1
    message = build(owed.get(recipient=camden_lead))
    assert message.subject.startswith("Data sharing agreement due for review")
    assert "is due for review on" in message.body


def test_a_withdrawn_agreement_is_not_reminded(lambeth_dataset, camden_lead, lambeth_officer):
    sharing = signed(lambeth_dataset, camden_lead, lambeth_officer, days=20)
    services.route_answer(
        dataset=lambeth_dataset,
        by=camden_lead,
        answers=personal(frequency="one_off"),
        review_on=timezone.localdate() + timedelta(days=300),
        version=sharing.version,
    )
    sweep()
    assert not OutboxEmail.objects.filter(kind=emails.REMINDER).exists()


def test_an_expired_agreement_flags_the_dataset(
    client_for, lambeth_dataset, camden_lead, lambeth_officer
):
    sharing = signed(lambeth_dataset, camden_lead, lambeth_officer, days=20)
    past = timezone.localdate() - timedelta(days=1)
    DataSharing.objects.filter(pk=sharing.pk).update(review_on=past)
    sharing.refresh_from_db()
    assert sharing.expired
    client = client_for(camden_lead)
    flag = f"Review overdue since {past:%d %B %Y}"
    project = lambeth_dataset.project_id
    assert flag in client.get(f"/projects/{project}/stages/data/").content.decode()
    assert flag in client.get("/data-sharing/").content.decode()
    assert "past its review date" in client.get("/").content.decode()
    # The team may ask for sign-off again.
    assert request_signoff(sharing, camden_lead).status == "requested"


def test_sign_off_emails_build(routed, camden_lead, lambeth_officer):
    request_signoff(routed, camden_lead)
    row = OutboxEmail.objects.get(kind=emails.EVENT, recipient=lambeth_officer)
    message = build(row)
    assert message.subject == f"Sign-off requested: {routed.dataset.name}"
    assert "approve or decline" in message.body
