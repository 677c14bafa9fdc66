"""Project and canvas pages. Each view: fetch with an access check, validate, call one service,
redirect. Who may do what comes from ``rules``, the stage rules from ``methodology.workflow``,
the writes from ``services``. A refusal of the person (``NotAllowed``) is a 403; the services'
other refusals are shown as messages."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from loti_data.errors import require
from methodology import registry, workflow
from methodology.stages import Principle, Stage, definition, first_stage
from projects.backlog.selectors import evaluation_of
from projects.backlog.similar import similar_projects, similar_to
from projects.canvas import rules, selectors, services
from projects.canvas.access import project_for_user
from projects.canvas.forms import (
    EntryDeleteForm,
    EthicsForm,
    MemberAddForm,
    MemberRoleForm,
    PartnerAddForm,
    ProjectForm,
    StageCompleteForm,
)
from projects.canvas.models import EthicsAssessment, ProjectMembership
from projects.ethics import rules as ethics_rules
from projects.ethics import services as ethics
from projects.ethics.forms import SubmitForReviewForm
from projects.governance import selectors as governance_selectors

PAGE_SIZE = 25


def _stage_or_404(value: str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        raise Http404("No such stage.") from None


def _reopened_message(request, saved: services.Saved) -> None:
    if saved.rereview_required:
        messages.warning(
            request,
            "This change came after the ethics approval, so the project needs a new ethics "
            "review: the Data stage is locked until it is approved again.",
        )
    for stage in saved.reopened:
        messages.warning(
            request,
            f"{stage.label} is back in progress: it no longer has everything it needs. "
            "Later stages stay locked until it is completed again.",
        )


# --- projects -------------------------------------------------------------------------------


def project_list(request):
    mine = request.GET.get("mine") == "1"
    projects = selectors.projects_of(request.user) if mine else selectors.project_list()
    page = Paginator(projects.order_by("-updated_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "projects/canvas/project_list.html", {"page": page, "mine": mine})


def project_create(request):
    require(rules.may_create_project(request.user), "Sign in with an organisation first.")
    form = ProjectForm(request.POST or None)
    similar = []
    if request.method == "POST" and form.is_valid():
        # A first step, on the server so it works without script: before a project is created,
        # show the most similar ones across London; "create anyway" confirms.
        if request.POST.get("confirm") != "yes":
            similar = similar_projects(
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                themes=form.cleaned_data["themes"],
            )
        if not similar:
            project = services.project_create(by=request.user, **form.cleaned_data)
            messages.success(
                request, "Project created. Start with the outcomes you want to achieve."
            )
            return redirect(selectors.stage_url(project, first_stage()))
    return render(
        request,
        "projects/canvas/project_form.html",
        {"form": form, "project": None, "similar": similar, "checked": bool(similar)},
    )


def project_detail(request, pk: int):
    project = project_for_user(request.user, pk)
    canvas = selectors.whole_canvas(project)
    summaries = selectors.stage_overview(canvas)
    context = {
        "project": project,
        "stepper": selectors.stepper(canvas),
        "summaries": summaries,
        "team": canvas.team,
        "partners": canvas.partners,
        "can_edit": rules.may_edit(request.user, project),
        "can_manage_team": rules.may_manage_team(request.user, project),
        "similar": similar_to(project),
        "replication": (replication := selectors.replication(project)),
        "origin_lessons": evaluation_of(replication.origin.pk if replication.origin else None),
        "can_replicate": rules.may_replicate(request.user, project),
        **_conditions_context(request.user, project, ethics.existing_review(project)),
    }
    return render(request, "projects/canvas/project_detail.html", context)


def project_replicate(request, pk: int):
    """Copy a project into your organisation: a page saying what is copied, then one POST."""
    project = project_for_user(request.user, pk)
    refusal = rules.replicate_refusal(request.user, project)
    if request.method == "POST" and not refusal:
        copy = services.project_replicate(project=project, by=request.user)
        messages.success(
            request,
            f"{copy.lead_organisation} now has its own copy, led by you. Review each stage and "
            "complete it with your team.",
        )
        return redirect(copy)
    context = {"project": project, "refusal": refusal, "canvas": selectors.Canvas(project)}
    status = 403 if refusal and request.method == "POST" else 200
    return render(request, "projects/canvas/replicate.html", context, status=status)


def _conditions_context(user, project, review) -> dict:
    """The review, and who acknowledges its conditions (``projects/ethics/_conditions.html``)."""
    awaiting = ethics_rules.conditions_awaiting_acknowledgement(review)
    return {
        "review": review,
        "can_acknowledge": ethics_rules.can_acknowledge_now(user, project, review),
        "acknowledgers": ethics_rules.who_acknowledges(project) if awaiting else [],
    }


def project_edit(request, pk: int):
    project = project_for_user(request.user, pk, write=True)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        services.project_update(project=project, by=request.user, **form.cleaned_data)
        messages.success(request, "Project details saved.")
        return redirect(project)
    return render(request, "projects/canvas/project_form.html", {"form": form, "project": project})


# --- team and partners (leads only) ---------------------------------------------------------


def project_team(request, pk: int):
    project = project_for_user(request.user, pk, lead=True)
    return _render_team(request, project)


def _render_team(request, project, member_form=None, partner_form=None, status=200):
    context = {
        "project": project,
        "stepper": selectors.stepper(selectors.Canvas(project)),
        "team": selectors.team(project),
        "partners": selectors.partners(project),
        "member_form": member_form or MemberAddForm(),
        "partner_form": partner_form or PartnerAddForm(project=project),
        "roles": ProjectMembership.Role.choices,
    }
    return render(request, "projects/canvas/project_team.html", context, status=status)


@require_POST
def member_add(request, pk: int):
    project = project_for_user(request.user, pk, lead=True)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        try:
            services.membership_add(
                project=project,
                by=request.user,
                user=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except services.CanvasError as error:
            form.add_error("email", error.message)
        else:
            messages.success(request, f"{form.cleaned_data['email']} joined the team.")
            return redirect("projects:team", project.pk)
    return _render_team(request, project, member_form=form, status=400)


@require_POST
def member_role(request, pk: int, membership_pk: int):
    project = project_for_user(request.user, pk, lead=True)
    membership = get_object_or_404(project.memberships, pk=membership_pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose lead or editor.")
        return redirect("projects:team", project.pk)
    try:
        services.membership_change_role(
            membership=membership, by=request.user, role=form.cleaned_data["role"]
        )
    except services.CanvasError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{membership.user} is now {membership.get_role_display()}.")
    return redirect("projects:team", project.pk)


@require_POST
def member_remove(request, pk: int, membership_pk: int):
    project = project_for_user(request.user, pk, lead=True)
    membership = get_object_or_404(project.memberships.select_related("user"), pk=membership_pk)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except services.CanvasError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{membership.user} left the team.")
    return redirect("projects:team", project.pk)


@require_POST
def partner_add(request, pk: int):
    project = project_for_user(request.user, pk, lead=True)
    form = PartnerAddForm(request.POST, project=project)
    if form.is_valid():
        try:
            services.partner_add(
                project=project, by=request.user, organisation=form.cleaned_data["organisation"]
            )
        except services.CanvasError as error:
            form.add_error("organisation", error.message)
        else:
            messages.success(request, f"{form.cleaned_data['organisation']} is now a partner.")
            return redirect("projects:team", project.pk)
    return _render_team(request, project, partner_form=form, status=400)


@require_POST
def partner_remove(request, pk: int, partner_pk: int):
    project = project_for_user(request.user, pk, lead=True)
    partner = get_object_or_404(project.partnerships.select_related("organisation"), pk=partner_pk)
    services.partner_remove(partner=partner, by=request.user)
    messages.success(request, f"{partner.organisation} is no longer a partner.")
    return redirect("projects:team", project.pk)


# --- the canvas, stage by stage -------------------------------------------------------------


def _with_version(data: QueryDict, version: int) -> QueryDict:
    data = data.copy()
    data["version"] = str(version)
    return data


def _ethics_form(canvas, data=None, missing=()):
    version = canvas.states[EthicsAssessment.STAGE].version
    form = EthicsForm(
        data, assessment=canvas.ethics, principles=canvas.principles, initial={"version": version}
    )
    if missing and data is None:
        # Show what completing the stage needs next to each field: bind the saved answers.
        bound = QueryDict(mutable=True)
        bound.update({name: value for name, value in form.initial.items() if value is not None})
        form = EthicsForm(bound, assessment=canvas.ethics, principles=canvas.principles)
        form.is_valid()
        for item in missing:
            if item.target in form.fields:
                form.add_error(item.target, item.message)
    return form


def render_stage(request, project, stage, *, form=None, canvas=None, status=200, **extra):
    canvas = canvas or selectors.Canvas(project)
    stage_definition = definition(stage)
    kind = registry.entry_kind(stage)  # None for Ethics: one assessment, not a list of entries
    edit_refusal = workflow.edit_refusal(project, stage)
    by_review = stage_definition.completes_by_review
    review = ethics.existing_review(project) if by_review else None
    editable = rules.may_edit_stage(request.user, project, stage, canvas.statuses)
    state = canvas.states[stage]
    stage_status = canvas.statuses[stage]
    missing = [] if stage_status.is_locked else canvas.missing(stage)
    if form is None and editable:
        if kind is None:
            form = _ethics_form(canvas, missing=extra.get("failed_missing", ()))
        else:
            form = kind.form(project=project, initial={"version": state.version})
    by_target = {}
    for item in missing:
        by_target.setdefault(item.target, []).append(item.message)
    context = {
        "project": project,
        "stage": stage,
        "definition": stage_definition,
        "stepper": selectors.stepper(canvas, current=stage),
        "status": stage_status,
        "lock_reason": workflow.lock_reason(project, stage, canvas.statuses),
        "state": state,
        "entries": [(entry, by_target.get(entry.anchor, [])) for entry in _entries(canvas, stage)],
        "stage_missing": by_target.get("stage", []),
        "missing": missing,
        "can_edit": rules.may_edit(request.user, project),
        "editable": editable,
        "form": form,
        "complete_form": StageCompleteForm(initial={"version": state.version}),
        "previous_stage": workflow.previous_stage(stage),
        "next_stage": workflow.next_stage(stage),
        "is_assessment": kind is None,
        "principles": _principle_rows(canvas) if kind is None else [],
        "ethics": canvas.ethics if kind is None else None,
        "entry_template": kind.template if kind else "",
        "entry_noun": stage_definition.noun,
        "edit_refusal": edit_refusal,
        "completes_by_review": by_review,
        **_conditions_context(request.user, project, review),
        "can_submit": by_review and ethics_rules.can_submit_now(request.user, project, review),
        "submit_form": SubmitForReviewForm(),
        **extra,
    }
    return render(request, "projects/canvas/stage.html", context, status=status)


def _entries(canvas, stage) -> list:
    """The stage's entries; on Data, each dataset with its sharing route (one query)."""
    entries = canvas.entries(stage)
    if stage == Stage.DATA:
        routes = governance_selectors.routes_by_dataset(entries)
        for dataset in entries:
            dataset.route_sharing = routes.get(dataset.pk)
    return entries


