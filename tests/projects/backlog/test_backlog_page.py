"""The backlog page: every project, filters and sort in the URL, counts, pagination, empty state."""

import pytest

from loti_data.accounts.models import Organisation
from projects.backlog import services as triage
from projects.models import Project, ProjectPartner
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URL = "/backlog/"


def titles(response) -> list[str]:
    return [row["title"] for row in response.context["page"].rows]


def test_every_member_sees_every_project_with_its_details(
    client_for, lambeth_lead, camden_project, lambeth, housing, loti_staff
):
    camden_project.themes.add(housing)
    ProjectPartner.objects.create(project=camden_project, organisation=lambeth)
    Project.objects.filter(pk=camden_project.pk).update(
        status="accepted", priority=3, loti_owner=loti_staff
    )
    page = client_for(lambeth_lead).get(URL).content.decode()
    for text in (
        "Camden early warning",
        "Camden",
        "Lambeth",
        "Housing",
        "Accepted",
        "High",
        "Loti Staff",
        'Outcomes<span class="visually-hidden">, stage 1 of 6</span>',
        "1 project",
    ):
        assert text in page, text


def test_status_stage_priority_filters_combine(client_for, camden_lead, camden_project):
    other = ProjectFactory(title="Other", created_by=camden_lead, stage="insights")
    Project.objects.filter(pk=other.pk).update(status="accepted", priority=2)
    client = client_for(camden_lead)
    assert titles(client.get(URL, {"status": ["accepted", "new"]})) == [
        "Camden early warning",
        "Other",
    ]
    assert titles(client.get(URL, {"status": "accepted", "stage": "insights"})) == ["Other"]
    assert titles(client.get(URL, {"status": "accepted", "stage": "outcomes"})) == []
    assert titles(client.get(URL, {"priority": "2"})) == ["Other"]


def test_theme_organisation_owner_interest_and_search_filters(
    client_for,
    camden_lead,
    lambeth_lead,
    camden_project,
    lambeth_project,
    lambeth,
    housing,
    loti_staff,
):
    camden_project.themes.add(housing)
    ProjectPartner.objects.create(project=camden_project, organisation=lambeth)
    triage.interest_register(
        project=lambeth_project, organisation=camden_lead.organisation, by=camden_lead
    )
    Project.objects.filter(pk=lambeth_project.pk).update(loti_owner=loti_staff)
    client = client_for(camden_lead)
    assert titles(client.get(URL, {"theme": "housing"})) == ["Camden early warning"]
    # Lambeth leads one and partners on the other.
    assert sorted(titles(client.get(URL, {"organisation": "lambeth"}))) == [
        "Camden early warning",
        "Lambeth school data",
    ]
    assert titles(client.get(URL, {"organisation": "camden"})) == ["Camden early warning"]
    assert titles(client.get(URL, {"loti_owner": loti_staff.pk})) == ["Lambeth school data"]
    assert titles(client.get(URL, {"loti_owner": "none"})) == ["Camden early warning"]
    assert titles(client.get(URL, {"min_interest": 1})) == ["Lambeth school data"]
    assert titles(client.get(URL, {"q": "SCHOOL"})) == ["Lambeth school data"]
    assert titles(client.get(URL, {"q": "services cannot see"})) == [
        "Camden early warning",
        "Lambeth school data",
    ]


def test_needs_triage_means_new_or_open_without_priority_or_owner(
    client_for, camden_lead, loti_staff
):
    new = ProjectFactory(title="New one", created_by=camden_lead)
    unowned = ProjectFactory(title="Accepted, no owner", created_by=camden_lead)
    triaged = ProjectFactory(title="Fully triaged", created_by=camden_lead)
    parked = ProjectFactory(title="On hold", created_by=camden_lead)
    Project.objects.filter(pk=unowned.pk).update(status="accepted", priority=2)
    Project.objects.filter(pk=triaged.pk).update(
        status="in_progress", priority=2, loti_owner=loti_staff
    )
    Project.objects.filter(pk=parked.pk).update(status="on_hold")
    found = titles(client_for(camden_lead).get(URL, {"needs_triage": "on"}))
    assert found == [new.title, unowned.title]


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("rank", ["A", "B", "C"]),
        ("priority", ["B", "C", "A"]),
        ("interest", ["C", "A", "B"]),
        ("updated", ["A", "C", "B"]),
        ("created", ["C", "B", "A"]),
    ],
)
def test_sorts(client_for, camden_lead, sort, expected):
    a = ProjectFactory(title="A", created_by=camden_lead)
    b = ProjectFactory(title="B", created_by=camden_lead)
    c = ProjectFactory(title="C", created_by=camden_lead)
    Project.objects.filter(pk=b.pk).update(priority=3)
    Project.objects.filter(pk=c.pk).update(priority=2, interest_count=2)
    Project.objects.filter(pk=a.pk).update(interest_count=1)
    Project.objects.get(pk=c.pk).save()  # touch updated_at: C after B
    Project.objects.get(pk=a.pk).save()  # then A, most recent
    assert titles(client_for(camden_lead).get(URL, {"sort": sort})) == expected


