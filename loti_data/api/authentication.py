"""Personal tokens in the ``Authorization: Bearer <token>`` header (``Token <token>`` too)."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from loti_data.accounts import roles
from loti_data.api import rules
from loti_data.api.models import ApiToken, digest

# The last use is written at most this often, so a busy token does not write on every request.
LAST_USED_EVERY = timedelta(minutes=1)
KEYWORDS = (b"bearer", b"token")
REFUSED = "This token is not valid: it was revoked, or never existed. Make a new one."


_ROLE_FLAG_NAMES = {f"role_{i}": name for i, name in enumerate(roles.ALL_GROUPS)}
_ROLE_FLAGS = {
    flag: Exists(Group.objects.filter(user=OuterRef("user_id"), name=name))
    for flag, name in _ROLE_FLAG_NAMES.items()
}


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the header as: Authorization: Bearer <token>"
            )
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(REFUSED) from None
        token = (
            ApiToken.objects.select_related("user__organisation")
            .annotate(**_ROLE_FLAGS)
            .filter(key_digest=digest(secret))
            .first()
        )
        if token is None or not rules.token_works(token):
            raise exceptions.AuthenticationFailed(REFUSED)
        # The person's roles came with the token: the rules ask them without another query.
        token.user.group_names = frozenset(
            name for flag, name in _ROLE_FLAG_NAMES.items() if getattr(token, flag)
        )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made on the API tokens page.",
        }
