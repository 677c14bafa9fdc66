"""Bad input gets a clear message, never a 500 and never a half-saved canvas."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from methodology.stages import Stage
from projects.models import Outcome, StageEvent
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_and_script_are_shown_escaped_everywhere(client_for, camden_lead, lambeth_lead):
    project = ProjectFactory(created_by=camden_lead, title=SCRIPT, summary=SCRIPT)
    client = client_for(camden_lead)
    response = client.post(
        f"/projects/{project.pk}/stages/outcomes/",
        {"version": 0, "who": SCRIPT, "how": SCRIPT, "measure": SCRIPT},
    )
    assert response.status_code == 302
    reader = client_for(lambeth_lead)
    for page in ["/", "/projects/", f"/projects/{project.pk}/", f"/projects/{project.pk}/canvas/"]:
        html = reader.get(page).content.decode()
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
    html = reader.get(f"/projects/{project.pk}/stages/outcomes/").content.decode()
    assert "&lt;script&gt;alert" in html
    html = reader.get(f"/projects/{project.pk}/history/").content.decode()
    assert "<script>alert" not in html


def test_over_long_text_gets_a_clear_message(client_for, camden_lead, project):
    response = client_for(camden_lead).post(
        f"/projects/{project.pk}/stages/outcomes/",
        {"version": 0, "who": "x" * 301, "how": "y" * 3001},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value has at most 300 characters (it has 301)." in html
    assert not Outcome.objects.exists()


def test_null_characters_are_refused(client_for, camden_lead, project):
    response = client_for(camden_lead).post(
        f"/projects/{project.pk}/stages/outcomes/", {"version": 0, "who": "a\x00b", "how": "y"}
    )
    assert response.status_code == 400
    assert not Outcome.objects.exists()


def test_a_project_needs_a_title_and_summary(client_for, camden_lead):
    response = client_for(camden_lead).post("/projects/new/", {"title": "", "summary": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


# --- property-based: random form data never causes a 500 ------------------------------------

FIELDS = {
    Stage.OUTCOMES: ["who", "how", "measure"],
    Stage.ACTIONS: ["actor", "change", "intervention", "outcomes"],
    Stage.INSIGHTS: ["title", "screen", "actions"],
    Stage.ENABLERS: ["kind", "need"],
    Stage.ETHICS: ["legal_use", "trust", "privacy_rating", "safety_risks", "fairness_mitigations"],
    Stage.DATA: [
        "name",
        "holder",
        "holder_other",
        "source",
        "personal_data",
        "special_category",
        "lawful_basis",
        "sharing_agreement",
        "insights",
    ],
}
# Text a browser could send: any Unicode except lone surrogates (not encodable as UTF-8).
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)
values = st.one_of(
    text,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "0", "1", "True", "False", "low", "existing", "skills", "public_task"]),
    st.lists(st.integers(min_value=-5, max_value=10**12).map(str), max_size=3),
)


@pytest.fixture(scope="module")
def hostile_setup(django_db_setup, django_db_blocker):
    """One canvas with every stage open, shared by all hypothesis examples."""
    from conftest import ensure_reference_data
    from loti_data.accounts import roles
    from loti_data.accounts.models import Organisation
    from tests.projects.canvas.conftest import CanvasFiller

    with django_db_blocker.unblock():
        ensure_reference_data()
        lead = UserFactory(
            email="hostile@camden.example", organisation=Organisation.objects.get(slug="camden")
        )
        reviewer = UserFactory(
            email="hostile-reviewer@loti.example",
            organisation=Organisation.objects.get(kind="loti"),
            groups=[roles.ETHICS_REVIEWERS],
        )
        project = ProjectFactory(created_by=lead, title="Hostile input")
        filler = CanvasFiller(project, lead)
        filler.approver = reviewer  # every stage open, Data included
        filler.through(Stage.ETHICS)
        yield project, lead
        with connection.cursor() as cursor:  # the review history is append-only by design
            cursor.execute(
                "DELETE FROM projects_ethicsreviewevent WHERE review_id IN "
                "(SELECT id FROM projects_ethicsreview WHERE project_id = %s)",
                [project.pk],
            )
        project.delete()
        # The people go too, and with them the emails the review owed them (the outbox).
        lead.delete()
        reviewer.delete()


@pytest.mark.parametrize("stage", list(Stage))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_form_data_never_causes_a_500(client, hostile_setup, data_unlocked, stage, data):
    project, lead = hostile_setup
    client.force_login(lead)
    payload = {
        name: data.draw(values, label=name)
        for name in data.draw(st.lists(st.sampled_from(FIELDS[stage]), unique=True))
    }
    payload["version"] = data.draw(
        st.one_of(st.just(str(_version(project, stage))), values), label="version"
    )
    events = StageEvent.objects.filter(project=project).count()
    response = client.post(f"/projects/{project.pk}/stages/{stage.value}/", payload)
    assert response.status_code < 500
    if response.status_code != 302:
        assert StageEvent.objects.filter(project=project).count() == events


def _version(project, stage):
    from projects.models import StageState

    state = StageState.objects.filter(project=project, stage=stage).first()
    return state.version if state else 0
