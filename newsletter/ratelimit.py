"""Rate limits kept in the Django cache, the only place a client address goes.

Keys are HMACs of the address (client or email), so the cache holds neither in
clear; they expire with their window. Nothing about the client reaches the database.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

WINDOW = 10 * 60  # seconds


def _key(kind: str, value: str) -> str:
    return f"newsletter:rl:{kind}:{salted_hmac('newsletter.ratelimit', value).hexdigest()}"


def client_address(request) -> str:
    header = settings.NEWSLETTER_CLIENT_IP_HEADER
    if header and request.META.get(header):
        # X-Forwarded-For: the last entry is the one our own proxy appended.
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def allow_client(request) -> bool:
    """Count one attempt from this client; False past the limit for the window."""
    key = _key("client", client_address(request))
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count <= settings.NEWSLETTER_RATE_LIMIT_PER_CLIENT


def allow_email(email: str) -> bool:
    """At most one confirmation email to one address per window, whatever is submitted."""
    return cache.add(_key("email", email.lower()), 1, WINDOW)