def _principle_rows(canvas):
    by_principle = {row.principle: row for row in canvas.principles}
    return [(principle, by_principle.get(principle.value)) for principle in Principle]


def _conflict_context(project, stage, error: services.EditConflict) -> dict:
    return {
        "conflict": error,
        "conflict_events": selectors.changes_since(project, stage, error.version),
    }


def stage_page(request, pk: int, stage: str):
    stage = _stage_or_404(stage)
    project = project_for_user(request.user, pk, write=request.method == "POST")
    if request.method != "POST":
        return render_stage(request, project, stage)
    kind = registry.entry_kind(stage)
    if kind is None:
        return _save_ethics(request, project)
    form = kind.form(request.POST, project=project)
    if not form.is_valid():
        return render_stage(request, project, stage, form=form, status=400)
    try:
        saved = services.entry_save(
            project=project,
            by=request.user,
            version=form.cleaned_data["version"],
            entry=form.save(commit=False),
            links=form.links,
        )
    except services.EditConflict as error:
        form = kind.form(_with_version(request.POST, error.current_version), project=project)
        form.is_valid()
        context = _conflict_context(project, stage, error)
        return render_stage(request, project, stage, form=form, status=409, **context)
    except services.CanvasError as error:
        form.add_error(None, error.message)
        return render_stage(request, project, stage, form=form, status=400)
    messages.success(request, f"Added to {stage.label}: “{saved.entry}”.")
    _reopened_message(request, saved)
    return redirect(f"{selectors.stage_url(project, stage)}#entries")