def test_filters_live_in_the_url_and_come_back_checked(client_for, camden_lead, camden_project):
    page = client_for(camden_lead).get(
        URL, {"status": "new", "theme": "housing", "sort": "priority", "q": "warning"}
    )
    html = page.content.decode()
    assert 'name="status" value="new" id="filter-status-1" checked' in html
    assert '<option value="housing" selected>' in html
    assert '<option value="priority" selected>' in html
    assert 'value="warning"' in html
    # The export link carries the same filters.
    assert (
        "/backlog/export.csv?status=new&amp;theme=housing&amp;sort=priority&amp;q=warning" in html
    )


def test_pages_of_25_with_count_and_deep_page(client_for, camden_lead):
    creator = camden_lead
    for n in range(60):
        ProjectFactory(title=f"Project {n:02d}", created_by=creator)
    client = client_for(camden_lead)
    first = client.get(URL)
    assert len(first.context["page"].rows) == 25
    assert "60 projects" in first.content.decode()
    last = client.get(URL, {"page": 3})
    assert titles(last) == [f"Project {n:02d}" for n in range(50, 60)]
    assert "Showing 51\N{EN DASH}60, page 3 of 3" in last.content.decode()
    # Out of range or nonsense page numbers land on a real page, never a 500.
    assert client.get(URL, {"page": 99}).context["page"].number == 3
    assert client.get(URL, {"page": "x"}).context["page"].number == 1


def test_bad_filter_values_get_a_clear_message_not_a_500(client_for, camden_lead, camden_project):
    response = client_for(camden_lead).get(
        URL, {"status": "bogus", "min_interest": "lots", "theme": "nope", "sort": "chaos"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Enter a number" in html
    assert titles(response) == ["Camden early warning"]  # bad filters are ignored


def test_empty_states(client_for, camden_lead, reference_data):
    client = client_for(camden_lead)
    assert "The backlog is empty" in client.get(URL).content.decode()
    ProjectFactory(created_by=camden_lead)
    assert "No projects match these filters" in client.get(URL, {"status": "done"}).content.decode()


def test_members_see_no_triage_controls(client_for, camden_lead, camden_project):
    client = client_for(camden_lead)
    for url in (URL, camden_project.get_absolute_url()):
        html = client.get(url).content.decode()
        for control in (
            "Change status",
            "Save triage",
            "Move up",
            "Private notes",
            "Triage history",
        ):
            assert control not in html, (url, control)


def test_loti_staff_see_the_controls_on_the_project_page(client_for, loti_staff, camden_project):
    html = client_for(loti_staff).get(camden_project.get_absolute_url()).content.decode()
    for control in ("Change status", "Save triage", "Move up", "Private notes", "Triage history"):
        assert control in html, control


def test_organisations_exist_for_the_filter(client_for, camden_lead):
    html = client_for(camden_lead).get(URL).content.decode()
    assert html.count("<option value=") >= Organisation.objects.count()


def test_kept_counts_follow_every_change_at_once(
    client_for, camden_lead, loti_staff, camden_project, lambeth, housing
):
    """The count, the theme filter and the dashboard are kept between requests, never after a
    change: a new project, a status, a theme, a partner."""
    client = client_for(loti_staff)
    assert "1 project" in client.get(URL).content.decode()
    ProjectFactory(title="Second", created_by=camden_lead)
    assert "2 projects" in client.get(URL).content.decode()
    assert "0 projects match" in client.get(URL, {"theme": "housing"}).content.decode()
    camden_project.themes.add(housing)
    assert "1 project matches" in client.get(URL, {"theme": "housing"}).content.decode()
    triage.project_set_status(
        project=camden_project, status="accepted", reason="Good case.", by=loti_staff
    )
    assert "1 project matches" in client.get(URL, {"status": "accepted"}).content.decode()
    ProjectPartner.objects.create(project=camden_project, organisation=lambeth)
    page = client.get(URL, {"organisation": "lambeth"}).content.decode()
    assert "1 project matches" in page
    dashboard = client.get("/backlog/dashboard/").content.decode()
    assert "2 projects across London" in dashboard
    assert "Figures as of" in dashboard
