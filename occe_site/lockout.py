"""Login lockouts with one limit per thing counted (settings.LOGIN_FAILURE_LIMITS).

django-axes counts failures for each of AXES_LOCKOUT_PARAMETERS (one account from one address,
one address, one account) but compares them all with one AXES_FAILURE_LIMIT. This handler gives
each its own limit: it reports the failures as seen from the limit closest to being reached, so
that axes locks out as soon as any one is reached.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class LoginLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        # get_user_attempts() gives one queryset per lockout parameter, in settings order.
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        headroom = min(
            limit - count for (_, limit), count in zip(settings.LOGIN_FAILURE_LIMITS, counts, strict=True)
        )
        return get_failure_limit(request, credentials) - headroom

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears the failures of that account from that address only: an
        attacker who knows one password must not wipe the count of their guesses at others."""
        username = get_client_username(request, credentials)
        attempts = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address)
        count, _ = attempts.delete()
        return count
