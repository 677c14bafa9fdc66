"""What an identity provider's claims say, read conservatively. No database here: the
organisation rule (``sso.organisation_for_claims``) and the admin's validation ask these."""

import re
import uuid

from allauth.core.internal.datakit import parse_bool_safely

# A DNS name: labels of letters, digits and inner hyphens, at least two labels.
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")

ENTRA_ISSUER_PREFIX = "https://login.microsoftonline.com/"


def domain_refusal(value: str) -> str | None:
    """Why a typed email domain cannot be stored, or None."""
    if value != value.strip().lower():
        return "Write the domain in lower case, without spaces."
    if "*" in value or "@" in value:
        return "Write one domain, without wildcards or @ (e.g. camden.gov.uk)."
    if not _DOMAIN.match(value):
        return "This is not a domain name (e.g. camden.gov.uk)."
    return None


def tenant_of(claims: dict) -> uuid.UUID | None:
    """The Entra ID tenant (``tid``) the claims name, if it is a GUID."""
    try:
        return uuid.UUID(str(claims.get("tid") or ""))
    except ValueError:
        return None


def email_is_verified(claims: dict) -> bool:
    """True only when the provider says the email address is verified.

    ``email_verified`` must be true. Microsoft Entra ID does not send it; its optional claim
    ``xms_edov`` ("email domain owner verified") is accepted instead. Anything else (missing,
    false, a string we cannot read) counts as unverified: an unverified address never creates
    an account by its domain and never links to an existing account."""
    if parse_bool_safely(claims.get("email_verified")) is True:
        return True
    return parse_bool_safely(claims.get("xms_edov")) is True


def email_of(claims: dict) -> str:
    return str(claims.get("email") or "").strip().lower()


def domain_of(email: str) -> str:
    return email.rpartition("@")[2] if "@" in email else ""
