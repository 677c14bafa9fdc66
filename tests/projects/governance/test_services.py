"""Answering the route and signing off: who may, in which state, and what each step records."""

import pytest

from loti_data.accounts.models import Organisation
from loti_data.errors import NotAllowed
from loti_data.outbox.models import OutboxEmail
from projects.governance import emails, services
from projects.governance.models import DataSharingEvent, SignOff
from projects.governance.routes import Answers
from tests.factories import UserFactory
from tests.projects.governance.conftest import decide, in_a_year, personal, request_signoff

pytestmark = pytest.mark.django_db


def test_answering_sets_the_route_the_history_and_the_dataset_status(routed, camden_lead):
    assert routed.route == "agreement" and routed.status == SignOff.DRAFT
    routed.dataset.refresh_from_db()
    assert routed.dataset.sharing_agreement == "not_started"
    event = routed.events.get()
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        "answered",
        camden_lead,
        "",
        "draft",
    )


def test_open_data_needs_nothing(lambeth_dataset, camden_lead):
    sharing = services.route_answer(
        dataset=lambeth_dataset, by=camden_lead, answers=Answers(identifiable="no"), review_on=None
    )
    lambeth_dataset.refresh_from_db()
    assert (sharing.route, sharing.status) == ("open", "not_needed")
    assert lambeth_dataset.sharing_agreement == "not_needed"


def test_contradictory_answers_save_nothing(lambeth_dataset, camden_lead):
    with pytest.raises(services.InvalidAnswers) as error:
        services.route_answer(
            dataset=lambeth_dataset,
            by=camden_lead,
            answers=Answers(identifiable="no", special_category=True),
            review_on=in_a_year(),
        )
    assert "special_category" in error.value.errors
    assert not DataSharingEvent.objects.exists()


@pytest.mark.parametrize("person", ["lambeth_lead", "lambeth_officer", "loti_staff"])
def test_only_the_team_answers(request, lambeth_dataset, person):
    with pytest.raises(NotAllowed):
        services.route_answer(
            dataset=lambeth_dataset,
            by=request.getfixturevalue(person),
            answers=personal(),
            review_on=in_a_year(),
        )


def test_a_request_reaches_the_holders_people(routed, camden_lead, lambeth_officer, lambeth_lead):
    sharing = request_signoff(routed, camden_lead)
    assert sharing.status == SignOff.REQUESTED
    assert sharing.dataset.sharing_agreement == "in_draft"
    owed = set(OutboxEmail.objects.filter(kind=emails.EVENT).values_list("recipient", flat=True))
    assert owed == {lambeth_officer.pk, lambeth_lead.pk}


def test_the_holder_signs_off_and_the_dataset_follows(routed, camden_lead, lambeth_officer):
    sharing = decide(request_signoff(routed, camden_lead), lambeth_officer)
    assert sharing.status == SignOff.SIGNED and sharing.holder_signed_by == lambeth_officer
    sharing.dataset.refresh_from_db()
    assert sharing.dataset.sharing_agreement == "signed"
    steps = list(sharing.events.values_list("action", "from_status", "to_status", "note"))
    assert steps[-1] == ("holder_approved", "requested", "signed", "Fine by us.")
    assert camden_lead.pk in OutboxEmail.objects.filter(kind=emails.EVENT).values_list(
        "recipient", flat=True
    )


def test_a_decline_keeps_its_reasons(routed, camden_lead, lambeth_officer):
    sharing = decide(
        request_signoff(routed, camden_lead),
        lambeth_officer,
        approve=False,
        reasons="No lawful gateway for this.",
    )
    assert sharing.status == SignOff.DECLINED
    assert sharing.events.last().note == "No lawful gateway for this."
    # The team may ask again after changing what was wrong.
    assert request_signoff(sharing, camden_lead).status == SignOff.REQUESTED


