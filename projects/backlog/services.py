"""Services for the shared backlog: triage, ranking, interest, partners, evaluation.

Every write to a project's backlog fields goes through a function here. Each one is keyword-only,
asks ``projects.backlog.rules`` whether the person (``by``) may do it (raising
``TriageNotAllowed`` before changing anything if not), runs in a transaction, checks its
preconditions (raising ``TriageError`` with a message fit for the person who asked), and writes
an append-only ``TriageChange`` row for every triage field it changes. Emails are owed to the
outbox in the same transaction (``projects/backlog/emails.py`` builds them) and never carry
private triage notes.

``project_set_status`` is also called by the ethics review, which declines a project it
rejects: the rules let the reviewer who rejected it do that, and nobody else but LOTI staff.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from loti_data.accounts.models import Organisation, User
from loti_data.errors import NotAllowed, RuleError
from loti_data.outbox.services import owe
from projects.backlog import emails, rules
from projects.models import (
    Evaluation,
    EvaluationRevision,
    Interest,
    Project,
    ProjectPartner,
    Theme,
    TriageChange,
    TriageNote,
)

Status = Project.Status
Priority = Project.Priority


class TriageError(RuleError):
    """A backlog action that the rules do not allow; the message is shown to the person."""


class TriageNotAllowed(NotAllowed):
    """Refused because of who asks: a 403 unless a caller handles it."""


def _require_loti_staff(user: User) -> None:
    if not rules.may_triage(user):
        raise TriageNotAllowed("Only LOTI staff can triage the backlog.")


def _record(
    *, project: Project, field: str, old: str, new: str, by: User, reason: str = ""
) -> TriageChange:
    return TriageChange.objects.create(
        project=project,
        field=field,
        old_value=str(old)[:500],
        new_value=str(new)[:500],
        reason=reason,
        changed_by=by,
    )


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


# --- Status --------------------------------------------------------------------------------


@transaction.atomic
def project_set_status(
    *,
    project: Project,
    status: str,
    reason: str,
    by: User,
    duplicate_of: Project | None = None,
    outcomes_achieved: str = "",
    lessons_learned: str = "",
) -> TriageChange:
    """Move a project to another backlog status, with a reason, and keep the history.

    1. Lock the project and check the rules: who may (``rules.may_change_status``); a reason is
       always given; "duplicate" names another project that is not itself a duplicate; "done"
       records the evaluation (outcomes achieved and lessons learned) unless the project
       already has one.
    2. Save the status (and the duplicate link), write the audit row, save the evaluation.
    3. Owe the project team an email (the reason, never the private notes).
    """
    project = _locked(project)
    if not rules.may_change_status(by, project, status):
        raise TriageNotAllowed("Only LOTI staff can triage the backlog.")
    reason = (reason or "").strip()
    if status not in Status.values:
        raise TriageError("Choose a valid status.")
    if status == project.status:
        raise TriageError(f"The project is already “{project.get_status_display()}”.")
    if not reason:
        raise TriageError("Give a reason for the change of status.")

    if status == Status.DUPLICATE:
        if duplicate_of is None:
            raise TriageError("Choose the project this one duplicates.")
        if duplicate_of.pk == project.pk:
            raise TriageError("A project cannot be a duplicate of itself.")
        if duplicate_of.status == Status.DUPLICATE:
            raise TriageError(
                "That project is itself marked as a duplicate: choose the original instead."
            )
    if status == Status.DONE:
        has_evaluation = Evaluation.objects.filter(project=project).exists()
        outcomes_achieved, lessons_learned = outcomes_achieved.strip(), lessons_learned.strip()
        if not has_evaluation and not (outcomes_achieved and lessons_learned):
            raise TriageError(
                "A finished project needs its evaluation: the outcomes achieved and the "
                "lessons learned."
            )

    old_label = project.get_status_display()
    project.status = status
    project.duplicate_of = duplicate_of if status == Status.DUPLICATE else None
    project.save(update_fields=["status", "duplicate_of", "updated_at"])
    new_label = project.get_status_display()
    if status == Status.DUPLICATE:
        new_label = f"{new_label} of “{duplicate_of.title}” (#{duplicate_of.pk})"
    change = _record(
        project=project,
        field=TriageChange.Field.STATUS,
        old=old_label,
        new=new_label,
        by=by,
        reason=reason,
    )
    if status == Status.DONE and outcomes_achieved and lessons_learned:
        evaluation_record(
            project=project,
            outcomes_achieved=outcomes_achieved,
            lessons_learned=lessons_learned,
            by=by,
        )
    owe(
        kind=emails.STATUS_CHANGED,
        key=str(change.pk),
        recipients=emails.team_ids(project.pk),
        payload={"change": change.pk},
    )
    return change


@transaction.atomic
def evaluation_record(
    *, project: Project, outcomes_achieved: str, lessons_learned: str, by: User
) -> Evaluation:
    """Record (or revise) what a finished project achieved and learned. The earlier versions
    are kept: each record or revision adds an ``EvaluationRevision``."""
    if not rules.may_record_evaluation(by, project):
        raise TriageNotAllowed("Only LOTI staff record a project's evaluation.")
    outcomes_achieved, lessons_learned = outcomes_achieved.strip(), lessons_learned.strip()
    if not outcomes_achieved or not lessons_learned:
        raise TriageError("Give both the outcomes achieved and the lessons learned.")
    text = {"outcomes_achieved": outcomes_achieved, "lessons_learned": lessons_learned}
    _locked(project)  # two revisions at once are kept one after the other
    evaluation = Evaluation.objects.filter(project=project).first()
    if evaluation is None:
        evaluation = Evaluation(project=project)
    elif all(getattr(evaluation, name) == value for name, value in text.items()):
        return evaluation  # nothing new to keep
    for name, value in text.items():
        setattr(evaluation, name, value)
    evaluation.recorded_by = by
    evaluation.full_clean()
    evaluation.save()
    revision = EvaluationRevision(evaluation=evaluation, recorded_by=by, **text)
    revision.full_clean()
    revision.save()
    return evaluation


# --- Priority, owner, themes ---------------------------------------------------------------


@transaction.atomic
def project_triage_update(
    *,
    project: Project,
    by: User,
    priority: int,
    loti_owner: User | None,
    themes: Iterable[Theme],
) -> list[TriageChange]:
    """Set priority, LOTI owner and themes; one audit row per field that actually changed."""
    _require_loti_staff(by)
    project = _locked(project)
    if priority not in Priority.values:
        raise TriageError("Choose a valid priority.")
    if loti_owner is not None and not rules.may_be_loti_owner(loti_owner):
        raise TriageError("The LOTI owner must be a member of LOTI staff.")

    changes: list[TriageChange] = []
    update_fields: list[str] = []
    if project.priority != priority:
        old = project.get_priority_display()
        project.priority = priority
        update_fields.append("priority")
        changes.append(
            _record(
                project=project,
                field=TriageChange.Field.PRIORITY,
                old=old,
                new=project.get_priority_display(),
                by=by,
            )
        )
    if project.loti_owner_id != (loti_owner.pk if loti_owner else None):
        old = str(project.loti_owner) if project.loti_owner_id else "Nobody"
        project.loti_owner = loti_owner
        update_fields.append("loti_owner")
        changes.append(
            _record(
                project=project,
                field=TriageChange.Field.LOTI_OWNER,
                old=old,
                new=str(loti_owner) if loti_owner else "Nobody",
                by=by,
            )
        )
    old_themes = sorted(project.themes.all(), key=lambda t: (t.position, t.name))
    new_themes = sorted(set(themes), key=lambda t: (t.position, t.name))
    if [t.pk for t in old_themes] != [t.pk for t in new_themes]:
        project.themes.set(new_themes)
        update_fields.append("updated_at")
        changes.append(
            _record(
                project=project,
                field=TriageChange.Field.THEMES,
                old=", ".join(t.name for t in old_themes) or "None",
                new=", ".join(t.name for t in new_themes) or "None",
                by=by,
            )
        )
    if update_fields:
        project.save(update_fields=sorted({*update_fields, "updated_at"}))
    return changes


# --- Rank ----------------------------------------------------------------------------------


@transaction.atomic
def project_move(*, project: Project, position: int, by: User) -> TriageChange | None:
    """Put a project at ``position`` in the ranked backlog (1 is the top); others shift by one.

    Positions outside the backlog are clamped to its top or bottom. The rows in between are
    locked, so two moves that overlap wait for each other instead of corrupting the order.
    """
    _require_loti_staff(by)
    project = _locked(project)
    bottom = Project.objects.aggregate(Max("rank"))["rank__max"] or 1
    old = project.rank if project.rank is not None else bottom + 1
    new = max(1, min(int(position), max(bottom, 1)))
    if new == old:
        return None
    if new < old:
        between = Project.objects.filter(rank__gte=new, rank__lt=old)
        shift = F("rank") + 1
    else:
        between = Project.objects.filter(rank__gt=old, rank__lte=new)
        shift = F("rank") - 1
    list(between.select_for_update().values_list("pk", flat=True))
    between.exclude(pk=project.pk).update(rank=shift)
    project.rank = new
    project.save(update_fields=["rank", "updated_at"])
    return _record(
        project=project,
        field=TriageChange.Field.RANK,
        old=str(old) if old <= bottom else "Unranked",
        new=str(new),
        by=by,
    )


def project_move_up(*, project: Project, by: User) -> TriageChange | None:
    return project_move(project=project, position=(project.rank or 2) - 1, by=by)


def project_move_down(*, project: Project, by: User) -> TriageChange | None:
    return project_move(project=project, position=(project.rank or 0) + 1, by=by)


# --- Private notes -------------------------------------------------------------------------


@transaction.atomic
def triage_note_add(*, project: Project, text: str, by: User) -> TriageNote:
    """Add a private note, seen only by LOTI staff."""
    if not rules.may_keep_private_notes(by):
        raise TriageNotAllowed("Only LOTI staff can triage the backlog.")
    text = (text or "").strip()
    if not text:
        raise TriageError("Write the note before saving it.")
    note = TriageNote(project=project, text=text, author=by)
    note.full_clean()
    note.save()
    return note


# --- Interest and partners -----------------------------------------------------------------


def _recount_interest(project: Project) -> None:
    count = Interest.objects.filter(project=project, status=Interest.Status.INTERESTED).count()
    Project.objects.filter(pk=project.pk).update(interest_count=count)
    project.interest_count = count


@transaction.atomic
def interest_register(
    *, project: Project, organisation: Organisation, by: User, message: str = ""
) -> Interest:
    """Register an organisation's interest in a project (one open interest per organisation)."""
    if not rules.may_register_interest(by, organisation):
        raise TriageNotAllowed(
            "You can register only your own organisation's interest, and LOTI staff do not "
            "join projects as partners."
        )
    project = _locked(project)
    refusal = rules.interest_refusal(
        project,
        organisation,
        partner_ids=set(project.partnerships.values_list("organisation_id", flat=True)),
        interested_ids=set(
            project.interests.filter(status=Interest.Status.INTERESTED).values_list(
                "organisation_id", flat=True
            )
        ),
    )
    if refusal:
        raise TriageError(refusal)
    interest = Interest(
        project=project, organisation=organisation, registered_by=by, message=message.strip()
    )
    interest.full_clean()
    interest.save()
    _recount_interest(project)
    owe(
        kind=emails.INTEREST_REGISTERED,
        key=str(interest.pk),
        recipients=emails.lead_ids(project.pk),
        payload={"interest": interest.pk},
    )
    return interest


