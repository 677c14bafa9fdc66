"""Salary benchmark pages and export: only what the disclosure rule publishes, to everyone.

The rule itself (thresholds, dominance, rounding, differencing) is tested in
``test_salary_disclosure.py``; here, what a member sees on every page and in the CSV.
"""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from loti_data.accounts.models import Organisation
from skills.library.salaries import Figure, Withheld, assess
from skills.models import SalarySource, SalarySubmission
from tests.factories import UserFactory
from tests.skills.library.factories import RoleLevelFactory, SalarySubmissionFactory

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1
WITHHELD = "No benchmark is published for this level yet."
NONE_LISTED = "No benchmark is published yet."

# Each organisation's range: odd figures, so any leak of one is easy to spot.
RANGES = {
    "camden": (41_111, 47_777),
    "lambeth": (42_222, 48_888),
    "hackney": (43_333, 49_444),
    "islington": (41_555, 48_111),
    "southwark": (42_777, 48_333),
}


def spellings(amount: int) -> list[str]:
    return [f"{amount:,}", str(amount)]


RAW = [
    text for low, high in RANGES.values() for amount in (low, high) for text in spellings(amount)
]
MIDPOINTS = [
    text for low, high in RANGES.values() for text in spellings(int((low + high) / 2 + 0.5))
]


@pytest.fixture
def level():
    return RoleLevelFactory(name="Senior data analyst")


def share(level, slugs):
    for slug in slugs:
        minimum, maximum = RANGES[slug]
        organisation = Organisation.objects.get(slug=slug)
        SalarySubmissionFactory(
            organisation=organisation, role_level=level, minimum=minimum, maximum=maximum
        )


@pytest.fixture
def four_organisations(level, reference_data):
    share(level, list(RANGES)[:4])


@pytest.fixture
def five_organisations(level, reference_data):
    share(level, RANGES)


def pages_showing_benchmarks(level):
    return [
        level.get_absolute_url(),
        reverse("skills:salaries"),
        reverse("skills:salary_export"),
    ]


def export_rows(client) -> list[list[str]]:
    return list(
        csv.reader(io.StringIO(client.get(reverse("skills:salary_export")).content.decode()))
    )


@pytest.mark.parametrize("persona", ["camden_lead", "lambeth_lead", "loti_staff"])
def test_with_four_organisations_no_page_or_export_shows_a_figure_or_the_count(
    request, persona, client_for, level, four_organisations
):
    client = client_for(request.getfixturevalue(persona))
    for url in pages_showing_benchmarks(level):
        content = client.get(url).content.decode()
        for amount in RAW + MIDPOINTS:
            assert amount not in content, f"{amount} leaked on {url}"
        assert "4 organisations" not in content and "to 9" not in content
    assert WITHHELD in client.get(level.get_absolute_url()).content.decode()
    listing = client.get(reverse("skills:salaries")).content.decode()
    assert NONE_LISTED in listing and "Senior data analyst" not in listing
    assert len(export_rows(client)) == 1  # only the header row


@pytest.mark.parametrize("persona", ["camden_lead", "lambeth_lead", "loti_staff"])
def test_with_five_organisations_everyone_sees_rounded_quartiles_and_never_a_range(
    request, persona, client_for, level, five_organisations
):
    client = client_for(request.getfixturevalue(persona))
    html = client.get(level.get_absolute_url()).content.decode()
    assert WITHHELD not in html
    for expected in ["£44,000", "£45,000", "£47,000", "to the nearest £2,500", "5 to 9"]:
        assert expected in html
    assert "<svg" in html and "<table" in html
    for url in pages_showing_benchmarks(level):
        content = client.get(url).content.decode()
        for amount in RAW + MIDPOINTS:
            assert amount not in content, f"{amount} leaked on {url}"
        assert "Minimum" not in content and "Maximum" not in content
    header, row = export_rows(client)
    assert header[3:] == [
        "organisations counted",
        "10th percentile",
        "10th percentile rounded to the nearest",
        "lower quartile",
        "lower quartile rounded to the nearest",
        "median",
        "median rounded to the nearest",
        "upper quartile",
        "upper quartile rounded to the nearest",
        "90th percentile",
        "90th percentile rounded to the nearest",
    ]
    assert row == [
        level.role.name,
        "Senior data analyst",
        str(LAST_YEAR),
        "5 to 9",
        "",
        "",
        "44000",
        "1000",
        "45000",
        "2500",
        "47000",
        "1000",
        "",
        "",
    ]


