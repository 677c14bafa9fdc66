"""The data networks and their meet-ups, with agendas, in the read API: what the networks and
meet-up pages show every signed-in person (``selectors``). Who replied is for organisers only
(``rules.may_see_attendees``) and is not in the API; a person's own reply is."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from loti_data.api.base import ReadEndpoint, signed_in
from skills.models import AgendaItem, Meetup, Network
from skills.networks import selectors


class NetworkSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Network
        fields = ["id", "slug", "name", "purpose", "cadence", "member_count", "url"]


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["starts_at", "title", "presenter", "organisation"]


class MeetupSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    going = serializers.IntegerField(source="going_count", read_only=True)
    waiting = serializers.IntegerField(source="waiting_count", read_only=True)
    my_reply = serializers.CharField(source="my_status", read_only=True, allow_null=True)
    agenda = AgendaItemSerializer(source="agenda_items", many=True, read_only=True)

    class Meta:
        model = Meetup
        fields = [
            "id",
            "network",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            "description",
            "tips",
            "capacity",
            "status",
            "cancellation_reason",
            "going",
            "waiting",
            "my_reply",
            "agenda",
        ]


class MeetupFilter(django_filters.FilterSet):
    """The meet-ups page's ``when`` (upcoming or past), and a network by its slug."""

    when = django_filters.ChoiceFilter(
        choices=[("upcoming", "Upcoming"), ("past", "Past")], method="keep"
    )
    network = django_filters.ModelChoiceFilter(queryset=Network.objects.all(), to_field_name="slug")

    class Meta:
        model = Meetup
        fields: list[str] = []

    def keep(self, queryset, name, value):
        return queryset  # the selector chosen by the view already applies it


class NetworkEndpoint(ReadEndpoint):
    may_read = staticmethod(signed_in)
    serializer_class = NetworkSerializer
    queryset = Network.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.networks_for_list(self.request.user).order_by("position", "name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Meet-ups: upcoming (soonest first) or past (latest first)")
)
class MeetupEndpoint(ReadEndpoint):
    may_read = staticmethod(signed_in)
    serializer_class = MeetupSerializer
    filterset_class = MeetupFilter
    queryset = Meetup.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        user = self.request.user
        if self.action == "list" and self.request.query_params.get("when") == "past":
            meetups = selectors.past_meetups(user)
        elif self.action == "list":
            meetups = selectors.upcoming_meetups(user)
        else:
            meetups = selectors.meetup_for_page(self.kwargs[self.lookup_field], user)
        return meetups.prefetch_related("agenda_items")
