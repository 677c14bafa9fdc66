"""The ethics-review checkpoint's pages: a project's review, the reviewers' queue, the register."""

from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from loti_data.accounts import roles
from methodology import checkpoint
from methodology.stages import reviewed_stage
from projects.canvas.access import can_edit, is_lead, project_for_user
from projects.canvas.selectors import Canvas
from projects.canvas.views import render_stage
from projects.ethics import services as ethics
from projects.ethics.forms import (
    AssignReviewerForm,
    DecisionForm,
    QueueFilterForm,
    SubmitForReviewForm,
)
from projects.ethics.selectors import decisions_register, review_history, review_queue
from projects.models import Project

PAGE_SIZE = 25


def _require_reviewer(user) -> None:
    if not user.is_ethics_reviewer:
        raise PermissionDenied("Only ethics reviewers can do this.")


def _eligible_reviewers(project: Project):
    reviewers = Group.objects.get(name=roles.ETHICS_REVIEWERS).user_set.filter(is_active=True)
    team = project.memberships.values("user_id")
    return reviewers.exclude(organisation=project.lead_organisation).exclude(pk__in=team)


def _done(request, project: Project, action, success: str):
    """Run a service; its refusal becomes an error message and nothing changes."""
    try:
        action()
    except ethics.EthicsReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("projects:ethics_review", pk=project.pk)


def ethics_review(request, pk: int):
    """Everyone signed in may read a project's review (pan-London transparency)."""
    project = project_for_user(request.user, pk)
    review = ethics.review_of(project)
    user = request.user
    on_team = can_edit(project)
    conflict = ethics.reviewer_conflict(user, project) if user.is_ethics_reviewer else ""
    may_decide = (
        user.is_ethics_reviewer
        and not conflict
        and checkpoint.awaits_decision(review.state)
        and review.reviewer_id in (None, user.pk)
    )
    context = {
        "project": project,
        "review": review,
        "history": review_history(review),
        "on_team": on_team,
        "can_submit": on_team and checkpoint.can_submit(review.state),
        "can_acknowledge": is_lead(project)
        and review.state == checkpoint.ReviewState.APPROVED_WITH_CONDITIONS
        and not review.conditions_acknowledged,
        "reviewer_conflict": conflict,
        "may_decide": may_decide,
        "submit_form": SubmitForReviewForm(),
        "decision_form": DecisionForm() if may_decide else None,
        "assign_form": AssignReviewerForm(reviewers=_eligible_reviewers(project))
        if user.is_ethics_reviewer and checkpoint.awaits_decision(review.state)
        else None,
        "data_open": checkpoint.data_stage_open(review.state, review.conditions_acknowledged),
    }
    return render(request, "projects/ethics/review.html", context)


@require_POST
def ethics_submit(request, pk: int):
    project = project_for_user(request.user, pk, write=True)
    if missing := Canvas(project).missing(reviewed_stage()):
        return render_stage(
            request,
            project,
            reviewed_stage(),
            status=400,
            failed_missing=missing,
            error="Complete the Ethics stage before submitting it for review.",
        )
    form = SubmitForReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _done(
        request,
        project,
        lambda: ethics.ethics_review_submit(project=project, by=request.user, note=note),
        "Submitted for ethics review. The Ethics stage is frozen until a reviewer decides.",
    )


@require_POST
def ethics_assign(request, pk: int):
    _require_reviewer(request.user)
    project = project_for_user(request.user, pk)
    review = ethics.review_of(project)
    if "take" in request.POST:
        reviewer = request.user
    else:
        form = AssignReviewerForm(request.POST, reviewers=_eligible_reviewers(project))
        if not form.is_valid():
            messages.error(request, "Choose a reviewer who may review this project.")
            return redirect("projects:ethics_review", pk=project.pk)
        reviewer = form.cleaned_data["reviewer"]
    return _done(
        request,
        project,
        lambda: ethics.ethics_review_assign(review=review, reviewer=reviewer, by=request.user),
        f"{reviewer} is reviewing this project.",
    )


def ethics_decide(request, pk: int):
    _require_reviewer(request.user)
    project = project_for_user(request.user, pk)
    if request.method != "POST":
        return redirect("projects:ethics_review", pk=project.pk)
    review = ethics.review_of(project)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        context = {
            "project": project,
            "review": review,
            "history": review_history(review),
            "may_decide": True,
            "decision_form": form,
            "data_open": checkpoint.data_stage_open(review.state, review.conditions_acknowledged),
        }
        return render(request, "projects/ethics/review.html", context, status=400)
    data = form.cleaned_data
    return _done(
        request,
        project,
        lambda: ethics.ethics_review_decide(
            review=review,
            by=request.user,
            decision=data["decision"],
            reasons=data["reasons"],
            conditions=data["conditions"],
            rereview_on=data["rereview_on"],
        ),
        "Decision recorded. The team has been told.",
    )


@require_POST
def ethics_acknowledge(request, pk: int):
    project = project_for_user(request.user, pk, lead=True)
    review = ethics.review_of(project)
    return _done(
        request,
        project,
        lambda: ethics.ethics_review_acknowledge_conditions(review=review, by=request.user),
        "Conditions acknowledged. The Data stage is open.",
    )


def ethics_queue(request):
    _require_reviewer(request.user)
    form = QueueFilterForm(request.GET or None)
    show, mine = "open", False
    if form.is_valid():
        show = form.cleaned_data["show"] or "open"
        mine = form.cleaned_data["mine"]
    reviews = review_queue(show=show, reviewer=request.user if mine else None)
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"review": review, "conflict": ethics.reviewer_conflict(request.user, review.project)}
        for review in page
    ]
    return render(
        request,
        "projects/ethics/queue.html",
        {"form": form, "page": page, "rows": rows, "show": show, "mine": mine},
    )


def ethics_register(request):
    page = Paginator(decisions_register(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/ethics/register.html", {"page": page})
