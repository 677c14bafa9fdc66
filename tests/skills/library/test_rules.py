"""The library's rules (skills/library/rules.py), one question at a time, and the admin asking
the same rule as the pages."""

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from loti_data.accounts import roles
from skills.library import rules
from skills.models import HardToFillFlag, SalarySubmission
from tests.factories import UserFactory
from tests.skills.library.factories import HardToFillFlagFactory, SalarySubmissionFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["camden_lead", "lambeth_lead", "loti_staff", "ethics_reviewer", "library_admin"]


@pytest.fixture
def superuser(loti):
    return UserFactory(organisation=loti, is_superuser=True, is_staff=True)


@pytest.fixture
def inactive_admin(loti):
    return UserFactory(organisation=loti, is_active=False, groups=[roles.LIBRARY_ADMINS])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("camden_lead", False),
        ("loti_staff", False),
        ("ethics_reviewer", False),
        ("library_admin", True),
        ("superuser", True),
        ("inactive_admin", False),
    ],
)
def test_library_admins_and_superusers_manage_the_library(request, persona, expected):
    assert rules.manages_library(request.getfixturevalue(persona)) is expected


def test_nobody_signed_out_manages_or_shares():
    for person in (AnonymousUser(), None):
        assert not rules.manages_library(person)
        assert not rules.may_share(person)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_active_member_shares(request, persona):
    assert rules.may_share(request.getfixturevalue(persona))


def test_an_inactive_member_does_not_share(camden):
    assert not rules.may_share(UserFactory(organisation=camden, is_active=False))


@pytest.mark.parametrize("model", [SalarySubmissionFactory, HardToFillFlagFactory])
def test_an_entry_is_only_its_own_organisations(model, camden_lead, lambeth_lead, library_admin):
    entry = model(organisation=camden_lead.organisation)
    assert rules.is_own_entry(camden_lead, entry)
    assert not rules.is_own_entry(lambeth_lead, entry)
    assert not rules.is_own_entry(library_admin, entry)  # admins use the Django admin
    assert not rules.is_own_entry(AnonymousUser(), entry)


@pytest.mark.parametrize("model", [SalarySubmission, HardToFillFlag])
def test_the_filter_says_the_same_as_the_object_rule(model, camden_lead, lambeth_lead, loti_staff):
    factory = SalarySubmissionFactory if model is SalarySubmission else HardToFillFlagFactory
    entries = [factory(organisation=person.organisation) for person in (camden_lead, lambeth_lead)]
    for person in (camden_lead, lambeth_lead, loti_staff, AnonymousUser()):
        by_filter = set(model.objects.filter(rules.own_entries(person)))
        assert by_filter == {entry for entry in entries if rules.is_own_entry(person, entry)}


@pytest.mark.parametrize("persona", [*PERSONAS, "superuser", "inactive_admin"])
def test_every_library_admin_page_asks_the_same_rule(request, persona):
    """Every ModelAdmin of the library (import, export and inlines included) answers as the rule."""
    person = request.getfixturevalue(persona)
    admin_request = RequestFactory().get("/admin/")
    admin_request.user = person
    expected = rules.manages_library(person)
    library_admins = [
        model_admin for model, model_admin in site._registry.items() if _is_library(model)
    ]
    assert len(library_admins) == 11
    for model_admin in library_admins:
        assert model_admin.has_module_permission(admin_request) is expected
        assert model_admin.has_view_permission(admin_request) is expected
        if hasattr(model_admin, "has_export_permission"):
            assert model_admin.has_export_permission(admin_request) is expected
            assert model_admin.has_import_permission(admin_request) is expected
        for inline_class in model_admin.inlines:
            inline = inline_class(model_admin.model, site)
            assert inline.has_view_permission(admin_request) is expected


def _is_library(model) -> bool:
    return model._meta.app_label == "skills" and model.__module__ == "skills.library.models"


def test_salary_changes_per_role_level_and_year_are_limited_to_five_a_day():
    from datetime import timedelta

    from django.utils import timezone

    from skills.library.rules import salary_change_refusal

    now = timezone.now()
    hours_ago = [now - timedelta(hours=hours) for hours in (23, 20, 10, 2, 1)]
    assert salary_change_refusal(hours_ago[:4], now) == ""
    refusal = salary_change_refusal(hours_ago, now)
    assert "5 times in the last 24 hours" in refusal
    # The oldest of the five leaves the window 23 hours ago + 24 hours = an hour from now.
    assert f"{timezone.localtime(now + timedelta(hours=1)):%H:%M}" in refusal
    older = [now - timedelta(hours=25)] * 10 + hours_ago[:4]
    assert salary_change_refusal(older, now) == ""