def _save_ethics(request, project):
    canvas = selectors.Canvas(project)
    form = EthicsForm(request.POST, assessment=canvas.ethics, principles=canvas.principles)
    if not form.is_valid():
        return render_stage(request, project, EthicsAssessment.STAGE, form=form, status=400)
    try:
        saved = services.ethics_save(
            project=project,
            by=request.user,
            version=form.cleaned_data["version"],
            answers=form.answers,
            principles=form.principles,
        )
    except services.EditConflict as error:
        form = EthicsForm(
            _with_version(request.POST, error.current_version),
            assessment=canvas.ethics,
            principles=canvas.principles,
        )
        form.is_valid()
        context = _conflict_context(project, EthicsAssessment.STAGE, error)
        return render_stage(
            request, project, EthicsAssessment.STAGE, form=form, status=409, **context
        )
    except services.CanvasError as error:
        form.add_error(None, error.message)
        return render_stage(request, project, EthicsAssessment.STAGE, form=form, status=400)
    messages.success(request, "Ethics assessment saved.")
    _reopened_message(request, saved)
    return redirect(selectors.stage_url(project, EthicsAssessment.STAGE))


@require_POST
def stage_complete(request, pk: int, stage: str):
    stage = _stage_or_404(stage)
    project = project_for_user(request.user, pk, write=True)
    form = StageCompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Reload the page and try again.")
        return redirect(selectors.stage_url(project, stage))
    try:
        services.stage_complete(
            project=project, stage=stage, by=request.user, version=form.cleaned_data["version"]
        )
    except services.EditConflict as error:
        context = _conflict_context(project, stage, error)
        return render_stage(request, project, stage, status=409, **context)
    except services.StageIncomplete as error:
        return render_stage(
            request, project, stage, status=400, failed_missing=error.missing, error=error.message
        )
    except services.CanvasError as error:
        return render_stage(request, project, stage, status=400, error=error.message)
    messages.success(request, f"{stage.label} is complete.")
    following = workflow.next_stage(stage)
    if following and not selectors.Canvas(project).statuses[following].is_locked:
        return redirect(selectors.stage_url(project, following))
    return redirect(project)


