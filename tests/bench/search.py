"""Search at 10,000 projects with 30 canvas entries each: seeded once, then timed beside the
backlog (``make bench``)."""

import random
import statistics
import time

from django.db import connection, transaction

from loti_data.search.indexing import reindex_all
from projects.backlog.similar import similar_projects
from projects.models import Action, Enabler, Insight, Outcome, Project
from tests.bench.seed import WORDS

ENTRIES = {"outcomes": 8, "actions": 8, "insights": 7, "enablers": 7}
RARE = "zeppelin"  # in a handful of entries only


def seeded() -> bool:
    return Outcome.objects.exists()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


@transaction.atomic
def seed(rng: random.Random) -> None:
    ids = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    rare = set(rng.sample(ids, 12))
    outcomes, actions, insights, enablers = [], [], [], []
    for pk in ids:
        extra = f" {RARE}" if pk in rare else ""
        for _ in range(ENTRIES["outcomes"]):
            outcomes.append(Outcome(project_id=pk, who=_text(rng, 4), how=_text(rng, 12) + extra))
        for _ in range(ENTRIES["actions"]):
            actions.append(Action(project_id=pk, actor=_text(rng, 3), change=_text(rng, 12)))
        for _ in range(ENTRIES["insights"]):
            insights.append(Insight(project_id=pk, title=_text(rng, 4), screen=_text(rng, 12)))
        for _ in range(ENTRIES["enablers"]):
            enablers.append(Enabler(project_id=pk, kind="skills", need=_text(rng, 10)))
    for model, rows in ((Outcome, outcomes), (Action, actions), (Insight, insights)):
        model.objects.bulk_create(rows, batch_size=5000)
    Enabler.objects.bulk_create(enablers, batch_size=5000)
    reindex_all()  # bulk_create bypasses the signals that keep the index


def run(client, timed, runs: int, backlog_median: float) -> None:
    if not seeded():
        seed(random.Random(2025))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    searches = {
        "search_common_word": "/search/?q=housing",
        "search_rare_word": f"/search/?q={RARE}",
        "search_typo": "/search/?q=lonelyness",
        "search_similar_projects": None,
    }
    for name, path in searches.items():
        if path is None:
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                similar_projects(title="Housing retrofit for loneliness", summary="energy youth")
                times.append((time.perf_counter() - t0) * 1000)
        else:
            queries: list[str] = []

            def count(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                client.get(path)
            print(f"{name}_queries: {len(queries)}")
            times, _ = timed(client, path, runs)
        median = statistics.median(times)
        print(f"{name}_median_ms: {median:.1f}")
        print(f"{name}_to_backlog_ratio: {median / backlog_median:.2f}")
