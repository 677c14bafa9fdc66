"""The route page, the sign-off by the holder, the register (filters, paging, CSV, budgets)."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.governance.models import DataSharing, SignOff
from projects.models import Dataset
from tests.factories import ProjectFactory
from tests.projects.governance.conftest import in_a_year, request_signoff

pytestmark = pytest.mark.django_db

REGISTER = "/data-sharing/"


def route_url(dataset):
    return f"/projects/{dataset.project_id}/data/{dataset.pk}/sharing/"


def answers_post(**extra):
    data = {
        "version": 0,
        "identifiable": "yes",
        "controller": "separate",
        "lawful_basis": "public_task",
        "frequency": "routine",
        "retention": "Two years.",
        "security": "Logged access.",
        "transparency": "Privacy notice.",
        "review_on": in_a_year().isoformat(),
    }
    return data | extra


def test_the_data_stage_links_each_dataset_to_its_route(client_for, camden_lead, lambeth_dataset):
    page = client_for(camden_lead).get(f"/projects/{lambeth_dataset.project_id}/stages/data/")
    text = page.content.decode()
    assert "Answer the route questions" in text
    assert route_url(lambeth_dataset) in text


def test_the_team_answers_and_sees_the_route_with_its_reasons(
    client_for, camden_lead, lambeth_dataset
):
    client = client_for(camden_lead)
    response = client.post(route_url(lambeth_dataset), answers_post(high_risk=["vulnerable"]))
    assert response.status_code == 302
    page = client.get(route_url(lambeth_dataset)).content.decode()
    assert "High risk: a DPIA, an agreement and the DPO&#x27;s sign-off" in page
    assert "UK GDPR Article 35(1)" in page
    assert "Rent arrears &lt;script&gt;" in page and "<script>alert" not in page
    stage = client.get(f"/projects/{lambeth_dataset.project_id}/stages/data/").content.decode()
    assert "Draft: sign-off not requested" in stage


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"identifiable": "no", "special_category": "on", "lawful_basis": ""}, "always personal"),
        ({"special_category": "on"}, "needs an Article 9 condition"),
        ({"special_category": "on", "article9": "g"}, "matching Schedule 1 condition"),
        ({"review_on": "2000-01-01"}, "must be in the future"),
        ({"retention": "x\x00y"}, "Null characters are not allowed"),
    ],
)
def test_contradictory_answers_get_clear_errors(
    client_for, camden_lead, lambeth_dataset, extra, message
):
    response = client_for(camden_lead).post(route_url(lambeth_dataset), answers_post(**extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DataSharing.objects.exists()


@pytest.mark.parametrize("person", ["lambeth_lead", "loti_staff"])
def test_people_off_the_team_read_but_may_not_answer(request, client_for, person, lambeth_dataset):
    client = client_for(request.getfixturevalue(person))
    page = client.get(route_url(lambeth_dataset))
    assert page.status_code == 200 and "Save the answers" not in page.content.decode()
    assert client.post(route_url(lambeth_dataset), answers_post()).status_code == 403
    assert not DataSharing.objects.exists()


def test_the_holder_signs_off_on_the_page(client_for, camden_lead, lambeth_officer, routed):
    team = client_for(camden_lead)
    team.post(route_url(routed.dataset) + "request/", {"version": routed.version})
    routed.refresh_from_db()
    assert routed.status == SignOff.REQUESTED
    holder = client_for(lambeth_officer)
    home = holder.get("/").content.decode()
    assert "sign-off requested" in home
    page = holder.get(route_url(routed.dataset)).content.decode()
    assert "Record my decision" in page
    response = holder.post(
        route_url(routed.dataset) + "sign-off/",
        {"version": routed.version, "decision": "approve", "reasons": "Agreed."},
    )
    assert response.status_code == 302
    routed.refresh_from_db()
    assert routed.status == SignOff.SIGNED
    # The same form again (a replay) is refused with a clear message, nothing changes.
    again = holder.post(
        route_url(routed.dataset) + "sign-off/",
        {"version": routed.version - 1, "decision": "decline", "reasons": "Changed my mind."},
        follow=True,
    )
    assert "changed since you opened the page" in again.content.decode()
    routed.refresh_from_db()
    assert routed.status == SignOff.SIGNED


def test_another_borough_may_not_sign_off_on_the_page(client_for, camden_lead, routed, lambeth):
    from loti_data.accounts.models import Organisation
    from tests.factories import UserFactory

    request_signoff(routed, camden_lead)
    routed.refresh_from_db()
    southwark = UserFactory(organisation=Organisation.objects.get(slug="southwark"))
    response = client_for(southwark).post(
        route_url(routed.dataset) + "sign-off/",
        {"version": routed.version, "decision": "approve", "reasons": "Sure."},
    )
    assert response.status_code == 403
    routed.refresh_from_db()
    assert routed.status == SignOff.REQUESTED


def test_a_holder_outside_loti_data_is_said_plainly(client_for, camden_lead, charity_dataset):
    page = client_for(camden_lead).get(route_url(charity_dataset)).content.decode()
    assert "Trussell Trust is not an organisation registered on loti-data" in page


def test_another_projects_dataset_is_not_found_under_this_project(
    client_for, camden_lead, lambeth_dataset, lambeth_lead
):
    other = ProjectFactory(created_by=lambeth_lead, title="Other")
    assert (
        client_for(camden_lead)
        .get(f"/projects/{other.pk}/data/{lambeth_dataset.pk}/sharing/")
        .status_code
        == 404
    )


# --- the register ------------------------------------------------------------------------------


def many_datasets(project, n, holder, name="Rent accounts"):
    insight = project.insights.get()
    for i in range(n):
        dataset = Dataset.objects.create(
            project=project,
            name=f"{name} {i}" if n > 1 else name,
            holder=holder,
            source="existing",
            personal_data=True,
            lawful_basis="public_task",
        )
        dataset.insights.add(insight)
        DataSharing.objects.create(
            dataset=dataset,
            identifiable="yes",
            route="agreement",
            status=SignOff.SIGNED,
            review_on=in_a_year(),
        )


def test_the_register_costs_the_same_for_1_and_50_rows(client_for, lambeth_lead, project, lambeth):
    client = client_for(lambeth_lead)
    client.get(REGISTER)
    many_datasets(project, 1, lambeth)
    with CaptureQueriesContext(connection) as one:
        assert "Rent accounts" in client.get(REGISTER).content.decode()
    many_datasets(project, 49, lambeth, name="Council tax")
    with CaptureQueriesContext(connection) as fifty:
        assert "Council tax 48" in client.get(REGISTER + "?page=2").content.decode()
    assert len(one) <= 12
    assert len(fifty) == len(one)


def test_the_register_groups_demand_and_filters_by_organisation(
    client_for, camden_lead, lambeth_lead, project, lambeth
):
    many_datasets(project, 1, lambeth, name="Rent accounts")
    other = ProjectFactory(created_by=lambeth_lead, title="Arrears early help")
    other.insights.create(title="Arrears list")
    many_datasets(other, 1, lambeth, name="  RENT accounts ")
    page = client_for(camden_lead).get(REGISTER).content.decode()
    assert "Asked for by 2 projects." in page
    assert "Eviction prevention" in page and "Arrears early help" in page
    filtered = client_for(camden_lead).get(REGISTER + "?organisation=camden").content.decode()
    assert "Asked for by 1 project." in filtered and "Arrears early help" not in filtered
    bad = client_for(camden_lead).get(REGISTER + "?organisation=%00&route=x")
    assert bad.status_code == 200 and "No data sharing matches" in bad.content.decode()


def test_the_register_hides_what_the_person_may_not_read(
    client_for, camden_lead, project, lambeth, monkeypatch
):
    from projects.governance import rules

    many_datasets(project, 1, lambeth)
    monkeypatch.setattr(rules, "may_read", lambda user, p: p.pk != project.pk)
    page = client_for(camden_lead).get(REGISTER).content.decode()
    assert "Rent accounts" not in page
    rows = client_for(camden_lead).get(REGISTER + "register.csv").content.decode()
    assert "Rent accounts" not in rows


def test_the_register_csv_defuses_formulas(client_for, camden_lead, project, lambeth):
    many_datasets(project, 1, lambeth, name="=cmd|' /C calc'!A0")
    response = client_for(camden_lead).get(REGISTER + "register.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Holder", "Dataset"]
    assert rows[1][1].startswith("'=cmd")
    assert "Residents at risk of eviction" in rows[1][4]


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(REGISTER)["Location"].startswith("/accounts/login/")
