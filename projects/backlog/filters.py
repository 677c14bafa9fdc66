"""The backlog's filters and sort (django-filter). Everything lives in the query string, so a
filtered view can be bookmarked and shared."""

import hashlib

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from loti_data.accounts.models import Organisation, User
from methodology.stages import STAGE_ORDER
from projects.backlog.rules import needs_triage_q
from projects.backlog.selectors import DEFAULT_SORT, SORTS, loti_staff_users, sort_order
from projects.models import Project, ProjectPartner, Theme

NO_OWNER = "none"
CHOICES_KEY = "backlog-filter-choices"
CHOICES_SECONDS = 60
FORM_CACHE_SECONDS = 10 * 60


def choice_rows() -> tuple[list, list, list]:
    """Themes, organisations and LOTI staff, for the filter's choices and the rows' names.

    Kept in the cache: they change rarely, and every change forgets them (``forget_choices``,
    connected to the signals of the models they come from) or, where a per-process cache
    missed another process's change, after ``CHOICES_SECONDS``.
    """
    kept = cache.get(CHOICES_KEY)
    if kept is None:
        kept = _read_choice_rows()
        cache.set(CHOICES_KEY, kept, CHOICES_SECONDS)
    return kept


def forget_choices(**kwargs) -> None:
    cache.delete(CHOICES_KEY)


def connect_choices() -> None:
    """Forget the choices when a theme, an organisation, a person or their groups change."""
    for model in (Theme, Organisation, User):
        post_save.connect(forget_choices, sender=model, dispatch_uid=f"backlog-choices-{model}")
        post_delete.connect(forget_choices, sender=model, dispatch_uid=f"backlog-del-{model}")
    m2m_changed.connect(
        forget_choices, sender=User.groups.through, dispatch_uid="backlog-choices-groups"
    )


def _read_choice_rows() -> tuple[list, list, list]:
    """One query (a UNION) instead of three, ordered here. Each list holds
    ``(pk, slug, name)``, staff with an empty slug."""
    themes = Theme.objects.order_by().values_list(Value("theme"), "pk", "slug", "name", "position")
    organisations = Organisation.objects.order_by().values_list(
        Value("organisation"), "pk", "slug", "name", Value(0)
    )
    staff = (
        loti_staff_users().order_by().values_list(Value("staff"), "pk", Value(""), "name", Value(0))
    )
    lists: dict[str, list] = {"theme": [], "organisation": [], "staff": []}
    rows = themes.union(organisations, staff, all=True)
    for kind, pk, slug, name, _ in sorted(rows, key=lambda r: (r[4], r[3].casefold(), r[1])):
        lists[kind].append((pk, slug, name))
    return lists["theme"], lists["organisation"], lists["staff"]


class BacklogFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="search",
        help_text="Words in the title or summary.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    # distinct=False: these filter the projects table itself, so rows cannot repeat (and a
    # DISTINCT would make every COUNT a sort of the whole table).
    status = django_filters.MultipleChoiceFilter(
        choices=Project.Status.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    stage = django_filters.MultipleChoiceFilter(
        choices=[(s.value, s.label) for s in STAGE_ORDER],
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    priority = django_filters.MultipleChoiceFilter(
        choices=Project.Priority.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    # Choices filled in __init__, one query each per request.
    theme = django_filters.ChoiceFilter(
        label="Theme", choices=[], method="filter_theme", empty_label="Any theme"
    )
    organisation = django_filters.ChoiceFilter(
        label="Organisation",
        choices=[],
        method="filter_organisation",
        empty_label="Any organisation",
        help_text="Leading the project or a partner on it.",
    )
    loti_owner = django_filters.ChoiceFilter(
        label="LOTI owner", choices=[], method="filter_owner", empty_label="Anyone"
    )
    needs_triage = django_filters.BooleanFilter(
        label="Needs triage only",
        method="filter_needs_triage",
        widget=forms.CheckboxInput,
        help_text="New projects, and open ones without a priority or a LOTI owner.",
    )
    min_interest = django_filters.NumberFilter(
        label="Interested organisations, at least",
        field_name="interest_count",
        lookup_expr="gte",
        min_value=0,
        max_value=1000,
    )
    replication = django_filters.ChoiceFilter(
        label="Replication",
        choices=[
            ("replica", "Replicas of another project"),
            ("replicated", "Replicated by other organisations"),
        ],
        method="filter_replication",
        empty_label="Any project",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="keep",
        empty_label=None,
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Slugs in the URL (readable bookmarks), ids in the SQL (no joins to look them up).
        themes, organisations, staff = choice_rows()
        self.theme_ids = {slug: pk for pk, slug, _ in themes}
        self.organisation_ids = {slug: pk for pk, slug, _ in organisations}
        # For the rows of the page: names by id, themes in their display order.
        self.theme_names = {pk: name for pk, _, name in themes}
        self.organisation_names = {pk: name for pk, _, name in organisations}
        self.filters["theme"].extra["choices"] = [(slug, name) for _, slug, name in themes]
        self.filters["organisation"].extra["choices"] = [
            (slug, name) for _, slug, name in organisations
        ]
        self.filters["loti_owner"].extra["choices"] = [(NO_OWNER, "No owner yet")] + [
            (str(pk), name) for pk, _, name in staff
        ]
        self._choices = (themes, organisations, staff)
        # A form field built from the class-level filter (with no choices yet), as a schema
        # generator does when it reads ``base_filters``, would be copied here: build afresh.
        for name in ("theme", "organisation", "loti_owner"):
            self.filters[name].__dict__.pop("_field", None)

    def query_pairs(self, drop: tuple[str, ...]) -> list[tuple[str, str]]:
        """The query string's pairs, sorted, less those named in ``drop``."""
        data = self.data or QueryDict()
        return sorted((k, v) for k in data if k not in drop for v in data.getlist(k))

    def rendered_controls(self) -> SafeString:
        """The filter form's HTML, kept in the cache: it is all template work (a third of the
        page's time), and it depends only on the query string (less the page) and the choice
        lists, so a digest of both is its key. The lists are read on every request: a new
        theme, organisation or member of staff makes a new key, never a stale form."""
        wanted = self.query_pairs(drop=("page",))
        digest = hashlib.sha256(repr((wanted, self._choices)).encode()).hexdigest()
        key = f"backlog-filters:{digest}"
        html = cache.get(key)
        if html is None:
            html = render_to_string("projects/backlog/_filters.html", {"controls": self.controls()})
            cache.set(key, html, FORM_CACHE_SECONDS)
        return mark_safe(html)  # the template's own output, escaped when it was rendered

    def controls(self) -> list[dict]:
        """The form as plain data, so the template renders it quickly and accessibly."""
        form = self.form
        form.is_valid()
        out = []
        for name, field in form.fields.items():
            bound = form[name]
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                kind = "checkboxes"
                chosen = {str(v) for v in (self.data.getlist(name) if self.data else [])}
            elif isinstance(field.widget, forms.CheckboxInput):
                kind = "checkbox"
                chosen = {"on"} if form.cleaned_data.get(name) else set()
            elif hasattr(field, "choices"):
                kind = "select"
                chosen = {str(self.data.get(name, "")) if self.data else ""}
            else:
                kind = "number" if isinstance(field, forms.DecimalField) else "text"
                chosen = set()
            out.append(
                {
                    "name": name,
                    "id": f"filter-{name}",
                    "label": field.label or name.replace("_", " ").capitalize(),
                    "kind": kind,
                    "help": field.help_text,
                    "errors": list(bound.errors),
                    "value": self.data.get(name, "") if self.data else "",
                    "options": [
                        {"value": str(v), "label": label, "chosen": str(v) in chosen}
                        for v, label in getattr(field, "choices", [])
                    ],
                    "checked": bool(chosen) and kind == "checkbox",
                }
            )
        return out

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))

    def filter_theme(self, queryset, name, value: str):
        tagged = Project.themes.through.objects.filter(
            project_id=OuterRef("pk"), theme_id=self.theme_ids[value]
        )
        return queryset.filter(Exists(tagged))

    def filter_organisation(self, queryset, name, value: str):
        organisation_id = self.organisation_ids[value]
        partner = ProjectPartner.objects.filter(
            project_id=OuterRef("pk"), organisation_id=organisation_id
        )
        return queryset.filter(Q(lead_organisation_id=organisation_id) | Q(Exists(partner)))

    def filter_owner(self, queryset, name, value: str):
        if value == NO_OWNER:
            return queryset.filter(loti_owner__isnull=True)
        return queryset.filter(loti_owner_id=value)

    def filter_needs_triage(self, queryset, name, value):
        return queryset.filter(needs_triage_q()) if value else queryset

    def filter_replication(self, queryset, name, value: str):
        if value == "replica":
            return queryset.filter(replicated_from__isnull=False)
        replica = Project.objects.filter(replicated_from_id=OuterRef("pk"))
        return queryset.filter(Exists(replica))

    def keep(self, queryset, name, value):
        return queryset  # the order is applied last, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or DEFAULT_SORT
        return queryset.order_by(*sort_order(sort))

    @property
    def active_filters(self) -> int:
        """How many filters (not the sort) narrow the list: for the result summary."""
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return sum(
            1 for key, value in data.items() if key != "sort" and value not in (None, "", [], False)
        )
