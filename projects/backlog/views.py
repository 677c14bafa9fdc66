"""Views of the shared backlog: list, export, dashboard, lessons, triage, interest.

Every signed-in person reads the backlog, the dashboard and the lessons. Who may change what is
``projects.backlog.rules``'s answer: only LOTI staff triage (everyone else gets 403 from the
triage URLs, and nothing changes); a project's lead accepts partners; members register (and
withdraw) their own organisation's interest. The services enforce the same rules.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from loti_data.csv_export import csv_response
from loti_data.errors import require
from projects.backlog import rules
from projects.backlog import services as triage
from projects.backlog.counts import backlog_count, kept_page
from projects.backlog.dashboard import dashboard_body
from projects.backlog.filters import BacklogFilter
from projects.backlog.forms import (
    DeclineInterestForm,
    InterestForm,
    LessonsFilterForm,
    NoteForm,
    RankForm,
    StatusForm,
    TriageForm,
)
from projects.backlog.panel import panel_context
from projects.backlog.selectors import (
    backlog_export_rows,
    backlog_page,
    lessons_queryset,
)
from projects.backlog.table import rows_html
from projects.models import Interest, Project, ProjectPartner


def _require_triage(request: HttpRequest) -> None:
    require(rules.may_triage(request.user), "Only LOTI staff can triage the backlog.")


def _back(request: HttpRequest, project: Project):
    """Return to the page the form was on (a local URL only), else the project."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(project.get_absolute_url())


def _querystring(request: HttpRequest, *drop: str) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


# --- The backlog ---------------------------------------------------------------------------


def backlog(request: HttpRequest) -> HttpResponse:
    """The filters, the count and the page of rows are the same for everyone who asks with the
    same query string, so they are rendered once per change of the backlog (``kept_page``)."""
    body = kept_page(
        sorted((k, v) for k in request.GET for v in request.GET.getlist(k)),
        build=lambda version: _backlog_body(request, version),
    )
    return render(
        request,
        "projects/backlog/backlog.html",
        {"body": body, "can_triage": rules.may_triage(request.user)},
    )


def _backlog_body(request: HttpRequest, version: int) -> str:
    filterset = BacklogFilter(request.GET, queryset=Project.objects.all())
    count = backlog_count(
        filterset.qs, filterset.query_pairs(drop=("page", "sort")), version=version
    )
    page = backlog_page(queryset=filterset.qs, page=request.GET.get("page"), count=count)
    rows = rows_html(
        page.rows,
        theme_names=filterset.theme_names,
        organisation_names=filterset.organisation_names,
    )
    # No context processors: nothing here may depend on who is asking.
    return render_to_string(
        "projects/backlog/_results.html",
        {
            "request": request,
            "filter": filterset,
            "page": page,
            "rows": rows,
            "export_querystring": _querystring(request, "page"),
        },
    )


EXPORT_HEADER = [
    "Number",
    "Rank",
    "Title",
    "Summary",
    "Lead organisation",
    "Partners",
    "Organisations interested",
    "Interested count",
    "Stage",
    "Status",
    "Priority",
    "Themes",
    "LOTI owner",
    "Created",
    "Last updated",
    "Link",
]
NOTES_HEADER = "Private triage notes (LOTI staff only)"


def backlog_export(request: HttpRequest) -> HttpResponse:
    """The filtered backlog as CSV. Private triage notes are only in the export of those who
    may keep them."""
    filterset = BacklogFilter(request.GET, queryset=Project.objects.all())
    include_notes = rules.may_keep_private_notes(request.user)
    base = request.build_absolute_uri("/").rstrip("/")

    def rows():
        for project in backlog_export_rows(filterset.qs, include_notes=include_notes):
            row = [
                project.pk,
                project.rank or "",
                project.title,
                project.summary,
                project.lead_organisation.name,
                "; ".join(p.organisation.name for p in project.partnerships.all()),
                "; ".join(i.organisation.name for i in project.open_interests),
                project.interest_count,
                project.get_stage_display(),
                project.get_status_display(),
                project.get_priority_display(),
                "; ".join(t.name for t in project.themes.all()),
                project.loti_owner.name if project.loti_owner else "",
                project.created_at,
                project.updated_at,
                base + project.get_absolute_url(),
            ]
            if include_notes:
                row.append(
                    "\n".join(
                        f"{n.author.name}, {timezone.localtime(n.created_at):%Y-%m-%d}: {n.text}"
                        for n in project.triage_notes.all()
                    )
                )
            yield row

    header = EXPORT_HEADER + ([NOTES_HEADER] if include_notes else [])
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    return csv_response(f"loti-backlog-{stamp}.csv", header, rows())


def dashboard(request: HttpRequest) -> HttpResponse:
    body, as_of = dashboard_body()
    return render(request, "projects/backlog/dashboard.html", {"body": body, "as_of": as_of})


