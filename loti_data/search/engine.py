"""Running a search: what the person typed → one ranked, filtered, highlighted page.

PostgreSQL: the stored vector is matched with ``websearch_to_tsquery('english', …)`` (stems,
quotes and ``-word`` work, and no input can make it fail), ranked with ``ts_rank``: title (A)
above summary (B) above the body (stored without positions); a word the index does not hold
is corrected towards the closest indexed word by trigram similarity (``pg_trgm``) and searched
as well. Snippets come from
``ts_headline``. SQLite: every word must appear (case-insensitive contains), ranked title >
summary > body, highlighted here; no stemming or typo tolerance.

Who finds what is each kind's ``visible(user)`` (the part's rules); a kind nobody may see for
this person is never queried. Salary figures are never indexed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from loti_data import registry
from loti_data.search.indexing import CONFIG, uses_postgres
from loti_data.search.models import SearchDocument, SearchWord
from loti_data.search.text import MIN_CORRECTABLE, words

PAGE_SIZE = 20
MAX_COUNTED = 1000
# Private-use characters mark the highlights, so escaping the snippet can never break them.
START, STOP = "\ue000", "\ue001"


@dataclass
class Search:
    query: str
    kinds: list[str] = field(default_factory=list)
    organisation_id: int | None = None
    corrections: dict[str, str] = field(default_factory=dict)


def visible_kinds(user) -> list[registry.SearchKind]:
    return [kind for kind in registry.search_kinds() if kind.visible(user)]


def highlight(text: str) -> str:
    """Escape a snippet, then turn the markers into ``<mark>``."""
    safe = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)


def _corrections(terms: list[str]) -> dict[str, str]:
    """For each word the index does not hold, the most similar word it does (one query)."""
    correctable = [t for t in terms if t.isalpha() and len(t) >= MIN_CORRECTABLE]
    if not correctable:
        return {}
    condition = Q(word__in=correctable)
    for term in correctable:
        condition |= Q(word__trigram_similar=term)
    candidates = list(SearchWord.objects.filter(condition).values_list("word", flat=True)[:200])
    known = set(candidates)
    found = {}
    for term in correctable:
        if term in known:
            continue
        best = max(
            candidates,
            key=lambda word: SequenceMatcher(None, term, word).ratio(),
            default=None,
        )
        if best and SequenceMatcher(None, term, best).ratio() >= 0.75:
            found[term] = best
    return found


def _tsquery(search: Search) -> SearchQuery:
    query = SearchQuery(search.query, search_type="websearch", config=CONFIG)
    if '"' in search.query:
        # The body is stored without positions, so a quoted phrase there is matched by its
        # words (a phrase in a title or summary still ranks first).
        loose = search.query.replace('"', " ")
        query = query | SearchQuery(loose, search_type="websearch", config=CONFIG)
    search.corrections = _corrections(words(search.query))
    if search.corrections:
        corrected = search.query.lower()
        for wrong, right in search.corrections.items():
            corrected = re.sub(rf"\b{re.escape(wrong)}\b", right, corrected)
        query = query | SearchQuery(corrected, search_type="websearch", config=CONFIG)
    return query


def _postgres(base, query: SearchQuery):
    """The matching ids, best first: ranking reads only the stored vectors."""
    return (
        base.filter(vector=query)
        .annotate(rank=SearchRank(F("vector"), query))
        .order_by("-rank", "title", "pk")
        .values_list("pk", flat=True)
    )


def _highlighted(ids: list[int], query: SearchQuery) -> dict[int, SearchDocument]:
    """The page's documents with their snippets: ``ts_headline`` reads the whole text, so it
    runs for the page's rows only, never for the rows before it."""
    options = {"max_fragments": 2, "max_words": 24, "min_words": 8, "fragment_delimiter": " … "}
    rows = (
        SearchDocument.objects.filter(pk__in=ids)
        .select_related("organisation")
        .defer("body", "summary", "vector")
        .annotate(
            snippet=SearchHeadline(
                Concat("summary", Value(" "), "body", output_field=TextField()),
                query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                **options,
            ),
            title_marked=SearchHeadline(
                "title", query, config=CONFIG, start_sel=START, stop_sel=STOP, highlight_all=True
            ),
        )
    )
    return {row.pk: row for row in rows}


NEGATED = re.compile(r"(?:^|\s)-(\w+)", re.UNICODE)


def _sqlite_terms(query: str) -> tuple[list[str], list[str]]:
    """The words to find and the ``-words`` to leave out (two letters or more)."""
    excluded = [w.lower() for w in NEGATED.findall(query) if len(w) > 1]
    wanted = [w for w in words(NEGATED.sub(" ", query)) if len(w) > 1]
    return wanted, excluded


def _sqlite(base, search: Search):
    terms, excluded = _sqlite_terms(search.query)
    if not terms:
        return base.none().annotate(rank=Value(0, output_field=IntegerField()))
    for term in terms:
        base = base.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
        )
    for term in excluded:
        base = base.exclude(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
        )
    first = terms[0]
    rank = Case(
        When(title__icontains=first, then=Value(3)),
        When(summary__icontains=first, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return base.annotate(rank=rank).order_by("-rank", "title", "pk")


def _mark_words(text: str, terms: list[str], *, around: int | None = 120) -> str:
    """SQLite's snippet: the text around the first match, each term marked where a word starts."""
    if not terms:
        return text[: around or None]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + ")", re.IGNORECASE)
    if around is not None:
        match = pattern.search(text)
        start = max(0, match.start() - around // 2) if match else 0
        text = ("… " if start else "") + text[start : start + around * 2]
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)


@dataclass
class Result:
    kind: str
    label: str
    title: str
    url: str
    meta: str
    snippet: str
    organisation: object


def _page(ranked, matching, page_number):
    """A page of ``ranked``. Counting stops at ``MAX_COUNTED`` + 1 matches (the page then says
    "more than 1,000"): counting every document a common word matches would cost as much as
    ranking them."""
    total = matching.order_by().values("pk")[: MAX_COUNTED + 1].count()
    paginator = Paginator(ranked, PAGE_SIZE)
    paginator.count = min(total, MAX_COUNTED)
    page = paginator.get_page(page_number)
    page.more = total > MAX_COUNTED
    return page


def run(user, search: Search, page_number) -> tuple[object, list[Result]]:
    """The page of results this person may see, and the results on it, highlighted."""
    labels = {kind.kind: kind.label for kind in visible_kinds(user)}
    allowed = [k for k in (search.kinds or labels) if k in labels]
    base = SearchDocument.objects.filter(kind__in=allowed)
    if search.organisation_id:
        base = base.filter(organisation_id=search.organisation_id)
    if uses_postgres():
        query = _tsquery(search)
        matching = base.filter(vector=query)
        page = _page(_postgres(base, query), matching, page_number)
        ids = list(page.object_list)
        found = _highlighted(ids, query)
        rows = [found[pk] for pk in ids if pk in found]
    else:
        ranked = _sqlite(base.select_related("organisation"), search)
        page = _page(ranked, ranked, page_number)
        rows = list(page.object_list)
    terms = _sqlite_terms(search.query)[0]
    results = []
    for row in rows:
        if uses_postgres():
            title, snippet = row.title_marked, row.snippet
        else:
            title = _mark_words(row.title, terms, around=None)
            snippet = _mark_words(f"{row.summary} {row.body}".strip(), terms)
        results.append(
            Result(
                kind=row.kind,
                label=labels[row.kind],
                title=highlight(title),
                url=row.url,
                meta=row.meta,
                snippet=highlight(snippet),
                organisation=row.organisation,
            )
        )
    return page, results
