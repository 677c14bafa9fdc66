"""The sharing route's pages: a dataset's route and sign-off, its drafts, London's register.

Who may do what is ``projects.governance.rules``'s answer; the pages show what it allows and
the services enforce it again.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from loti_data.csv_export import csv_response
from loti_data.errors import require
from methodology.stages import Stage
from projects.canvas import rules as canvas_rules
from projects.canvas.access import project_for_user
from projects.canvas.selectors import Canvas, partners
from projects.governance import drafts, rules, selectors
from projects.governance import services as governance
from projects.governance.forms import RegisterFilter, RouteForm, SignOffForm, VersionForm
from projects.governance.routes import Answers, check, decide

PAGE_SIZE = 25


def _dataset(request, pk: int, dataset_pk: int):
    project = project_for_user(request.user, pk)
    require(rules.may_read(request.user, project), "You may not read this project.")
    dataset = selectors.dataset_in(project, dataset_pk)
    if dataset is None:
        raise Http404("No such dataset in this project.")
    return project, dataset, selectors.sharing_of(dataset)


def _initial(dataset, sharing) -> dict:
    if sharing is not None:
        answers = sharing.answers
        initial = {name: getattr(answers, name) for name in Answers.__dataclass_fields__}
        initial["high_risk"] = list(answers.high_risk)
        return initial | {"review_on": sharing.review_on, "version": sharing.version}
    # The Data stage's answers, as a start.
    identifiable = "yes" if dataset.personal_data else ""
    return {
        "identifiable": identifiable,
        "special_category": dataset.special_category,
        "lawful_basis": dataset.lawful_basis,
        "version": 0,
    }


def sharing_route(request, pk: int, dataset_pk: int):
    project, dataset, sharing = _dataset(request, pk, dataset_pk)
    user = request.user
    canvas = Canvas(project)
    may_answer = rules.may_answer(user, dataset, canvas.statuses)
    form, status = None, 200
    if request.method == "POST":
        require(may_answer, "Only the project's team answers, while the Data stage is open.")
        form = RouteForm(request.POST)
        if form.is_valid():
            try:
                saved = governance.route_answer(
                    dataset=dataset,
                    by=user,
                    answers=form.answers(),
                    review_on=form.cleaned_data["review_on"],
                    version=form.cleaned_data["version"],
                )
            except governance.InvalidAnswers as error:
                for name, message in error.errors.items():
                    form.add_error(name if name in form.fields else None, message)
            except governance.SharingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"Route saved: {saved.get_route_display()}.")
                return redirect("projects:sharing_route", pk=project.pk, dataset_pk=dataset.pk)
        status = 400
    elif may_answer:
        form = RouteForm(initial=_initial(dataset, sharing))
    decision = None
    if sharing is not None and not check(sharing.answers):
        decision = decide(sharing.answers)
    context = {
        "project": project,
        "dataset": dataset,
        "sharing": sharing,
        "decision": decision,
        "form": form,
        "may_answer": may_answer,
        "data_stage_refusal": "" if may_answer else _answer_refusal(user, project, canvas),
        "history": selectors.history(sharing),
        "drafts": [(kind, drafts.KINDS[kind]) for kind in drafts.available(sharing)],
        "unregistered_holder": rules.unregistered_holder(dataset),
    }
    if sharing is not None:
        context |= {
            "may_request": rules.may_request(user, sharing),
            "signoff_refusal": rules.signoff_refusal(user, sharing),
            "who_signs": rules.who_signs(sharing),
            "second_signature": rules.second_signature_needed(sharing),
            "version_form": VersionForm(initial={"version": sharing.version}),
            "signoff_form": SignOffForm(initial={"version": sharing.version}),
        }
    return render(request, "projects/governance/route.html", context, status=status)


def _answer_refusal(user, project, canvas) -> str:
    if not canvas_rules.may_edit(user, project):
        return "Only the project's team answers the route questions."
    return canvas_rules.stage_closed_reason(project, Stage.DATA, canvas.statuses)


def _act(request, project, dataset, action, success: str):
    try:
        action()
    except governance.SharingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("projects:sharing_route", pk=project.pk, dataset_pk=dataset.pk)


@require_POST
def sharing_request(request, pk: int, dataset_pk: int):
    project, dataset, sharing = _dataset(request, pk, dataset_pk)
    if sharing is None:
        raise Http404("Answer the route questions first.")
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The form was incomplete: try again.")
        return redirect("projects:sharing_route", pk=project.pk, dataset_pk=dataset.pk)
    return _act(
        request,
        project,
        dataset,
        lambda: governance.signoff_request(
            sharing=sharing, by=request.user, version=form.cleaned_data["version"]
        ),
        f"Sign-off requested: the people of {dataset.holder_name} have been told.",
    )


@require_POST
def sharing_signoff(request, pk: int, dataset_pk: int):
    project, dataset, sharing = _dataset(request, pk, dataset_pk)
    if sharing is None:
        raise Http404("There is nothing to sign off.")
    form = SignOffForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose approve or decline, and give your reasons.")
        return redirect("projects:sharing_route", pk=project.pk, dataset_pk=dataset.pk)
    data = form.cleaned_data
    approve = data["decision"] == "approve"
    return _act(
        request,
        project,
        dataset,
        lambda: governance.signoff_decide(
            sharing=sharing,
            by=request.user,
            version=data["version"],
            approve=approve,
            reasons=data["reasons"],
        ),
        "Signed off. The team has been told." if approve else "Declined. The team has been told.",
    )


def _draft(request, pk: int, dataset_pk: int, kind: str):
    project, dataset, sharing = _dataset(request, pk, dataset_pk)
    if kind not in drafts.available(sharing):
        raise Http404("This dataset's route needs no such draft.")
    names = [partner.organisation.name for partner in partners(project)]
    return project, dataset, drafts.build(kind, dataset, sharing, names)


def sharing_draft(request, pk: int, dataset_pk: int, kind: str):
    project, dataset, draft = _draft(request, pk, dataset_pk, kind)
    return render(
        request,
        "projects/governance/draft.html",
        {"project": project, "dataset": dataset, "draft": draft},
    )


def sharing_draft_docx(request, pk: int, dataset_pk: int, kind: str):
    draft = _draft(request, pk, dataset_pk, kind)[2]
    response = HttpResponse(
        drafts.docx_bytes(draft),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{draft.filename}"'
    return response


def _register(request):
    require(rules.may_see_register(request.user), "Sign in to see the register.")
    queryset = selectors.register_datasets()
    filters = RegisterFilter(request.GET or None, queryset=queryset)
    invalid = filters.is_bound and not filters.is_valid()
    filtered = queryset.none() if invalid else filters.qs
    return filters, filtered


def _readable(request):
    return lambda project: rules.may_read(request.user, project)


def sharing_register(request):
    filters, filtered = _register(request)
    page = Paginator(selectors.register_groups(filtered), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    groups = selectors.register_page(page.object_list, filtered, _readable(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/governance/register.html",
        {"filters": filters, "page": page, "groups": groups, "query": query.urlencode()},
    )


CSV_HEADER = [
    "Holder",
    "Dataset",
    "Project",
    "Lead organisation",
    "Outcomes",
    "Route",
    "Status",
    "Review date",
]


def sharing_register_csv(request):
    filtered = _register(request)[1]
    rows = []
    for dataset in selectors.register_all(filtered, _readable(request)):
        sharing = dataset.route_sharing
        rows.append(
            [
                dataset.holder_name,
                dataset.name,
                dataset.project.title,
                dataset.project.lead_organisation.name,
                "; ".join(f"{o.who}: {o.how}" for o in dataset.why_outcomes),
                sharing.get_route_display() if sharing else "Not answered",
                sharing.status_label if sharing else "Not answered",
                f"{sharing.review_on:%Y-%m-%d}" if sharing and sharing.review_on else "",
            ]
        )
    return csv_response("data-sharing-register.csv", CSV_HEADER, rows)
