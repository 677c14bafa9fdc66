"""The CSV export: the filtered backlog, safe to open in a spreadsheet."""

import csv
import io

import pytest

from loti_data.csv_export import defuse
from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("Plain title", "Plain title"),
        (42, "42"),
        (None, ""),
    ],
)
def test_cells_that_could_run_as_formulas_are_defused(value, expected):
    assert str(defuse(value)) == expected


def test_export_defuses_formulas_from_user_input(client_for, camden_lead):
    ProjectFactory(
        title='=HYPERLINK("http://evil.example","Click")',
        summary="@SUM(1+1)",
        created_by=camden_lead,
    )
    response = client_for(camden_lead).get("/backlog/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    (row,) = rows(response)
    assert row["Title"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["Summary"] == "'@SUM(1+1)"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_export_follows_the_filters_and_sort(client_for, camden_lead, lambeth_lead):
    ProjectFactory(title="Camden one", created_by=camden_lead)
    high = ProjectFactory(title="Lambeth high", created_by=lambeth_lead)
    ProjectFactory(title="Lambeth low", created_by=lambeth_lead)
    Project.objects.filter(pk=high.pk).update(priority=3)
    response = client_for(camden_lead).get(
        "/backlog/export.csv", {"organisation": "lambeth", "sort": "priority"}
    )
    assert [row["Title"] for row in rows(response)] == ["Lambeth high", "Lambeth low"]
    assert rows(response)[0]["Priority"] == "High"


def test_export_needs_a_login(client):
    response = client.get("/backlog/export.csv")
    assert response.status_code == 302
