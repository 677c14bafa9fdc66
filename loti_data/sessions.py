"""Sessions end after 30 minutes without a request, without a database write on every page.

Django's ``SESSION_SAVE_EVERY_REQUEST`` writes the session on every request (three queries). We
refresh it instead at most once a minute: a session then expires between 29 and 30 minutes after
the person's last request.
"""

import time

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

REFRESHED_AT = "_refreshed_at"
REFRESH_EVERY_SECONDS = 60


def _stamp(session) -> None:
    session[REFRESHED_AT] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Placed after SessionMiddleware: marks a signed-in session for saving (which moves its
    expiry forward) when its last refresh is more than a minute old."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # Only a signed-in session: a request signed by an API token must not start one.
        if user is not None and user.is_authenticated and SESSION_KEY in request.session:
            last = request.session.get(REFRESHED_AT, 0)
            if time.time() - last >= REFRESH_EVERY_SECONDS:
                _stamp(request.session)
        return response


@receiver(user_logged_in)
def stamp_new_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        _stamp(request.session)
