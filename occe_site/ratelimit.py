"""Counters in the Django cache for rate limits, shared by the site's public forms.

Keys are HMACs of what is counted (a client address, an email address), so the cache holds
neither in clear; they expire with their window. Nothing about the client reaches the database.
"""

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def _key(scope: str, value: str) -> str:
    return f"rl:{scope}:{salted_hmac('occe_site.ratelimit', value).hexdigest()}"


def hit(scope: str, value: str, *, limit: int, window: int) -> bool:
    """Count one attempt for `value`; False once more than `limit` were made in `window` seconds."""
    key = _key(scope, value)
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit
