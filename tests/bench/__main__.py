"""`make bench`: the backlog at 10,000 projects, timed in-process on PostgreSQL.

1. Point Django at a separate database, ``<name>_bench`` beside the database named by
   ``DATABASE_URL`` (``loti_data_bench`` by default; created if missing), migrate it, and seed
   10,000 projects once.
2. Time requests through Django's test client (the whole middleware stack, server side only):
   the backlog's first and a deep page, filtered and sorted; the dashboard; a trivial signed-in
   view, in the same run, for the throughput ratio.
3. Print one ``name: value`` per line.
"""

import os
import random
import statistics
import sys
import time
import warnings
from urllib.parse import urlparse, urlunparse


def bench_database_url() -> str:
    url = urlparse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loti_data"))
    if not url.scheme.startswith("postgres"):
        sys.exit("make bench needs PostgreSQL: set DATABASE_URL to a postgres:// URL")
    name = url.path.strip("/") or "loti_data"
    return urlunparse(url._replace(path=f"/{name}_bench"))


def ensure_database(url: str) -> None:
    import psycopg2

    parts = urlparse(url)
    admin = psycopg2.connect(
        dbname="postgres",
        user=parts.username or "postgres",
        password=parts.password or None,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        name = parts.path.strip("/")
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def timed(client, url: str, runs: int, warmup: int = 5) -> tuple[list[float], float]:
    """Server times in ms for ``runs`` GETs, and the wall time of the whole batch in seconds."""
    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    started = time.perf_counter()
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times, time.perf_counter() - started


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    warnings.filterwarnings("ignore", message="No directory at")
    url = bench_database_url()
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loti_data.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client

    from loti_data.accounts.models import User
    from projects.backlog.filters import BacklogFilter
    from projects.backlog.selectors import PAGE_SIZE
    from projects.models import Project
    from tests.bench import seed

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if not seed.seeded():
        seed.seed(random.Random(2024))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # the seed's bulk UPDATEs leave dead rows behind
        print(f"seed_seconds: {time.perf_counter() - started:.1f}")

    # Measure the product as it runs: no query log, our URLs plus the trivial yardstick view.
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.bench.urls"
    settings.ALLOWED_HOSTS = ["localhost"]
    runs = int(os.environ.get("BENCH_RUNS", "60"))

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email="bench-staff0@loti.example"))

    filtered = "status=new&status=accepted&status=in_progress&theme=housing&sort=priority"
    matching = BacklogFilter(QueryDict(filtered), queryset=Project.objects.all()).qs.count()
    deep_page = max(1, -(-matching // PAGE_SIZE))
    pages = {
        "backlog_page1": f"/backlog/?{filtered}",
        "backlog_deep_page": f"/backlog/?{filtered}&page={deep_page}",
        "dashboard": "/backlog/dashboard/",
        "trivial": "/bench/trivial/",
    }
    print(f"projects: {Project.objects.count()}")
    print(f"backlog_filtered_matches: {matching}")
    print(f"backlog_deep_page_number: {deep_page}")
    results = {}
    for name, path in pages.items():
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        # Django resets its query log when a request starts, so count with a wrapper instead.
        with connection.execute_wrapper(count):
            client.get(path)
        times, wall = timed(client, path, runs)
        results[name] = (times, wall)
        print(f"{name}_queries: {len(queries)}")
        print(f"{name}_median_ms: {statistics.median(times):.1f}")
        print(f"{name}_p95_ms: {p95(times):.1f}")
    # Throughput, back to back in the same run: backlog page 1 against the trivial view.
    backlog_rps = runs / results["backlog_page1"][1]
    trivial_rps = runs / results["trivial"][1]
    deep_ratio = statistics.median(results["backlog_deep_page"][0]) / statistics.median(
        results["backlog_page1"][0]
    )
    print(f"backlog_deep_to_page1_ratio: {deep_ratio:.2f}")
    print(f"backlog_throughput_rps: {backlog_rps:.1f}")
    print(f"trivial_throughput_rps: {trivial_rps:.1f}")
    print(f"backlog_throughput_ratio_to_trivial: {backlog_rps / trivial_rps:.3f}")

    t0 = time.perf_counter()
    export = client.get(f"/backlog/export.csv?{filtered}")
    assert export.status_code == 200
    print(f"export_filtered_seconds: {time.perf_counter() - t0:.2f}")

    from tests.bench import api

    api.report(runs=min(runs, 30))


if __name__ == "__main__":
    main()
