"""The errors every part's services raise when the rules say no.

* :class:`RuleError`: a change the rules refuse (a stage not complete, a stale form, a full
  meet-up). Its message is written for the person and shown as it is.
* :class:`NotAllowed`: the person has no right to do this at all. It is also Django's
  ``PermissionDenied``, so a view that does not catch it answers 403 with the same message.

Each part subclasses :class:`RuleError` for its own refusals (``CanvasError``, ``TriageError``…).
"""

from django.core.exceptions import PermissionDenied


class RuleError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(RuleError, PermissionDenied):
    """Refused because of who is asking, not because of the object's state.

    ``link`` is an optional ``(url, label)`` the 403 page offers: where the person can go
    instead (the project they may read but not edit)."""

    def __init__(self, message: str, *, link: tuple[str, str] | None = None):
        super().__init__(message)
        self.link = link


def require(allowed: bool, message: str) -> None:
    """Raise :class:`NotAllowed` with ``message`` unless ``allowed``: services start with it."""
    if not allowed:
        raise NotAllowed(message)
