import re
from html import unescape
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


def home_text(client_for, email: str) -> str:
    """The home page's words as a person reads them: no markup, one space between words."""
    page = client_for(User.objects.get(email=email)).get("/").content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(page)).split())


def test_each_demo_login_finds_something_waiting_on_the_home_page(reference_data, client_for):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # a second run must not move any state on

    camden = home_text(client_for, "lead@camden.example")
    assert "Empty homes back into use: changes requested" in camden
    assert "The reviewer asked: Explain how owners are told" in camden
    assert "Falls prevention for older residents: conditions to acknowledge" in camden
    assert "read and acknowledge them to open Data" in camden
    assert "Hackney wants to join Preventing homelessness with early-warning data" in camden

    staff = home_text(client_for, "staff@loti.example")
    assert "Ethics reviews waiting (1)" in staff
    assert "Fly-tipping hotspots · Submitted · not taken yet" in staff
    assert "Backlog to triage (" in staff
    assert "Nothing is waiting for triage." not in staff

    lambeth = home_text(client_for, "lead@lambeth.example")
    assert "Upcoming meet-ups (1 to reply to)" in lambeth
    assert "you haven't replied yet" in lambeth
    assert "Greenwich wants to join Children missing education" in lambeth


def test_the_free_school_meals_datasets_show_every_sharing_route(reference_data, client_for):
    from projects.governance.models import DataSharing

    call_command("seed_demo", stdout=StringIO())
    routes = {
        sharing.dataset.name: (sharing.route, sharing.status, sharing.dataset.sharing_agreement)
        for sharing in DataSharing.objects.filter(
            dataset__project__title="Free school meals take-up",
            dataset__project__replicated_from=None,
        ).select_related("dataset")
    }
    assert routes["Housing Benefit and Council Tax Reduction claims"] == (
        "agreement",
        "signed",
        "signed",
    )
    assert routes["School census (pupil roll)"] == ("dpia", "holder_approved", "in_draft")
    assert routes["Pupil premium allocations by school"][0] == "light"
    assert routes["Children in low income families by ward"][:2] == ("open", "not_needed")
    assert routes["Eligibility checking service results"][0] == "agreement"

    dpo = home_text(client_for, "dpo@hackney.example")
    assert "School census (pupil roll): sign-off requested" in dpo
    register = client_for(User.objects.get(email="lead@camden.example")).get("/data-sharing/")
    text = register.content.decode()
    assert "Signed off" in text
