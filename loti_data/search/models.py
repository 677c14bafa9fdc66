"""The search index: one stored document per searchable object, and the words it holds.

On PostgreSQL ``vector`` is the weighted tsvector (title A, summary B, body C) kept by
``loti_data.search.indexing`` whenever a registered source row is saved; a GIN index serves
``@@``. ``SearchWord`` is the vocabulary, trigram-indexed, used to correct a misspelt word.
On SQLite the vector stays empty and search falls back to a contains match (README).
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    meta = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once")
        ]
        indexes = [GinIndex(fields=["vector"], name="search_document_vector")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class SearchWord(models.Model):
    word = models.CharField(max_length=60, unique=True)

    class Meta:
        indexes = [
            GinIndex(OpClass("word", name="gin_trgm_ops"), name="search_word_trigram"),
        ]

    def __str__(self) -> str:
        return self.word
