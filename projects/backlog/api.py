"""The shared backlog in the read API: the page's filters, sort and query-string names (the
page's own ``BacklogFilter``) and the page's selectors.

Private triage notes are in a row only for those ``rules.may_keep_private_notes`` allows; for
everyone else the field is absent, as on the page and in the page's CSV."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from loti_data.api.base import ReadEndpoint
from projects.backlog import rules
from projects.backlog.filters import BacklogFilter
from projects.backlog.selectors import with_backlog_relations
from projects.canvas import rules as canvas_rules
from projects.canvas.api import OrganisationField
from projects.models import Project, TriageNote

NOTES = "private_notes"


class TriageNoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.name")

    class Meta:
        model = TriageNote
        fields = ["text", "author", "created_at"]


class BacklogRowSerializer(serializers.ModelSerializer):
    lead_organisation = OrganisationField(read_only=True)
    partners = serializers.SerializerMethodField()
    organisations_interested = serializers.SerializerMethodField()
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    loti_owner = serializers.CharField(source="loti_owner.name", default=None, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    private_notes = TriageNoteSerializer(
        source="triage_notes",
        many=True,
        read_only=True,
        required=False,
        help_text="LOTI staff only: absent for everyone else.",
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "rank",
            "title",
            "summary",
            "lead_organisation",
            "partners",
            "organisations_interested",
            "interest_count",
            "stage",
            "status",
            "priority",
            "themes",
            "loti_owner",
            "created_at",
            "updated_at",
            "url",
            NOTES,
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_partners(self, project) -> list[str]:
        return [partner.organisation.slug for partner in project.partnerships.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_organisations_interested(self, project) -> list[str]:
        return [interest.organisation.slug for interest in project.open_interests]

    def get_fields(self):
        fields = super().get_fields()
        if getattr(self.context.get("view"), "swagger_fake_view", False):
            return fields  # the schema documents the field, marked LOTI staff only
        request = self.context.get("request")
        if request is None or not rules.may_keep_private_notes(request.user):
            fields.pop(NOTES)
        return fields


@extend_schema_view(
    list=extend_schema(
        summary="The shared backlog",
        description=(
            "The same filters, sort and query-string names as the backlog page (`/backlog/`): "
            "copy a filtered page's query string here. `theme` and `organisation` take slugs."
        ),
    )
)
class BacklogEndpoint(ReadEndpoint):
    may_read = staticmethod(canvas_rules.may_read)
    serializer_class = BacklogRowSerializer
    filterset_class = BacklogFilter

    def get_queryset(self):
        projects = with_backlog_relations(Project.objects.all())
        if rules.may_keep_private_notes(self.request.user):
            notes = TriageNote.objects.select_related("author").order_by("created_at")
            projects = projects.prefetch_related(Prefetch("triage_notes", queryset=notes))
        return projects
