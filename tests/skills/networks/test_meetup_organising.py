"""LOTI staff schedule, change and cancel meet-ups; everyone else gets 403."""

from datetime import timedelta

import pytest
from django.utils import timezone

from skills.models import Meetup

pytestmark = pytest.mark.django_db


def form_data(day=None, **overrides) -> dict:
    day = day or (timezone.localdate() + timedelta(days=30))
    data = {
        "title": "Data Managers: data quality",
        "date": day.isoformat(),
        "start_time": "09:30",
        "end_time": "11:00",
        "location": "City Hall",
        "online_url": "",
        "description": "",
        "tips": "",
        "capacity": "",
        "reminders": ["7d", "1d"],
        "agenda-TOTAL_FORMS": "3",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "30",
        "agenda-0-starts_at": "09:30",
        "agenda-0-title": "Welcome",
        "agenda-0-presenter": "",
        "agenda-0-organisation": "LOTI",
        "agenda-1-starts_at": "10:00",
        "agenda-1-title": "Data quality in Camden",
        "agenda-1-presenter": "Head of Data",
        "agenda-1-organisation": "Camden Council",
        "agenda-2-starts_at": "",
        "agenda-2-title": "",
        "agenda-2-presenter": "",
        "agenda-2-organisation": "",
    }
    data.update(overrides)
    return data


URL = "/networks/data-leaders/meetups/new/"


def test_loti_staff_schedule_a_meetup_with_an_agenda(client_for, loti_staff, network):
    response = client_for(loti_staff).post(URL, form_data())
    meetup = Meetup.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meetup.get_absolute_url()
    assert [item.title for item in meetup.agenda_items.all()] == [
        "Welcome",
        "Data quality in Camden",
    ]
    assert timezone.localtime(meetup.starts_at).strftime("%H:%M") == "09:30"
    assert sorted(meetup.reminders.values_list("offset", flat=True)) == ["1d", "7d"]


@pytest.mark.parametrize("persona", ["camden_lead", "lambeth_lead", "library_admin"])
def test_others_cannot_organise(client_for, persona, request, make_meetup, network):
    meetup = make_meetup()
    client = client_for(request.getfixturevalue(persona))
    for url in (
        URL,
        f"/networks/meetups/{meetup.pk}/edit/",
        f"/networks/meetups/{meetup.pk}/cancel/",
        f"/networks/meetups/{meetup.pk}/attendees/",
        f"/networks/meetups/{meetup.pk}/attendees.csv",
        "/networks/data-leaders/edit/",
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, form_data()).status_code == 403, url
    assert Meetup.objects.count() == 1
    assert Meetup.objects.get().status == "scheduled"


def test_unknown_ids_are_not_found(client_for, loti_staff, network):
    client = client_for(loti_staff)
    assert client.get("/networks/nope/meetups/new/").status_code == 404
    assert client.get("/networks/meetups/999999/").status_code == 404
    assert client.get("/networks/meetups/999999/edit/").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_time": "09:00"}, "end_time", "must end after it starts"),
        ({"location": "", "online_url": ""}, "location", "Give a place, an online link"),
        ({"online_url": "not a link"}, "online_url", "Enter a valid URL"),
        ({"agenda-1-starts_at": "12:00"}, "agenda-1-starts_at", "between 09:30 and 11:00"),
        ({"agenda-1-title": ""}, "agenda-1-title", "Give this agenda item a title"),
        ({"title": ""}, "title", "This field is required"),
        ({"capacity": "0"}, "capacity", "greater than or equal to 1"),
    ],
)
def test_bad_input_gets_a_clear_error_and_saves_nothing(
    client_for, loti_staff, network, overrides, field, message
):
    response = client_for(loti_staff).post(URL, form_data(**overrides))
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert message in page
    assert f'id="id_{field}"' in page
    assert not Meetup.objects.exists()


def test_a_time_the_clocks_skip_is_refused(client_for, loti_staff, network):
    from datetime import date

    response = client_for(loti_staff).post(
        URL,
        form_data(
            day=date(2031, 3, 30),
            start_time="01:30",
            end_time="03:00",
            **{
                "agenda-0-starts_at": "",
                "agenda-0-title": "",
                "agenda-1-starts_at": "",
                "agenda-1-title": "",
            },
        ),
    )
    assert "does not exist in London" in response.content.decode()
    assert not Meetup.objects.exists()


def test_editing_the_time_reschedules(client_for, loti_staff, make_meetup):
    meetup = make_meetup()
    later = timezone.localdate(meetup.starts_at) + timedelta(days=7)
    client = client_for(loti_staff)
    form_page = client.get(f"/networks/meetups/{meetup.pk}/edit/").content.decode()
    assert 'value="Show and tell"' in form_page  # the current agenda, ready to change

    response = client.post(
        f"/networks/meetups/{meetup.pk}/edit/",
        form_data(day=later, title=meetup.title, **{"agenda-INITIAL_FORMS": "0"}),
    )

    assert response.status_code == 302
    meetup.refresh_from_db()
    assert timezone.localdate(meetup.starts_at) == later
    assert meetup.sequence == 1
    # The rows sent replace the agenda: the third item was cleared, so it is gone.
    assert meetup.agenda_items.count() == 2
    assert meetup.events.filter(action="meetup_rescheduled").count() == 1


def test_cancel_page_then_cancelled(client_for, loti_staff, make_meetup):
    meetup = make_meetup()
    client = client_for(loti_staff)
    assert (
        "This cannot be undone"
        in client.get(f"/networks/meetups/{meetup.pk}/cancel/").content.decode()
    )
    response = client.post(f"/networks/meetups/{meetup.pk}/cancel/", {"reason": "Strike"})
    assert response.status_code == 302
    meetup.refresh_from_db()
    assert meetup.is_cancelled and meetup.cancellation_reason == "Strike"
    page = client.post(
        f"/networks/meetups/{meetup.pk}/cancel/", {"reason": ""}, follow=True
    ).content.decode()
    assert "already cancelled" in page
    assert client.get(f"/networks/meetups/{meetup.pk}/edit/").status_code == 302


def test_staff_edit_the_network(client_for, loti_staff, network):
    response = client_for(loti_staff).post(
        "/networks/data-leaders/edit/", {"purpose": "New purpose", "cadence": "Quarterly"}
    )
    assert response.status_code == 302
    network.refresh_from_db()
    assert (network.purpose, network.cadence) == ("New purpose", "Quarterly")


def test_agenda_rows_are_not_marked_required_since_empty_rows_are_allowed(
    client_for, loti_staff, network
):
    page = client_for(loti_staff).get(URL).content.decode()
    agenda = page[page.index('name="agenda-TOTAL_FORMS"') :]
    assert 'name="agenda-0-title"' in agenda
    for row in range(3):
        title = agenda[agenda.index(f'name="agenda-{row}-title"') :]
        assert "required" not in title[: title.index(">")]
    assert (
        "asteriskField"
        not in agenda[: agenda.index("</fieldset>") if "</fieldset>" in agenda else None]
    )


def test_an_agenda_row_with_a_title_but_no_time_is_refused(client_for, loti_staff, network):
    response = client_for(loti_staff).post(URL, form_data(**{"agenda-2-title": "Close"}))
    assert response.status_code == 200
    assert "Give the time of this agenda item." in response.content.decode()
    assert not Meetup.objects.exists()
