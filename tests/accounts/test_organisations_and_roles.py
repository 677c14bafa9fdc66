from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from loti_data.accounts import roles
from loti_data.accounts.models import Organisation

# The reference data as the migrations load it: a transactional test elsewhere may have flushed it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def test_the_33_london_local_authorities_are_loaded_with_gss_codes():
    authorities = Organisation.objects.exclude(gss_code=None).order_by("gss_code")
    assert [o.gss_code for o in authorities] == [f"E090000{n:02d}" for n in range(1, 34)]
    assert authorities.first().name == "City of London"
    assert Organisation.objects.get(gss_code="E09000007").name == "Camden"


def test_partners_and_loti_are_loaded():
    partners = set(Organisation.objects.filter(kind="partner").values_list("name", flat=True))
    assert {
        "Greater London Authority",
        "Metropolitan Police Service",
        "London Fire Brigade",
    } <= partners
    assert Organisation.objects.get(kind="loti").name == "London Office of Technology & Innovation"


def test_loading_organisations_again_changes_nothing():
    before = list(Organisation.objects.order_by("pk").values())
    call_command("load_organisations", stdout=StringIO())
    assert list(Organisation.objects.order_by("pk").values()) == before


def test_role_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_GROUPS)


def test_roles_are_read_from_groups(camden_lead, loti_staff, library_admin, ethics_reviewer):
    assert not (camden_lead.is_loti_staff or camden_lead.is_ethics_reviewer)
    assert not camden_lead.is_library_admin and not camden_lead.can_use_admin
    assert loti_staff.is_loti_staff and loti_staff.is_ethics_reviewer
    assert ethics_reviewer.is_ethics_reviewer and not ethics_reviewer.is_loti_staff
    assert library_admin.is_library_admin and library_admin.can_use_admin
