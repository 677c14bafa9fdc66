"""`make bench`: the backlog at 10,000 projects on PostgreSQL, in-process and over HTTP.

1. Point Django at a separate database, ``<name>_bench`` beside the database named by
   ``DATABASE_URL`` (``loti_data_bench`` by default; created if missing), migrate it, and seed
   10,000 projects once.
2. In-process: time requests through Django's test client (the whole middleware stack, server
   side only): the backlog's first and last page, filtered and sorted; the dashboard; a trivial
   signed-in view, in the same run, for the throughput ratios.
3. Over HTTP: gunicorn (2 workers) on the bench database, driven by ``wrk`` (Debian's; ``make
   wrk`` installs it) for ``BENCH_HTTP_SECONDS`` (20) at concurrency 8, the filtered backlog
   against the trivial view.
4. With ``BENCH_PROJECTS`` above 10,000 (``BENCH_PROJECTS=100000 make bench``): a second
   database, ``<name>_bench_<N>``, seeded once with N projects; page 1 of the filtered backlog
   timed there and at 10,000 in alternating rounds, and the ratio printed.
5. Print one ``name: value`` per line.
"""

import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path
from urllib.parse import urlparse, urlunparse

BASE = 10_000
FILTERED = "status=new&status=accepted&status=in_progress&theme=housing&sort=priority"
STAFF_EMAIL = "bench-staff0@loti.example"


SOURCE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loti_data")


def bench_database_url(suffix: str = "") -> str:
    url = urlparse(SOURCE_URL)
    if not url.scheme.startswith("postgres"):
        sys.exit("make bench needs PostgreSQL: set DATABASE_URL to a postgres:// URL")
    name = url.path.strip("/") or "loti_data"
    return urlunparse(url._replace(path=f"/{name}_bench{suffix}"))


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


def use_database(url: str) -> None:
    """Point the default connection at another bench database (and forget cached counts)."""
    from django.core.cache import cache
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = urlparse(url).path.strip("/")
    cache.clear()


def prepare(url: str, projects: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from tests.bench import seed

    use_database(url)
    call_command("migrate", verbosity=0)
    if not seed.seeded(projects):
        started = time.perf_counter()
        seed.seed(random.Random(2024), projects)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # the seed's bulk UPDATEs leave dead rows behind
        print(f"seed_{projects}_seconds: {time.perf_counter() - started:.1f}")


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


def interleaved(client, pages: dict[str, str], runs: int) -> dict:
    """Each page's server times in ms and their sum in seconds, one request of each page in
    turn: a busy machine slows every page alike, so the ratios hold."""
    for path in pages.values():
        timed(client, path, 0)
    times: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(runs):
        for name, path in pages.items():
            t0 = time.perf_counter()
            response = client.get(path)
            times[name].append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    return {name: (values, sum(values) / 1000) for name, values in times.items()}


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def signed_in_client():
    from django.test import Client

    from loti_data.accounts.models import User

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email=STAFF_EMAIL))
    return client