def _entry_kind_or_404(stage: Stage) -> registry.EntryKind:
    kind = registry.entry_kind(stage)
    if kind is None:
        raise Http404("This stage has no separate entries.")
    return kind


def entry_edit(request, pk: int, stage: str, entry_pk: int):
    stage = _stage_or_404(stage)
    project = project_for_user(request.user, pk, write=True)
    kind = _entry_kind_or_404(stage)
    entry = get_object_or_404(kind.model, project=project, pk=entry_pk)
    canvas = selectors.Canvas(project)
    version = canvas.states[stage].version
    form_class = kind.form
    form = form_class(
        request.POST or None, instance=entry, project=project, initial={"version": version}
    )
    context = {"project": project, "stage": stage, "entry": entry, "definition": definition(stage)}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.entry_save(
                project=project,
                by=request.user,
                version=form.cleaned_data["version"],
                entry=form.save(commit=False),
                links=form.links,
            )
        except services.EditConflict as error:
            fresh = type(entry).objects.get(pk=entry.pk)
            data = _with_version(request.POST, error.current_version)
            form = form_class(data, instance=fresh, project=project)
            form.is_valid()
            context |= _conflict_context(project, stage, error)
            status = 409
        except services.CanvasError as error:
            form.add_error(None, error.message)
            status = 400
        else:
            messages.success(request, f"Saved “{saved.entry}”.")
            _reopened_message(request, saved)
            return redirect(f"{selectors.stage_url(project, stage)}#{saved.entry.anchor}")
    elif request.method == "POST":
        status = 400
    context |= {"form": form, "stepper": selectors.stepper(canvas, current=stage)}
    return render(request, "projects/canvas/entry_form.html", context, status=status)