@pytest.mark.parametrize("person", ["camden_lead", "lambeth_lead_elsewhere", "loti_staff"])
def test_not_the_holder_may_not_sign(request, routed, camden_lead, person, lambeth):
    sharing = request_signoff(routed, camden_lead)
    if person == "lambeth_lead_elsewhere":
        # A person of another borough that does not hold the data.
        signer = UserFactory(organisation=Organisation.objects.get(slug="southwark"))
    else:
        signer = request.getfixturevalue(person)
    with pytest.raises(NotAllowed) as refused:
        decide(sharing, signer)
    assert f"Only people of {lambeth}" in str(refused.value)
    sharing.refresh_from_db()
    assert sharing.status == SignOff.REQUESTED


def test_the_requester_may_not_sign_their_own_request(routed, lambeth_officer, camden_lead):
    # A Lambeth person on the team asks; another Lambeth person must sign.
    from projects.canvas import services as canvas_services

    canvas_services.membership_add(
        project=routed.dataset.project, by=camden_lead, user=lambeth_officer, role="editor"
    )
    sharing = request_signoff(routed, lambeth_officer)
    with pytest.raises(services.SharingError, match="someone else at the holder"):
        decide(sharing, lambeth_officer)


def test_high_risk_needs_the_holders_dpo_second(
    high_risk, camden_lead, lambeth_officer, lambeth_dpo, lambeth_lead
):
    sharing = decide(request_signoff(high_risk, camden_lead), lambeth_officer)
    assert sharing.status == SignOff.HOLDER_APPROVED
    assert sharing.dataset.sharing_agreement == "in_draft"
    # The DPO hears of it now.
    dpo_emails = OutboxEmail.objects.filter(kind=emails.EVENT, recipient=lambeth_dpo)
    assert dpo_emails.count() == 2  # the request, then their turn
    with pytest.raises(services.SharingError, match="data protection officer"):
        decide(sharing, lambeth_lead)  # of the holder, but not its DPO
    with pytest.raises(services.SharingError, match="signed first"):
        lambeth_officer.groups.add(*lambeth_dpo.groups.all())
        lambeth_officer.__dict__.pop("group_names", None)
        decide(sharing, lambeth_officer)
    sharing = decide(sharing, lambeth_dpo, reasons="DPIA read and agreed.")
    assert sharing.status == SignOff.SIGNED and sharing.dpo_signed_by == lambeth_dpo
    assert list(sharing.events.values_list("action", flat=True)) == [
        "answered",
        "requested",
        "holder_approved",
        "dpo_approved",
    ]


def test_a_dpo_of_another_borough_may_not_sign(high_risk, camden_lead, lambeth_officer):
    sharing = decide(request_signoff(high_risk, camden_lead), lambeth_officer)
    camden_dpo = UserFactory(
        organisation=camden_lead.organisation, groups=["Data protection officers"]
    )
    with pytest.raises(NotAllowed):
        decide(sharing, camden_dpo)


def test_a_stale_or_replayed_sign_off_is_refused(
    routed, camden_lead, lambeth_officer, lambeth_lead
):
    requested = request_signoff(routed, camden_lead)
    seen = requested.version
    decide(requested, lambeth_officer)
    with pytest.raises(services.SharingError) as replay:
        services.signoff_decide(
            sharing=requested, by=lambeth_lead, version=seen, approve=False, reasons="No."
        )
    assert "changed since you opened the page" in str(replay.value)
    assert "signed off for the holder by Lambeth IG" in str(replay.value)
    requested.refresh_from_db()
    assert requested.status == SignOff.SIGNED
    with pytest.raises(services.SharingError, match="not waiting for sign-off"):
        services.signoff_decide(
            sharing=requested,
            by=lambeth_lead,
            version=requested.version,
            approve=True,
            reasons="Again",
        )


def test_a_stale_route_form_is_refused(routed, camden_lead):
    with pytest.raises(services.SharingError, match="changed since"):
        services.route_answer(
            dataset=routed.dataset,
            by=camden_lead,
            answers=personal(frequency="one_off"),
            review_on=in_a_year(),
            version=routed.version - 1,
        )


