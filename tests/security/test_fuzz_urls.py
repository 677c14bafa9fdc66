"""Every URL pattern, found by walking the resolver, with hostile values in each URL parameter and
the query string, as each role: never a 500 (the test client raises the server's exception).

Parameters take real values from the demo (so pages show real objects of every borough) and
hostile ones (0, ids past the database's integers, malformed tokens, NUL, 2,000 characters); the
query string mixes the product's filters with ?page=-1, ?page=abc, ?sort=x and hostile text.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from methodology.stages import STAGE_ORDER
from projects.models import Action, Dataset, Enabler, Insight, Interest, Outcome, Project
from skills.models import (
    CalendarFeed,
    HardToFillFlag,
    Meetup,
    Network,
    Role,
    RoleLevel,
    SalarySubmission,
    Skill,
)
from tests.security.conftest import ROLES, Route, every_route, fill, hostile_text

pytestmark = pytest.mark.django_db

ROUTES = every_route()
PRODUCT = [route for route in ROUTES if not route.is_admin]
ADMIN = [route for route in ROUTES if route.is_admin]

HOSTILE_PARAMS = {
    "int": ["0", "1", "2147483648", "99999999999999999999"],
    "slug": ["x", "-", "a" * 300, "ethics", "data-leaders"],
    "string": [
        "%00",
        "%0A",
        "a" * 2000,
        "%2e%2e",
        "%F0%9F%98%80",
        "%ED%A0%80",
        "%FF",
        "'%20OR%201=1",
    ],
    "path": ["%00", "a/b/../c", "%FF"],
    "regex": ["%00", "0", "99999999999999999999", "a" * 500, "%FF", "x"],
}
QUERY_KEYS = [
    "page",
    "sort",
    "q",
    "status",
    "stage",
    "priority",
    "theme",
    "organisation",
    "loti_owner",
    "needs_triage",
    "min_interest",
    "mine",
    "level",
    "year",
    "when",
    "state",
    "assigned",
    "a",
    "b",
    "role_level",
    "skill",
    "next",
    "o",
    "p",
    "_changelist_filters",
]
HOSTILE_QUERIES = ["page=-1", "page=abc", "page=99999999999", "sort=x", "q=%00", "year=%FF"]


def _pks(model, first=None) -> list[str]:
    """A few ids of ``model``; those of ``first`` (a queryset) come first."""
    pks = list(first.values_list("pk", flat=True)[:2]) if first is not None else []
    pks += model.objects.exclude(pk__in=pks).order_by("pk").values_list("pk", flat=True)[:3]
    return [str(pk) for pk in pks]


def real_values(route: Route, name: str, user=None) -> list[str]:
    """Ids, slugs and tokens of real demo objects for a parameter, where the route says which;
    with ``user``, the projects on whose team they are come first."""
    path = route.regex
    if name == "pk" and "dataset_pk" in path:  # projects whose datasets have a sharing route
        return _pks(Project, Project.objects.filter(datasets__sharing__isnull=False).distinct())
    if name == "dataset_pk":
        return _pks(Dataset, Dataset.objects.filter(sharing__isnull=False))
    if name == "kind":
        return ["agreement", "dpia"]
    if name == "pk" and user is not None and path.startswith(("projects/", "backlog/projects/")):
        return _pks(Project, Project.objects.filter(memberships__user=user))
    if name == "pk":
        for prefix, model in (
            ("projects/", Project),
            ("backlog/projects/", Project),
            ("skills/roles/", Role),
            ("skills/levels/", RoleLevel),
            ("skills/capabilities/", Skill),
            ("skills/salaries/", SalarySubmission),
            ("skills/hard-to-fill/", HardToFillFlag),
            ("networks/meetups/", Meetup),
        ):
            if path.startswith(prefix):
                return _pks(model)
    if name == "entry_pk":
        return [pk for model in (Outcome, Action, Insight, Enabler, Dataset) for pk in _pks(model)]
    if name == "interest_pk":
        return _pks(Interest)
    if name in ("membership_pk", "partner_pk"):
        return [str(pk) for pk in range(1, 4)]
    if name == "stage":
        return list(STAGE_ORDER)
    if name == "slug":
        return list(Network.objects.values_list("slug", flat=True))
    if name == "token":
        return list(CalendarFeed.objects.values_list("token", flat=True)[:2])
    if name == "object_id":
        return ["1", "2"]
    return []


def values_for(route: Route):
    """A strategy for the parameters of ``route``: real or hostile, each drawn independently."""
    return st.fixed_dictionaries(
        {
            name: st.sampled_from(real_values(route, name) + HOSTILE_PARAMS[converter])
            for name, converter in route.params
        }
    )


queries = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE_QUERIES),
        st.builds(
            lambda key, value: f"{key}={quote(value.encode('utf-8', 'surrogatepass'))}",
            st.sampled_from(QUERY_KEYS),
            hostile_text,
        ),
    ),
    max_size=4,
).map("&".join)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def get(client: Client, path: str, query: str) -> int:
    response = client.get(path, QUERY_STRING=query)
    assert response.status_code < 500, f"{path}?{query}: {response.status_code}"
    return response.status_code


@pytest.mark.parametrize("route", PRODUCT, ids=str)
def test_every_page_answers_hostile_parameters_as_every_role_without_a_500(route, demo):
    clients = {role: client_for(user) for role, user in demo.items()}
    for client in clients.values():
        real = {
            name: (real_values(route, name) or HOSTILE_PARAMS[converter])[0]
            for name, converter in route.params
        }
        get(client, fill(route, real), "page=-1&sort=x&q=%00")

    @settings(
        max_examples=4,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(role=st.sampled_from(list(ROLES)), values=values_for(route), query=queries)
    def hostile(role, values, query):
        get(clients[role], fill(route, values), query)

    hostile()


@pytest.mark.parametrize("role", ["anonymous", "borough lead", "library admin"])
def test_every_admin_page_answers_hostile_parameters_without_a_500(role, demo):
    client = client_for(demo[role])
    for route in ADMIN:
        for variant in range(2):
            values = {
                name: (real_values(route, name) + HOSTILE_PARAMS[converter])[variant]
                for name, converter in route.params
            }
            get(client, fill(route, values), HOSTILE_QUERIES[variant])


def test_a_malformed_calendar_token_or_path_is_not_found(client, camden_lead):
    for token in ["%00", "a" * 5000, "..%2F..%2Fetc", "%FF", "x%0Ay", "valid-looking"]:
        assert client.get(f"/calendar/{token}.ics").status_code == 404
    client.force_login(camden_lead)
    for path in ["99999999999999999999", "0", "-1", "1%00", "abc"]:
        assert client.get(f"/networks/meetups/{path}/calendar.ics").status_code == 404