@transaction.atomic
def interest_withdraw(*, interest: Interest, by: User) -> Interest:
    """Withdraw an organisation's open interest; the row stays as history."""
    if not rules.may_withdraw_interest(by, interest):
        raise TriageNotAllowed("Only someone from the interested organisation can withdraw it.")
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    if interest.status != Interest.Status.INTERESTED:
        raise TriageError("This interest is no longer open.")
    interest.status = Interest.Status.WITHDRAWN
    interest.decided_by = by
    interest.decided_at = timezone.now()
    interest.save(update_fields=["status", "decided_by", "decided_at"])
    _recount_interest(interest.project)
    return interest


def _decide_interest(
    interest: Interest, *, by: User, status: str, email: str, **changes
) -> Interest:
    """Lock an open interest, record the lead's answer on it, and tell the person who
    registered it. Refused for anyone but the project's leads, and once it is answered."""
    if not rules.may_decide_interest(by, interest.project):
        raise TriageNotAllowed("Only the project's lead can answer an organisation's interest.")
    interest = Interest.objects.select_for_update().select_related("project").get(pk=interest.pk)
    if interest.status != Interest.Status.INTERESTED:
        raise TriageError("This interest is no longer open.")
    interest.status = status
    interest.decided_by = by
    interest.decided_at = timezone.now()
    for name, value in changes.items():
        setattr(interest, name, value)
    interest.full_clean()
    interest.save(update_fields=["status", "decided_by", "decided_at", *changes])
    _recount_interest(interest.project)
    owe(
        kind=email,
        key=str(interest.pk),
        recipients=[interest.registered_by_id],
        payload={"interest": interest.pk},
    )
    return interest


@transaction.atomic
def interest_decline(*, interest: Interest, by: User, reason: str) -> Interest:
    """The project's lead declines an organisation's interest, saying why; the row stays as
    history and the person who registered it is told, with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise TriageError("Say why you are declining, so the organisation knows.")
    return _decide_interest(
        interest,
        by=by,
        status=Interest.Status.DECLINED,
        email=emails.INTEREST_DECLINED,
        decline_reason=reason,
    )


@transaction.atomic
def interest_accept(*, interest: Interest, by: User) -> ProjectPartner:
    """The project's lead takes an interested organisation on as a partner."""
    interest = _decide_interest(
        interest, by=by, status=Interest.Status.ACCEPTED, email=emails.PARTNER_ACCEPTED
    )
    partner, _ = ProjectPartner.objects.get_or_create(
        project=interest.project, organisation_id=interest.organisation_id
    )
    Project.objects.filter(pk=interest.project_id).update(updated_at=timezone.now())
    return partner
