"""Keeping the stored search documents up to date.

``reindex(kind, object_id)`` is called in the same transaction as every save or delete of a
row a part registered as a source (``loti_data.search.signals``), so a document is never staler
than the content it describes. ``reindex_all()`` rebuilds everything (the demo, the benchmark,
``manage.py search_reindex`` after a bulk load that bypassed the signals).
"""

from django.contrib.postgres.search import SearchVector, SearchVectorCombinable, SearchVectorField
from django.db import connection
from django.db.models import Func

from loti_data import registry
from loti_data.search.documents import Document
from loti_data.search.models import SearchDocument, SearchWord
from loti_data.search.text import safe_text, vocabulary

CONFIG = "english"


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


class Stripped(SearchVectorCombinable, Func):
    """``strip(tsvector)``: the lexemes without their positions (nor weights, so they rank as
    the lowest weight, D)."""

    function = "strip"
    output_field = SearchVectorField()


def weighted_vector():
    """Title ranks above summary (weights A, B), summary above the body: the body (every canvas
    entry) is stored without positions, so ranking a common word over thousands of long
    documents stays cheap; phrases are matched in titles and summaries (see the engine)."""
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + Stripped(SearchVector("body", config=CONFIG))
    )


def _fields(document: Document) -> dict:
    return {
        "title": safe_text(document.title)[:300],
        "summary": safe_text(document.summary),
        "body": safe_text(document.body),
        "meta": safe_text(document.meta)[:300],
        "url": document.url[:300],
        "organisation_id": document.organisation_id,
    }


def _remember_words(*texts: str) -> None:
    found = vocabulary(*texts)
    if found:
        SearchWord.objects.bulk_create(
            [SearchWord(word=word) for word in found], ignore_conflicts=True, batch_size=1000
        )


def reindex(kind: str, object_id: int) -> None:
    """Rebuild (or remove) one document from what its part says now."""
    source = registry.search_kind(kind)
    document = source.build(object_id) if source else None
    if document is None:
        SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()
        return
    fields = _fields(document)
    row, _ = SearchDocument.objects.update_or_create(
        kind=kind, object_id=object_id, defaults=fields
    )
    if uses_postgres():
        SearchDocument.objects.filter(pk=row.pk).update(vector=weighted_vector())
        _remember_words(fields["title"], fields["summary"], fields["body"])


def reindex_all(batch_size: int = 500) -> int:
    """Rebuild every document of every registered kind; returns how many there are."""
    total = 0
    for source in registry.search_kinds():
        ids = list(source.all_ids())
        SearchDocument.objects.filter(kind=source.kind).exclude(object_id__in=ids).delete()
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            rows, texts = [], []
            if source.build_many:
                documents = source.build_many(chunk)
            else:
                documents = {object_id: source.build(object_id) for object_id in chunk}
            for object_id, document in documents.items():
                if document is None:
                    continue
                fields = _fields(document)
                rows.append(SearchDocument(kind=source.kind, object_id=object_id, **fields))
                texts += [fields["title"], fields["summary"], fields["body"]]
            SearchDocument.objects.filter(kind=source.kind, object_id__in=chunk).delete()
            SearchDocument.objects.bulk_create(rows, batch_size=batch_size)
            if uses_postgres():
                SearchDocument.objects.filter(kind=source.kind, object_id__in=chunk).update(
                    vector=weighted_vector()
                )
                _remember_words(*texts)
            total += len(rows)
    return total
