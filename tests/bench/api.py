"""The read API's projects list at the bench's 10,000 projects: first and last page, JSON and
CSV, through a personal token as a report would call it. Prints ``name: value`` lines."""

import statistics
import time

from django.db import connection
from django.test import Client


def _timed(client: Client, path: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def report(runs: int = 30) -> None:
    from django.conf import settings

    from loti_data.accounts.models import User
    from loti_data.api.models import ApiToken
    from loti_data.api.services import create_token
    from projects.models import Project

    settings.API_THROTTLE_RATE = "100000/minute"  # timing the lists, not the throttle
    person = User.objects.get(email="bench-staff0@loti.example")
    new = create_token(by=person, name="bench")
    client = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {new.secret}")
    count = Project.objects.count()
    size = 100
    last = max(1, -(-count // size))
    paths = {
        "api_projects_page1": f"/api/v1/projects/?page_size={size}",
        "api_projects_last_page": f"/api/v1/projects/?page_size={size}&page={last}",
        "api_projects_csv_page1": f"/api/v1/projects/?page_size={size}&format=csv",
        "api_backlog_page1": f"/api/v1/backlog/?page_size={size}&sort=priority",
    }
    print(f"api_projects: {count}")
    try:
        for name, path in paths.items():
            queries: list[str] = []

            def count_query(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            client.get(path)  # warm up; the token's last use is written here
            with connection.execute_wrapper(count_query):
                client.get(path)
            times = _timed(client, path, runs)
            print(f"{name}_queries: {len(queries)}")
            print(f"{name}_median_ms: {statistics.median(times):.1f}")
            print(f"{name}_p95_ms: {statistics.quantiles(times, n=20)[-1]:.1f}")
    finally:
        ApiToken.objects.filter(pk=new.token.pk).delete()
