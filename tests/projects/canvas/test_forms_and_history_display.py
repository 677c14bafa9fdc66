"""Forms and the history page show what people expect: no blank radio, plain values."""

import pytest
from django.urls import reverse

from methodology.stages import Stage

pytestmark = pytest.mark.django_db


def test_the_data_stage_source_question_has_no_blank_option(client_for, data_unlocked, camden_lead):
    data_unlocked.through(Stage.ETHICS)
    project = data_unlocked.project
    page = client_for(camden_lead).get(reverse("projects:stage", args=[project.pk, "data"]))
    html = page.content.decode()
    assert 'name="source"' in html
    assert (
        "---------"
        not in html[html.index('name="source"') - 2000 : html.index('name="source"') + 2000]
    )


def test_the_history_shows_values_without_nested_quotes(client_for, filler, camden_lead):
    filler.through(Stage.OUTCOMES)
    page = client_for(camden_lead).get(reverse("projects:history", args=[filler.project.pk]))
    html = page.content.decode()
    assert "““" not in html and "””" not in html
    assert '<span class="event-subject">' in html
