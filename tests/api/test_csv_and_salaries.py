"""CSV for spreadsheets is formula-safe; salary figures follow the disclosure rule the pages
follow, in JSON and in CSV."""

import csv
import io

import pytest

from skills.library.salaries import MIN_ORGANISATIONS
from tests.factories import OrganisationFactory, ProjectFactory
from tests.skills.library.factories import RoleLevelFactory, SalarySubmissionFactory

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2", "@SUM(A1)", " =1+1"]
)
def test_a_formula_in_a_title_stays_text_in_csv(api_for, camden_lead, title):
    ProjectFactory(title=title, created_by=camden_lead)
    for path in ("/api/v1/projects/", "/api/v1/backlog/"):
        rows = csv_rows(api_for(camden_lead).get(path, {"format": "csv"}))
        assert rows[0]["title"] == "'" + title
        assert rows[0]["lead_organisation.slug"] == "camden"


def test_csv_pages_point_at_the_next_page(api_for, camden_lead):
    for n in range(3):
        ProjectFactory(title=f"P{n}", created_by=camden_lead)
    response = api_for(camden_lead).get("/api/v1/projects/", {"format": "csv", "page_size": 2})
    assert len(csv_rows(response)) == 2
    assert 'rel="next"' in response["Link"] and "page=2" in response["Link"]
    assert response["X-Total-Count"] == "3"


def organisations(n):
    return [OrganisationFactory() for _ in range(n)]


def test_salary_benchmarks_publish_what_the_page_publishes_and_nothing_else(
    api_for, camden_lead, client_for
):
    published = RoleLevelFactory(name="Senior analyst")
    withheld = RoleLevelFactory(name="Lead engineer")
    for i, organisation in enumerate(organisations(MIN_ORGANISATIONS)):
        SalarySubmissionFactory(
            organisation=organisation, role_level=published, minimum=40_000 + i, maximum=50_000
        )
    for organisation in organisations(MIN_ORGANISATIONS - 1):
        SalarySubmissionFactory(
            organisation=organisation, role_level=withheld, minimum=61_111, maximum=66_666
        )
    api = api_for(camden_lead)
    rows = api.get("/api/v1/salary-benchmarks/").json()["results"]
    assert [row["role_level"] for row in rows] == [published.pk]
    body = api.get("/api/v1/salary-benchmarks/", {"format": "csv"}).content.decode()
    assert "Lead engineer" not in body and "61111" not in body
    page_csv = client_for(camden_lead).get("/skills/salaries/export.csv").content.decode()
    page_rows = list(csv.reader(io.StringIO(page_csv.lstrip("\ufeff"))))[1:]
    # The figures are those of the page's export, in the same order.
    figures = ["" if value is None else str(value) for value in list(rows[0].values())[4:]]
    assert not {"minimum", "maximum"} & set(rows[0])
    assert len(page_rows) == 1 and page_rows[0][1] == "Senior analyst"
    assert page_rows[0][3:] == figures
