"""Views of the shared backlog (issue 5): list, export, dashboard, lessons, triage, interest.

Every signed-in person reads the backlog, the dashboard and the lessons. Only LOTI staff triage:
everyone else gets 403 from the triage URLs, and nothing changes. A project's lead accepts
partners; members register (and withdraw) their own organisation's interest.
"""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from projects.backlog import services as triage
from projects.backlog.charts import bar_chart, stacked_widths
from projects.backlog.filters import BacklogFilter
from projects.backlog.forms import (
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
    dashboard_figures,
    lessons_queryset,
)
from projects.models import Interest, Project, ProjectPartner


def _require_loti_staff(request: HttpRequest) -> None:
    if not request.user.is_loti_staff:
        raise PermissionDenied("Only LOTI staff can triage the backlog.")


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
    filterset = BacklogFilter(request.GET, queryset=Project.objects.all())
    page = backlog_page(queryset=filterset.qs, page=request.GET.get("page"))
    return render(
        request,
        "projects/backlog/backlog.html",
        {
            "filter": filterset,
            "page": page,
            "querystring": _querystring(request, "page"),
            "export_querystring": _querystring(request, "page"),
        },
    )


class _CsvEcho:
    def write(self, value: str) -> str:
        return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell a spreadsheet shows as text: formulas are defused with a leading apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def backlog_export(request: HttpRequest) -> HttpResponse:
    """The filtered backlog as CSV. Private triage notes are only in LOTI staff's export."""
    filterset = BacklogFilter(request.GET, queryset=Project.objects.all())
    include_notes = request.user.is_loti_staff
    header = [
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
    if include_notes:
        header.append("Private triage notes (LOTI staff only)")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="loti-backlog-{stamp}.csv"'
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    base = request.build_absolute_uri("/").rstrip("/")
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
            timezone.localtime(project.created_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(project.updated_at).strftime("%Y-%m-%d %H:%M"),
            base + project.get_absolute_url(),
        ]
        if include_notes:
            row.append(
                "\n".join(
                    f"{n.author.name}, {timezone.localtime(n.created_at):%Y-%m-%d}: {n.text}"
                    for n in project.triage_notes.all()
                )
            )
        writer.writerow([csv_safe(cell) for cell in row])
    return response


def dashboard(request: HttpRequest) -> HttpResponse:
    figures = dashboard_figures()
    charts = [
        bar_chart("chart-stage", "Projects by stage", "Stage", figures["by_stage"]),
        bar_chart("chart-status", "Projects by status", "Status", figures["by_status"]),
        bar_chart("chart-theme", "Projects by theme", "Theme", figures["by_theme"]),
    ]
    stacked_widths(figures["organisations"])
    return render(
        request,
        "projects/backlog/dashboard.html",
        {"figures": figures, "charts": charts, "organisations": figures["organisations"]},
    )


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
    _require_loti_staff(request)
    return _triage_page(request, project, status=200)


@require_POST
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    _require_loti_staff(request)
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
    _require_loti_staff(request)
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
    _require_loti_staff(request)
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
    _require_loti_staff(request)
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


@require_POST
def interest_accept(request: HttpRequest, pk: int, interest_pk: int) -> HttpResponse:
    project = get_object_or_404(Project, pk=pk)
    interest = get_object_or_404(Interest, pk=interest_pk, project=project)
    if not triage.is_project_lead(request.user, project):
        raise PermissionDenied("Only the project's lead can accept partners.")
    try:
        partner: ProjectPartner = triage.interest_accept(interest=interest, by=request.user)
    except triage.TriageError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{partner.organisation} is now a partner on this project.")
    return _back(request, project)
