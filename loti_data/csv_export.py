"""The one CSV writer: every CSV the product produces goes through :func:`csv_response`.

Spreadsheets run a cell that starts like a formula (``=``, ``+``, ``-``, ``@``, a tab or a
carriage return, and their full-width forms), so a hostile title or note could run in the
reader's spreadsheet. :func:`defuse` prefixes such text cells with an apostrophe, which makes
Excel, LibreOffice and Google Sheets show them as text. Numbers stay numbers.
"""

import csv
from collections.abc import Iterable
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def defuse(value) -> str | int | float:
    """A cell that a spreadsheet shows as the text it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.lstrip(" ").startswith(FORMULA_STARTS) else text


def write_rows(target, header: list[str], rows: Iterable[Iterable]) -> None:
    """Write ``header`` and ``rows`` to a file-like ``target``, every cell defused."""
    writer = csv.writer(target)
    writer.writerow([defuse(cell) for cell in header])
    for row in rows:
        writer.writerow([defuse(cell) for cell in row])


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download. It starts with a byte-order mark so Excel reads it as UTF-8, and is never
    kept by a shared cache (exports can hold private data)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    write_rows(response, header, rows)
    return response
