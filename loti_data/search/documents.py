"""What a part hands the search index for one object."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """One searchable thing. ``title`` ranks above ``summary``, which ranks above ``body``;
    ``meta`` is a short line shown under the title (lead, stage, status);
    ``organisation_id`` is what the organisation filter matches."""

    title: str
    url: str
    summary: str = ""
    body: str = ""
    meta: str = ""
    organisation_id: int | None = None
