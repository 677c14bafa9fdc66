"""Importing the government framework's CSV export: all or nothing, idempotent, clear errors."""

import csv
import io
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from skills.library.demo import SAMPLE_FRAMEWORK_CSV
from skills.library.framework_csv import COLUMNS, FrameworkFileError
from skills.library.services import GOVERNMENT_FRAMEWORK, framework_import_csv
from skills.models import (
    Framework,
    FrameworkImport,
    Proficiency,
    Role,
    RoleLevel,
    RoleLevelSkill,
    Skill,
    SkillGroup,
    SkillLevelDescription,
)

pytestmark = pytest.mark.django_db

HEADER = [column.capitalize() for column in COLUMNS]


def row(**overrides) -> list[str]:
    values = {
        "role family": "Data",
        "role": "Data analyst",
        "role description": "Analyses data.",
        "role level": "Senior data analyst",
        "role level description": "Leads analysis.",
        "skill name": "Data visualisation",
        "skill description": "Charts and dashboards.",
        "skill level": "Practitioner",
        "skill level description": "Designs dashboards.",
        "role type": "Not Senior Civil Service",
    }
    values.update({key.replace("_", " "): value for key, value in overrides.items()})
    return [values[column] for column in COLUMNS]


def csv_bytes(*rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def library_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("skills").get_models()
    }


def test_the_sample_file_builds_the_library(library_admin):
    report = framework_import_csv(by=library_admin, data=SAMPLE_FRAMEWORK_CSV.read_bytes())

    framework = Framework.objects.get(name=GOVERNMENT_FRAMEWORK)
    assert report.created["roles"] == Role.objects.count() == 4
    analyst_levels = list(
        RoleLevel.objects.filter(role__name="Data analyst").values_list("name", flat=True)
    )
    assert analyst_levels == [
        "Associate data analyst",
        "Data analyst",
        "Senior data analyst",
        "Lead data analyst",
        "Head of data analysis",
    ]
    need = RoleLevelSkill.objects.get(
        role_level__name="Senior data analyst", skill__name="Data visualisation"
    )
    assert need.level == Proficiency.PRACTITIONER
    skill = Skill.objects.get(framework=framework, name="Data analysis and synthesis")
    assert skill.group == SkillGroup.DATA
    assert skill.level_descriptions.count() == 4
    assert Skill.objects.get(name="User focus").group == SkillGroup.DATA  # first seen under Data
    assert RoleLevel.objects.get(name="Head of data analysis").role_type == "Senior Civil Service"
    assert FrameworkImport.objects.count() == 1


def test_a_second_run_of_the_same_file_changes_nothing(library_admin):
    framework_import_csv(by=library_admin, data=SAMPLE_FRAMEWORK_CSV.read_bytes())
    before = library_counts()
    ids = set(RoleLevelSkill.objects.values_list("pk", "level"))

    report = framework_import_csv(by=library_admin, data=SAMPLE_FRAMEWORK_CSV.read_bytes())

    assert not report.changed_anything
    assert "Nothing changed" in report.summary()
    assert library_counts() == before
    assert set(RoleLevelSkill.objects.values_list("pk", "level")) == ids


def test_a_changed_description_and_level_update_in_place(library_admin):
    framework_import_csv(by=library_admin, data=csv_bytes(row()))
    skill = Skill.objects.get()
    need = RoleLevelSkill.objects.get()

    report = framework_import_csv(
        by=library_admin,
        data=csv_bytes(row(skill_description="Charts, maps and dashboards.", skill_level="Expert")),
    )

    skill.refresh_from_db()
    need.refresh_from_db()
    assert skill.description == "Charts, maps and dashboards."
    assert need.level == Proficiency.EXPERT
    assert report.updated == {"skill descriptions": 1, "skill levels needed": 1}
    assert Skill.objects.count() == 1 and RoleLevelSkill.objects.count() == 1
    # The new level's description is added; the old one stays.
    assert SkillLevelDescription.objects.count() == 2


def test_an_admins_group_correction_survives_a_reimport(library_admin):
    framework_import_csv(by=library_admin, data=csv_bytes(row()))
    Skill.objects.update(group=SkillGroup.INNOVATION)
    framework_import_csv(by=library_admin, data=csv_bytes(row()))
    assert Skill.objects.get().group == SkillGroup.INNOVATION