def lessons(request: HttpRequest) -> HttpResponse:
    form = LessonsFilterForm(request.GET)
    q = theme = ""
    if form.is_valid():
        q, theme = form.cleaned_data["q"].strip(), form.cleaned_data["theme"]
    paginator = Paginator(lessons_queryset(q=q, theme=theme), 20)
    return render(
        request,
        "projects/backlog/lessons.html",
        {
            "form": form,
            "page_obj": paginator.get_page(request.GET.get("page")),
            "querystring": _querystring(request, "page"),
        },
    )


# --- Triage (LOTI staff only) --------------------------------------------------------------


def _triage_page(request, project: Project, *, status=400, **forms) -> HttpResponse:
    context = panel_context(project, request.user, **forms)
    context["next_url"] = request.POST.get("next") or request.get_full_path()
    return render(request, "projects/backlog/triage.html", context, status=status)


def project_triage(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    _require_triage(request)
    return _triage_page(request, project, status=200)


@require_POST
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    _require_triage(request)
    form = StatusForm(request.POST, project=project)
    if not form.is_valid():
        return _triage_page(request, project, status_form=form)
    data = form.cleaned_data
    try:
        triage.project_set_status(
            project=project,
            status=data["status"],
            reason=data["reason"],
            by=request.user,
            duplicate_of=data.get("duplicate_of_project"),
            outcomes_achieved=data["outcomes_achieved"],
            lessons_learned=data["lessons_learned"],
        )
    except triage.TriageError as error:
        form.add_error(None, str(error))
        return _triage_page(request, project, status_form=form)
    messages.success(request, f"Status changed to {Project.Status(data['status']).label}.")
    return _back(request, project)


@require_POST
def project_triage_update(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    _require_triage(request)
    form = TriageForm(request.POST, project=project)
    if not form.is_valid():
        return _triage_page(request, project, triage_form=form)
    try:
        changes = triage.project_triage_update(
            project=project, by=request.user, **form.cleaned_data
        )
    except triage.TriageError as error:
        form.add_error(None, str(error))
        return _triage_page(request, project, triage_form=form)
    messages.success(request, "Triage saved." if changes else "Nothing changed.")
    return _back(request, project)


@require_POST
def project_rank(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    _require_triage(request)
    move = request.POST.get("move")
    if move == "up":
        triage.project_move_up(project=project, by=request.user)
    elif move == "down":
        triage.project_move_down(project=project, by=request.user)
    else:
        form = RankForm(request.POST)
        if not form.is_valid():
            return _triage_page(request, project, rank_form=form)
        triage.project_move(
            project=project, position=form.cleaned_data["position"], by=request.user
        )
    project.refresh_from_db(fields=["rank"])
    messages.success(request, f"“{project.title}” is now at position {project.rank}.")
    return _back(request, project)


@require_POST
def project_note(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    require(rules.may_keep_private_notes(request.user), "Only LOTI staff keep private notes.")
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _triage_page(request, project, note_form=form)
    triage.triage_note_add(project=project, text=form.cleaned_data["text"], by=request.user)
    messages.success(request, "Private note saved.")
    return _back(request, project)


# --- Interest and partners -----------------------------------------------------------------


@require_POST
def interest_register(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    form = InterestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("message", ["Check the message."])))
        return _back(request, project)
    try:
        triage.interest_register(
            project=project,
            organisation=request.user.organisation,
            by=request.user,
            message=form.cleaned_data["message"],
        )
    except triage.TriageError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"{request.user.organisation} is registered as interested in this project."
        )
    return _back(request, project)


@require_POST
def interest_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    interest = get_object_or_404(
        Interest,
        project=project,
        organisation=request.user.organisation,
        status=Interest.Status.INTERESTED,
    )
    try:
        triage.interest_withdraw(interest=interest, by=request.user)
    except triage.TriageError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{request.user.organisation}'s interest is withdrawn.")
    return _back(request, project)


def _interest_to_answer(request: HttpRequest, pk: int, interest_pk: int):
    project = get_object_or_404(Project, pk=pk)
    interest = get_object_or_404(Interest, pk=interest_pk, project=project)
    require(
        rules.may_decide_interest(request.user, project),
        "Only the project's lead can answer an organisation's interest.",
    )
    return project, interest


@require_POST
def interest_accept(request: HttpRequest, pk: int, interest_pk: int) -> HttpResponse:
    project, interest = _interest_to_answer(request, pk, interest_pk)
    try:
        partner: ProjectPartner = triage.interest_accept(interest=interest, by=request.user)
    except triage.TriageError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{partner.organisation} is now a partner on this project.")
    return _back(request, project)


@require_POST
def interest_decline(request: HttpRequest, pk: int, interest_pk: int) -> HttpResponse:
    project, interest = _interest_to_answer(request, pk, interest_pk)
    form = DeclineInterestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return _back(request, project)
    try:
        triage.interest_decline(
            interest=interest, by=request.user, reason=form.cleaned_data["reason"]
        )
    except triage.TriageError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"{interest.organisation}'s interest is declined; they are told why."
        )
    return _back(request, project)
