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


def _ready_for_review(project: Project, by: User, outcome, action, insight, enabler, ethics):
    """Fills Outcomes to Enablers with one entry each, linked, and answers every Ethics question,
    so the project can be submitted for review. ``ethics`` is (answers, risks, mitigations)."""
    canvas = _Builder(project, by)
    outcome = canvas.add(outcome)
    canvas.complete(Stage.OUTCOMES)
    action = canvas.add(action, [outcome])
    canvas.complete(Stage.ACTIONS)
    canvas.add(insight, [action])
    canvas.complete(Stage.INSIGHTS)
    canvas.add(enabler)
    canvas.complete(Stage.ENABLERS)
    answers, risks, mitigations = ethics
    services.ethics_save(
        project=project,
        by=by,
        version=canvas.version(EthicsAssessment.STAGE),
        answers=answers,
        principles={
            principle.value: {"rating": "medium", "risks": risks, "mitigations": mitigations}
            for principle in Principle
        },
    )


def _reviewer() -> User | None:
    return User.objects.filter(groups__name=roles.ETHICS_REVIEWERS, is_active=True).first()


def _submit_and_decide(project: Project, lead: User, decision="", reasons="", **extra):
    """Submits the project for ethics review and has the demo reviewer decide it (or only take
    it, when ``decision`` is empty), all through the review's services so its history is real."""
    reviewer = _reviewer()
    if reviewer is None:
        return
    review = ethics.ethics_review_submit(project=project, by=lead, note="Ready for review")
    if not decision:
        return
    ethics.ethics_review_assign(review=review, reviewer=reviewer, by=reviewer)
    ethics.ethics_review_decide(
        review=review, by=reviewer, decision=decision, reasons=reasons, **extra
    )


def _empty_homes(camden_lead: User) -> None:
    """Waits on the Camden lead: the reviewer has asked for changes."""
    project = _project(
        "Empty homes back into use",
        "Over a thousand homes in Camden have stood empty for more than six months while "
        "families wait in temporary accommodation. The empty homes team finds them one "
        "complaint at a time.",
        camden_lead,
        ["housing", "economy"],
    )
    if project is None or _reviewer() is None:
        return
    _ready_for_review(
        project,
        camden_lead,
        Outcome(
            who="Families in temporary accommodation",
            how="Move into a settled home sooner, as empty homes are brought back into use.",
            measure="Long-term empty homes brought back into use each year, up from 40 to 120.",
        ),
        Action(
            actor="The empty homes team",
            change="Contact the owners of homes most likely to be long-term empty first, "
            "with an offer of a grant or a lease to the council.",
            intervention="A prioritised owner contact programme.",
        ),
        Insight(
            title="Likely empty homes list",
            screen="A monthly list of addresses with no council tax change, no utility use and "
            "no electoral register entry for six months, with the owner's contact details.",
        ),
        Enabler(
            kind=Enabler.Kind.GOVERNANCE,
            need="A DPIA covering the use of council tax records to contact owners.",
        ),
        (
            {
                "legal_use": "Council tax data may be used to bring empty homes back into use "
                "(Local Government Finance Act 1992 s.85 as amended).",
                "trust": "The approach was discussed with the tenants' and residents' forum.",
                "limitations": "Some homes are empty for good reasons: probate, repairs, care.",
            },
            "Owners may feel watched; the list could be wrong about occupied homes.",
            "A first letter that asks, not accuses; the list is checked before any visit.",
        ),
    )
    _submit_and_decide(
        project,
        camden_lead,
        "changes_requested",
        "Explain how owners are told their council tax record is used to find empty homes, and "
        "add a step to remove homes empty for probate or long-term care before contact.",
    )


