"""Shared fixtures: the people who use the product (borough leads, LOTI staff, reviewers,
library admins), as personas every test module can ask for.

Persona fixtures make sure the reference data exists first: transactional tests (live server,
Celery worker) flush the tables that the data migrations filled.
"""

import pytest
from django.contrib.auth.models import Group

from loti_data.accounts import roles
from loti_data.accounts.models import Organisation
from projects.canvas.themes import sync_themes
from projects.models import Theme
from tests.factories import UserFactory
from tests.support.xdist_redis import use_worker_redis_database

pytest_plugins = [
    "tests.support.celery_worker",
    "tests.support.redis_server",
    "tests.support.smtp",
    "tests.support.oidc",
]

use_worker_redis_database()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what one test's data left there (the backlog's
    counts, the dashboard) must not answer for another's, since the database is rolled back."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def ensure_reference_data() -> None:
    """Organisations, role groups and themes, as the migrations load them."""
    if not Organisation.objects.exists():
        from loti_data.accounts.organisations import sync_organisations

        sync_organisations(Organisation)
    for name in roles.ALL_GROUPS:
        Group.objects.get_or_create(name=name)
    if not Theme.objects.exists():
        sync_themes(Theme)


@pytest.fixture
def reference_data(db):
    ensure_reference_data()


@pytest.fixture
def camden(reference_data) -> Organisation:
    return Organisation.objects.get(slug="camden")


@pytest.fixture
def lambeth(reference_data) -> Organisation:
    return Organisation.objects.get(slug="lambeth")


@pytest.fixture
def loti(reference_data) -> Organisation:
    return Organisation.objects.get(kind=Organisation.Kind.LOTI)


@pytest.fixture
def camden_lead(camden):
    """A borough data lead in Camden."""
    return UserFactory(email="lead@camden.example", name="Camden Lead", organisation=camden)


@pytest.fixture
def lambeth_lead(lambeth):
    """A borough data lead in another borough (Lambeth)."""
    return UserFactory(email="lead@lambeth.example", name="Lambeth Lead", organisation=lambeth)


@pytest.fixture
def loti_staff(loti):
    """LOTI staff, who are ethics reviewers by default."""
    return UserFactory(
        email="staff@loti.example",
        name="Loti Staff",
        organisation=loti,
        groups=[roles.LOTI_STAFF, roles.ETHICS_REVIEWERS],
    )


@pytest.fixture
def ethics_reviewer(loti):
    """An ethics reviewer who is not LOTI staff (e.g. an information governance lead)."""
    return UserFactory(
        email="reviewer@loti.example",
        name="Ethics Reviewer",
        organisation=loti,
        groups=[roles.ETHICS_REVIEWERS],
    )


@pytest.fixture
def library_admin(loti):
    return UserFactory(
        email="admin@loti.example",
        name="Library Admin",
        organisation=loti,
        groups=[roles.LIBRARY_ADMINS],
    )


@pytest.fixture
def anonymous(client):
    """A visitor who has not logged in."""
    return client


@pytest.fixture
def client_for(client):
    """Log the test client in as someone: ``client_for(camden_lead).get(url)``."""

    def login(user):
        client.force_login(user)
        return client

    return login
