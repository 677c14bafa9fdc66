"""The admin page that imports the framework's CSV: library admins only, same service."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loti_data.accounts import roles
from skills.library.demo import SAMPLE_FRAMEWORK_CSV
from skills.models import FrameworkImport, RoleLevel, Skill
from tests.factories import UserFactory
from tests.skills.library.test_framework_import import csv_bytes, row

pytestmark = pytest.mark.django_db

URL = reverse("admin:skills_framework_import_csv")


def upload(client, data: bytes, name: str = "framework.csv"):
    return client.post(
        URL,
        {
            "framework": "Government Digital and Data Profession Capability Framework",
            "file": SimpleUploadedFile(name, data, content_type="text/csv"),
        },
        follow=True,
    )


def test_library_admin_imports_the_sample_file(client_for, library_admin):
    client = client_for(library_admin)
    assert client.get(URL).status_code == 200

    response = upload(client, SAMPLE_FRAMEWORK_CSV.read_bytes(), "sample.csv")

    assert response.status_code == 200
    assert "Created" in response.content.decode()
    assert RoleLevel.objects.count() == 12
    imported = FrameworkImport.objects.get()
    assert (imported.imported_by, imported.file_name) == (library_admin, "sample.csv")

    response = upload(client, SAMPLE_FRAMEWORK_CSV.read_bytes())
    assert "Nothing changed" in response.content.decode()
    assert FrameworkImport.objects.count() == 1


def test_a_bad_file_shows_the_row_and_column_and_imports_nothing(client_for, library_admin):
    response = upload(client_for(library_admin), csv_bytes(row(), row(skill_level="Guru")))

    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "Row 3, column &#x27;skill level&#x27;: &#x27;Guru&#x27; is not a skill level" in html
    assert Skill.objects.count() == 0


def test_the_framework_changelist_links_to_the_import(client_for, library_admin):
    response = client_for(library_admin).get(reverse("admin:skills_framework_changelist"))
    assert URL in response.content.decode()


def test_staff_who_are_not_library_admins_are_refused(client_for, loti):
    staff = UserFactory(organisation=loti, is_staff=True, groups=[roles.LOTI_STAFF])
    client = client_for(staff)
    assert client.get(URL).status_code == 403
    response = client.post(
        URL, {"framework": "X", "file": SimpleUploadedFile("f.csv", csv_bytes(row()))}
    )
    assert response.status_code == 403
    assert Skill.objects.count() == 0


def test_members_and_anonymous_visitors_are_sent_to_the_admin_login(
    client_for, camden_lead, client
):
    assert client.get(URL).status_code == 302
    response = client_for(camden_lead).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
