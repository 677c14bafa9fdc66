"""Every change to a salary range leaves a history row; deleting keeps the record."""

import pytest
from django.urls import reverse
from django.utils import timezone

from skills.models import SalaryRangeEvent, SalarySource
from tests.skills.library.factories import RoleLevelFactory

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


def test_create_change_and_delete_are_recorded(client_for, camden_lead):
    level = RoleLevelFactory()
    client = client_for(camden_lead)
    values = {
        "role_level": level.pk,
        "year": LAST_YEAR,
        "minimum": 40_000,
        "maximum": 45_000,
        "source": SalarySource.ADVERTISED,
    }
    client.post(reverse("skills:salary_create"), values)
    submission = level.salary_submissions.get()
    client.post(reverse("skills:salary_edit", args=[submission.pk]), {**values, "maximum": 47_000})
    client.post(reverse("skills:salary_delete", args=[submission.pk]))

    history = list(
        SalaryRangeEvent.objects.order_by("pk").values_list(
            "action", "maximum", "by", "organisation"
        )
    )
    camden = camden_lead.organisation_id
    assert history == [
        ("created", 45_000, camden_lead.pk, camden),
        ("changed", 47_000, camden_lead.pk, camden),
        ("deleted", 47_000, camden_lead.pk, camden),
    ]


def test_a_refused_change_leaves_no_history(client_for, camden_lead):
    level = RoleLevelFactory()
    client_for(camden_lead).post(
        reverse("skills:salary_create"),
        {
            "role_level": level.pk,
            "year": LAST_YEAR,
            "minimum": 50_000,
            "maximum": 45_000,
            "source": "actual",
        },
    )
    assert not SalaryRangeEvent.objects.exists()


# Probing the published figures by editing over and over


def test_a_sixth_change_in_a_day_is_refused_and_the_figures_stay(client_for, camden_lead):
    from datetime import timedelta

    from skills.library.rules import SALARY_CHANGES_PER_DAY
    from skills.models import SalarySubmission

    level, other_level = RoleLevelFactory(), RoleLevelFactory()
    client = client_for(camden_lead)
    values = {
        "role_level": level.pk,
        "year": LAST_YEAR,
        "minimum": 40_000,
        "maximum": 45_000,
        "source": SalarySource.ADVERTISED,
    }
    client.post(reverse("skills:salary_create"), values)
    submission = level.salary_submissions.get()
    edit = reverse("skills:salary_edit", args=[submission.pk])
    for maximum in range(46_000, 46_000 + SALARY_CHANGES_PER_DAY - 1):
        assert client.post(edit, {**values, "maximum": maximum}).status_code == 302

    response = client.post(edit, {**values, "maximum": 60_000})

    assert response.status_code == 200
    assert "changed its ranges for this role level and year 5 times in the last 24 hours" in (
        response.content.decode()
    )
    submission.refresh_from_db()
    assert submission.maximum == 46_003
    assert SalaryRangeEvent.objects.count() == SALARY_CHANGES_PER_DAY
    # Deleting and adding again count too; so does moving the range to another level.
    response = client.post(reverse("skills:salary_delete", args=[submission.pk]), follow=True)
    assert "in the last 24 hours" in response.content.decode()
    assert SalarySubmission.objects.filter(pk=submission.pk).exists()
    response = client.post(edit, {**values, "role_level": other_level.pk})
    assert response.status_code == 200 and "in the last 24 hours" in response.content.decode()
    # Another level, or another organisation, is not held back.
    assert (
        client.post(
            reverse("skills:salary_create"), {**values, "role_level": other_level.pk}
        ).status_code
        == 302
    )
    # A day later the organisation may change it again.
    SalaryRangeEvent.objects.update(at=timezone.now() - timedelta(hours=24, minutes=1))
    assert client.post(edit, {**values, "maximum": 60_000}).status_code == 302
