"""A real OpenID Connect provider on localhost for the tests: oidc-provider-mock (a Flask WSGI
app) served by werkzeug on a thread, with PKCE enforced in front of it.

The mock accepts any client ID and secret, signs ID tokens with its own key (published at its
JWKS URL), takes each test's claims through ``PUT /users/<sub>`` and requires a nonce. Its
version for Python 3.11 checks neither PKCE nor a code's age, so :class:`ProviderChecks` does,
as a real provider would: a token request must carry the verifier whose S256 hash the
authorisation request sent, and come within the code's lifetime, or the code is refused.
"""

import base64
import hashlib
import io
import json
import os
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlparse

import oidc_provider_mock
import pytest
import requests
from werkzeug.serving import make_server

PROVIDER_ID = "organisation"
CLIENT_ID = "loti-data-test"


# Entra ID's authorisation codes last about ten minutes; the mock's never expire.
CODE_LIFETIME_SECONDS = 600


class ProviderChecks:
    """WSGI middleware: remembers each issued code's challenge and time, and refuses a token
    request whose verifier does not match or whose code is past its lifetime."""

    def __init__(self, app):
        self.app = app
        self.challenges: dict[str, tuple[str, str]] = {}
        self.issued_at: dict[str, float] = {}
        self.lock = threading.Lock()

    def age_codes(self, seconds: float) -> None:
        """Every code issued so far, as if it had been issued ``seconds`` earlier."""
        with self.lock:
            for code in self.issued_at:
                self.issued_at[code] -= seconds

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/oauth2/token" and environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length)
            environ["wsgi.input"] = io.BytesIO(body)
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            with self.lock:
                challenge = self.challenges.get(form.get("code", ""))
                issued_at = self.issued_at.get(form.get("code", ""))
            if challenge is not None and not _verifies(form.get("code_verifier"), challenge):
                return _invalid_grant(start_response, "PKCE")
            if issued_at is not None and time.monotonic() - issued_at > CODE_LIFETIME_SECONDS:
                return _invalid_grant(start_response, "The code has expired")
            return self.app(environ, start_response)
        if path == "/oauth2/authorize":
            query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}

            def remember(status, headers, exc_info=None):
                location = dict(headers).get("Location", "")
                code = parse_qs(urlparse(location).query).get("code", [None])[0]
                if code:
                    with self.lock:
                        self.challenges[code] = (
                            query.get("code_challenge", ""),
                            query.get("code_challenge_method", ""),
                        )
                        self.issued_at[code] = time.monotonic()
                return start_response(status, headers, exc_info)

            return self.app(environ, remember)
        return self.app(environ, start_response)


def _invalid_grant(start_response, description: str) -> list[bytes]:
    start_response("400 Bad Request", [("Content-Type", "application/json")])
    return [json.dumps({"error": "invalid_grant", "error_description": description}).encode()]


def _verifies(verifier: str | None, challenge: tuple[str, str]) -> bool:
    value, method = challenge
    if not value:
        return True  # the client sent no challenge: nothing to check (our tests assert it does)
    if not verifier or method != "S256":
        return False
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == value


@dataclass
class Provider:
    url: str
    checks: ProviderChecks

    def set_user(self, sub: str, **claims) -> None:
        response = requests.put(f"{self.url}/users/{quote(sub, safe='')}", json=claims, timeout=10)
        assert response.status_code == 204, response.text

    def authorize(self, authorize_url: str, sub: str) -> str:
        """The person signs in at the provider: returns where it sends the browser back."""
        response = requests.post(
            authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10
        )
        assert response.status_code == 302, response.text
        return response.headers["Location"]

    def app_settings(self, provider_id: str = PROVIDER_ID, **app_settings) -> dict:
        return {
            "openid_connect": {
                "provider_class": "loti_data.accounts.sso_provider.OrganisationProvider",
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": provider_id,
                        "name": "Sign in with your organisation",
                        "client_id": CLIENT_ID,
                        "secret": "test-only-secret",
                        "settings": {
                            "server_url": self.url,
                            "oauth_pkce_enabled": True,
                            **app_settings,
                        },
                    }
                ],
            }
        }


@pytest.fixture(scope="session")
def oidc_server():
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # the mock on plain http://localhost
    checks = ProviderChecks(oidc_provider_mock.app(require_nonce=True))
    server = make_server("localhost", 0, checks, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.daemon = True
    thread.start()
    try:
        yield Provider(f"http://localhost:{server.server_port}", checks)
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def oidc(oidc_server, settings) -> Provider:
    """The provider, configured as the one organisation sign-in."""
    settings.SOCIALACCOUNT_PROVIDERS = oidc_server.app_settings()
    return oidc_server