def entry_delete(request, pk: int, stage: str, entry_pk: int):
    stage = _stage_or_404(stage)
    project = project_for_user(request.user, pk, write=True)
    entry = get_object_or_404(_entry_kind_or_404(stage).model, project=project, pk=entry_pk)
    canvas = selectors.Canvas(project)
    form = EntryDeleteForm(request.POST or None, initial={"version": canvas.states[stage].version})
    context = {"project": project, "stage": stage, "entry": entry, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.entry_delete(
                project=project, by=request.user, version=form.cleaned_data["version"], entry=entry
            )
        except services.EditConflict as error:
            context |= _conflict_context(project, stage, error)
            form = EntryDeleteForm(initial={"version": error.current_version})
            context["form"] = form
        except services.CanvasError as error:
            messages.error(request, error.message)
            return redirect(f"{selectors.stage_url(project, stage)}#{entry.anchor}")
        else:
            messages.success(request, f"Removed “{entry}” from {stage.label}.")
            _reopened_message(request, saved)
            return redirect(f"{selectors.stage_url(project, stage)}#entries")
    context["stepper"] = selectors.stepper(canvas, current=stage)
    status = 409 if "conflict" in context else 200
    return render(request, "projects/canvas/entry_confirm_delete.html", context, status=status)


# --- reading the whole canvas ---------------------------------------------------------------


def project_history(request, pk: int):
    project = project_for_user(request.user, pk)
    stage_filter = request.GET.get("stage")
    if stage_filter == "project":
        stage_filter = ""
    elif stage_filter not in Stage.values:
        stage_filter = None
    events = selectors.history(project, stage_filter)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = {
        "project": project,
        "page": page,
        "stage_filter": "project" if stage_filter == "" else stage_filter,
        "stages": Stage.choices,
        "stepper": selectors.stepper(selectors.Canvas(project)),
    }
    return render(request, "projects/canvas/project_history.html", context)


def _canvas_context(project) -> dict:
    canvas = selectors.whole_canvas(project)
    return {
        "project": project,
        "canvas": canvas,
        "summaries": canvas.stage_summaries(),
        "principles": _principle_rows(canvas),
        "team": canvas.team,
        "partners": canvas.partners,
        "themes": list(project.themes.all()),
    }


def project_canvas(request, pk: int):
    project = project_for_user(request.user, pk)
    context = _canvas_context(project)
    context["stepper"] = selectors.stepper(context["canvas"])
    return render(request, "projects/canvas/project_canvas.html", context)


def project_markdown(request, pk: int):
    project = project_for_user(request.user, pk)
    text = render_to_string("projects/canvas/canvas.md", _canvas_context(project))
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    filename = f"{slugify(project.title)[:60] or 'project'}-canvas.md"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def why_this_data(request, pk: int):
    project = project_for_user(request.user, pk)
    context = {
        "project": project,
        "datasets": selectors.datasets_with_reasons(project),
        "stepper": selectors.stepper(selectors.Canvas(project)),
    }
    return render(request, "projects/canvas/why_this_data.html", context)
