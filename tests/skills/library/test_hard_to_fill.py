"""Hard-to-fill roles: members flag for their own organisation; a ranking across London."""

import pytest
from django.urls import reverse

from loti_data.accounts.models import Organisation
from skills.models import DifficultyReason, HardToFillFlag
from tests.skills.library.factories import HardToFillFlagFactory, RoleLevelFactory

pytestmark = pytest.mark.django_db


def test_a_member_flags_a_level_for_their_own_organisation(client_for, camden_lead, lambeth):
    level = RoleLevelFactory()
    client = client_for(camden_lead)
    assert client.get(reverse("skills:hard_to_fill_flag") + f"?level={level.pk}").status_code == 200

    response = client.post(
        reverse("skills:hard_to_fill_flag"),
        {"role_level": level.pk, "reason": DifficultyReason.PAY, "organisation": lambeth.pk},
    )

    assert response.status_code == 302
    flag = HardToFillFlag.objects.get()
    assert (flag.organisation, flag.flagged_by, flag.reason) == (
        camden_lead.organisation,
        camden_lead,
        DifficultyReason.PAY,
    )


def test_flagging_again_changes_the_reason(client_for, camden_lead, camden):
    flag = HardToFillFlagFactory(organisation=camden, reason=DifficultyReason.PAY)
    client_for(camden_lead).post(
        reverse("skills:hard_to_fill_flag"),
        {"role_level": flag.role_level_id, "reason": DifficultyReason.SKILLS_SCARCITY},
    )
    flag.refresh_from_db()
    assert flag.reason == DifficultyReason.SKILLS_SCARCITY
    assert HardToFillFlag.objects.count() == 1


def test_a_reason_is_required(client_for, camden_lead):
    level = RoleLevelFactory()
    response = client_for(camden_lead).post(
        reverse("skills:hard_to_fill_flag"), {"role_level": level.pk}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert not HardToFillFlag.objects.exists()


def test_the_ranking_puts_the_most_flagged_level_first(client_for, camden_lead, reference_data):
    scarce, pay, once = (RoleLevelFactory(name=name) for name in ["Scarce", "Pay", "Once"])
    organisations = list(Organisation.objects.filter(kind="london_borough")[:3])
    for organisation in organisations:
        HardToFillFlagFactory(
            organisation=organisation, role_level=scarce, reason=DifficultyReason.SKILLS_SCARCITY
        )
    for organisation in organisations[:2]:
        HardToFillFlagFactory(organisation=organisation, role_level=pay)
    HardToFillFlagFactory(organisation=organisations[0], role_level=once)

    response = client_for(camden_lead).get(reverse("skills:hard_to_fill"))

    ranking = list(response.context["page"])
    assert [level.name for level in ranking] == ["Scarce", "Pay", "Once"]
    assert (ranking[0].organisations, ranking[0].scarcity, ranking[0].pay) == (3, 3, 0)
    assert (ranking[1].organisations, ranking[1].pay) == (2, 2)


def test_a_member_sees_only_their_own_organisations_notes(client_for, camden_lead, camden, lambeth):
    HardToFillFlagFactory(organisation=camden, note="Camden's own note")
    HardToFillFlagFactory(organisation=lambeth, note="Lambeth's private note")
    html = client_for(camden_lead).get(reverse("skills:hard_to_fill")).content.decode()
    assert "Camden&#x27;s own note" in html
    assert "Lambeth" not in html


def test_a_member_withdraws_their_own_flag(client_for, camden_lead, camden):
    flag = HardToFillFlagFactory(organisation=camden)
    response = client_for(camden_lead).post(reverse("skills:hard_to_fill_withdraw", args=[flag.pk]))
    assert response.status_code == 302
    assert not HardToFillFlag.objects.exists()


def test_another_organisations_flag_cannot_be_withdrawn(client_for, lambeth_lead, camden):
    flag = HardToFillFlagFactory(organisation=camden)
    client = client_for(lambeth_lead)
    assert client.post(reverse("skills:hard_to_fill_withdraw", args=[flag.pk])).status_code == 404
    assert client.get(reverse("skills:hard_to_fill_withdraw", args=[flag.pk])).status_code == 405
    assert HardToFillFlag.objects.filter(pk=flag.pk).exists()
