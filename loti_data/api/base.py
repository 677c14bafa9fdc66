"""What every endpoint of the read API shares: read only, signed in (token or session), the
part's own read rule asked for every object, paged, throttled per token, JSON or CSV."""

from django.conf import settings
from rest_framework import exceptions, mixins, viewsets

from loti_data.api.permissions import AsksTheRule


def signed_in(user, obj=None) -> bool:
    """The rule of pages that every signed-in person reads (``LoginRequiredMiddleware``)."""
    return bool(user.is_authenticated and user.is_active)


class ListEndpoint(mixins.ListModelMixin, viewsets.GenericViewSet):
    """A list only. Subclasses set ``may_read`` to the part's rule (``staticmethod``)."""

    permission_classes = [AsksTheRule]
    lookup_value_regex = r"[0-9]{1,18}"

    @staticmethod
    def may_read(user, obj) -> bool:
        raise NotImplementedError

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is None:
            return None
        # The same rule as a single object: a row the person could not open is not listed.
        return [obj for obj in page if self.may_read(self.request.user, obj)]

    def throttled(self, request, wait):
        # DRF adds "Expected available in N seconds." and the Retry-After header.
        raise exceptions.Throttled(
            wait=wait,
            detail=f"Too many requests: the API answers {settings.API_THROTTLE_RATE} per token.",
        )


class ReadEndpoint(mixins.RetrieveModelMixin, ListEndpoint):
    """A list and its objects by id."""
