"""Personal API tokens. Only a SHA-256 digest of each token is stored: the token itself is shown
once, when it is made, and cannot be read back from the database."""

import hashlib

from django.conf import settings
from django.db import models

from loti_data.validators import single_line

PREFIX = "loti_"


def digest(token: str) -> str:
    """The stored form of a token. Tokens are 256 random bits, so a plain SHA-256 is enough
    (no salt or slow hash needed: there is nothing to guess)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=100, validators=[single_line], help_text="What the token is for, e.g. Power BI."
    )
    # The first characters of the token, so the person can tell their tokens apart.
    hint = models.CharField(max_length=16)
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
