"""The identity providers come from the environment; `DEMO_OIDC=1 make run`'s provider
(loti_data/demo_oidc.py, started as its own process) signs the demo's identities in."""

import json
import socket
import subprocess
import sys
import time
from urllib.parse import urlparse

import pytest
import requests

from loti_data.accounts import demo as accounts_demo
from loti_data.accounts.models import OrganisationDomain, User
from tests.test_settings import ROOT, run_manage

pytestmark = pytest.mark.django_db

PRINT_APPS = (
    "shell",
    "-c",
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS']))",
)


def apps_with(**env) -> list[dict]:
    result = run_manage(*PRINT_APPS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_nothing_configured_means_no_provider():
    assert apps_with(SSO_OIDC_ISSUER="", DEMO_OIDC="") == []


def test_an_entra_id_issuer_and_its_secret_come_from_the_environment():
    [app] = apps_with(
        SSO_OIDC_ISSUER="https://login.microsoftonline.com/organizations/v2.0",
        SSO_OIDC_CLIENT_ID="client-guid",
        SSO_OIDC_CLIENT_SECRET="from-the-environment",
        DEMO_OIDC="",
    )
    assert app["provider_id"] == "organisation"
    assert app["settings"] == {
        "server_url": "https://login.microsoftonline.com/organizations/v2.0",
        "oauth_pkce_enabled": True,
    }
    assert app["secret"] == "from-the-environment"


def test_demo_oidc_adds_the_demo_provider():
    [app] = apps_with(SSO_OIDC_ISSUER="", DEMO_OIDC="1", DEMO_OIDC_PORT="9555")
    assert app["name"] == "Sign in with your organisation (demo)"
    assert app["settings"]["server_url"] == "http://127.0.0.1:9555"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def demo_provider():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "loti_data.demo_oidc", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(f"{url}/.well-known/openid-configuration", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_demo_provider_signs_a_new_camden_officer_in(client, settings, demo_provider, camden):
    accounts_demo.seed()
    assert OrganisationDomain.objects.get(domain="camden.example").organisation == camden
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "provider_class": "loti_data.accounts.sso_provider.OrganisationProvider",
            "APPS": [
                {
                    "provider_id": "demo",
                    "name": "Sign in with your organisation (demo)",
                    "client_id": "loti-data-demo",
                    "secret": "demo-only-secret",
                    "settings": {"server_url": demo_provider, "oauth_pkce_enabled": True},
                }
            ],
        }
    }
    assert "(demo)" in client.get("/accounts/login/").content.decode()

    authorize = client.post("/accounts/oidc/demo/login/")["Location"]
    # The demo identity offered on the provider's page.
    back = requests.post(
        authorize, data={"sub": "newofficer@camden.example"}, allow_redirects=False, timeout=10
    ).headers["Location"]
    parsed = urlparse(back)
    response = client.get(f"{parsed.path}?{parsed.query}")

    assert response.status_code == 302
    assert User.objects.get(email="newofficer@camden.example").organisation == camden
