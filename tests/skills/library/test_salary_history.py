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
