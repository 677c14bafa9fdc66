"""allauth's OpenID Connect provider with the two checks it leaves out.

- A **nonce** in every authorisation request, kept in allauth's state (in the session) and
  compared with the ID token's ``nonce`` by ``sso.SocialAccountAdapter.pre_social_login``.
- **Entra ID multi-tenant issuers**: the discovery document of
  ``https://login.microsoftonline.com/organizations/v2.0`` names its issuer as
  ``https://login.microsoftonline.com/{tenantid}/v2.0``; a token's ``iss`` must be exactly that
  with its own ``tid`` in place. For any other issuer, ``iss`` must equal the discovered issuer.

Everything else (discovery, PKCE, state, the code exchange, signature and audience checks) is
allauth's. The views are allauth's with this adapter: allauth's own views build the stock one.
"""

import secrets

from allauth.core.internal.deferred import jwt
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


class OrganisationAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        try:
            unverified = jwt.decode(id_token, options={"verify_signature": False})
        except jwt.PyJWTError as error:
            raise OAuth2Error("Invalid id_token") from error
        issuer = expected_issuer(self.openid_config["issuer"], unverified)
        if issuer is None:
            raise OAuth2Error("The ID token names no tenant")
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=issuer,
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            # Always check the signature: the token arrived over our own back channel, but a
            # misconfigured issuer URL over plain HTTP must not be trusted blindly.
            verify_signature=True,
        )


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
    try:
        return OAuth2LoginView.adapter_view(OrganisationAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error


@login_not_required
def callback(request, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(OrganisationAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error
