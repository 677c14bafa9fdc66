"""The organisations the product knows, loaded from the CSV shipped with the app."""

import csv
from pathlib import Path

from django.utils.text import slugify

ORGANISATIONS_CSV = Path(__file__).parent / "data" / "london_organisations.csv"


def read_organisations(path: Path = ORGANISATIONS_CSV) -> list[dict[str, str | None]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            {
                "name": row["name"].strip(),
                "gss_code": row["gss_code"].strip() or None,
                "kind": row["kind"].strip(),
            }
            for row in csv.DictReader(handle)
        ]


def sync_organisations(organisation_model, path: Path = ORGANISATIONS_CSV) -> int:
    """Create or update every organisation in the CSV; returns how many rows were written.

    Takes the model as an argument so the data migration can pass its historical model.
    Organisations are matched on their slug, so running it twice changes nothing.
    """
    written = 0
    for row in read_organisations(path):
        organisation_model.objects.update_or_create(
            slug=slugify(row["name"]),
            defaults={"name": row["name"], "gss_code": row["gss_code"], "kind": row["kind"]},
        )
        written += 1
    return written
