"""Personal API tokens: made on a page and shown once, stored hashed, listed with their last
use, revoked by their person only; a revoked or unknown token is refused; throttled per token."""

import re

import pytest
from rest_framework.test import APIClient

from loti_data.api.models import ApiToken, digest
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

PAGE = "/api/tokens/"


def make_token(client, name="Power BI") -> str:
    response = client.post(PAGE, {"name": name}, follow=True)
    assert response.status_code == 200
    return re.search(r'id="token-secret"[^>]*value="([^"]+)"', response.content.decode())[1]


def bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_a_token_made_on_the_page_is_shown_once_and_stored_hashed(client_for, camden_lead):
    client = client_for(camden_lead)
    secret = make_token(client)
    stored = ApiToken.objects.get()
    assert stored.key_digest == digest(secret) and secret not in stored.key_digest
    assert secret not in client.get(PAGE).content.decode()  # never shown again
    assert stored.hint in client.get(PAGE).content.decode()
    assert bearer(secret).get("/api/v1/projects/").status_code == 200


def test_the_page_lists_the_last_use(client_for, camden_lead):
    client = client_for(camden_lead)
    secret = make_token(client)
    assert "Never" in client.get(PAGE).content.decode()
    bearer(secret).get("/api/v1/projects/")
    assert ApiToken.objects.get().last_used_at is not None
    assert "Never" not in client.get(PAGE).content.decode()


def test_a_revoked_token_is_refused_with_a_clear_401(client_for, camden_lead):
    client = client_for(camden_lead)
    secret = make_token(client)
    token = ApiToken.objects.get()
    assert client.post(f"{PAGE}{token.pk}/revoke/").status_code == 302
    response = bearer(secret).get("/api/v1/backlog/")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    assert "Revoked" in client.get(PAGE).content.decode()


def test_another_person_cannot_revoke_or_see_my_token(client_for, camden_lead, lambeth_lead):
    secret = make_token(client_for(camden_lead), name="Camden dashboard")
    token = ApiToken.objects.get()
    other = client_for(lambeth_lead)
    assert "Camden dashboard" not in other.get(PAGE).content.decode()
    assert other.post(f"{PAGE}{token.pk}/revoke/").status_code == 403
    assert other.post(f"{PAGE}999999/revoke/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
    assert bearer(secret).get("/api/v1/projects/").status_code == 200


def test_a_deactivated_persons_token_stops_working(camden_lead):
    client = token_client(camden_lead)
    camden_lead.is_active = False
    camden_lead.save()
    assert client.get("/api/v1/projects/").status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer loti_not-a-real-token",
        "Bearer",
        "Bearer two parts",
        "Token " + "x" * 5000,
        "Bearer caf\u00e9",
    ],
)
def test_unknown_or_malformed_tokens_get_401_never_500(reference_data, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get("/api/v1/projects/").status_code == 401


def test_the_token_page_needs_a_name_and_signing_in(client_for, camden_lead, anonymous):
    assert anonymous.get(PAGE).status_code == 302
    response = client_for(camden_lead).post(PAGE, {"name": "  \n "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_requests_are_throttled_per_token_with_a_clear_429(camden_lead, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    first, second = token_client(camden_lead), token_client(camden_lead)
    for _ in range(3):
        assert first.get("/api/v1/projects/").status_code == 200
    refused = first.get("/api/v1/projects/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many requests" in refused.json()["detail"]
    assert "3/minute" in refused.json()["detail"]
    assert second.get("/api/v1/projects/").status_code == 200  # another token, its own count


def test_a_token_request_starts_no_session(camden_lead):
    response = token_client(camden_lead).get("/api/v1/projects/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
