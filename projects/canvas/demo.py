"""Demo projects for `manage.py seed_demo`: realistic pan-London canvases at different stages.

Built through the services, so each has its history and a stage is complete only if it meets the
methodology's rules. Idempotent: a project that already exists (by title and lead organisation)
is left alone. Invented people only.
"""

from loti_data.accounts import roles
from loti_data.accounts.demo import demo_person
from loti_data.accounts.models import Organisation, User
from methodology import workflow
from methodology.stages import Principle, Stage
from projects.canvas import services
from projects.ethics import services as ethics
from projects.models import (
    Action,
    Dataset,
    Enabler,
    EthicsAssessment,
    Insight,
    Outcome,
    Project,
    ProjectMembership,
    StageState,
    Theme,
)

EXTRA_PEOPLE = [
    # email, name, job title, organisation slug
    ("data@hackney.example", "Sam Adeyemi", "Insight Manager", "hackney"),
    ("analyst@camden.example", "Casey Moran", "Senior Data Analyst", "camden"),
    ("data@newham.example", "Riley Chen", "Head of Performance", "newham"),
]


def _person(email: str, name: str, job_title: str, org_slug: str) -> User:
    return demo_person(email, name, org_slug, job_title)


class _Builder:
    """Fills a canvas through the services, keeping track of each stage's version."""

    def __init__(self, project: Project, by: User):
        self.project, self.by = project, by

    def version(self, stage: Stage) -> int:
        return StageState.objects.get(project=self.project, stage=stage).version

    def add(self, entry, links=()):
        version = self.version(entry.STAGE)
        return services.entry_save(
            project=self.project, by=self.by, version=version, entry=entry, links=links
        ).entry

    def complete(self, stage: Stage) -> None:
        services.stage_complete(
            project=self.project, stage=stage, by=self.by, version=self.version(stage)
        )


def _project(title, summary, lead, themes, partners=(), editors=()) -> Project | None:
    if Project.objects.filter(title=title, lead_organisation=lead.organisation).exists():
        return None
    project = services.project_create(
        by=lead, title=title, summary=summary, themes=Theme.objects.filter(slug__in=themes)
    )
    for slug in partners:
        services.partner_add(
            project=project, by=lead, organisation=Organisation.objects.get(slug=slug)
        )
    for editor in editors:
        services.membership_add(
            project=project, by=lead, user=editor, role=ProjectMembership.Role.EDITOR
        )
    return project


