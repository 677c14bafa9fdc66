"""What text may hold (``loti_data.validators``): single-line fields refuse line breaks and control
characters, multi-line text refuses NUL, in forms, the admin and services alike; the framework CSV
names the row of a NUL or a byte that is not UTF-8 and saves nothing."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from loti_data.validators import clean_lines, one_line, single_line, storable_text
from projects.models import Project
from skills.library.framework_csv import COLUMNS, FrameworkFileError
from skills.library.services import framework_import_csv
from skills.models import Framework, RoleFamily, Skill

REFUSED_IN_A_LINE = {
    "line feed": "two\nlines",
    "carriage return": "two\rlines",
    "NUL": "nul\x00",
    "line separator": "a\u2028b",
    "paragraph separator": "a\u2029b",
    "next line": "a\x85b",
    "tab": "a\tb",
    "escape": "a\x1b[31m",
    "right-to-left override": "\u202eevil",
    "byte order mark": "\ufeffname",
    "lone surrogate": "a\ud800",
}
ALLOWED_IN_A_LINE = [
    "Zoë O'Brien-Smith",
    "Café ☕ at City Hall, 2nd floor",
    "👨‍👩‍👧 family sign-up (with joiners)",
    "مرحبا بالعالم",
    "שלום",
    "=1+1",
    "x" * 1000,
]


@pytest.mark.parametrize("text", REFUSED_IN_A_LINE.values(), ids=REFUSED_IN_A_LINE.keys())
def test_a_single_line_refuses_line_breaks_and_control_characters(text):
    with pytest.raises(ValidationError, match="Keep this to one line"):
        single_line(text)


@pytest.mark.parametrize("text", ALLOWED_IN_A_LINE)
def test_a_single_line_keeps_every_script_and_emoji(text):
    single_line(text)


def test_multi_line_text_keeps_line_breaks_and_tabs_but_not_nul():
    storable_text("Line one\r\nLine two\n\tindented \u2028 emoji 😀")
    with pytest.raises(ValidationError, match="NUL"):
        storable_text("before\x00after")


def test_stored_text_is_made_safe_for_a_header_and_a_calendar():
    assert one_line("Budget\r\nBcc: victim@example.org\x00\u2028now") == (
        "Budget Bcc: victim@example.org now"
    )
    assert clean_lines("a\r\nb\u2028c\x00d\x1be") == "a\nb\nc d e"


@pytest.mark.django_db
def test_a_service_cannot_store_what_a_form_would_refuse(camden):
    with pytest.raises(ValidationError) as refused:
        Project.objects.create(title="Evil\nBcc: x", lead_organisation=camden)
    assert "title" in refused.value.message_dict
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_the_project_form_refuses_a_line_break_in_the_title_and_nul_in_the_summary(
    client_for, camden_lead
):
    response = client_for(camden_lead).post(
        "/projects/new/", {"title": "Rough sleeping\r\nBcc: x", "summary": "ok\x00"}
    )

    assert response.status_code == 200
    assert "Keep this to one line: it cannot hold a line break." in response.content.decode()
    assert "Null characters are not allowed." in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_a_line_break_in_a_name(client_for, library_admin):
    framework = Framework.objects.create(name="LOTI", slug="loti")
    response = client_for(library_admin).post(
        "/admin/skills/rolefamily/add/",
        {"framework": framework.pk, "name": "Data\nengineering", "description": "", "position": 0},
    )

    assert response.status_code == 200
    assert "Keep this to one line" in response.content.decode()
    assert not RoleFamily.objects.exists()


def framework_csv(*rows: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def framework_row(skill="Data visualisation", description="Charts.") -> list[str]:
    return [
        "Data",
        "Data analyst",
        "Analyses data.",
        "Senior data analyst",
        "Leads analysis.",
        skill,
        description,
        "Working",
        "Builds charts.",
        "",
    ]


@pytest.mark.django_db
def test_a_nul_in_the_framework_csv_names_its_row_and_saves_nothing(library_admin):
    data = framework_csv(
        framework_row(), framework_row("Data ethics"), framework_row("Python", "Code\x00")
    )

    with pytest.raises(FrameworkFileError) as refused:
        framework_import_csv(by=library_admin, data=data)

    assert str(refused.value) == (
        "Row 4, column 'skill description': this text cannot hold a NUL character (U+0000)."
    )
    assert not Framework.objects.exists() and not Skill.objects.exists()


@pytest.mark.django_db
def test_a_line_break_in_a_name_in_the_framework_csv_names_its_row(library_admin):
    data = framework_csv(framework_row(), framework_row("Data\nethics"))

    with pytest.raises(FrameworkFileError, match="Row 3, column 'skill name': keep this to one"):
        framework_import_csv(by=library_admin, data=data)
    assert not Skill.objects.exists()


@pytest.mark.django_db
def test_a_byte_that_is_not_utf8_names_its_row_and_saves_nothing(library_admin):
    data = framework_csv(framework_row(), framework_row("Data ethics"), framework_row("Python"))
    data = data.replace(b"Python", b"Pyth\xffn")

    with pytest.raises(FrameworkFileError, match=r"^Row 4: is not UTF-8 text"):
        framework_import_csv(by=library_admin, data=data)
    assert not Framework.objects.exists()


@pytest.mark.django_db
def test_the_admin_import_page_shows_the_row_of_a_nul(client_for, library_admin):
    upload = io.BytesIO(framework_csv(framework_row(), framework_row("Python", "Code\x00")))
    upload.name = "framework.csv"

    response = client_for(library_admin).post(
        "/admin/skills/framework/import-csv/",
        {"framework": "LOTI data capability framework", "file": upload},
        follow=True,
    )

    assert response.status_code == 200
    assert "Row 3, column &#x27;skill description&#x27;" in response.content.decode()
    assert not Skill.objects.exists()