def test_one_bad_row_imports_nothing_and_names_the_row_and_column(library_admin):
    data = csv_bytes(row(), row(role_level="Lead data analyst"), row(skill_level="Guru"))

    with pytest.raises(FrameworkFileError) as caught:
        framework_import_csv(by=library_admin, data=data)

    assert [str(problem) for problem in caught.value.problems] == [
        "Row 4, column 'skill level': 'Guru' is not a skill level: use awareness, working, "
        "practitioner or expert."
    ]
    assert sum(library_counts().values()) == 0


def test_a_bad_row_leaves_an_existing_library_untouched(library_admin):
    framework_import_csv(by=library_admin, data=csv_bytes(row()))
    before = library_counts()
    data = csv_bytes(row(skill_description="Changed."), row(role=""))

    with pytest.raises(FrameworkFileError, match="Row 3, column 'role': is empty"):
        framework_import_csv(by=library_admin, data=data)

    assert library_counts() == before
    assert Skill.objects.get().description == "Charts and dashboards."


def test_a_file_that_contradicts_itself_is_refused(library_admin):
    data = csv_bytes(row(), row(skill_name="User focus"), row(skill_description="Something else"))
    with pytest.raises(FrameworkFileError) as caught:
        framework_import_csv(by=library_admin, data=data)
    assert str(caught.value.problems[0]) == (
        "Row 4, column 'skill description': differs from row 2 for the same skill; they must match."
    )


def test_every_problem_is_listed(library_admin):
    data = csv_bytes(row(skill_name=""), row(role_level="x" * 151))
    with pytest.raises(FrameworkFileError) as caught:
        framework_import_csv(by=library_admin, data=data)
    assert [str(problem) for problem in caught.value.problems] == [
        "Row 2, column 'skill name': is empty; every row needs it.",
        "Row 3, column 'role level': is longer than 150 characters.",
    ]


def test_a_missing_column_is_named(library_admin):
    header = [column for column in HEADER if column != "Role type"]
    with pytest.raises(FrameworkFileError, match="the header has no 'role type' column"):
        framework_import_csv(by=library_admin, data=csv_bytes(row()[:-1], header=header))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (csv_bytes(), "The file has a header but no rows to import."),
        ("Role family\n".encode("utf-16"), "Row 1: is not UTF-8 text"),
    ],
)
def test_unusable_files_get_a_clear_message(data, message, library_admin):
    with pytest.raises(FrameworkFileError, match=message):
        framework_import_csv(by=library_admin, data=data)


def test_headers_are_matched_loosely_and_extra_columns_ignored(library_admin):
    header = [column.upper().replace(" ", "_") for column in COLUMNS] + ["Notes"]
    framework_import_csv(by=library_admin, data=csv_bytes([*row(), "ignored"], header=header))
    assert RoleLevelSkill.objects.count() == 1


def test_the_management_command_imports_and_reports(tmp_path, library_admin):
    out = StringIO()
    call_command(
        "import_capability_framework",
        str(SAMPLE_FRAMEWORK_CSV),
        "--by",
        library_admin.email,
        stdout=out,
    )
    assert "Created" in out.getvalue()

    out = StringIO()
    call_command(
        "import_capability_framework",
        str(SAMPLE_FRAMEWORK_CSV),
        "--by",
        library_admin.email,
        stdout=out,
    )
    assert "Nothing changed" in out.getvalue()


def test_the_management_command_refuses_a_bad_file(tmp_path, library_admin):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(row(), row(skill_level="")))
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_capability_framework", str(bad), "--by", library_admin.email, stdout=StringIO()
        )
    assert "Nothing was imported" in str(caught.value)
    assert "Row 3, column 'skill level': is empty" in str(caught.value)
    assert Skill.objects.count() == 0


def test_the_management_command_into_another_framework(library_admin):
    call_command(
        "import_capability_framework",
        str(SAMPLE_FRAMEWORK_CSV),
        "--by",
        library_admin.email,
        "--framework",
        "LOTI data capability framework",
        stdout=StringIO(),
    )
    assert Framework.objects.get().name == "LOTI data capability framework"
