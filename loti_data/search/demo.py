"""The demo's search index: rebuilt last, after every app seeded its data."""

from loti_data.search.indexing import reindex_all


def seed() -> None:
    reindex_all()
