"""Demo sharing routes for `manage.py seed_demo`: the Free school meals project's datasets on
every route, one agreement signed off, one waiting for the DPO, one held outside loti-data.

Built through the services, so the history and the datasets' agreement status are real.
Idempotent: a dataset that already has a route is left alone. Invented people only.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from loti_data.accounts import roles
from loti_data.accounts.demo import demo_person
from loti_data.accounts.models import Organisation, User
from projects.canvas import services as canvas_services
from projects.canvas.models import Dataset, Project, StageState
from projects.governance import services
from projects.governance.models import DataSharing
from projects.governance.routes import Answers

TITLE = "Free school meals take-up"
RETENTION = "Kept for the school year, deleted within 30 days of the end of term."
SECURITY = "Held in the council's data platform; only the benefits team's analysts can see it."
NOTICE = "Both privacy notices name the sharing; families hear of it in the opt-out letter."


def _people() -> tuple[User, User]:
    officer = demo_person(
        "ig@hackney.example", "Alex Okafor", "hackney", "Information Governance Manager"
    )
    dpo = demo_person(
        "dpo@hackney.example", "Jamie Lindqvist", "hackney", "Data Protection Officer"
    )
    dpo.groups.add(Group.objects.get(name=roles.DATA_PROTECTION_OFFICERS))
    return officer, dpo


def _dataset(project: Project, lead: User, name: str, **fields) -> Dataset:
    existing = project.datasets.filter(name=name).first()
    if existing is not None:
        return existing
    version = StageState.objects.get(project=project, stage=Dataset.STAGE).version
    entry = Dataset(name=name, **fields)
    return canvas_services.entry_save(
        project=project,
        by=lead,
        version=version,
        entry=entry,
        links=list(project.insights.all()),
    ).entry


def _answer(dataset: Dataset, lead: User, answers: Answers, days: int | None = 300):
    if DataSharing.objects.filter(dataset=dataset).exists():
        return None
    review_on = timezone.localdate() + timedelta(days=days) if days else None
    return services.route_answer(dataset=dataset, by=lead, answers=answers, review_on=review_on)


def _personal(**extra) -> Answers:
    base = {
        "identifiable": "yes",
        "controller": "separate",
        "lawful_basis": "public_task",
        "frequency": "routine",
        "retention": RETENTION,
        "security": SECURITY,
        "transparency": NOTICE,
    }
    return Answers(**(base | extra))


def seed() -> None:
    project = (
        Project.objects.filter(title=TITLE, replicated_from=None)
        .select_related("lead_organisation")
        .first()
    )
    if project is None:
        return
    lead = project.memberships.filter(role="lead").select_related("user").first()
    if lead is None:
        return
    lead = lead.user
    officer, _dpo = _people()
    claims = project.datasets.filter(name__startswith="Housing Benefit").first()
    census = project.datasets.filter(name__startswith="School census").first()
    if claims is not None and (sharing := _answer(claims, lead, _personal())):
        sharing = services.signoff_request(sharing=sharing, by=lead, version=sharing.version)
        services.signoff_decide(
            sharing=sharing,
            by=officer,
            version=sharing.version,
            approve=True,
            reasons="Public task, a clear purpose and a privacy notice that names the sharing.",
        )
    if census is not None and (
        sharing := _answer(census, lead, _personal(high_risk=("vulnerable", "matching")))
    ):
        sharing = services.signoff_request(sharing=sharing, by=lead, version=sharing.version)
        services.signoff_decide(
            sharing=sharing,
            by=officer,
            version=sharing.version,
            approve=True,
            reasons="Agreed for Hackney; the DPIA goes to our DPO for the second signature.",
        )
    checks = _dataset(
        project,
        lead,
        "Eligibility checking service results",
        holder_other="Department for Education",
        source=Dataset.Source.OTHER_ORGANISATION,
        personal_data=True,
        lawful_basis=Dataset.LawfulBasis.PUBLIC_TASK,
    )
    _answer(checks, lead, _personal())
    allocations = _dataset(
        project,
        lead,
        "Pupil premium allocations by school",
        holder=Organisation.objects.get(slug="tower-hamlets"),
        source=Dataset.Source.OTHER_ORGANISATION,
    )
    _answer(allocations, lead, _personal(aggregated=True, frequency="one_off"))
    poverty = _dataset(
        project,
        lead,
        "Children in low income families by ward",
        holder_other="Department for Work and Pensions (open data)",
        source=Dataset.Source.OTHER_ORGANISATION,
    )
    _answer(poverty, lead, Answers(identifiable="no"), days=None)
