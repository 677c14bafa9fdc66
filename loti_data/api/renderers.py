"""CSV for every list, so a spreadsheet or Power BI can point at a URL (``?format=csv``).

Nested values are flattened: an object's fields become ``field.sub`` columns, a list of plain
values one cell joined with "; ", a list of objects one cell of JSON. Every cell goes through
the one CSV defuser, so a hostile title never runs as a formula."""

import csv
import io
import json

from rest_framework.renderers import BaseRenderer

from loti_data.csv_export import defuse


def _flatten(row: dict, prefix: str = "") -> dict:
    flat: dict = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            if all(not isinstance(item, dict | list) for item in value):
                flat[name] = "; ".join(str(item) for item in value)
            else:
                flat[name] = json.dumps(value, ensure_ascii=False, default=str)
        else:
            flat[name] = value
    return flat


def rows_of(data) -> list[dict]:
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    elif isinstance(data, dict):
        data = [data]
    return [_flatten(item) if isinstance(item, dict) else {"value": item} for item in data]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        rows = rows_of(data if data is not None else [])
        header: list[str] = []
        for row in rows:
            header.extend(key for key in row if key not in header)
        out = io.StringIO()
        out.write("\ufeff")  # Excel reads the file as UTF-8
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow([defuse(row.get(key)) for key in header])
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Cache-Control"] = "private, no-store"
        return out.getvalue().encode("utf-8")
