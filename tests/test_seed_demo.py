from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from loti_data.accounts.models import User

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "projects", "skills", "methodology"}
    }


def test_seed_demo_is_idempotent(reference_data):
    call_command("seed_demo", stdout=StringIO())
    first = row_counts()
    call_command("seed_demo", stdout=StringIO())
    assert row_counts() == first


def test_seed_demo_creates_the_documented_logins(reference_data):
    call_command("seed_demo", stdout=StringIO())
    staff = User.objects.get(email="staff@loti.example")
    admin = User.objects.get(email="admin@loti.example")
    assert User.objects.get(email="lead@camden.example").organisation.slug == "camden"
    assert User.objects.get(email="lead@lambeth.example").organisation.slug == "lambeth"
    assert staff.is_loti_staff and staff.is_ethics_reviewer
    assert admin.is_superuser and admin.is_library_admin
    for user in User.objects.all():
        assert user.check_password("london-data-demo")
