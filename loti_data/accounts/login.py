"""How a log-in is found, throttled and refused: the one spelling of a login and the one
client address.

django-axes counts failed log-ins (settings ``AXES_*``, handler
``loti_data.accounts.throttle.LoginThrottle``) and asks this module for the two things it counts
under: :func:`axes_username` (the login in its one spelling, so ``DATA@x`` and
`` data@x `` share one account's five tries) and :func:`client_ip` (the address the request
really came from, trusting ``X-Forwarded-For`` only behind the configured number of proxies).
The account lookup (``UserManager.get_by_natural_key``), stored addresses (``User.clean``) and
the password-reset rate limit use :func:`normalise_login` too, so no spelling can reach an
account without counting against it.
"""

import ipaddress

from django.conf import settings

# An email address is at most 254 characters (RFC 5321); axes stores at most 255.
LOGIN_MAX_LENGTH = 254


def normalise_login(value: object) -> str:
    """The one spelling of a login: surrounding white space removed, lower case."""
    return str(value or "").strip().lower()


def login_refusal(value: str) -> str | None:
    """Why a typed login can never be anyone's, or None. Refused before any lookup or count."""
    if len(value) > LOGIN_MAX_LENGTH:
        return f"An email address has at most {LOGIN_MAX_LENGTH} characters."
    if any(not character.isprintable() for character in value):
        return "An email address cannot contain line breaks or control characters."
    return None


def axes_username(request, credentials: dict | None) -> str:
    """``AXES_USERNAME_CALLABLE``: failures count against the login's one spelling."""
    if credentials is not None:
        raw = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        raw = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    # Never longer than axes' column, whatever reached it.
    return normalise_login(raw).replace("\0", "")[: LOGIN_MAX_LENGTH + 1]


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``, and the address the password reset is rate limited by.

    With ``TRUSTED_PROXIES = 0`` (the default) the peer address is the client: a forged
    ``X-Forwarded-For`` changes nothing. Behind N proxies, each of which appends the address it
    saw, the client is the N-th address from the right of ``X-Forwarded-For``; anything further
    left was written by the client and is ignored. A missing or malformed entry falls back to
    the peer address."""
    peer = _address(request.META.get("REMOTE_ADDR", "")) or None
    trusted = settings.TRUSTED_PROXIES
    if trusted <= 0:
        return peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < trusted:
        return peer
    return _address(hops[-trusted]) or peer