def test_one_organisation_with_two_ranges_among_five_is_withheld_like_too_few(
    client_for, camden_lead, level, five_organisations, camden
):
    SalarySubmissionFactory(
        organisation=camden, role_level=level, source=SalarySource.ACTUAL, minimum=41_999
    )
    client = client_for(camden_lead)
    for url in pages_showing_benchmarks(level):
        content = client.get(url).content.decode()
        assert "45,000" not in content and "5 to 9" not in content
    assert WITHHELD in client.get(level.get_absolute_url()).content.decode()
    assert len(export_rows(client)) == 1


def test_the_salaries_page_lists_published_levels_only(
    client_for, camden_lead, five_organisations, camden, lambeth
):
    small = RoleLevelFactory(name="Lead data engineer")
    SalarySubmissionFactory(organisation=camden, role_level=small, minimum=61_111, maximum=66_666)
    SalarySubmissionFactory(organisation=lambeth, role_level=small, minimum=62_222, maximum=67_777)

    html = client_for(camden_lead).get(reverse("skills:salaries")).content.decode()

    assert "£45,000" in html
    assert "Lead data engineer" not in html  # as if no one had shared a range for it
    assert "61,111" not in html and "67,777" not in html


def test_a_member_sees_their_own_organisations_ranges_in_full_and_no_one_elses(
    client_for, camden_lead, five_organisations
):
    html = client_for(camden_lead).get(reverse("skills:my_salaries")).content.decode()
    assert "£41,111" in html and "£47,777" in html
    for slug, (low, high) in RANGES.items():
        if slug != "camden":
            assert f"{low:,}" not in html and f"{high:,}" not in html


def test_a_submission_is_always_for_the_submitters_organisation(
    client_for, camden_lead, lambeth, level
):
    response = client_for(camden_lead).post(
        reverse("skills:salary_create"),
        {
            "role_level": level.pk,
            "year": LAST_YEAR,
            "minimum": 40_000,
            "maximum": 45_000,
            "source": SalarySource.ACTUAL,
            "organisation": lambeth.pk,  # ignored: not a field
        },
    )
    assert response.status_code == 302
    submission = SalarySubmission.objects.get()
    assert submission.organisation == camden_lead.organisation
    assert submission.submitted_by == camden_lead


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"minimum": 50_000, "maximum": 40_000},
            "maximum",
            "The maximum must be at least the minimum.",
        ),
        ({"minimum": 1_000}, "minimum", "Enter a yearly salary between £15,000 and £300,000"),
        ({"maximum": 3_000_000}, "maximum", "Enter a yearly salary between £15,000 and £300,000"),
        ({"year": LAST_YEAR + 2}, "year", "The year cannot be in the future"),
        ({"year": 1999}, "year", "The year must be 2000 or later."),
    ],
)
def test_implausible_ranges_are_refused_with_a_clear_message(
    client_for, camden_lead, level, values, field, message
):
    data = {
        "role_level": level.pk,
        "year": LAST_YEAR,
        "minimum": 40_000,
        "maximum": 45_000,
        "source": SalarySource.ADVERTISED,
        **values,
    }
    response = client_for(camden_lead).post(reverse("skills:salary_create"), data)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not SalarySubmission.objects.exists()


def test_a_second_range_for_the_same_level_year_and_source_is_refused(
    client_for, camden_lead, camden, level
):
    SalarySubmissionFactory(organisation=camden, role_level=level, year=LAST_YEAR)
    data = {
        "role_level": level.pk,
        "year": LAST_YEAR,
        "minimum": 40_000,
        "maximum": 45_000,
        "source": SalarySource.ADVERTISED,
    }
    response = client_for(camden_lead).post(reverse("skills:salary_create"), data)
    assert response.status_code == 200
    assert "Your organisation has already given a range" in response.content.decode()
    assert SalarySubmission.objects.count() == 1


def test_the_same_range_from_another_organisation_is_fine_and_says_nothing_about_it(
    client_for, lambeth_lead, camden, level
):
    SalarySubmissionFactory(organisation=camden, role_level=level, year=LAST_YEAR)
    data = {
        "role_level": level.pk,
        "year": LAST_YEAR,
        "minimum": 40_000,
        "maximum": 45_000,
        "source": SalarySource.ADVERTISED,
    }
    assert client_for(lambeth_lead).post(reverse("skills:salary_create"), data).status_code == 302
    assert SalarySubmission.objects.count() == 2


