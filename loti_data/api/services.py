"""Making and revoking personal API tokens."""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from loti_data.api import rules
from loti_data.api.models import PREFIX, ApiToken, digest
from loti_data.errors import RuleError, require


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def create_token(*, by, name: str) -> NewToken:
    require(rules.may_make_tokens(by), "Sign in to make an API token.")
    name = " ".join(name.split())[:100]
    if not name:
        raise RuleError("Give the token a name, so you know what it is for.")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=by, name=name, hint=secret[: len(PREFIX) + 6], key_digest=digest(secret)
    )
    return NewToken(token=token, secret=secret)


def revoke_token(*, by, token_id: int) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
        require(token is not None and rules.is_own_token(by, token), "This is not your token.")
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token
