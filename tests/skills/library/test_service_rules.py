"""Every library service enforces the rules itself: a direct call by someone without the right
is refused with NotAllowed, and nothing changes."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from loti_data.errors import NotAllowed
from skills.library import services
from skills.library.demo import SAMPLE_FRAMEWORK_CSV
from skills.models import (
    DifficultyReason,
    Framework,
    FrameworkImport,
    HardToFillFlag,
    SalaryRangeEvent,
    SalarySource,
    SalarySubmission,
)
from tests.factories import UserFactory
from tests.skills.library.factories import (
    HardToFillFlagFactory,
    RoleLevelFactory,
    SalarySubmissionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def inactive_lead(camden):
    return UserFactory(organisation=camden, is_active=False)


def salary_rows() -> tuple:
    return (
        list(SalarySubmission.objects.values_list("organisation", "minimum", "maximum", "year")),
        SalaryRangeEvent.objects.count(),
    )


@pytest.mark.parametrize("persona", ["camden_lead", "loti_staff", "ethics_reviewer"])
def test_only_library_admins_import_a_framework(request, persona):
    with pytest.raises(NotAllowed, match="Only library admins"):
        services.framework_import_csv(
            data=SAMPLE_FRAMEWORK_CSV.read_bytes(), by=request.getfixturevalue(persona)
        )
    assert not Framework.objects.exists() and not FrameworkImport.objects.exists()


def test_an_import_by_nobody_is_refused():
    with pytest.raises(NotAllowed):
        services.framework_import_csv(data=SAMPLE_FRAMEWORK_CSV.read_bytes(), by=None)
    assert not Framework.objects.exists()


def test_the_import_command_refuses_someone_who_is_not_a_library_admin(camden_lead):
    with pytest.raises(CommandError, match="Only library admins"):
        call_command(
            "import_capability_framework",
            str(SAMPLE_FRAMEWORK_CSV),
            "--by",
            camden_lead.email,
            stdout=StringIO(),
        )
    with pytest.raises(CommandError, match="Nobody signs in as nobody@example"):
        call_command(
            "import_capability_framework",
            str(SAMPLE_FRAMEWORK_CSV),
            "--by",
            "nobody@example.org",
            stdout=StringIO(),
        )
    assert not Framework.objects.exists()


def test_an_inactive_member_cannot_share_a_salary_range(inactive_lead):
    with pytest.raises(NotAllowed):
        services.salary_submission_create(
            by=inactive_lead,
            role_level=RoleLevelFactory(),
            year=2024,
            minimum=40_000,
            maximum=45_000,
            source=SalarySource.ADVERTISED,
        )
    assert salary_rows() == ([], 0)


@pytest.mark.parametrize("persona", ["lambeth_lead", "library_admin", "inactive_lead"])
def test_nobody_outside_the_organisation_changes_its_range(request, camden, persona):
    submission = SalarySubmissionFactory(organisation=camden, minimum=41_234, maximum=45_000)
    before = salary_rows()
    with pytest.raises(NotAllowed, match="another organisation"):
        services.salary_submission_update(
            submission=submission, by=request.getfixturevalue(persona), minimum=20_000
        )
    submission.refresh_from_db()
    assert (submission.minimum, submission.organisation) == (41_234, camden)
    assert salary_rows() == before


def test_a_range_changed_in_memory_is_still_checked_as_stored(camden, lambeth, lambeth_lead):
    submission = SalarySubmissionFactory(organisation=camden, minimum=41_234, maximum=45_000)
    before = salary_rows()
    submission.organisation = lambeth  # a caller cannot claim another organisation's row
    with pytest.raises(NotAllowed, match="another organisation"):
        services.salary_submission_update(submission=submission, by=lambeth_lead, minimum=20_000)
    with pytest.raises(NotAllowed, match="another organisation"):
        services.salary_submission_delete(submission=submission, by=lambeth_lead)
    assert salary_rows() == before


@pytest.mark.parametrize("persona", ["lambeth_lead", "library_admin", "inactive_lead"])
def test_nobody_outside_the_organisation_deletes_its_range(request, camden, persona):
    submission = SalarySubmissionFactory(organisation=camden)
    before = salary_rows()
    with pytest.raises(NotAllowed, match="another organisation"):
        services.salary_submission_delete(
            submission=submission, by=request.getfixturevalue(persona)
        )
    assert SalarySubmission.objects.filter(pk=submission.pk).exists()
    assert salary_rows() == before


def test_an_inactive_member_cannot_flag_a_level(inactive_lead):
    with pytest.raises(NotAllowed):
        services.hard_to_fill_flag_set(
            by=inactive_lead, role_level=RoleLevelFactory(), reason=DifficultyReason.PAY
        )
    assert not HardToFillFlag.objects.exists()


@pytest.mark.parametrize("persona", ["lambeth_lead", "library_admin", "inactive_lead"])
def test_nobody_outside_the_organisation_withdraws_its_flag(request, camden, persona):
    flag = HardToFillFlagFactory(organisation=camden, note="Camden's own note")
    with pytest.raises(NotAllowed, match="another organisation"):
        services.hard_to_fill_flag_withdraw(flag=flag, by=request.getfixturevalue(persona))
    assert HardToFillFlag.objects.get(pk=flag.pk).note == "Camden's own note"


def test_a_flag_changed_in_memory_is_still_checked_as_stored(camden, lambeth, lambeth_lead):
    flag = HardToFillFlagFactory(organisation=camden)
    flag.organisation = lambeth
    with pytest.raises(NotAllowed, match="another organisation"):
        services.hard_to_fill_flag_withdraw(flag=flag, by=lambeth_lead)
    assert HardToFillFlag.objects.filter(pk=flag.pk, organisation=camden).exists()
