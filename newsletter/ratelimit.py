"""Rate limits of the signup form, kept in the Django cache (occe_site/ratelimit.py): the
client address never reaches the database."""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from occe_site import clients, ratelimit

WINDOW = 10 * 60  # seconds


def allow_client(request) -> bool:
    """Count one attempt from this client (an IPv6 client by its /64); False past the limit."""
    return ratelimit.hit(
        "newsletter:client",
        clients.client_key(request) or "unknown",
        limit=settings.NEWSLETTER_RATE_LIMIT_PER_CLIENT,
        window=WINDOW,
    )


def allow_email(email: str) -> bool:
    """At most one confirmation email to one address per window, whatever is submitted."""
    key = f"newsletter:rl:email:{salted_hmac('newsletter.ratelimit', email.lower()).hexdigest()}"
    return cache.add(key, 1, WINDOW)
