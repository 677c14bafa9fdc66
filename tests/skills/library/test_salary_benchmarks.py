"""Salary benchmarks: aggregates only over 3+ organisations; nobody learns another's figures."""

import pytest
from django.urls import reverse
from django.utils import timezone

from loti_data.accounts.models import Organisation
from skills.library.salaries import Figure, benchmark_for
from skills.models import SalarySource, SalarySubmission
from tests.factories import UserFactory
from tests.skills.library.factories import RoleLevelFactory, SalarySubmissionFactory

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


def figure(org, minimum, maximum, level=1, year=2024):
    return Figure(level, year, org, minimum, maximum)


def test_two_organisations_are_not_enough():
    assert benchmark_for([figure(1, 30_000, 40_000), figure(2, 35_000, 45_000)]) is None


def test_two_ranges_from_one_organisation_still_count_once():
    figures = [figure(1, 30_000, 40_000), figure(1, 31_000, 41_000), figure(2, 35_000, 45_000)]
    assert benchmark_for(figures) is None


def test_three_organisations_give_quartiles_of_the_midpoints():
    bench = benchmark_for(
        [
            figure(1, 30_000, 40_000),  # midpoint 35,000
            figure(2, 36_000, 44_000),  # 40,000
            figure(3, 41_000, 49_000),  # 45,000
            figure(3, 46_000, 54_000),  # 50,000
        ]
    )
    assert bench.as_row == [3, 30_000, 38_750, 42_500, 46_250, 54_000]


@pytest.fixture
def level():
    return RoleLevelFactory(name="Senior data analyst")


@pytest.fixture
def hackney(reference_data):
    return Organisation.objects.get(slug="hackney")


@pytest.fixture
def two_organisations(level, camden, lambeth):
    SalarySubmissionFactory(organisation=camden, role_level=level, minimum=41_111, maximum=47_777)
    SalarySubmissionFactory(organisation=lambeth, role_level=level, minimum=42_222, maximum=48_888)


@pytest.fixture
def three_organisations(two_organisations, level, hackney):
    SalarySubmissionFactory(organisation=hackney, role_level=level, minimum=43_333, maximum=49_999)


FIGURES = ["41,111", "47,777", "42,222", "48,888", "41111", "47777", "42222", "48888"]


def pages_showing_benchmarks(level):
    return [
        level.get_absolute_url(),
        reverse("skills:salaries"),
        reverse("skills:salary_export"),
    ]


@pytest.mark.parametrize("persona", ["camden_lead", "lambeth_lead", "loti_staff"])
def test_with_two_organisations_no_page_or_export_shows_a_figure(
    request, persona, client_for, level, two_organisations
):
    client = client_for(request.getfixturevalue(persona))
    for url in pages_showing_benchmarks(level):
        content = client.get(url).content.decode()
        for amount in FIGURES:
            assert amount not in content, f"{amount} leaked on {url}"
    assert "Not enough data to show" in client.get(level.get_absolute_url()).content.decode()
    assert "Not enough data to show" in client.get(reverse("skills:salaries")).content.decode()
    export = client.get(reverse("skills:salary_export")).content.decode()
    assert export.strip().count("\n") == 0  # only the header row


@pytest.mark.parametrize("persona", ["camden_lead", "lambeth_lead", "loti_staff"])
def test_with_three_organisations_everyone_sees_the_aggregate(
    request, persona, client_for, level, three_organisations
):
    client = client_for(request.getfixturevalue(persona))
    html = client.get(level.get_absolute_url()).content.decode()
    assert "Not enough data to show" not in html
    for expected in ["£41,111", "£49,999", "£45,555"]:  # minimum, maximum, median
        assert expected in html
    assert "<svg" in html and "<table" in html
    export = client.get(reverse("skills:salary_export")).content.decode().splitlines()
    assert (
        export[1]
        == f"{level.role.name},Senior data analyst,{LAST_YEAR},3,41111,45000,45555,46111,49999"
    )


def test_the_salaries_page_mixes_published_and_withheld_levels(
    client_for, camden_lead, three_organisations, camden, lambeth
):
    small = RoleLevelFactory(name="Lead data engineer")
    SalarySubmissionFactory(organisation=camden, role_level=small, minimum=61_111, maximum=66_666)
    SalarySubmissionFactory(organisation=lambeth, role_level=small, minimum=62_222, maximum=67_777)

    html = client_for(camden_lead).get(reverse("skills:salaries")).content.decode()

    assert "£45,555" in html
    assert "Lead data engineer" in html and "Not enough data to show" in html
    assert "61,111" not in html and "67,777" not in html


def test_a_member_sees_only_their_own_organisations_ranges(
    client_for, camden_lead, three_organisations
):
    html = client_for(camden_lead).get(reverse("skills:my_salaries")).content.decode()
    assert "£41,111" in html and "£47,777" in html
    assert "42,222" not in html and "43,333" not in html


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
    organisations = [UserFactory().organisation for _ in range(3)]
    for organisation in organisations:
        SalarySubmissionFactory(organisation=organisation, role_level=level)
    html = client_for(camden_lead).get(level.get_absolute_url()).content.decode()
    assert "£40,000" in html and "£46,000" in html


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