def _rough_sleeping(camden_lead: User, analyst: User) -> None:
    project = _project(
        "Rough sleeping insights",
        "Outreach teams in Camden and Westminster find out about new rough sleepers days after "
        "they arrive, from street counts and public reports. People spend longer on the street "
        "than they need to, and the first nights are the most dangerous.",
        camden_lead,
        ["housing", "health"],
        partners=["westminster", "greater-london-authority"],
        editors=[analyst],
    )
    if project is None:
        return
    canvas = _Builder(project, camden_lead)
    off_street = canvas.add(
        Outcome(
            who="People new to sleeping rough in Camden",
            how="Spend no second night out: they are offered a safe place to stay within 24 "
            "hours of being seen.",
            measure="Share of new rough sleepers who spend a second night out (CHAIN data), "
            "down from 48% to under 25%.",
        )
    )
    health = canvas.add(
        Outcome(
            who="People sleeping rough with health needs",
            how="Are registered with a GP and get treatment before an emergency admission.",
            measure="A&E attendances by people of no fixed abode, and GP registrations made "
            "by outreach.",
        )
    )
    canvas.complete(Stage.OUTCOMES)
    outreach = canvas.add(
        Action(
            actor="Street outreach workers",
            change="Go first to the places where new people have been reported overnight, "
            "instead of following a fixed route.",
            intervention="A daily, prioritised outreach shift plan.",
        ),
        [off_street],
    )
    nurses = canvas.add(
        Action(
            actor="The homeless health nursing team",
            change="Join outreach shifts in areas where people with health needs sleep.",
            intervention="Joint health and outreach shifts twice a week.",
        ),
        [health, off_street],
    )
    canvas.complete(Stage.ACTIONS)
    canvas.add(
        Insight(
            title="Overnight new-arrivals map",
            screen="A map for the morning shift: public reports and sightings from the last "
            "24 hours, new people highlighted, with how long since each was seen.",
        ),
        [outreach],
    )
    canvas.add(
        Insight(
            title="Health needs by location",
            screen="A weekly heat map of known health needs among people sleeping rough, "
            "aggregated to street level so no one is identifiable.",
        ),
        [nurses],
    )
    canvas.complete(Stage.INSIGHTS)
    for kind, need in [
        (Enabler.Kind.PARTNERSHIP, "A data sharing agreement with Westminster and StreetLink."),
        (Enabler.Kind.PROCESS, "Outreach shift planning that changes every morning."),
        (Enabler.Kind.SKILLS, "Outreach leads trained to read and challenge the map."),
    ]:
        canvas.add(Enabler(kind=kind, need=need))
    canvas.complete(Stage.ENABLERS)
    principles = {
        Principle.TRANSPARENCY: (
            "low",
            "People sleeping rough may not know reports about them are shared.",
            "Plain-English privacy notice given by outreach workers; published on the website.",
        ),
        Principle.PRIVACY: (
            "medium",
            "Locations of vulnerable people could be misused if the map leaked.",
            "Map shown only to outreach staff; locations kept 14 days; access logged.",
        ),
        Principle.FAIRNESS: (
            "medium",
            "People who avoid public places are never reported, so never prioritised.",
            "Keep a share of each shift for areas with few reports.",
        ),
    }
    services.ethics_save(
        project=project,
        by=camden_lead,
        version=canvas.version(EthicsAssessment.STAGE),
        answers={
            "legal_use": "Public task under the Housing Act 1996 Part 7 and the Homelessness "
            "Reduction Act 2017; health data shared under a DPIA agreed with the ICB.",
            "trust": "Residents' panel and people with lived experience reviewed the plan.",
            "limitations": "",
        },
        principles={
            principle.value: dict(zip(("rating", "risks", "mitigations"), values, strict=True))
            for principle, values in principles.items()
        },
    )
    if workflow.data_stage_unlocked(project).allowed:  # once the ethics review approves it
        canvas.add(
            Dataset(
                name="StreetLink public alerts",
                holder_other="StreetLink",
                source=Dataset.Source.OTHER_ORGANISATION,
                personal_data=True,
                lawful_basis=Dataset.LawfulBasis.PUBLIC_TASK,
                sharing_agreement=Dataset.SharingAgreement.IN_DRAFT,
            ),
            list(project.insights.all()),
        )


def _digital_exclusion(lambeth_lead: User) -> None:
    project = _project(
        "Digital exclusion mapping",
        "Libraries, housing officers and the voluntary sector all help residents get online, "
        "but nobody can see where digital exclusion is concentrated, so device loans and "
        "training go where they are easiest to run, not where they are needed most.",
        lambeth_lead,
        ["digital-inclusion", "economy"],
        partners=["southwark", "lewisham"],
    )
    if project is None:
        return
    canvas = _Builder(project, lambeth_lead)
    online = canvas.add(
        Outcome(
            who="Older residents and social housing tenants without internet at home",
            how="Can get online confidently to bid for housing, claim benefits and see a GP.",
            measure="Residents supported who report using online services three months later.",
        )
    )
    canvas.complete(Stage.OUTCOMES)
    canvas.add(
        Action(
            actor="Library and digital inclusion teams",
            change="Place device loans, data SIMs and drop-in training in the estates and "
            "streets with the highest predicted exclusion.",
            intervention="A targeted outreach programme across Lambeth, Southwark and Lewisham.",
        ),
        [online],
    )
    canvas.complete(Stage.ACTIONS)
    canvas.add(
        Insight(
            title="Digital exclusion risk index by LSOA",
            screen="",
        ),
        list(project.actions.all()),
    )


