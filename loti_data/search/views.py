"""``/search/``: one search over everything the parts registered (``loti_data/registry.py``)."""

from django.shortcuts import render

from loti_data.accounts.models import Organisation
from loti_data.search import engine
from loti_data.search.text import MAX_QUERY, clean_query


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def search(request):
    """Signed in (the middleware); what each person finds is each kind's ``visible(user)``."""
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    kinds = engine.visible_kinds(request.user)
    kind = request.GET.get("kind", "")
    chosen_kind = kind if kind in {k.kind for k in kinds} else ""
    organisation_id = _int(request.GET.get("organisation"))
    organisations = list(Organisation.objects.order_by("name").values_list("pk", "name"))
    if organisation_id not in {pk for pk, _ in organisations}:
        organisation_id = None
    context = {
        "query": query,
        "truncated": len(raw) > MAX_QUERY,
        "kinds": kinds,
        "chosen_kind": chosen_kind,
        "organisations": organisations,
        "chosen_organisation": organisation_id,
        "page": None,
        "results": [],
    }
    if query:
        found = engine.Search(
            query=query,
            kinds=[chosen_kind] if chosen_kind else [],
            organisation_id=organisation_id,
        )
        page, results = engine.run(request.user, found, request.GET.get("page"))
        context.update(page=page, results=results, corrections=found.corrections)
    return render(request, "search/search.html", context)