def last_page_number() -> int:
    from django.http import QueryDict

    from projects.backlog.filters import BacklogFilter
    from projects.backlog.selectors import PAGE_SIZE
    from projects.models import Project

    matching = BacklogFilter(QueryDict(FILTERED), queryset=Project.objects.all()).qs.count()
    print(f"backlog_filtered_matches: {matching}")
    return max(1, -(-matching // PAGE_SIZE))


def in_process(client, runs: int) -> dict:
    from django.core.cache import cache
    from django.db import connection

    from projects.models import Project

    print(f"projects: {Project.objects.count()}")
    last = last_page_number()
    print(f"backlog_last_page_number: {last}")
    pages = {
        "backlog_page1": f"/backlog/?{FILTERED}",
        "backlog_last_page": f"/backlog/?{FILTERED}&page={last}",
        "dashboard": "/backlog/dashboard/",
        "trivial": "/bench/trivial/",
    }
    cache.clear()
    for name, path in pages.items():
        # The first request finds nothing kept (counts, choices, the dashboard); the second
        # finds what the first kept.
        for label in ("queries", "queries_when_kept"):
            queries: list[str] = []

            def count(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            # Django resets its query log when a request starts: count with a wrapper instead.
            with connection.execute_wrapper(count):
                client.get(path)
            print(f"{name}_{label}: {len(queries)}")
    results = interleaved(client, pages, runs)
    for name, (times, _) in results.items():
        print(f"{name}_median_ms: {statistics.median(times):.1f}")
        print(f"{name}_p95_ms: {p95(times):.1f}")
    # Throughput, back to back in the same run, against the trivial view.
    trivial_rps = runs / results["trivial"][1]
    print(f"trivial_throughput_rps: {trivial_rps:.1f}")
    for name in ("backlog_page1", "backlog_last_page", "dashboard"):
        rps = runs / results[name][1]
        print(f"{name}_throughput_rps: {rps:.1f}")
        print(f"{name}_throughput_ratio_to_trivial: {rps / trivial_rps:.3f}")
    last_ratio = statistics.median(results["backlog_last_page"][0]) / statistics.median(
        results["backlog_page1"][0]
    )
    print(f"backlog_last_to_page1_ratio: {last_ratio:.2f}")
    after_change(client, pages["backlog_page1"], pages["trivial"], runs)
    return results


def after_change(client, backlog: str, trivial: str, runs: int) -> None:
    """Page 1 when the backlog has just changed, so nothing kept for it applies (its count and
    rendered page are worked out afresh), against the trivial view in the same rounds."""
    from projects.backlog.counts import backlog_changed

    times: dict[str, list[float]] = {"changed": [], "trivial": []}
    for _ in range(runs):
        backlog_changed()  # outside a transaction: moves the version on at once
        for name, path in (("changed", backlog), ("trivial", trivial)):
            t0 = time.perf_counter()
            response = client.get(path)
            times[name].append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    changed, base = statistics.median(times["changed"]), statistics.median(times["trivial"])
    print(f"backlog_page1_after_change_median_ms: {changed:.1f}")
    print(f"backlog_page1_after_change_throughput_ratio_to_trivial: {base / changed:.3f}")


def uncached_count_ms(runs: int = 10) -> float:
    """The COUNT a changed backlog pays once (the page keeps it until the next change)."""
    from django.http import QueryDict

    from projects.backlog.filters import BacklogFilter
    from projects.models import Project

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        BacklogFilter(QueryDict(FILTERED), queryset=Project.objects.all()).qs.order_by().count()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wrk(url: str, cookie: str, seconds: int) -> dict[str, float]:
    script = Path(__file__).with_name("p95.lua")
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "-s", str(script)]
    command += ["-H", f"Cookie: sessionid={cookie}", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = {}
    for line in output.splitlines():
        name, _, value = line.partition(": ")
        if name in {"requests", "rps", "p50_ms", "p95_ms", "errors"}:
            figures[name] = float(value)
    return figures


def over_http(database_url: str, cookie: str, seconds: int) -> None:
    """gunicorn, 2 workers, on the bench database; wrk at concurrency 8 on each page in turn."""
    if shutil.which("wrk") is None:
        sys.exit("The HTTP benchmark needs wrk: make wrk (or apt-get install -y wrk)")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "tests.bench.wsgi:application", "--workers", "2"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    server = subprocess.Popen(
        command,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    pages = {"backlog": f"{base}/backlog/?{FILTERED}", "trivial": f"{base}/bench/trivial/"}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                request = urllib.request.Request(
                    pages["trivial"], headers={"Cookie": f"sessionid={cookie}"}
                )
                with urllib.request.urlopen(request, timeout=5) as response:
                    assert response.status == 200 and response.read().startswith(b"ok ")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("gunicorn did not start")
                time.sleep(0.5)
        for url in pages.values():  # warm both workers' caches and connections
            wrk(url, cookie, 2)
        results = {name: wrk(url, cookie, seconds) for name, url in pages.items()}
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    print("http_workers: 2")
    print("http_concurrency: 8")
    print(f"http_seconds: {seconds}")
    for name, figures in results.items():
        print(f"http_{name}_rps: {figures['rps']:.1f}")
        print(f"http_{name}_p50_ms: {figures['p50_ms']:.1f}")
        print(f"http_{name}_p95_ms: {figures['p95_ms']:.1f}")
        print(f"http_{name}_errors: {figures['errors']:.0f}")
    backlog, trivial = results["backlog"], results["trivial"]
    print(f"http_backlog_rps_ratio_to_trivial: {backlog['rps'] / trivial['rps']:.3f}")
    print(f"http_backlog_p95_ratio_to_trivial: {backlog['p95_ms'] / trivial['p95_ms']:.2f}")


def growth(base_url: str, base_client, projects: int, runs: int) -> None:
    """Page 1 of the filtered backlog at ``projects`` against 10,000, alternating rounds."""
    big_url = bench_database_url(f"_{projects}")
    ensure_database(big_url)
    prepare(big_url, projects)
    big_client = signed_in_client()
    print(f"growth_projects: {projects}")
    print(f"uncached_count_{projects}_ms: {uncached_count_ms():.1f}")
    path = f"/backlog/?{FILTERED}"
    times: dict[str, list[float]] = {"base": [], "big": []}
    rounds = 3
    for _ in range(rounds):
        for name, url, client in (("base", base_url, base_client), ("big", big_url, big_client)):
            use_database(url)
            times[name] += timed(client, path, max(10, runs // rounds))[0]
    base, big = statistics.median(times["base"]), statistics.median(times["big"])
    print(f"backlog_page1_at_{BASE}_median_ms: {base:.1f}")
    print(f"backlog_page1_at_{projects}_median_ms: {big:.1f}")
    print(f"backlog_growth_ratio_{projects}_to_{BASE}: {big / base:.2f}")
    use_database(base_url)


def main() -> None:
    started = time.perf_counter()
    warnings.filterwarnings("ignore", message="No directory at")
    url = bench_database_url()
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loti_data.settings")
    import django

    django.setup()
    from django.conf import settings

    prepare(url, BASE)
    # Measure the product as it runs: no query log, our URLs plus the trivial yardstick view.
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.bench.urls"
    settings.ALLOWED_HOSTS = ["localhost"]
    runs = int(os.environ.get("BENCH_RUNS", "60"))
    client = signed_in_client()

    results = in_process(client, runs)
    print(f"uncached_count_{BASE}_ms: {uncached_count_ms():.1f}")

    from tests.bench import search as search_bench

    search_bench.run(client, timed, runs, statistics.median(results["backlog_page1"][0]))

    t0 = time.perf_counter()
    export = client.get(f"/backlog/export.csv?{FILTERED}")
    assert export.status_code == 200
    print(f"export_filtered_seconds: {time.perf_counter() - t0:.2f}")

    seconds = int(os.environ.get("BENCH_HTTP_SECONDS", "20"))
    if seconds > 0:
        over_http(url, client.cookies[settings.SESSION_COOKIE_NAME].value, seconds)

    projects = int(os.environ.get("BENCH_PROJECTS", str(BASE)))
    if projects > BASE:
        growth(url, client, projects, runs)
    from tests.bench import api

    api.report(runs=min(runs, 30))
    print(f"bench_seconds: {time.perf_counter() - started:.0f}")


if __name__ == "__main__":
    main()
