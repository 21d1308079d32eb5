"""Which pages are private (a view restriction on them or on an ancestor), read once and kept
in the shared cache, so that a page view asks the database nothing about it.

Wagtail checks the restrictions of a page and of its ancestors on every view (two queries) and
`.public()` reads every restriction each time a queryset is built (one query, even when the
queryset is never run). Restrictions are few and rarely change: their pages' paths are kept
under one key, and the pages' views (RestrictionsFromCacheMixin), the menus (content/navigation)
and the lists (`public()`) read them from there.

content/signal_handlers.py drops the key when a restriction is added or removed, when a page is
moved (paths change) and when an alias is saved. A page under a restricted path, or under an
alias (whose restrictions are its source's), gets Wagtail's own check: the cache only ever
spares the check of a page that no restriction can reach.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

CACHE_KEY = "privacy:v1:restricted-paths"
# The signals drop the key at once: the timeout bounds a change made straight in the database.
CACHE_TIMEOUT = 60 * 60


def restricted_paths() -> dict:
    """{"private": paths of the restricted pages, "aliases": paths of the alias pages}."""
    data = cache.get(CACHE_KEY)
    if data is None:
        data = {
            "private": tuple(PageViewRestriction.objects.values_list("page__path", flat=True).distinct()),
            "aliases": tuple(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
        }
        cache.set(CACHE_KEY, data, CACHE_TIMEOUT)
    return data


def forget_restricted_paths(**kwargs) -> None:
    """Drop the key now, and again once the transaction commits (a request running meanwhile
    may have put back what the transaction is changing)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _under(path, paths) -> bool:
    return any(path.startswith(prefix) for prefix in paths)


def is_private(page, data=None) -> bool:
    """`page` or an ancestor has a view restriction (aliases aside: see may_be_restricted)."""
    return _under(page.path, (data or restricted_paths())["private"])


def may_be_restricted(page) -> bool:
    """A view restriction may apply to `page`: Wagtail must check it."""
    data = restricted_paths()
    return _under(page.path, data["private"]) or _under(page.path, data["aliases"])


def public(queryset):
    """`queryset.public()` without reading the restrictions from the database."""
    private = restricted_paths()["private"]
    if not private:
        return queryset
    excluded = Q()
    for path in private:
        excluded |= Q(path__startswith=path)
    return queryset.exclude(excluded)


class RestrictionsFromCacheMixin:
    """Page views skip Wagtail's two queries when no restriction can reach the page."""

    def get_view_restrictions(self):
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