def test_reasons_are_required(routed, camden_lead, lambeth_officer):
    sharing = request_signoff(routed, camden_lead)
    with pytest.raises(services.SharingError, match="Give your reasons"):
        decide(sharing, lambeth_officer, reasons="  \n ")


def test_a_holder_outside_loti_data_cannot_sign_off_here(charity_dataset, camden_lead):
    sharing = services.route_answer(
        dataset=charity_dataset, by=camden_lead, answers=personal(), review_on=in_a_year()
    )
    with pytest.raises(services.SharingError, match="Trussell Trust is not an organisation"):
        request_signoff(sharing, camden_lead)


def test_changing_the_answers_withdraws_the_sign_off(routed, camden_lead, lambeth_officer):
    signed = decide(request_signoff(routed, camden_lead), lambeth_officer)
    changed = services.route_answer(
        dataset=signed.dataset,
        by=camden_lead,
        answers=personal(high_risk=("matching",)),
        review_on=in_a_year(),
        version=signed.version,
    )
    assert (changed.route, changed.status) == ("dpia", SignOff.DRAFT)
    assert changed.holder_signed_by is None
    changed.dataset.refresh_from_db()
    assert changed.dataset.sharing_agreement == "not_started"
    assert "no longer applies" in changed.events.last().note


def test_history_is_append_only(routed):
    event = routed.events.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        routed.events.update(note="rewritten")


def test_the_route_s_answers_become_the_data_stage_s(lambeth_dataset, camden_lead):
    """The canvas said personal data under public task; the route says special category data
    under legal obligation: the Data stage now says what the route says."""
    answers = personal(
        lawful_basis="legal_obligation", special_category=True, article9="g", schedule1="6"
    )
    sharing = services.route_answer(
        dataset=lambeth_dataset, by=camden_lead, answers=answers, review_on=in_a_year()
    )
    lambeth_dataset.refresh_from_db()
    assert (lambeth_dataset.special_category, lambeth_dataset.lawful_basis) == (
        True,
        "legal_obligation",
    )
    assert lambeth_dataset.get_lawful_basis_display() == "(c) Legal obligation"

    services.route_answer(
        dataset=lambeth_dataset,
        by=camden_lead,
        answers=Answers(identifiable="no"),
        review_on=None,
        version=sharing.version,
    )
    lambeth_dataset.refresh_from_db()
    assert (
        lambeth_dataset.personal_data,
        lambeth_dataset.special_category,
        lambeth_dataset.lawful_basis,
    ) == (False, False, "")


def test_the_canvas_form_no_longer_sets_what_a_routed_dataset_s_route_decides(
    client_for, camden_lead, routed
):
    dataset = routed.dataset
    project = dataset.project
    edit = f"/projects/{project.pk}/stages/data/{dataset.pk}/edit/"
    page = client_for(camden_lead).get(edit).content.decode()
    assert page.count("Set by the dataset's sharing route") == 4
    version = project.stage_states.get(stage="data").version
    response = client_for(camden_lead).post(
        edit,
        {
            "version": version,
            "name": "Rent arrears",
            "holder": dataset.holder_id,
            "source": "other_organisation",
            # A stale or hostile form: none of these may override the route's answers.
            "personal_data": "False",
            "special_category": "True",
            "lawful_basis": "consent",
            "sharing_agreement": "signed",
            "insights": [project.insights.get().pk],
        },
    )
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.name == "Rent arrears"
    assert (
        dataset.personal_data,
        dataset.special_category,
        dataset.lawful_basis,
        dataset.sharing_agreement,
    ) == (True, False, "public_task", "not_started")


def test_removing_a_dataset_removes_its_route(camden_lead, routed):
    from projects.canvas import services as canvas_services

    dataset = routed.dataset
    version = dataset.project.stage_states.get(stage="data").version
    canvas_services.entry_delete(
        project=dataset.project, by=camden_lead, version=version, entry=dataset
    )
    assert not routed.__class__.objects.filter(pk=routed.pk).exists()
    assert not DataSharingEvent.objects.exists()
