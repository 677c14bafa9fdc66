"""Helpers for the networks tests: networks and meet-ups made through the real services."""

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from skills.models import Network
from skills.networks.services import AgendaEntry, meetup_create, network_join
from tests.factories import OrganisationFactory, UserFactory

LONDON = ZoneInfo("Europe/London")


def london(year, month, day, hour=9, minute=30) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


THREE_ITEMS = [
    AgendaEntry(time(9, 30), "Welcome and introductions", "LOTI", "LOTI"),
    AgendaEntry(time(9, 45), "Show and tell", "", "Camden Council"),
    AgendaEntry(time(10, 30), "Next steps", "LOTI", "LOTI"),
]


@pytest.fixture
def network(db) -> Network:
    return Network.objects.create(
        name="Data Leaders (Heads of Data & BI)",
        slug="data-leaders",
        purpose="Heads of data share priorities.",
        cadence="Monthly, online",
    )


@pytest.fixture
def make_meetup(network, loti_staff):
    """``make_meetup(starts_at=..., capacity=...)``: a meet-up created by LOTI staff."""

    def make(*, starts_at: datetime | None = None, duration=timedelta(minutes=90), **fields):
        starts_at = starts_at or (
            datetime.combine(timezone.localdate() + timedelta(days=30), time(9, 30), LONDON)
        )
        defaults = {
            "title": "Data Leaders meet-up",
            "location": "City Hall, London",
            "agenda": list(THREE_ITEMS),
        }
        defaults.update(fields)
        return meetup_create(
            network=fields.pop("network", network),
            by=loti_staff,
            starts_at=starts_at,
            ends_at=starts_at + duration,
            **{key: value for key, value in defaults.items() if key != "network"},
        )

    return make


def bulk_people(count: int) -> list:
    """People made in one INSERT, without hashing a password each (fast, for volume tests)."""
    from loti_data.accounts.models import Organisation, User

    organisation = Organisation.objects.order_by("pk").first() or OrganisationFactory()
    start = User.objects.count()
    return User.objects.bulk_create(
        [
            User(
                email=f"bulk{start + index}-{uuid.uuid4().hex[:6]}@example.org",
                name=f"Person {start + index}",
                organisation=organisation,
                password="!",
            )
            for index in range(count)
        ]
    )


@pytest.fixture
def members(network, reference_data):
    """``members(3)``: that many new people who joined the network."""

    def make(count: int, **kwargs):
        people = [UserFactory(**kwargs) for _ in range(count)] if kwargs else bulk_people(count)
        for person in people:
            network_join(network=network, user=person)
        return people

    return make


def a_day(year, month, day) -> date:
    return date(year, month, day)
