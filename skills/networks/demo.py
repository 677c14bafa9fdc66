"""Demo networks and meet-ups for `manage.py seed_demo`. Invented people only."""

from datetime import date, time, timedelta

from django.utils import timezone

from loti_data.accounts.models import User
from skills.networks.models import Meetup, Network
from skills.networks.services import AgendaEntry, meetup_create, network_join, rsvp_set
from skills.networks.times import london_datetime

NETWORKS = [
    (
        "data-leaders",
        "Data Leaders (Heads of Data & BI)",
        "Heads of data and business intelligence from London's boroughs and partners share "
        "priorities, shape pan-London data projects and agree what to do together.",
        "Every 4 to 6 weeks, online",
    ),
    (
        "data-managers",
        "Data Managers",
        "People who run data teams and services compare practice on data quality, governance, "
        "information sharing and the tools they use.",
        "Every 2 months, online",
    ),
    (
        "data-scientists",
        "Data Scientists",
        "Analysts and data scientists show their work, learn new methods together and reuse "
        "each other's code and models.",
        "Every 2 months, online and in person",
    ),
]

# The agenda of the Heads of Data & BI meet-up of 23 June 2021: titles and
# organisations only, no people's names.
JUNE_2021_AGENDA = [
    (time(9, 30), "Welcome and introductions", "", "LOTI"),
    (time(9, 40), "LOTI: Data Literacy", "", "LOTI"),
    (time(9, 45), "Lessons Learned: Developing the skills to address Legacy IT", "", "GDS Academy"),
    (time(10, 15), "Discussion: Data Literacy in London public sector", "", ""),
    (time(10, 30), "LOTI: Data Projects Methodology", "", "LOTI"),
    (time(10, 40), "Discussion: Pan-London Data Projects", "", ""),
    (time(10, 50), "Open Agenda: Priorities", "", ""),
    (time(10, 55), "Next Steps", "", "LOTI"),
    (time(11, 0), "Close", "", ""),
]

UPCOMING_TITLE = "Data Leaders meet-up: data literacy, one year on"


def _agenda(rows) -> list[AgendaEntry]:
    return [AgendaEntry(at, title, presenter, org) for at, title, presenter, org in rows]


def _ensure_meetup(network: Network, organiser: User, title: str, day: date, start, end, **extra):
    existing = Meetup.objects.filter(network=network, title=title).first()
    if existing:
        return existing
    return meetup_create(
        network=network,
        by=organiser,
        title=title,
        starts_at=london_datetime(day, start),
        ends_at=london_datetime(day, end),
        **extra,
    )


def seed_networks() -> None:
    networks = {}
    for position, (slug, name, purpose, cadence) in enumerate(NETWORKS):
        networks[slug], _ = Network.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "purpose": purpose, "cadence": cadence, "position": position},
        )
    leaders = networks["data-leaders"]
    organiser = User.objects.get(email="staff@loti.example")
    camden = User.objects.get(email="lead@camden.example")
    lambeth = User.objects.get(email="lead@lambeth.example")
    for person in (camden, lambeth, organiser):
        network_join(network=leaders, user=person)
    network_join(network=networks["data-managers"], user=lambeth)

    _ensure_meetup(
        leaders,
        organiser,
        "Heads of Data & BI Network Meet-up",
        date(2021, 6, 23),
        time(9, 30),
        time(11, 0),
        location="Online (Microsoft Teams)",
        description="Data literacy in London's public sector, lessons on legacy IT skills, "
        "and LOTI's data projects methodology.",
        agenda=_agenda(JUNE_2021_AGENDA),
    )
    _ensure_meetup(
        leaders,
        organiser,
        "Heads of Data & BI Network Meet-up (July)",
        date(2021, 7, 30),
        time(9, 30),
        time(11, 0),
        location="Online (Microsoft Teams)",
    )
    day = timezone.localdate() + timedelta(days=28)
    day += timedelta(days=(2 - day.weekday()) % 7)  # a Wednesday
    upcoming = _ensure_meetup(
        leaders,
        organiser,
        UPCOMING_TITLE,
        day,
        time(9, 30),
        time(11, 0),
        location="LOTI, City Hall, Kamal Chunchie Way, London E16 1ZE",
        online_url="https://teams.microsoft.com/l/meetup-join/loti-data-leaders",
        description="A year after the first data literacy session: what boroughs tried, what "
        "worked, and the pan-London data projects to take on next.",
        tips="Bring photo ID for the front desk. Step-free access from the Royal Victoria DLR. "
        "Joining online? Test your camera and microphone before 9:25.",
        capacity=20,
        agenda=_agenda(
            [
                (time(9, 30), "Welcome and introductions", "", "LOTI"),
                (time(9, 40), "Data literacy programme: one year on", "", "LOTI"),
                (time(10, 10), "Borough show and tell", "Data leads", ""),
                (time(10, 40), "Pan-London data projects: priorities", "", "LOTI"),
                (time(10, 55), "Next steps and close", "", "LOTI"),
            ]
        ),
    )
    if not upcoming.is_past and not upcoming.is_cancelled:
        rsvp_set(meetup=upcoming, user=camden, going=True)
