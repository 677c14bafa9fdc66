"""Two-factor helpers for tests: an authenticator app with a known secret, and its codes."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache

TEST_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TEST_SECRET, *, at: float | None = None) -> str:
    counter = int(at if at is not None else time.time()) // 30
    return format_hotp_value(hotp_value(secret, counter))


def enrol(user, secret: str = TEST_SECRET) -> list[str]:
    """Give the person an authenticator app (idempotent) and recovery codes; returns the
    unused recovery codes."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    codes = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
    wrapper = RecoveryCodes(codes) if codes else RecoveryCodes.activate(user)
    return wrapper.get_unused_codes()


def fresh_code(user, secret: str = TEST_SECRET) -> str:
    """The current code, usable again: allauth refuses a code twice within its window (a
    replay), and a test may sign the same person in twice in 30 seconds."""
    code = totp_code(secret)
    cache.delete(f"allauth.mfa.totp.used?user={user.pk}&code={code}")
    return code
