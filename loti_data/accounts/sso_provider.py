"""allauth's OpenID Connect provider with the checks it leaves out.

- A **nonce** in every authorisation request, kept in allauth's state (in the session) and
  compared with the ID token's ``nonce`` by ``sso.SocialAccountAdapter.pre_social_login``.
- **The ID token's signature is always checked** against the provider's published keys (allauth
  skips it for tokens from the token endpoint, as the specification allows over TLS).
- **Entra ID multi-tenant issuers**: the discovery document of
  ``https://login.microsoftonline.com/organizations/v2.0`` names its issuer as
  ``https://login.microsoftonline.com/{tenantid}/v2.0``; a token's ``iss`` must be exactly that
  with its own ``tid`` in place. For any other issuer, ``iss`` must equal the discovered issuer.

Everything else (discovery, PKCE, state, the code exchange) is allauth's. The views are
allauth's with this adapter (allauth's own views build the stock one).
"""

import secrets

from allauth.core.internal.deferred import jwt
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.contrib.auth.decorators import login_not_required
from django.http import Http404

from loti_data.accounts.claims import tenant_of

TENANT_PLACEHOLDER = "{tenantid}"


def expected_issuer(discovered: str, claims: dict) -> str | None:
    """The issuer a token must name: the discovered one, with a multi-tenant placeholder
    filled by the token's own tenant (None when it names no tenant)."""
    if TENANT_PLACEHOLDER not in discovered:
        return discovered
    tenant = tenant_of(claims)
    return discovered.replace(TENANT_PLACEHOLDER, str(tenant)) if tenant else None


# Asymmetric algorithms only: a token may not choose HMAC with the public key as its secret.
SIGNING_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"]


def without_nul(value):
    """Claims as PostgreSQL can store them (its JSON refuses NUL), whatever a provider sent."""
    if isinstance(value, str):
        return value.replace("\0", "")
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nul(v) for v in value]
    return value


class OrganisationAdapter(OpenIDConnectOAuth2Adapter):
    def complete_login(self, request, app, token, **kwargs):
        login = super().complete_login(request, app, token, **kwargs)
        login.account.extra_data = without_nul(login.account.extra_data)
        return login

    def _signing_key(self, id_token: str):
        """The provider's published key that signed the token: the one its ``kid`` names, or
        the only one when the token names none (some providers, the test provider among them,
        publish a single key without naming it)."""
        header = jwt.get_unverified_header(id_token)
        with get_adapter().get_requests_session() as session:
            response = session.get(self.openid_config["jwks_uri"])
            response.raise_for_status()
            published = jwt.PyJWKSet.from_dict(response.json()).keys
        kid = header.get("kid")
        keys = [key for key in published if kid is None or key.key_id == kid]
        if len(keys) != 1:
            raise OAuth2Error("No single signing key for the ID token")
        return keys[0].key

    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        try:
            unverified = jwt.decode(id_token, options={"verify_signature": False})
            issuer = expected_issuer(self.openid_config["issuer"], unverified)
            if issuer is None:
                raise OAuth2Error("The ID token names no tenant")
            claims = jwt.decode(
                id_token,
                key=self._signing_key(id_token),
                algorithms=SIGNING_ALGORITHMS,
                issuer=issuer,
                audience=app.client_id,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except (jwt.PyJWTError, ValueError, KeyError) as error:
            raise OAuth2Error("Invalid id_token") from error
        # allauth's own replay check: a token ID seen before is refused.
        jwtkit.verify_jti(claims)
        return claims


class OrganisationProvider(OpenIDConnectProvider):
    oauth2_adapter_class = OrganisationAdapter

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None) or self.get_auth_params()
        return super().redirect(
            request,
            process,
            next_url,
            data,
            auth_params={**auth_params, "nonce": nonce},
            nonce=nonce,
            **kwargs,
        )


@login_not_required
def login(request, provider_id):
    from loti_data.accounts.sso import allow_sso_redirects

    try:
        view = OAuth2LoginView.adapter_view(OrganisationAdapter(request, provider_id))
        return allow_sso_redirects(request, view(request))
    except SocialApp.DoesNotExist as error:
        raise Http404 from error


@login_not_required
def callback(request, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(OrganisationAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error
