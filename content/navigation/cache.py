"""The navigation of each site, kept in Django's cache.

Every page shows the same menus and footer, so they are built once per site (building.py)
and kept under one key: a page view then reads that key and runs no query for them.
content/signal_handlers.py deletes the key when an editor saves a menu, the footer, a partner,
the settings, an image or a document, or a page that the navigation shows (see
invalidate_navigation_for_page).
"""

from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page, Site

from content.navigation.building import build_navigation, empty_navigation
from httpcache.fragments import hrefs

# Bump when the shape of the cached data changes, so that a deploy never reads old data.
CACHE_VERSION = 3  # 3: with its `hrefs`
# Saving what the navigation shows clears the cache at once: the timeout only bounds how long
# an entry the signals could not reach (a change made straight in the database) may live.
CACHE_TIMEOUT = 60 * 60 * 6


def cache_key(site_id):
    return f"navigation:v{CACHE_VERSION}:site:{site_id}"


def site_navigation(request):
    """The navigation of the request's site, from the cache or built once and cached."""
    site = Site.find_for_request(request)
    if site is None:
        return empty_navigation()
    key = cache_key(site.pk)
    data = cache.get(key)
    if data is None:
        data = build_navigation(site, request)
        # Every address it links to, for the header's and footer's aria-current
        # (httpcache_tags.current_nav_href): found once here, not on every page view.
        data["hrefs"] = frozenset(hrefs(data))
        cache.set(key, data, CACHE_TIMEOUT)
    return data


def invalidate_navigation(**kwargs):
    """Forget the cached navigation of every site (a menu, the footer, a partner, an image…
    was saved)."""
    _delete_later_too([cache_key(site_id) for site_id in _site_ids()])


def invalidate_navigation_for_page(page):
    """Forget the cached navigation of the sites whose menus or footer show `page`.

    A site's navigation shows the pages its menu and footer link to (their titles do not
    appear, but their addresses do, and so do those of their descendants), the news index
    (for the feed) and, before a menu is published, the children of the home page. Publishing
    anything else (the daily news items, resources…) leaves the cache alone.
    """
    keys = []
    for site_id in _site_ids():
        data = cache.get(cache_key(site_id))
        if data is not None and _shows(data.get("watch") or {}, page.path):
            keys.append(cache_key(site_id))
    if keys:
        _delete_later_too(keys)


def _shows(watch, path):
    root_path = watch.get("root_path", "")
    if path.startswith(root_path) and len(path) <= len(root_path) + Page.steplen:
        return True  # the home page or a page right under it: sections, fallback menu
    return any(watched.startswith(path) for watched in watch.get("paths", ()))


def _site_ids():
    # Site.get_site_root_paths() is cached by Wagtail: no query on each page publish.
    return [root.site_id for root in Site.get_site_root_paths()]


def _delete_later_too(keys):
    """Delete now, and again once the transaction commits, so that a request running
    meanwhile cannot put back what the transaction is replacing."""
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