def _falls_prevention(camden_lead: User, analyst: User) -> None:
    """Waits on the Camden lead: approved with conditions to acknowledge before Data opens."""
    project = _project(
        "Falls prevention for older residents",
        "Falls are the most common reason older Camden residents are admitted to hospital, and "
        "many follow warning signs the council already sees: a new walking aid, a missed "
        "meal delivery, a call to the alarm service.",
        camden_lead,
        ["adult-social-care", "health"],
        partners=["islington"],
        editors=[analyst],
    )
    if project is None or _reviewer() is None:
        return
    _ready_for_review(
        project,
        analyst,
        Outcome(
            who="Residents over 75 living alone",
            how="Stay independent at home and avoid a fall that leads to hospital.",
            measure="Emergency admissions after a fall among over-75s, down by 15% in two years.",
        ),
        Action(
            actor="The reablement and occupational therapy teams",
            change="Offer a home safety visit to residents showing early warning signs, before "
            "a fall.",
            intervention="Proactive home safety visits",
        ),
        Insight(
            title="Early warning signs by resident",
            screen="A weekly list for the reablement team of residents with two or more "
            "warning signs in the last month, and which signs.",
        ),
        Enabler(
            kind=Enabler.Kind.PARTNERSHIP,
            need="A data sharing agreement with the alarm service provider.",
        ),
        (
            {
                "legal_use": "Care Act 2014 duty to prevent needs for care; health and care "
                "data shared under a DPIA with the ICB.",
                "trust": "The older people's reference group helped word the visit offer.",
                "limitations": "A list can feel intrusive: the visit is an offer, never a "
                "condition of support.",
            },
            "Residents could be labelled frail by a list they never see.",
            "Residents are told why they were contacted and can ask to be left off the list.",
        ),
    )
    _submit_and_decide(
        project,
        camden_lead,
        "approved_with_conditions",
        "A clear prevention benefit, a lawful basis and a voluntary offer to residents.",
        conditions="Publish a privacy notice before the first visit; review who sees the list "
        "after six months.",
    )


def _fly_tipping(newham_lead: User) -> None:
    """Waits on the ethics reviewers: submitted, not taken yet."""
    project = _project(
        "Fly-tipping hotspots",
        "Fly-tipping reports have doubled in three years. Enforcement patrols cannot be "
        "everywhere and clear-ups cost the borough over £1m a year.",
        newham_lead,
        ["environment-and-climate", "community-safety"],
    )
    if project is None or _reviewer() is None:
        return
    _ready_for_review(
        project,
        newham_lead,
        Outcome(
            who="Residents of streets with repeated fly-tipping",
            how="Live on cleaner streets, with dumped waste cleared within a day.",
            measure="Repeat fly-tips at the same location, down by a third in a year.",
        ),
        Action(
            actor="Street enforcement officers",
            change="Patrol the predicted hotspots at the times dumping happens.",
            intervention="Targeted evening and weekend patrols with mobile cameras.",
        ),
        Insight(
            title="Fly-tipping hotspot forecast",
            screen="A weekly map of the streets and times most likely to see fly-tipping.",
        ),
        Enabler(
            kind=Enabler.Kind.PROCESS,
            need="Clear-up crews log the location and time of every job.",
        ),
        (
            {
                "legal_use": "Environmental Protection Act 1990 enforcement duties; reports "
                "and clear-up logs hold no personal data.",
                "trust": "Ward councillors and residents' associations asked for this.",
                "limitations": "Patrols must not single out residents of particular estates.",
            },
            "More patrols in some areas could feel like targeting their residents.",
            "Forecast by street and time only; patrol patterns reviewed each quarter.",
        ),
    )
    _submit_and_decide(project, newham_lead)


def seed_projects() -> None:
    camden_lead = User.objects.get(email="lead@camden.example")
    lambeth_lead = User.objects.get(email="lead@lambeth.example")
    hackney_lead, analyst, newham_lead = (_person(*person) for person in EXTRA_PEOPLE)
    _rough_sleeping(camden_lead, analyst)
    _digital_exclusion(lambeth_lead)
    _free_school_meals(hackney_lead)
    _fly_tipping(newham_lead)
    _replica(newham_lead, "Free school meals take-up")
    _empty_homes(camden_lead)
    _falls_prevention(camden_lead, analyst)


def _replica(lead: User, title: str) -> None:
    """Newham replicates Hackney's finished canvas, so the demo shows both ends of the link."""
    origin = Project.objects.filter(title=title, replicated_from=None).first()
    if origin and not origin.replicas.filter(lead_organisation=lead.organisation).exists():
        services.project_replicate(project=origin, by=lead)
