"""The signup form's limit per client, kept in the Django cache (occe_site/ratelimit.py): the
client address never reaches the database. The limits per email address are counted from the
requests in the database (newsletter/subscriptions.py)."""

from django.conf import settings

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
