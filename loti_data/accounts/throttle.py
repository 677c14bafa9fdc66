"""The log-in throttle: django-axes' database handler, counting per account and per address."""

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from loti_data.accounts.login import axes_username


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler (``AXES_HANDLER``) with two changes.

    - One client address may fail more often than one account (``LOGIN_IP_FAILURE_LIMIT``
      against ``AXES_FAILURE_LIMIT``): a council office shares one address, and its people's
      typing mistakes must not lock each other out as soon as one account's would. Axes
      compares the larger count with ``AXES_FAILURE_LIMIT``, so the address's count is scaled
      to reach it at ``LOGIN_IP_FAILURE_LIMIT``.
    - A successful log-in clears that account's failures only, not its address's: otherwise
      logging in to one's own account would reset the count of a password sprayer.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        attempts = self.get_user_attempts(request, credentials)
        counts = {
            parameter: queryset.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for parameter, queryset in zip(settings.AXES_LOCKOUT_PARAMETERS, attempts, strict=True)
        }
        by_address = counts.get("ip_address", 0)
        scaled = by_address * settings.AXES_FAILURE_LIMIT // settings.LOGIN_IP_FAILURE_LIMIT
        return max(counts.get("username", 0), scaled)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        username = axes_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
