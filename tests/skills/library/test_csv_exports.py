"""Every CSV the library and its admin export is defused: a formula typed into any text field
comes out as text (read back with Python's csv module), and no admin export writes spreadsheet
formulas (CSV only: no XLSX or ODS)."""

import csv
import io

import pytest
from django.contrib.admin.sites import site
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from import_export.admin import ExportMixin

from loti_data.accounts.models import Organisation
from skills.library.admin import DefusedCSV
from skills.library.services import hard_to_fill_flag_set
from skills.models import DifficultyReason
from tests.skills.library.factories import (
    RoleLevelFactory,
    RoleLevelSkillFactory,
    SalarySubmissionFactory,
)

pytestmark = pytest.mark.django_db

# What a spreadsheet would run: each must come out with a leading apostrophe.
PAYLOADS = ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1+1", "==1+1", " =1+1"]
RUNS_AS_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


def read(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def assert_defused(rows: list[list[str]], payload: str | None) -> None:
    cells = [cell for row in rows for cell in row]
    if payload is not None:
        assert f"'{payload}" in cells, "the payload should be in the export, defused"
    for cell in cells:
        assert not cell.lstrip(" ").startswith(RUNS_AS_FORMULA), repr(cell)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_salary_benchmark_export(client_for, camden_lead, reference_data, payload):
    level = RoleLevelFactory()
    # Written past the text rules (a name cannot start with a tab today), as an older row.
    type(level).objects.filter(pk=level.pk).update(name=payload)
    type(level.role).objects.filter(pk=level.role.pk).update(name=payload)
    for slug in ("camden", "lambeth", "hackney", "islington", "southwark"):
        SalarySubmissionFactory(organisation=Organisation.objects.get(slug=slug), role_level=level)

    rows = read(client_for(camden_lead).get(reverse("skills:salary_export")))

    assert rows[1][:2] == [f"'{payload}", f"'{payload}"]
    assert_defused(rows, payload)


def export_admins() -> list:
    return [
        model_admin
        for model_admin in site._registry.values()
        if isinstance(model_admin, ExportMixin) and model_admin.model._meta.app_label == "skills"
    ]


def test_every_admin_export_offers_only_the_defused_csv(library_admin):
    request = RequestFactory().get("/admin/")
    request.user = library_admin
    assert len(export_admins()) == 9
    for model_admin in export_admins():
        assert model_admin.get_export_formats() == [DefusedCSV], model_admin
        assert model_admin.has_export_permission(request)


def text_fields(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_admin_export(client_for, library_admin, camden_lead, payload):
    # One row of every exported model; the hard-to-fill note is typed by a member.
    need = RoleLevelSkillFactory()
    need.skill.level_descriptions.create(level=need.level, description="Working level.")
    SalarySubmissionFactory(role_level=need.role_level)
    hard_to_fill_flag_set(
        by=camden_lead, role_level=need.role_level, reason=DifficultyReason.PAY, note=payload
    )
    client = client_for(library_admin)
    for model_admin in export_admins():
        model = model_admin.model
        # Every text field of every row holds the payload, as a hostile import or edit would.
        fields = text_fields(model)
        model.objects.update(**dict.fromkeys(fields, payload))
        resource = model_admin.get_export_resource_classes(None)[0]
        selected = {
            f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()
        }
        url = reverse(f"admin:skills_{model._meta.model_name}_export")

        rows = read(client.post(url, {"format": "0", "resource": "0", **selected}))

        assert len(rows) == 2, model
        assert_defused(rows, payload if fields else None)
