"""London's register of data sharing in the read API: each dataset with its holder, the project
using it, the outcomes it serves, its route and sign-off status, filtered as the page is
(``RegisterFilter``). A row is listed only when its project may be read."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from loti_data.api.base import ReadEndpoint
from projects.canvas.models import Action, Dataset, Insight
from projects.governance import rules
from projects.governance.forms import RegisterFilter
from projects.governance.selectors import register_datasets


class RegisterRowSerializer(serializers.ModelSerializer):
    holder = serializers.CharField(source="holder_name")
    holder_organisation = serializers.CharField(source="holder.slug", default=None, read_only=True)
    project = serializers.IntegerField(source="project_id")
    project_title = serializers.CharField(source="project.title")
    lead_organisation = serializers.CharField(source="project.lead_organisation.slug")
    outcomes = serializers.SerializerMethodField()
    route = serializers.CharField(source="sharing.route", default=None, read_only=True)
    status = serializers.CharField(source="sharing.status", default=None, read_only=True)
    review_on = serializers.DateField(source="sharing.review_on", default=None, read_only=True)
    expired = serializers.BooleanField(source="sharing.expired", default=False, read_only=True)

    class Meta:
        model = Dataset
        fields = [
            "id",
            "name",
            "holder",
            "holder_organisation",
            "project",
            "project_title",
            "lead_organisation",
            "outcomes",
            "route",
            "status",
            "review_on",
            "expired",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_outcomes(self, dataset) -> list[str]:
        seen = {}
        for insight in dataset.insights.all():
            for action in insight.actions.all():
                for outcome in action.outcomes.all():
                    seen[outcome.pk] = outcome.who
        return [seen[pk] for pk in sorted(seen)]


def _may_read_row(user, dataset) -> bool:
    return rules.may_read(user, dataset.project)


@extend_schema_view(
    list=extend_schema(summary="London's register of data sharing"),
    retrieve=extend_schema(summary="One dataset in the register of data sharing"),
)
class SharingRegisterEndpoint(ReadEndpoint):
    may_read = staticmethod(_may_read_row)
    serializer_class = RegisterRowSerializer
    filterset_class = RegisterFilter

    def get_queryset(self):
        chain = Prefetch(
            "insights",
            queryset=Insight.objects.prefetch_related(
                Prefetch("actions", queryset=Action.objects.prefetch_related("outcomes"))
            ),
        )
        return (
            register_datasets()
            .select_related("holder", "project__lead_organisation", "sharing")
            .prefetch_related(chain)
            .order_by("holder_key", "name_key", "project__title", "pk")
        )
