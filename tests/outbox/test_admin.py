"""The outbox in the Django admin: read-only, failed rows one filter away with their error, and
a superuser can queue a failed row again."""

import pytest
from django.contrib.auth.models import Permission

from loti_data.outbox.models import OutboxEmail
from loti_data.outbox.services import owe, send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/outbox/outboxemail/"


@pytest.fixture
def superuser(loti):
    return UserFactory(email="root@loti.example", organisation=loti, is_superuser=True)


@pytest.fixture
def failed_row(register_kind, camden_lead, settings) -> OutboxEmail:
    def build(row):
        raise KeyError("triage_change")

    (pk,) = owe(kind=register_kind("test.broken", build), key="9", recipients=[camden_lead])
    send(email_id=pk)
    return OutboxEmail.objects.get(pk=pk)


def test_a_builder_error_shows_as_failed_in_the_changelist(client_for, superuser, failed_row):
    page = client_for(superuser).get(CHANGELIST, {"status__exact": "failed"})

    assert page.status_code == 200
    html = page.content.decode()
    assert "KeyError: &#x27;triage_change&#x27;" in html
    assert "test.broken" in html
    assert "Camden Lead" in html


def test_search_by_recipient_email_and_key(client_for, superuser, failed_row, hello, loti_staff):
    owe(kind=hello, key="other", recipients=[loti_staff])
    client = client_for(superuser)

    by_email = client.get(CHANGELIST, {"q": "lead@camden"}).context["cl"].result_list
    by_key = client.get(CHANGELIST, {"q": "test.hello:other"}).context["cl"].result_list

    assert list(by_email) == [failed_row]
    assert [row.recipient for row in by_key] == [loti_staff]


def test_the_outbox_is_read_only(client_for, superuser, failed_row):
    client = client_for(superuser)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    client.post(f"{CHANGELIST}{failed_row.pk}/change/", {"status": "sent"})
    client.post(f"{CHANGELIST}{failed_row.pk}/delete/", {"post": "yes"})
    failed_row.refresh_from_db()
    assert failed_row.status == "failed"


def test_a_superuser_queues_a_failed_row_again(
    client_for, superuser, failed_row, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as rung:
        response = client_for(superuser).post(
            CHANGELIST, {"action": "queue_again", "_selected_action": [failed_row.pk]}
        )

    assert response.status_code == 302
    failed_row.refresh_from_db()
    assert (failed_row.status, failed_row.attempts) == ("queued", 0)
    assert len(rung) == 1  # the doorbell rings for it after commit


def test_other_admin_users_see_the_outbox_without_the_action(client_for, loti, failed_row):
    staff = UserFactory(email="ops@loti.example", organisation=loti, is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_outboxemail"))
    client = client_for(staff)

    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert "queue_again" not in page.content.decode()
    client.post(CHANGELIST, {"action": "queue_again", "_selected_action": [failed_row.pk]})
    failed_row.refresh_from_db()
    assert failed_row.status == "failed"
