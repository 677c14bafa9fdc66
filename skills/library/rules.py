"""Who may do what to the capability model, jobs library, salary ranges and hard-to-fill flags.

One function a question. Views, templates (through their context), services and the Django admin
ask these, and the services enforce them, so no caller can do what a page would refuse.

Which salary figures may be published is a separate question with its own module: the
disclosure rule in ``skills/library/salaries.py``.
"""

from django.db.models import Q


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
