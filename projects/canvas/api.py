"""The canvas in the read API: projects, and the chain their canvas draws (outcomes ← actions ←
insights ← datasets), as flat lists a report can join by id and as one nested project.

Who reads what is ``projects.canvas.rules.may_read``, the rule the project pages ask."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from loti_data.api.base import ReadEndpoint
from projects.canvas import rules
from projects.models import Action, Dataset, Enabler, Insight, Outcome, Project


class OrganisationField(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class OutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["id", "project", "who", "how", "measure", "created_at", "updated_at"]


class ActionSerializer(serializers.ModelSerializer):
    outcomes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Action
        fields = ["id", "project", "actor", "change", "intervention", "outcomes", "updated_at"]


class InsightSerializer(serializers.ModelSerializer):
    actions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Insight
        fields = ["id", "project", "title", "screen", "actions", "updated_at"]


class DatasetSerializer(serializers.ModelSerializer):
    insights = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    holder = serializers.CharField(source="holder_name", read_only=True)

    class Meta:
        model = Dataset
        fields = [
            "id",
            "project",
            "name",
            "holder",
            "source",
            "personal_data",
            "special_category",
            "lawful_basis",
            "sharing_agreement",
            "insights",
            "updated_at",
        ]


class EnablerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enabler
        fields = ["id", "kind", "need"]


class ProjectSerializer(serializers.ModelSerializer):
    lead_organisation = OrganisationField(read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "summary",
            "lead_organisation",
            "themes",
            "stage",
            "status",
            "created_at",
            "updated_at",
            "url",
        ]


class ProjectCanvasSerializer(ProjectSerializer):
    """One project with its whole canvas chain."""

    outcomes = OutcomeSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)
    insights = InsightSerializer(many=True, read_only=True)
    enablers = EnablerSerializer(many=True, read_only=True)
    datasets = DatasetSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields,
            "outcomes",
            "actions",
            "insights",
            "enablers",
            "datasets",
        ]


def _may_read_project_of(user, entry) -> bool:
    return rules.may_read(user, entry.project)


class ProjectEndpoint(ReadEndpoint):
    """Every project a person may read, oldest first; one project with its canvas chain."""

    may_read = staticmethod(rules.may_read)

    def get_queryset(self):
        projects = Project.objects.select_related("lead_organisation").prefetch_related("themes")
        if self.action == "retrieve":
            projects = projects.prefetch_related(
                "outcomes",
                Prefetch("actions", queryset=Action.objects.prefetch_related("outcomes")),
                Prefetch("insights", queryset=Insight.objects.prefetch_related("actions")),
                "enablers",
                Prefetch(
                    "datasets",
                    queryset=Dataset.objects.select_related("holder").prefetch_related("insights"),
                ),
            )
        return projects.order_by("id")

    def get_serializer_class(self):
        return ProjectCanvasSerializer if self.action == "retrieve" else ProjectSerializer


class _EntryEndpoint(ReadEndpoint):
    """Entries of every canvas, by project, so a report joins them by id."""

    may_read = staticmethod(_may_read_project_of)
    model = None
    links = ()

    def get_queryset(self):
        entries = self.model.objects.select_related("project")
        if self.links:
            entries = entries.prefetch_related(*self.links)
        return entries.order_by("project_id", "id")


@extend_schema_view(list=extend_schema(summary="Outcomes: who is better off, and how"))
class OutcomeEndpoint(_EntryEndpoint):
    model = Outcome
    serializer_class = OutcomeSerializer
    filterset_fields = ["project"]


@extend_schema_view(list=extend_schema(summary="Actions, with the outcomes they serve"))
class ActionEndpoint(_EntryEndpoint):
    model = Action
    links = ("outcomes",)
    serializer_class = ActionSerializer
    filterset_fields = ["project"]


@extend_schema_view(list=extend_schema(summary="Insights, with the actions they enable"))
class InsightEndpoint(_EntryEndpoint):
    model = Insight
    links = ("actions",)
    serializer_class = InsightSerializer
    filterset_fields = ["project"]


@extend_schema_view(list=extend_schema(summary="Datasets, with the insights they feed"))
class DatasetEndpoint(_EntryEndpoint):
    model = Dataset
    links = ("insights",)
    serializer_class = DatasetSerializer
    filterset_fields = ["project"]

    def get_queryset(self):
        return super().get_queryset().select_related("holder")
