"""Every project page costs the same number of queries with 1 entry per stage as with 50, and
at most 12, for the project's lead and for LOTI staff."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loti_data.accounts.models import User
from methodology.stages import Stage
from projects.models import Action, Dataset, Enabler, Insight, Outcome, ProjectMembership

pytestmark = pytest.mark.django_db

PAGES = ["/projects/{pk}/", "/projects/{pk}/canvas/", "/projects/{pk}/why-this-data/"]
PAGES += [f"/projects/{{pk}}/stages/{stage}/" for stage in Stage.values]
PAGES += ["/projects/{pk}/canvas.md", "/projects/{pk}/history/", "/projects/"]


def grow(filler, n):
    """n entries in every stage, each linked to every entry of the stage before."""
    project, lead = filler.project, filler.by
    outcomes = [Outcome.objects.create(project=project, who=f"O{i}", how="h") for i in range(n)]
    actions = [Action.objects.create(project=project, actor=f"A{i}", change="c") for i in range(n)]
    insights = [Insight.objects.create(project=project, title=f"I{i}") for i in range(n)]
    for i in range(n):
        Enabler.objects.create(project=project, kind="skills", need=f"E{i}")
        dataset = Dataset.objects.create(
            project=project, name=f"D{i}", holder=lead.organisation, source="existing"
        )
        actions[i].outcomes.set(outcomes)
        insights[i].actions.set(actions)
        dataset.insights.set(insights)
    for i in range(n):
        member = User.objects.create(
            email=f"member{n}-{i}@camden.example", name=f"M{i}", organisation=lead.organisation
        )
        ProjectMembership.objects.create(project=project, user=member)


def count_queries(client, url) -> int:
    # A request first, so that what the page keeps for a minute (the filter's choices, the
    # backlog's counts) is kept when counting: on a slow machine growing 50 entries a stage
    # can take longer than that, and the two counts would differ by what expired.
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


BUDGET = 12


@pytest.mark.parametrize("who", ["lead", "staff"])
@pytest.mark.parametrize("page", PAGES)
def test_same_queries_for_1_and_50_entries(
    client_for, camden_lead, loti_staff, filler, data_unlocked, page, who
):
    filler.through(Stage.ETHICS)
    client = client_for(camden_lead if who == "lead" else loti_staff)
    url = page.format(pk=filler.project.pk)
    grow(filler, 1)
    small = count_queries(client, url)
    grow(filler, 49)
    big = count_queries(client, url)
    assert small == big, f"{url}: {small} queries with 1 entry a stage, {big} with 50"
    assert big <= BUDGET, f"{url}: {big} queries"
