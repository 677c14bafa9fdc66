"""The jobs library and published salary benchmarks in the read API.

Salary figures come only from ``selectors.all_benchmarks()``: the aggregates
the disclosure rule (``skills.library.salaries.benchmark_for``) publishes, with the figures the
``Benchmark`` it returns carries. The serializer takes its figure fields from the rule's
``PUBLISHED_FIELDS``, so a change of what the rule publishes changes the API with it; a role
level and year the rule withholds is not listed at all, as in the page's CSV."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from loti_data.api.base import ListEndpoint, ReadEndpoint, signed_in
from skills.library import selectors
from skills.library.forms import SearchForm, SkillSearchForm
from skills.library.salaries import EARLIEST_YEAR, PUBLISHED_FIELDS
from skills.models import Role, RoleFamily, RoleLevel, RoleLevelSkill, Skill, SkillGroup


def _valid(form):
    if not form.is_valid():
        raise ValidationError(form.errors)
    return form.cleaned_data


SEARCH = OpenApiParameter("q", str, description="Words to look for, as on the page.")


class RoleFamilySerializer(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework.slug")
    roles = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = RoleFamily
        fields = ["id", "framework", "name", "description", "roles"]


class RoleSerializer(serializers.ModelSerializer):
    levels = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Role
        fields = ["id", "family", "name", "description", "levels", "url"]


class SkillNeededSerializer(serializers.ModelSerializer):
    skill_name = serializers.CharField(source="skill.name")
    level_name = serializers.CharField(source="get_level_display")

    class Meta:
        model = RoleLevelSkill
        fields = ["skill", "skill_name", "level", "level_name"]


class RoleLevelSerializer(serializers.ModelSerializer):
    role_name = serializers.CharField(source="role.name")
    skills_needed = SkillNeededSerializer(source="needs", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = RoleLevel
        fields = [
            "id",
            "role",
            "role_name",
            "name",
            "description",
            "position",
            "role_type",
            "skills_needed",
            "url",
        ]


class SkillSerializer(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework.slug")

    class Meta:
        model = Skill
        fields = ["id", "framework", "name", "group", "description"]


class RoleFamilyEndpoint(ReadEndpoint):
    may_read = staticmethod(signed_in)
    serializer_class = RoleFamilySerializer

    def get_queryset(self):
        return selectors.role_families_with_roles()


@extend_schema_view(list=extend_schema(parameters=[SEARCH]))
class RoleEndpoint(ReadEndpoint):
    may_read = staticmethod(signed_in)
    serializer_class = RoleSerializer

    def get_queryset(self):
        query = ""
        if self.action == "list":
            query = _valid(SearchForm(self.request.query_params))["q"].strip()
        return selectors.role_search(query)


class RoleLevelEndpoint(ReadEndpoint):
    may_read = staticmethod(signed_in)
    serializer_class = RoleLevelSerializer

    def get_queryset(self):
        return selectors.role_levels_with_needs()


@extend_schema_view(
    list=extend_schema(parameters=[SEARCH, OpenApiParameter("group", str, enum=SkillGroup.values)])
)
class SkillEndpoint(ReadEndpoint):
    may_read = staticmethod(signed_in)
    serializer_class = SkillSerializer

    def get_queryset(self):
        query, group = "", ""
        if self.action == "list":
            data = _valid(SkillSearchForm(self.request.query_params))
            query, group = data["q"].strip(), data["group"]
        return selectors.skill_search(query, group)


# --- Published salary benchmarks ----------------------------------------------------------------


def _published_fields() -> dict[str, serializers.Field]:
    """One field per published figure, read from the ``Benchmark`` the rule returns: the band of
    organisations, then each percentile's pounds and the step it is rounded to (null when the
    rule does not publish that percentile)."""
    fields: dict[str, serializers.Field] = {}
    for name in PUBLISHED_FIELDS:
        source = f"benchmark.{name}"
        if name == "organisations":
            fields[name] = serializers.CharField(
                read_only=True, source=source, help_text='A band such as "5 to 9".'
            )
            continue
        fields[name] = serializers.IntegerField(
            read_only=True, source=f"{source}.pounds", allow_null=True
        )
        fields[f"{name}_rounded_to"] = serializers.IntegerField(
            read_only=True, source=f"{source}.step", allow_null=True
        )
    return fields


class BenchmarkSerializer(serializers.Serializer):
    """A published benchmark: its role level and year, then every figure the rule published."""

    role_level = serializers.IntegerField(source="role_level.pk")
    role = serializers.CharField(source="role_level.role.name")
    role_level_name = serializers.CharField(source="role_level.name")
    year = serializers.IntegerField()

    def get_fields(self):
        return {**super().get_fields(), **_published_fields()}


@extend_schema_view(
    list=extend_schema(
        summary="Published salary benchmarks",
        description=(
            "Only the role levels and years the disclosure rule publishes (enough "
            "organisations contributed); the others are left out, as on the page."
        ),
        parameters=[OpenApiParameter("year", int, description="Only this year.")],
    )
)
class SalaryBenchmarkEndpoint(ListEndpoint):
    serializer_class = BenchmarkSerializer
    may_read = staticmethod(signed_in)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RoleLevel.objects.none()  # the schema needs no rows
        year = self.request.query_params.get("year", "")
        this_year = timezone.localdate().year
        if year and not (year.isdigit() and EARLIEST_YEAR <= int(year) <= this_year):
            raise ValidationError({"year": [f"A year from {EARLIEST_YEAR} to {this_year}."]})
        rows = selectors.all_benchmarks()
        return [row for row in rows if row.year == int(year)] if year else rows
