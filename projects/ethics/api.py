"""The register of ethics decisions in the read API: what the register page shows, newest
first (``selectors.decisions_register``). Who decided is not on the page, so not here either."""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from loti_data.api.base import ReadEndpoint
from projects.canvas import rules as canvas_rules
from projects.ethics.selectors import decisions_register
from projects.models import EthicsReviewEvent


class DecisionSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="review.project_id")
    project_title = serializers.CharField(source="review.project.title")
    organisations = serializers.SerializerMethodField()
    decision = serializers.CharField(source="to_state")
    decided_at = serializers.DateTimeField(source="created_at")
    reasons = serializers.CharField(source="note")

    class Meta:
        model = EthicsReviewEvent
        fields = [
            "id",
            "project",
            "project_title",
            "organisations",
            "decision",
            "decided_at",
            "reasons",
            "conditions",
            "rereview_on",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_organisations(self, event) -> list[str]:
        project = event.review.project
        partners = [partner.organisation.slug for partner in project.partnerships.all()]
        return [project.lead_organisation.slug, *partners]


def _may_read_decision(user, event) -> bool:
    return canvas_rules.may_read(user, event.review.project)


@extend_schema_view(list=extend_schema(summary="The register of ethics decisions"))
class EthicsRegisterEndpoint(ReadEndpoint):
    may_read = staticmethod(_may_read_decision)
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return decisions_register()
