"""The drafts written from the canvas: the page, the Word document read back with python-docx,
hostile text kept harmless, the query budget, and (if installed) LibreOffice opening it."""

import io
import os
import shutil
import subprocess

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.governance.models import DataSharing
from projects.models import Action, Insight, Outcome
from tests.projects.governance.conftest import in_a_year, personal

pytestmark = pytest.mark.django_db

HOSTILE = (
    "first line\nsecond line\r\nthird\x0bfourth\u2028fifth\n"
    "=cmd|' /C calc'!A0\n<script>alert(1)</script>\n"
    "\u202eevil override\u202c and مرحبا بالعالم שלום\x1b[31m\n" + "long " * 4000
)


def draft_url(dataset, kind, docx_file=False):
    base = f"/projects/{dataset.project_id}/data/{dataset.pk}/sharing/{kind}"
    return base + (".docx" if docx_file else "/")


def text_of(document) -> str:
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


@pytest.fixture
def hostile(lambeth_dataset, camden_lead):
    from projects.governance import services

    outcome = lambeth_dataset.project.outcomes.get()
    Outcome.objects.filter(pk=outcome.pk).update(how=HOSTILE)
    return services.route_answer(
        dataset=lambeth_dataset,
        by=camden_lead,
        answers=personal(retention=HOSTILE, special_category=True, article9="h", schedule1="2"),
        review_on=in_a_year(),
    )


@pytest.mark.parametrize("kind", ["agreement", "dpia"])
def test_the_word_document_carries_the_purpose_chain_and_the_parties(
    client_for, camden_lead, routed, kind
):
    response = client_for(camden_lead).get(draft_url(routed.dataset, kind, docx_file=True))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    text = text_of(docx.Document(io.BytesIO(response.content)))
    assert (
        "Outcome: Residents at risk of eviction will be better off: They keep their homes." in text
    )
    assert "Action: Housing officers: Visit earlier." in text
    assert "Insight: Arrears risk list. A weekly list of tenants." in text
    assert "Holder (discloses the data): Lambeth" in text
    assert "Recipient (receives the data): Camden" in text
    assert "Lawful basis (UK GDPR Article 6(1)): (e) Public task" in text
    if kind == "agreement":
        assert "Two years, then deleted." in text
        assert "The parties review this agreement by" in text
    else:
        assert "None of the high-risk criteria applies" in text


def test_hostile_text_is_harmless_in_the_document(client_for, camden_lead, hostile):
    response = client_for(camden_lead).get(draft_url(hostile.dataset, "agreement", True))
    document = docx.Document(io.BytesIO(response.content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    assert "first line" in lines and "second line" in lines and "fifth" in lines
    assert "=cmd|' /C calc'!A0" in lines  # plain text in Word: no formula is ever evaluated
    assert "<script>alert(1)</script>" in lines
    whole = "\n".join(lines)
    assert "\u202e" not in whole and "\x1b" not in whole and "\x0b" not in whole
    assert "مرحبا بالعالم" in whole
    assert whole.count("long") >= 4000
    page = client_for(camden_lead).get(draft_url(hostile.dataset, "agreement"))
    assert "&lt;script&gt;" in page.content.decode()
    assert "<script>alert(1)" not in page.content.decode()


def _libreoffice() -> str:
    """LibreOffice's command; skipped where it is missing, but never in CI (.ci/run installs
    it), so the test cannot quietly stop running."""
    found = shutil.which("libreoffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed: `make libreoffice` installs it")
        pytest.skip("LibreOffice is not installed")
    return found


@pytest.mark.parametrize("kind", ["agreement", "dpia"])
def test_libreoffice_opens_the_document(client_for, camden_lead, hostile, tmp_path, kind):
    response = client_for(camden_lead).get(draft_url(hostile.dataset, kind, True))
    source = tmp_path / "draft.docx"
    source.write_bytes(response.content)
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"  # one per test: no lock
    for target in ("pdf", "txt:Text (encoded):UTF8"):
        command = [_libreoffice(), "--headless", profile, "--convert-to", target]
        subprocess.run(
            [*command, "--outdir", str(tmp_path), str(source)],
            check=True,
            timeout=180,
            capture_output=True,
        )
    assert (tmp_path / "draft.pdf").stat().st_size > 1000
    # What LibreOffice reads is the canvas's purpose chain, hostile text and all.
    text = (tmp_path / "draft.txt").read_text(encoding="utf-8-sig")
    assert "Rent arrears <script>alert(1)</script>" in text
    assert "first line" in text and "مرحبا بالعالم" in text
    assert "Insight:" in text and "Action:" in text


def test_a_route_without_drafts_has_none(client_for, camden_lead, lambeth_dataset):
    from projects.governance import services
    from projects.governance.routes import Answers

    services.route_answer(
        dataset=lambeth_dataset, by=camden_lead, answers=Answers(identifiable="no"), review_on=None
    )
    client = client_for(camden_lead)
    assert client.get(draft_url(lambeth_dataset, "agreement")).status_code == 404
    assert client.get(draft_url(lambeth_dataset, "nonsense", True)).status_code == 404


def test_the_light_route_has_an_agreement_but_no_screening(
    client_for, camden_lead, lambeth_dataset
):
    from projects.governance import services

    services.route_answer(
        dataset=lambeth_dataset,
        by=camden_lead,
        answers=personal(aggregated=True),
        review_on=in_a_year(),
    )
    client = client_for(camden_lead)
    assert client.get(draft_url(lambeth_dataset, "agreement")).status_code == 200
    assert client.get(draft_url(lambeth_dataset, "dpia")).status_code == 404


def grow_chain(dataset, n):
    project = dataset.project
    for i in range(n):
        outcome = Outcome.objects.create(
            project=project, who=f"Group {i}", how="Better.", measure="m"
        )
        action = Action.objects.create(
            project=project, actor=f"Team {i}", change="c", intervention="i"
        )
        action.outcomes.add(outcome)
        insight = Insight.objects.create(project=project, title=f"Insight {i}", screen="s")
        insight.actions.add(action)
        dataset.insights.add(insight)


@pytest.mark.parametrize("kind", ["agreement", "dpia"])
def test_the_drafts_cost_the_same_with_1_and_50_links(client_for, camden_lead, routed, kind):
    client = client_for(camden_lead)
    url = draft_url(routed.dataset, kind)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    grow_chain(routed.dataset, 49)
    with CaptureQueriesContext(connection) as fifty:
        assert "Group 48" in client.get(url).content.decode()
    assert len(one) <= 12
    assert len(fifty) == len(one)
    with CaptureQueriesContext(connection) as route_page:
        client.get(f"/projects/{routed.dataset.project_id}/data/{routed.dataset.pk}/sharing/")
    assert len(route_page) <= 12


def test_drafts_follow_project_reading(client, routed):
    assert client.get(draft_url(routed.dataset, "agreement"))["Location"].startswith(
        "/accounts/login/"
    )
    assert DataSharing.objects.count() == 1
