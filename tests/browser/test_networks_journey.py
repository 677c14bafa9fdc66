"""LOTI staff schedule a meet-up with a three-item agenda; the Camden lead replies and downloads
the calendar file; a second member joins the waiting list and gets the place when the Camden
lead drops out. Every page visited has zero axe violations."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from loti_data.outbox.models import OutboxEmail
from skills.models import Meetup, Network, Rsvp
from tests.browser.conftest import assert_accessible, login_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def network(reference_data):
    return Network.objects.create(
        name="Data Managers", slug="data-managers", purpose="Data managers compare practice."
    )


def test_meetup_journey(page, new_page, loti_staff, camden_lead, lambeth_lead, network):
    day = timezone.localdate() + timedelta(days=21)

    # LOTI staff schedule the meet-up.
    login_as(page, loti_staff)
    page.goto("/networks/")
    assert_accessible(page)
    page.get_by_role("link", name="Data Managers").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Schedule a meet-up").click()
    assert_accessible(page)
    page.get_by_label("Title").first.fill("Data quality clinic")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Starts at").fill("09:30")
    page.get_by_label("Ends at").fill("11:00")
    page.get_by_label("Place").fill("City Hall, London")
    page.get_by_label("Capacity").fill("1")
    for index, (at, title, organisation) in enumerate(
        [
            ("09:30", "Welcome", "LOTI"),
            ("09:45", "Data quality in practice", "Camden Council"),
            ("10:40", "Next steps", "LOTI"),
        ]
    ):
        page.locator(f"#id_agenda-{index}-starts_at").fill(at)
        page.locator(f"#id_agenda-{index}-title").fill(title)
        page.locator(f"#id_agenda-{index}-organisation").fill(organisation)
    page.get_by_role("button", name="Schedule the meet-up").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data quality clinic")
    expect(page.get_by_text("The meet-up is scheduled.")).to_be_visible()
    assert_accessible(page)
    meetup = Meetup.objects.get()
    assert meetup.agenda_items.count() == 3

    # The Camden lead joins the network, replies "going" and downloads the calendar file.
    camden = new_page()
    login_as(camden, camden_lead)
    camden.goto("/networks/data-managers/")
    camden.get_by_role("button", name="Join this network").click()
    camden.wait_for_load_state()
    expect(camden.get_by_text("You joined Data Managers")).to_be_visible()
    assert_accessible(camden)
    camden.get_by_role("link", name="Data quality clinic").click()
    camden.get_by_role("button", name="I'm going").click()
    camden.wait_for_load_state()
    expect(camden.get_by_text("You're going.", exact=False).first).to_be_visible()
    assert_accessible(camden)
    with camden.expect_download() as download_info:
        camden.get_by_role("link", name="Add to calendar (.ics)").click()
    with open(download_info.value.path(), "rb") as ics:
        (event,) = Calendar.from_ical(ics.read()).walk("VEVENT")
    assert str(event["uid"]) == meetup.ical_uid
    assert timezone.localtime(event.decoded("dtstart")).strftime("%H:%M") == "09:30"

    # The meet-up is full: the Lambeth lead joins the waiting list.
    lambeth = new_page()
    login_as(lambeth, lambeth_lead)
    lambeth.goto(meetup.get_absolute_url())
    assert_accessible(lambeth)
    lambeth.get_by_role("button", name="Join the waiting list").click()
    lambeth.wait_for_load_state()
    expect(lambeth.get_by_text("waiting list (number 1)")).to_be_visible()
    assert_accessible(lambeth)

    # The Camden lead drops out; the Lambeth lead is promoted and told by email.
    camden.get_by_role("button", name="I can't go any more").click()
    camden.wait_for_load_state()
    expect(camden.get_by_text("You said you can't go.")).to_be_visible()
    assert_accessible(camden)
    lambeth.reload()
    assert lambeth.locator("#reply-status").inner_text().strip() == "You're going."
    assert_accessible(lambeth)
    assert Rsvp.objects.get(user=lambeth_lead).status == "going"
    assert OutboxEmail.objects.filter(kind="networks.promoted", recipient=lambeth_lead).count() == 1

    # The organiser sees who is coming.
    page.get_by_role("link", name="Attendee list").click()
    assert_accessible(page)
    rows = page.get_by_role("row")
    assert "Lambeth Lead" in rows.nth(1).inner_text()
    assert "Can't go" in rows.nth(2).inner_text()

    # The home page shows the Lambeth lead's next meet-up.
    lambeth.goto("/")
    expect(lambeth.get_by_role("link", name="Data quality clinic")).to_be_visible()
    assert_accessible(lambeth)
