"""Backlog, dashboard and export cost the same number of queries for 1 row and for 50."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loti_data.accounts.models import Organisation
from projects.backlog import services as triage
from projects.models import ProjectPartner, Theme, TriageNote
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LAST: list = []
# Every page at most 12. The backlog at most 8: the layout's own (session, user, groups), the
# backlog's version, the filter's choice lists (one query, then kept until one changes), the
# COUNT and one for the page's rows with their themes, partners and interest (both kept, with
# the rendered page, until the backlog changes).
BUDGET = 12
BACKLOG_BUDGET = 8


def make_projects(n: int, lead, staff) -> None:
    themes = list(Theme.objects.all()[:3])
    others = list(Organisation.objects.exclude(pk=lead.organisation_id)[:3])
    for i in range(n):
        project = ProjectFactory(created_by=lead, themes=themes[: 1 + i % 3])
        ProjectPartner.objects.create(project=project, organisation=others[0])
        person = others[1].people.first()
        if person is not None:
            triage.interest_register(project=project, organisation=others[1], by=person)
        TriageNote.objects.create(project=project, author=staff, text=f"note {i}")


def count_queries(client, url: str) -> int:
    cache.clear()  # the worst case: nothing kept yet (the filter's choices, the count)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        _ = response.content
    # Savepoints are the test transaction's, not the page's.
    LAST[:] = [q for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    return len(LAST)


@pytest.mark.parametrize(
    "url",
    [
        "/backlog/",
        "/backlog/?status=new&theme=housing&organisation=camden&sort=interest&needs_triage=on",
        "/backlog/?sort=priority&page=2",
        "/backlog/dashboard/",
        "/backlog/export.csv",
        "/backlog/export.csv?q=Data&sort=updated",
    ],
)
def test_same_queries_for_1_and_50_rows(client_for, loti_staff, camden_lead, lambeth_lead, url):
    from tests.factories import UserFactory

    for org in Organisation.objects.exclude(pk=camden_lead.organisation_id)[:3]:
        UserFactory(organisation=org)
    client = client_for(loti_staff)
    make_projects(1, camden_lead, loti_staff)
    Theme.objects.get(slug="housing").projects.add(*ProjectFactory._meta.model.objects.all())
    one = count_queries(client, url)
    make_projects(49, camden_lead, loti_staff)
    Theme.objects.get(slug="housing").projects.add(*ProjectFactory._meta.model.objects.all())
    fifty = count_queries(client, url)
    assert one == fifty, (one, fifty)
    budget = BACKLOG_BUDGET if url.startswith("/backlog/?") or url == "/backlog/" else BUDGET
    assert fifty <= budget, "\n".join(q["sql"][:150] for q in LAST)


def test_lessons_page_queries_do_not_grow(client_for, loti_staff, camden_lead):
    from projects.models import Evaluation

    def finish(n):
        for _ in range(n):
            project = ProjectFactory(created_by=camden_lead, themes=list(Theme.objects.all()[:2]))
            Evaluation.objects.create(
                project=project, outcomes_achieved="o", lessons_learned="l", recorded_by=loti_staff
            )

    client = client_for(loti_staff)
    finish(1)
    one = count_queries(client, "/backlog/lessons/")
    finish(19)
    assert count_queries(client, "/backlog/lessons/") == one <= BUDGET
