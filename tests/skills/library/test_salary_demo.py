"""The demo data still shows salary benchmarks under the disclosure rule."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from skills.library import selectors

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_two_benchmarks_last_year_one_with_deciles(reference_data):
    call_command("seed_demo", stdout=StringIO())
    published = {row.role_level.name: row for row in selectors.all_benchmarks()}
    assert set(published) == {"Data analyst", "Senior data analyst"}
    assert {row.year for row in published.values()} == {timezone.localdate().year - 1}
    analyst, senior = (
        published["Data analyst"].benchmark,
        published["Senior data analyst"].benchmark,
    )
    assert analyst.organisations == "10 to 19" and None not in analyst.figures
    assert senior.organisations == "5 to 9" and senior.median is not None
    assert senior.tenth_percentile is None and senior.ninetieth_percentile is None
