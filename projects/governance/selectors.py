"""Reads of the sharing routes that cross relations, with their joins and prefetches."""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, F, Prefetch, Q, When
from django.db.models.functions import Lower, Trim

from projects.canvas.models import Action, Dataset, Insight, Outcome, Project
from projects.governance.models import DataSharing, DataSharingEvent, SignOff


def dataset_in(project: Project, pk: int) -> Dataset | None:
    """The project's dataset with its holder, its route (or None) and the purpose chain."""
    dataset = (
        Dataset.objects.select_related("holder", "sharing", "sharing__requested_by")
        .select_related("sharing__holder_signed_by", "sharing__dpo_signed_by")
        .prefetch_related(_purpose_chain())
        .filter(project=project, pk=pk)
        .first()
    )
    if dataset is not None:
        dataset.project = project
        _chain(dataset)
    return dataset


def sharing_of(dataset: Dataset) -> DataSharing | None:
    try:
        sharing = dataset.sharing
    except DataSharing.DoesNotExist:
        return None
    sharing.dataset = dataset
    return sharing


def _purpose_chain() -> Prefetch:
    return Prefetch(
        "insights",
        queryset=Insight.objects.prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.prefetch_related(
                    Prefetch("outcomes", queryset=Outcome.objects.order_by("pk"))
                ).order_by("pk"),
            )
        ).order_by("pk"),
    )


def _chain(dataset: Dataset) -> None:
    """The insights the dataset feeds, the actions they enable, the outcomes those serve."""
    dataset.why_insights = list(dataset.insights.all())
    actions = {a.pk: a for i in dataset.why_insights for a in i.actions.all()}
    dataset.why_actions = sorted(actions.values(), key=lambda a: a.pk)
    outcomes = {o.pk: o for a in dataset.why_actions for o in a.outcomes.all()}
    dataset.why_outcomes = sorted(outcomes.values(), key=lambda o: o.pk)


def history(sharing: DataSharing | None) -> list[DataSharingEvent]:
    if sharing is None:
        return []
    return list(sharing.events.select_related("actor").order_by("created_at", "pk"))


def routes_by_dataset(datasets) -> dict[int, DataSharing]:
    """Each dataset's route, in one query (the Data stage shows them beside the datasets)."""
    ids = [dataset.pk for dataset in datasets]
    if not ids:
        return {}
    return {sharing.dataset_id: sharing for sharing in DataSharing.objects.filter(dataset__in=ids)}


def awaiting_signoff(organisation_id) -> list[DataSharing]:
    """Agreements waiting for a signature from this holder organisation."""
    if organisation_id is None:
        return []
    return list(
        DataSharing.objects.filter(
            dataset__holder_id=organisation_id,
            status__in=(SignOff.REQUESTED, SignOff.HOLDER_APPROVED),
        )
        .select_related("dataset__project", "dataset__holder")
        .order_by("updated_at")
    )


def team_routes(user, *, review_by, shown: int) -> list[DataSharing]:
    """For this person's projects' team: agreements declined, or signed with a review date by
    ``review_by`` (due soon or passed), at most ``shown``."""
    attention = Q(status=SignOff.DECLINED) | Q(status=SignOff.SIGNED, review_on__lte=review_by)
    return list(
        DataSharing.objects.filter(attention, dataset__project__memberships__user=user)
        .select_related("dataset__project", "dataset__holder")
        .order_by("review_on", "pk")[:shown]
    )


# --- London's register of data sharing --------------------------------------------------------


def register_datasets():
    """Every dataset, with its grouping keys: the holder (an organisation or a named other) and
    the dataset's name, trimmed and in lower case, so two projects asking for the same data fall
    in one group."""
    return Dataset.objects.annotate(
        holder_key=Case(
            When(holder__isnull=False, then=Lower(F("holder__name"))),
            default=Lower(Trim(F("holder_other"))),
            output_field=CharField(),
        ),
        name_key=Lower(Trim(F("name"))),
    )


@dataclass
class RegisterGroup:
    holder_key: str
    name_key: str
    datasets: list[Dataset] = field(default_factory=list)

    @property
    def first(self) -> Dataset:
        return self.datasets[0]


def register_groups(queryset) -> list[dict]:
    """The (holder, name) groups of a filtered register, for paging: one row per group."""
    return queryset.values("holder_key", "name_key").distinct().order_by("holder_key", "name_key")


def register_page(keys, queryset, may_read) -> list[RegisterGroup]:
    """The datasets of one page of groups, each with its project, route and purpose, in a
    fixed number of queries; projects the person may not read are left out."""
    keys = list(keys)
    if not keys:
        return []
    match = Q()
    for key in keys:
        match |= Q(holder_key=key["holder_key"], name_key=key["name_key"])
    groups = {(key["holder_key"], key["name_key"]): RegisterGroup(**key) for key in keys}
    for dataset in register_all(queryset.filter(match), may_read):
        groups[(dataset.holder_key, dataset.name_key)].datasets.append(dataset)
    return [group for group in groups.values() if group.datasets]


def register_all(queryset, may_read) -> list[Dataset]:
    """The register's datasets with their project, route and purpose chain, in a fixed number
    of queries, leaving out those whose project the person may not read (``may_read``)."""
    datasets = (
        queryset.select_related("holder", "project__lead_organisation", "sharing")
        .prefetch_related(_purpose_chain())
        .order_by("holder_key", "name_key", "project__title", "pk")
    )
    readable = []
    for dataset in datasets:
        if not may_read(dataset.project):
            continue
        _chain(dataset)
        dataset.route_sharing = sharing_of(dataset)
        readable.append(dataset)
    return readable
