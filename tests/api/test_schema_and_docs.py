"""The OpenAPI 3 schema is valid and open to clients; the documentation page works offline and
under the strict Content-Security-Policy (its scripts and styles come from our own origin)."""

import re

import pytest
import yaml
from django.conf import settings
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3(reference_data):
    response = APIClient().get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    validate(schema)
    as_json = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    validate(as_json)
    assert "personalToken" in as_json["components"]["securitySchemes"]


def test_the_schema_documents_the_backlog_filters_by_their_page_names(reference_data):
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    names = {p["name"] for p in schema["paths"]["/api/v1/backlog/"]["get"]["parameters"]}
    assert {"q", "status", "stage", "priority", "theme", "organisation", "loti_owner"} <= names
    assert {"needs_triage", "min_interest", "sort", "page", "page_size"} <= names


def test_the_docs_page_loads_only_local_assets_under_the_strict_csp(client, reference_data):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    page = response.content.decode()
    assert "<script>" not in page and "<style" not in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(src.startswith("/") for src in sources), sources
    for src in sources:
        if src.startswith(settings.STATIC_URL) or src.startswith("/" + settings.STATIC_URL):
            name = src.split(settings.STATIC_URL, 1)[1]
            assert finders.find(name), src  # shipped with the product, served by WhiteNoise
        else:
            script = client.get(src)  # the page's own start-up script, from the same view
            assert script.status_code == 200
            assert script["Content-Type"].startswith("application/javascript")
            assert b"/api/v1/schema/" in script.content


def test_reading_the_schema_leaves_the_backlog_pages_filters_working(
    client_for, camden_lead, api_for
):
    APIClient().get("/api/v1/schema/")  # reads the page's FilterSet to document it
    page = client_for(camden_lead).get("/backlog/", {"organisation": "camden", "theme": "housing"})
    assert not page.context["filter"].form.errors
    api = api_for(camden_lead).get("/api/v1/backlog/", {"organisation": "camden"})
    assert api.status_code == 200
