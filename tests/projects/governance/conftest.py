"""A Camden project with Data open, datasets held by Lambeth (another borough) and by a named
organisation outside loti-data, and the people around them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from loti_data.accounts import roles
from methodology.stages import Stage
from projects.governance import services
from projects.governance.routes import Answers
from projects.models import Dataset
from tests.factories import ProjectFactory, UserFactory
from tests.projects.canvas.conftest import CanvasFiller


def personal(**extra) -> Answers:
    base = {
        "identifiable": "yes",
        "controller": "separate",
        "lawful_basis": "public_task",
        "frequency": "routine",
        "retention": "Two years, then deleted.",
        "security": "Our data platform, access logged.",
        "transparency": "Privacy notice on both websites.",
    }
    return Answers(**(base | extra))


def in_a_year():
    return timezone.localdate() + timedelta(days=365)


@pytest.fixture
def filler(camden_lead, loti_staff):
    project = ProjectFactory(created_by=camden_lead, title="Eviction prevention")
    filler = CanvasFiller(project, camden_lead)
    filler.approver = loti_staff
    filler.through(Stage.ETHICS)
    return filler


@pytest.fixture
def project(filler):
    return filler.project


@pytest.fixture
def lambeth_dataset(filler, lambeth):
    insight = filler.project.insights.get()
    return filler.add(
        Dataset(
            name="Rent arrears <script>alert(1)</script>",
            holder=lambeth,
            source=Dataset.Source.OTHER_ORGANISATION,
            personal_data=True,
            lawful_basis=Dataset.LawfulBasis.PUBLIC_TASK,
        ),
        [insight],
    )


@pytest.fixture
def charity_dataset(filler):
    insight = filler.project.insights.get()
    return filler.add(
        Dataset(
            name="Food bank referrals",
            holder_other="Trussell Trust",
            source=Dataset.Source.OTHER_ORGANISATION,
            personal_data=True,
            lawful_basis=Dataset.LawfulBasis.PUBLIC_TASK,
        ),
        [insight],
    )


@pytest.fixture
def lambeth_officer(lambeth):
    return UserFactory(organisation=lambeth, email="ig@lambeth.example", name="Lambeth IG")


@pytest.fixture
def lambeth_dpo(lambeth):
    user = UserFactory(organisation=lambeth, email="dpo@lambeth.example", name="Lambeth DPO")
    user.groups.add(Group.objects.get(name=roles.DATA_PROTECTION_OFFICERS))
    return user


@pytest.fixture
def routed(lambeth_dataset, camden_lead):
    """The Lambeth dataset on the agreement route (personal data, no high risk)."""
    return services.route_answer(
        dataset=lambeth_dataset, by=camden_lead, answers=personal(), review_on=in_a_year()
    )


@pytest.fixture
def high_risk(lambeth_dataset, camden_lead):
    return services.route_answer(
        dataset=lambeth_dataset,
        by=camden_lead,
        answers=personal(special_category=True, article9="h", schedule1="2"),
        review_on=in_a_year(),
    )


def request_signoff(sharing, by):
    return services.signoff_request(sharing=sharing, by=by, version=sharing.version)


def decide(sharing, by, approve=True, reasons="Fine by us."):
    return services.signoff_decide(
        sharing=sharing, by=by, version=sharing.version, approve=approve, reasons=reasons
    )
