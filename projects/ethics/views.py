"""The ethics-review checkpoint's pages: a project's review, the reviewers' queue, the register.

Who may do what is ``projects.ethics.rules``'s answer; the pages show what it allows and the
services enforce it again.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from loti_data.errors import require
from methodology import workflow
from methodology.stages import reviewed_stage
from projects.canvas.access import project_for_user
from projects.canvas.selectors import Canvas
from projects.canvas.views import render_stage
from projects.ethics import rules
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
    require(rules.is_reviewer(user), "Only ethics reviewers can do this.")


def _done(request, project: Project, action, success: str):
    """Run a service; its refusal becomes an error message and nothing changes (a refusal of
    the person, ``NotAllowed``, stays a 403)."""
    try:
        action()
    except ethics.EthicsReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("projects:ethics_review", pk=project.pk)


def _review_context(user, project: Project, review, *, decision_form=None) -> dict:
    may_decide = rules.may_decide(user, review)
    return {
        "project": project,
        "review": review,
        "history": review_history(review),
        "may_decide": may_decide,
        "decision_form": decision_form or (DecisionForm() if may_decide else None),
        "data_open": workflow.data_stage_unlocked(project),
    }


def ethics_review(request, pk: int):
    """Everyone signed in may read a project's review (pan-London transparency)."""
    project = project_for_user(request.user, pk)
    review = ethics.review_of(project)
    user = request.user
    may_assign = rules.may_assign(user, review)
    context = _review_context(user, project, review) | {
        "can_submit": rules.can_submit_now(user, project, review),
        "can_acknowledge": rules.can_acknowledge_now(user, project, review),
        "acknowledgers": (
            rules.who_acknowledges(project)
            if rules.conditions_awaiting_acknowledgement(review)
            else []
        ),
        "reviewer_conflict": rules.reviewer_conflict(user, project)
        if rules.is_reviewer(user)
        else "",
        "can_take": rules.may_take(user, review),
        "submit_form": SubmitForReviewForm(),
        "assign_form": AssignReviewerForm(reviewers=rules.eligible_reviewers(project))
        if may_assign
        else None,
    }
    return render(request, "projects/ethics/review.html", context)


@require_POST
def ethics_submit(request, pk: int):
    project = project_for_user(request.user, pk)
    require(rules.may_submit(request.user, project), "Only the project's team can submit it.")
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
        form = AssignReviewerForm(request.POST, reviewers=rules.eligible_reviewers(project))
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
        context = _review_context(request.user, project, review, decision_form=form)
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
    project = project_for_user(request.user, pk)
    require(
        rules.may_acknowledge(request.user, project),
        "Only the project lead can acknowledge the conditions.",
    )
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
        {
            "review": review,
            "conflict": rules.reviewer_conflict(request.user, review.project),
            "can_take": rules.may_take(request.user, review),
        }
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
