"""Helpers for the read API tests: a small London of every kind of row, and clients that
call the API with a personal token, as a report would."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from loti_data.accounts.models import Organisation
from loti_data.api.services import create_token
from methodology.checkpoint import ReviewState
from projects.governance.models import DataSharing
from projects.models import (
    Action,
    Dataset,
    EthicsReview,
    EthicsReviewEvent,
    Insight,
    Interest,
    Outcome,
    ProjectPartner,
    Theme,
    TriageNote,
)
from skills.library.salaries import MIN_ORGANISATIONS
from skills.models import Network
from skills.networks.services import AgendaEntry, meetup_create
from tests.factories import ProjectFactory
from tests.skills.library.factories import (
    RoleLevelFactory,
    RoleLevelSkillFactory,
    SalarySubmissionFactory,
)

LONDON = ZoneInfo("Europe/London")
NOTE = "Private: the sponsor is leaving in March."


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {create_token(by=user, name='test').secret}")
    return client


@pytest.fixture
def api_for():
    """``api_for(person)``: an API client sending a new personal token of that person."""
    return token_client


def populate(n: int, *, lead, staff, start: int = 0) -> None:
    """``n`` rows of every kind the API lists: projects with a canvas chain, a partner, an
    interest, a private note and an ethics decision; networks with a meet-up and its agenda;
    role levels with skills and published salary benchmarks."""
    organisations = list(Organisation.objects.exclude(pk=lead.organisation_id)[:3])
    theme = Theme.objects.first()
    for i in range(start, start + n):
        project = ProjectFactory(title=f"Project {i}", created_by=lead, themes=[theme])
        outcome = Outcome.objects.create(project=project, who=f"Residents {i}", how="Better")
        action = Action.objects.create(project=project, actor="Officers", change="Act sooner")
        action.outcomes.add(outcome)
        insight = Insight.objects.create(project=project, title=f"Map {i}")
        insight.actions.add(action)
        dataset = Dataset.objects.create(
            project=project, name=f"Records {i}", holder=lead.organisation, source="existing"
        )
        dataset.insights.add(insight)
        DataSharing.objects.create(
            dataset=dataset,
            identifiable="yes",
            route="agreement",
            status="signed",
            review_on=timezone.localdate() + timedelta(days=200),
        )
        ProjectPartner.objects.create(project=project, organisation=organisations[0])
        Interest.objects.create(project=project, organisation=organisations[1], registered_by=staff)
        TriageNote.objects.create(project=project, text=NOTE, author=staff)
        review = EthicsReview.objects.create(project=project, state=ReviewState.APPROVED, round=1)
        EthicsReviewEvent.objects.create(
            review=review,
            action="decided",
            actor=staff,
            from_state="in_review",
            to_state="approved",
            note="Proportionate.",
        )
        network = Network.objects.create(name=f"Network {i}", slug=f"network-{i}", purpose="Meet")
        starts_at = datetime.combine(
            timezone.localdate() + timedelta(days=30 + i), time(9, 30), LONDON
        )
        meetup_create(
            network=network,
            by=staff,
            title=f"Meet-up {i}",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1),
            location="City Hall",
            agenda=[AgendaEntry(time(9, 30), "Welcome", "LOTI", "LOTI")],
        )
        level = RoleLevelFactory(name=f"Analyst {i}")
        RoleLevelSkillFactory(role_level=level)
        # Enough organisations for the disclosure rule to publish a benchmark.
        for organisation in Organisation.objects.order_by("pk")[:MIN_ORGANISATIONS]:
            SalarySubmissionFactory(organisation=organisation, role_level=level)


@pytest.fixture
def london(camden_lead, loti_staff):
    populate(2, lead=camden_lead, staff=loti_staff)
