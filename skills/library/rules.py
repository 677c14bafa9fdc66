"""Who may do what to the capability model, jobs library, salary ranges and hard-to-fill flags.

One function a question. Views, templates (through their context), services and the Django admin
ask these, and the services enforce them, so no caller can do what a page would refuse.

Which salary figures may be published is a separate question with its own module: the
disclosure rule in ``skills/library/salaries.py``.
"""

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

# How often one organisation may change its ranges for one role level and year: enough to add
# an advertised and an actual range and correct a typo, too few to probe the published figures
# by editing over and over (what the disclosure rule in skills/library/salaries.py cannot stop).
SALARY_CHANGES_PER_DAY = 5
SALARY_CHANGE_WINDOW = timedelta(hours=24)


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def manages_library(user) -> bool:
    """Library admins (superusers included) keep the capability model, jobs library and salary
    data in the Django admin, and import capability frameworks."""
    return _active(user) and user.is_library_admin


def may_share(user) -> bool:
    """Any active member shares salary ranges and flags hard-to-fill role levels, always for
    their own organisation."""
    return _active(user)


def is_own_entry(user, entry) -> bool:
    """A salary range or hard-to-fill flag is seen in full, changed, deleted or withdrawn only by
    the people of the organisation it belongs to."""
    return may_share(user) and entry.organisation_id == user.organisation_id


def own_entries(user) -> Q:
    """:func:`is_own_entry` as a filter for salary ranges and hard-to-fill flags."""
    if not may_share(user):
        return Q(pk__in=[])
    return Q(organisation_id=user.organisation_id)


def salary_change_refusal(changes_at: list[datetime], now: datetime | None = None) -> str:
    """Why another change (create, edit or delete) of an organisation's ranges for one role
    level and year is refused now, given when its earlier changes were made ("" if it is not).
    """
    now = now or timezone.now()
    recent = sorted(at for at in changes_at if at > now - SALARY_CHANGE_WINDOW)
    if len(recent) < SALARY_CHANGES_PER_DAY:
        return ""
    allowed_at = timezone.localtime(recent[-SALARY_CHANGES_PER_DAY] + SALARY_CHANGE_WINDOW)
    return (
        f"Your organisation has changed its ranges for this role level and year "
        f"{len(recent)} times in the last 24 hours. To keep other organisations' figures safe, "
        f"the next change can be made after {allowed_at:%H:%M} on {allowed_at.day} "
        f"{allowed_at:%B}."
    )