def _free_school_meals(hackney_lead: User) -> None:
    project = _project(
        "Free school meals take-up",
        "Thousands of children in Hackney are eligible for free school meals but not "
        "registered, because families do not know they qualify or find the form hard. "
        "Schools lose pupil premium funding as well.",
        hackney_lead,
        ["childrens-services"],
        partners=["tower-hamlets"],
    )
    if project is None:
        return
    canvas = _Builder(project, hackney_lead)
    outcome = canvas.add(
        Outcome(
            who="Children in low-income families who are eligible but not registered",
            how="Get a free, healthy school lunch every day, and their schools get the pupil "
            "premium.",
            measure="Registered share of eligible pupils rises from 78% to 95% in two years.",
        )
    )
    canvas.complete(Stage.OUTCOMES)
    action = canvas.add(
        Action(
            actor="The benefits team",
            change="Register eligible children automatically, with an opt-out letter, instead "
            "of waiting for families to apply.",
            intervention="Auto-enrolment for free school meals",
        ),
        [outcome],
    )
    canvas.complete(Stage.ACTIONS)
    insight = canvas.add(
        Insight(
            title="Eligible-but-not-registered list",
            screen="Each term, a list per school of pupils whose households receive Universal "
            "Credit below the threshold but who are not registered.",
        ),
        [action],
    )
    canvas.complete(Stage.INSIGHTS)
    canvas.add(
        Enabler(
            kind=Enabler.Kind.GOVERNANCE,
            need="A DPIA and a data sharing agreement between the benefits service and schools.",
        )
    )
    canvas.complete(Stage.ENABLERS)
    services.ethics_save(
        project=project,
        by=hackney_lead,
        version=canvas.version(EthicsAssessment.STAGE),
        answers={
            "legal_use": "Public task: Education Act 1996 s.512ZB; benefits data used for a "
            "compatible purpose under a DPIA.",
            "trust": "Parents' forum consulted; every family can opt out.",
            "limitations": "Families not on benefits the council knows about are missed.",
        },
        principles={
            principle.value: {
                "rating": "low",
                "risks": "Families may be surprised to be enrolled.",
                "mitigations": "A clear letter before enrolment, with an easy opt-out.",
            }
            for principle in Principle
        },
    )
    reviewer = User.objects.filter(groups__name=roles.ETHICS_REVIEWERS, is_active=True).first()
    if reviewer is None:
        return
    review = ethics.ethics_review_submit(project=project, by=hackney_lead, note="Ready for review")
    ethics.ethics_review_assign(review=review, reviewer=reviewer, by=reviewer)
    ethics.ethics_review_decide(
        review=review,
        by=reviewer,
        decision="approved_with_conditions",
        reasons="A clear public benefit, a lawful basis and an opt-out for every family.",
        conditions="Send the opt-out letter two weeks before enrolment; review the DPIA yearly.",
    )
    ethics.ethics_review_acknowledge_conditions(review=review, by=hackney_lead)
    for name, holder, source in [
        ("Housing Benefit and Council Tax Reduction claims", "hackney", "existing"),
        ("School census (pupil roll)", "hackney", "existing"),
    ]:
        canvas.add(
            Dataset(
                name=name,
                holder=Organisation.objects.get(slug=holder),
                source=source,
                personal_data=True,
                special_category=False,
                lawful_basis=Dataset.LawfulBasis.PUBLIC_TASK,
                sharing_agreement=Dataset.SharingAgreement.SIGNED,
            ),
            [insight],
        )
    canvas.complete(Dataset.STAGE)


def _fly_tipping(newham_lead: User) -> None:
    _project(
        "Fly-tipping hotspots",
        "Fly-tipping reports have doubled in three years. Enforcement patrols cannot be "
        "everywhere and clear-ups cost the borough over £1m a year.",
        newham_lead,
        ["environment-and-climate", "community-safety"],
    )


def seed_projects() -> None:
    camden_lead = User.objects.get(email="lead@camden.example")
    lambeth_lead = User.objects.get(email="lead@lambeth.example")
    hackney_lead, analyst, newham_lead = (_person(*person) for person in EXTRA_PEOPLE)
    _rough_sleeping(camden_lead, analyst)
    _digital_exclusion(lambeth_lead)
    _free_school_meals(hackney_lead)
    _fly_tipping(newham_lead)
    _replica(newham_lead, "Free school meals take-up")


def _replica(lead: User, title: str) -> None:
    """Newham replicates Hackney's finished canvas, so the demo shows both ends of the link."""
    origin = Project.objects.filter(title=title, replicated_from=None).first()
    if origin and not origin.replicas.filter(lead_organisation=lead.organisation).exists():
        services.project_replicate(project=origin, by=lead)
