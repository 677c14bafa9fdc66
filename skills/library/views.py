"""Pages of the capability model, jobs library, salary benchmarks and hard-to-fill roles.

Every signed-in person reads the library and shares their own organisation's salary ranges and
flags (``skills.library.rules``); another organisation's range or flag is a 404. Which salary
figures are shown is the disclosure rule's (``skills.library.salaries``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from loti_data.csv_export import csv_response
from skills.library import rules, selectors, services
from skills.library.charts import box_plot
from skills.library.forms import (
    CompareForm,
    HardToFillForm,
    NeedingSkillForm,
    SalarySubmissionForm,
    SearchForm,
    SkillSearchForm,
)
from skills.library.salaries import MIN_ORGANISATIONS, ROW_HEADINGS
from skills.models import HardToFillFlag, Role, RoleLevel, SalarySubmission, Skill

PAGE_SIZE = 25
# Every page that speaks of published figures states the disclosure rule's threshold.
DISCLOSURE = {
    "min_organisations": MIN_ORGANISATIONS,
    "changes_per_day": rules.SALARY_CHANGES_PER_DAY,
}


def _page(request, items, size: int = PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


def _own_submission(request, pk: int) -> SalarySubmission:
    """Only the member's own organisation's ranges: anyone else's is a 404, never a 403."""
    return get_object_or_404(
        SalarySubmission.objects.filter(rules.own_entries(request.user)).select_related(
            "role_level__role"
        ),
        pk=pk,
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Jobs library and capability model ---------------------------------------------------------


def index(request):
    return render(
        request,
        "skills/library/index.html",
        {"families": selectors.role_families_with_roles(), "search_form": SearchForm()},
    )


def role_list(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = _page(request, selectors.role_search(query))
    return render(
        request, "skills/library/role_list.html", {"form": form, "query": query, "page": page}
    )


def role_detail(request, pk: int):
    role = get_object_or_404(Role.objects.select_related("family__framework"), pk=pk)
    levels = role.levels.order_by("position", "name")
    return render(request, "skills/library/role_detail.html", {"role": role, "levels": levels})


def role_level(request, pk: int):
    try:
        level = selectors.role_level_detail(pk)
    except RoleLevel.DoesNotExist:
        raise Http404("No such role level") from None
    previous, following = selectors.role_level_neighbours(level)
    yearly = selectors.role_level_benchmarks(level)
    published = [(str(row.year), row.benchmark) for row in yearly if row.benchmark]
    own_flag = HardToFillFlag.objects.filter(
        rules.own_entries(request.user), role_level=level
    ).first()
    return render(
        request,
        "skills/library/role_level.html",
        {
            "level": level,
            "needs": level.needs.all(),
            "previous": previous,
            "following": following,
            "yearly": yearly,
            "chart": box_plot(published),
            "own_flag": own_flag,
            **DISCLOSURE,
        },
    )


def compare(request):
    data = request.GET.copy() if "a" in request.GET else None
    if data is not None and not data.get("b") and data.get("a", "").isdigit():
        level = RoleLevel.objects.select_related("role").filter(pk=data["a"]).first()
        if level:
            _, following = selectors.role_level_neighbours(level)
            if following:
                data["b"] = str(following.pk)
    form = CompareForm(data)
    comparison = None
    if data is not None and form.is_valid():
        comparison = selectors.compare_role_levels(form.cleaned_data["a"], form.cleaned_data["b"])
    return render(request, "skills/library/compare.html", {"form": form, "comparison": comparison})


def skill_list(request):
    form = SkillSearchForm(request.GET)
    query, group = "", ""
    if form.is_valid():
        query, group = form.cleaned_data["q"].strip(), form.cleaned_data["group"]
    page = _page(request, selectors.skill_search(query, group))
    return render(request, "skills/library/skill_list.html", {"form": form, "page": page})


def skill_detail(request, pk: int):
    try:
        skill = selectors.skill_detail(pk)
    except Skill.DoesNotExist:
        raise Http404("No such skill") from None
    form = NeedingSkillForm(request.GET)
    at_least = form.cleaned_data["at_least"] if form.is_valid() else None
    page = _page(request, selectors.role_levels_needing(skill, at_least=at_least), 50)
    return render(
        request, "skills/library/skill_detail.html", {"skill": skill, "form": form, "page": page}
    )


# --- Salary benchmarks -------------------------------------------------------------------------


def _year_filter(request) -> int | None:
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() else None


def salaries(request):
    year = _year_filter(request)
    rows, years = selectors.published_benchmarks(year)
    page = _page(request, rows, 50)
    return render(
        request,
        "skills/library/salaries.html",
        {
            "page": page,
            "year": year,
            "years": years,
            **DISCLOSURE,
        },
    )


def salary_export(request):
    """Only published benchmarks, and only their published fields (a withheld one is left out)."""
    rows, _ = selectors.published_benchmarks(_year_filter(request))
    return csv_response(
        "salary-benchmarks.csv",
        [
            "role",
            "role level",
            "year",
            *ROW_HEADINGS,
        ],
        (
            [row.role_level.role.name, row.role_level.name, row.year, *row.benchmark.as_row]
            for row in rows
        ),
    )


def my_salaries(request):
    page = _page(request, selectors.own_salary_submissions(request.user), 50)
    return render(request, "skills/library/my_salaries.html", {"page": page, **DISCLOSURE})


def salary_create(request):
    initial = {}
    if request.GET.get("level", "").isdigit():
        initial["role_level"] = request.GET["level"]
    form = SalarySubmissionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.salary_submission_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                format_html(
                    "Saved {}'s range. "
                    '<a class="alert-link" href="{}">See all your organisation\'s ranges</a>.',
                    request.user.organisation,
                    reverse("skills:my_salaries"),
                ),
            )
            return redirect(submission.role_level)
    return render(
        request,
        "skills/library/salary_form.html",
        {"form": form, "creating": True, **DISCLOSURE},
    )


def salary_edit(request, pk: int):
    submission = _own_submission(request, pk)
    form = SalarySubmissionForm(request.POST or None, instance=submission)
    if request.method == "POST" and form.is_valid():
        try:
            services.salary_submission_update(
                submission=submission, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Saved the change.")
            return redirect("skills:my_salaries")
    return render(
        request,
        "skills/library/salary_form.html",
        {"form": form, "submission": submission, **DISCLOSURE},
    )


def salary_delete(request, pk: int):
    submission = _own_submission(request, pk)
    if request.method == "POST":
        try:
            services.salary_submission_delete(submission=submission, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Deleted the range.")
        return redirect("skills:my_salaries")
    return render(request, "skills/library/salary_delete.html", {"submission": submission})


# --- Hard-to-fill roles ------------------------------------------------------------------------


def hard_to_fill(request):
    page = _page(request, selectors.hard_to_fill_ranking())
    return render(
        request,
        "skills/library/hard_to_fill.html",
        {"page": page, "own_flags": selectors.own_hard_to_fill_flags(request.user)},
    )


def hard_to_fill_flag(request):
    initial = {}
    if request.GET.get("level", "").isdigit():
        initial["role_level"] = request.GET["level"]
    form = HardToFillForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            flag = services.hard_to_fill_flag_set(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Flagged {flag.role_level} as hard to fill.")
            return redirect("skills:hard_to_fill")
    return render(request, "skills/library/hard_to_fill_form.html", {"form": form})


@require_POST
def hard_to_fill_withdraw(request, pk: int):
    flag = get_object_or_404(
        HardToFillFlag.objects.filter(rules.own_entries(request.user)).select_related("role_level"),
        pk=pk,
    )
    services.hard_to_fill_flag_withdraw(flag=flag, by=request.user)
    messages.success(request, f"Withdrew the flag on {flag.role_level}.")
    return redirect("skills:hard_to_fill")