def test_a_member_edits_their_own_range(client_for, camden_lead, camden, level):
    submission = SalarySubmissionFactory(organisation=camden, role_level=level, year=LAST_YEAR)
    client = client_for(camden_lead)
    assert client.get(reverse("skills:salary_edit", args=[submission.pk])).status_code == 200
    response = client.post(
        reverse("skills:salary_edit", args=[submission.pk]),
        {
            "role_level": level.pk,
            "year": LAST_YEAR,
            "minimum": 41_000,
            "maximum": 47_000,
            "source": SalarySource.ACTUAL,
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.minimum, submission.source) == (41_000, SalarySource.ACTUAL)


def test_a_member_deletes_their_own_range(client_for, camden_lead, camden, level):
    submission = SalarySubmissionFactory(organisation=camden, role_level=level)
    client = client_for(camden_lead)
    assert client.get(reverse("skills:salary_delete", args=[submission.pk])).status_code == 200
    client.post(reverse("skills:salary_delete", args=[submission.pk]))
    assert not SalarySubmission.objects.exists()


@pytest.mark.parametrize("view", ["skills:salary_edit", "skills:salary_delete"])
def test_another_organisations_range_is_not_found(client_for, lambeth_lead, camden, level, view):
    submission = SalarySubmissionFactory(organisation=camden, role_level=level, minimum=41_234)
    client = client_for(lambeth_lead)
    for method in (client.get, client.post):
        response = method(
            reverse(view, args=[submission.pk]),
            {
                "role_level": level.pk,
                "year": LAST_YEAR,
                "minimum": 1,
                "maximum": 2,
                "source": "actual",
            },
        )
        assert response.status_code == 404
        assert "41,234" not in response.content.decode()
        assert "41234" not in response.content.decode()
    submission.refresh_from_db()
    assert submission.minimum == 41_234


def test_a_bad_id_is_not_found(client_for, camden_lead):
    assert client_for(camden_lead).get(reverse("skills:salary_edit", args=[999])).status_code == 404


def test_an_organisation_with_no_people_can_still_be_counted(client_for, camden_lead, level):
    organisations = [UserFactory().organisation for _ in range(5)]
    for organisation in organisations:
        SalarySubmissionFactory(organisation=organisation, role_level=level)  # £40,000 to £46,000
    html = client_for(camden_lead).get(level.get_absolute_url()).content.decode()
    assert "£42,000" in html and "£43,000" in html and "£45,000" in html
    assert "£40,000" not in html and "£46,000" not in html


WITHHELD_SCENARIOS = {
    "nobody has shared a range": [],
    "four organisations": [(40_000, 46_000)] * 4,
    "one organisation above a quarter": [(40_000, 46_000)] * 5 + [("first", 41_000, 45_000)],
    "two organisations dominate": [(20_000, 22_000)] * 3 + [(200_000, 220_000), (250_000, 290_000)],
    "every figure hangs on one organisation": [
        (50_000, 50_500),
        (80_000, 80_500),
        (110_000, 110_500),
        (140_000, 140_500),
        (170_000, 171_000),
    ],
}


def salary_section(html: str) -> str:
    section = html[html.index("<h2>Salary benchmark</h2>") : html.index("<h2>Recruitment</h2>")]
    return re.sub(r"level=\d+", "level=N", section)


def test_every_reason_to_withhold_reads_the_same_on_the_page_as_no_data_at_all(
    client_for, camden_lead
):
    sections, reasons = set(), set()
    for scenario in WITHHELD_SCENARIOS.values():
        level = RoleLevelFactory(name="Data engineer")
        organisations = [UserFactory().organisation for _ in scenario]
        for organisation, values in zip(organisations, scenario, strict=True):
            if values[0] == "first":
                organisation, values = organisations[0], values[1:]
                source = SalarySource.ACTUAL
            else:
                source = SalarySource.ADVERTISED
            SalarySubmissionFactory(
                organisation=organisation,
                role_level=level,
                minimum=values[0],
                maximum=values[1],
                source=source,
            )
        figures = level.salary_submissions.values_list(
            "role_level_id", "year", "organisation_id", "minimum", "maximum"
        )
        reasons.add(assess([Figure(*values) for values in figures]).withheld)
        html = client_for(camden_lead).get(level.get_absolute_url()).content.decode()
        assert WITHHELD in html
        sections.add(salary_section(html))
    assert reasons == set(Withheld)
    assert len(sections) == 1


def test_after_saving_a_range_the_page_links_to_your_organisations_ranges(
    client_for, camden_lead, level
):
    data = {
        "role_level": level.pk,
        "year": LAST_YEAR,
        "minimum": 40_000,
        "maximum": 45_000,
        "source": SalarySource.ACTUAL,
    }
    response = client_for(camden_lead).post(reverse("skills:salary_create"), data, follow=True)
    page = response.content.decode()
    assert f'href="{reverse("skills:my_salaries")}">See all your organisation' in page
