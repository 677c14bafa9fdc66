import pytest

from projects.ethics import services as ethics
from projects.models import EthicsReviewEvent, Project
from tests.projects.ethics.conftest import decide

pytestmark = pytest.mark.django_db


def test_every_round_is_kept_in_order(
    client_for, camden_lead, loti_staff, lambeth_lead, filler, in_review
):
    decide(in_review, loti_staff, "changes_requested", reasons="Explain the retention period.")
    filler.project = Project.objects.get(pk=in_review.pk)
    filler.ethics()
    ethics.ethics_review_submit(project=filler.project, by=camden_lead, note="Retention added")
    decide(
        in_review,
        loti_staff,
        "approved_with_conditions",
        reasons="Sound.",
        conditions="Delete records after 12 months.",
    )
    ethics.ethics_review_acknowledge_conditions(
        review=ethics.review_of(filler.project), by=camden_lead
    )

    events = list(EthicsReviewEvent.objects.filter(review__project=in_review))
    assert [(e.action, e.from_state, e.to_state, e.actor) for e in events] == [
        ("submitted", "draft", "submitted", camden_lead),
        ("assigned", "submitted", "in_review", loti_staff),
        ("decided", "in_review", "changes_requested", loti_staff),
        ("submitted", "changes_requested", "submitted", camden_lead),
        ("decided", "submitted", "approved_with_conditions", loti_staff),
        (
            "conditions_acknowledged",
            "approved_with_conditions",
            "approved_with_conditions",
            camden_lead,
        ),
    ]
    assert events[2].note == "Explain the retention period."
    assert events[4].conditions == "Delete records after 12 months."

    # Everyone signed in can read the history on the project's review page.
    page = client_for(lambeth_lead).get(f"/projects/{in_review.pk}/ethics/review/").content.decode()
    for text in (
        "Explain the retention period.",
        "Retention added",
        "Delete records after 12 months.",
    ):
        assert text in page


def test_history_cannot_be_edited_or_deleted(submitted):
    event = EthicsReviewEvent.objects.get(review__project=submitted)
    event.note = "Rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        EthicsReviewEvent.objects.filter(pk=event.pk).update(note="Rewritten")
    with pytest.raises(PermissionError):
        EthicsReviewEvent.objects.filter(pk=event.pk).delete()
    assert EthicsReviewEvent.objects.get(pk=event.pk).note == "First look please"


def test_the_admin_shows_the_history_read_only(client, submitted):
    from tests.factories import UserFactory

    superuser = UserFactory(email="root@loti.example", organisation=submitted.lead_organisation)
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    client.force_login(superuser)
    event = EthicsReviewEvent.objects.get(review__project=submitted)

    assert client.get("/admin/projects/ethicsreviewevent/").status_code == 200
    page = client.get(f"/admin/projects/ethicsreviewevent/{event.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # view only, no Save button
    client.post(f"/admin/projects/ethicsreviewevent/{event.pk}/change/", {"note": "Rewritten"})
    assert (
        client.post(
            f"/admin/projects/ethicsreviewevent/{event.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    assert client.get("/admin/projects/ethicsreviewevent/add/").status_code == 403
    assert EthicsReviewEvent.objects.get(pk=event.pk).note == "First look please"
