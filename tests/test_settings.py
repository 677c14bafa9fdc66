"""Settings come from the environment; production mode is strict."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import DEFAULT_PASSWORD

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_refuses_to_start_without_secret_key_and_hosts():
    result = run_manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_mode_passes_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "x7Qp2vL9" * 6,
        DJANGO_ALLOWED_HOSTS="data.loti.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_sessions_expire_after_30_idle_minutes(client, camden_lead, monkeypatch):
    client.post("/accounts/login/", {"username": camden_lead.email, "password": DEFAULT_PASSWORD})
    session = Session.objects.get()
    assert session.expire_date - timezone.now() > timedelta(minutes=29)

    # A request within the minute writes nothing; one later moves the expiry forward.
    assert client.get("/projects/").status_code == 200
    assert Session.objects.get().expire_date == session.expire_date
    later = time.time() + 10 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get("/projects/").status_code == 200
    assert Session.objects.get().expire_date > session.expire_date

    # 30 idle minutes later the session has expired: back to the log-in page.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_time_zone_and_language_are_londons():
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.USE_TZ
    assert settings.LANGUAGE_CODE == "en-gb"
