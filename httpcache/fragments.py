"""Rendered fragments of pages kept in Django's cache, and dropped by the same surrogate keys
as Varnish's copies of the pages.

A page that Varnish must render again (after a purge, for a new Varnish, for a page nobody
asked for in a day) is mostly made of parts that did not change: the header and the footer,
the cards of pages that were not edited, the hero of the home page. `{% fragment %}`
(httpcache_tags) keeps such a part with the keys it showed (the `add_cache_keys` calls made
while rendering it) and the version of each key. Purging a key (httpcache.purge) gives it a new
version, so a fragment is used again only while none of the keys it showed has been purged.
A hit costs two cache reads, or one when the versions of its keys were read by an earlier
fragment of the same request (the header, the partners and the footer all show `navigation`);
the keys it showed still go into the page's own header. Each site has its own fragments: its own
menus, and pages of another site linked by their full address.
"""

import time

from django.conf import settings
from django.core.cache import caches
from wagtail.models import Site

from httpcache.keys import add_cache_keys

VERSION_PREFIX = "xkey-version:"
# Bump when what the fragments show changes with the code (menus without private pages, v2), so
# that a deploy never serves fragments rendered by the code before.
FRAGMENT_VERSION = 3  # v3: one set of fragments per site


def fragment_cache():
    return caches[settings.FRAGMENT_CACHE]


def bump_versions(keys) -> None:
    """Every fragment that showed one of `keys` is out of date."""
    version = time.time_ns()
    fragment_cache().set_many({VERSION_PREFIX + key: version for key in keys}, None)


def current_versions(keys) -> dict:
    found = fragment_cache().get_many([VERSION_PREFIX + key for key in keys])
    return {key: found.get(VERSION_PREFIX + key, 0) for key in keys}


def request_versions(request, keys) -> dict:
    """current_versions, each key read once per request."""
    known = request.__dict__.setdefault("_xkey_versions", {})
    missing = [key for key in keys if key not in known]
    if missing:
        known.update(current_versions(missing))
    return {key: known[key] for key in keys}


def cached_fragment(request, name: str, render) -> str:
    """The HTML of fragment `name`, from the cache if none of its keys changed since it was
    rendered, else from `render()` (and kept)."""
    cache = fragment_cache()
    site = Site.find_for_request(request)  # found once per request (content/site_cache.py)
    cache_key = f"fragment:v{FRAGMENT_VERSION}:{site.pk if site else 0}:{name}"
    entry = cache.get(cache_key)
    if entry is not None and request_versions(request, entry["versions"]) == entry["versions"]:
        add_cache_keys(request, entry["versions"])
        return entry["html"]

    started = time.time_ns()
    outer = getattr(request, "cache_keys", None)
    request.cache_keys = set()
    try:
        html = render()
        keys = request.cache_keys
    finally:
        request.cache_keys = (outer or set()) | request.cache_keys
    versions = current_versions(sorted(keys))
    request.__dict__.setdefault("_xkey_versions", {}).update(versions)
    # A key purged while this was rendering: what was read may be older than its new version.
    if all(version < started for version in versions.values()):
        cache.set(cache_key, {"html": html, "versions": versions}, settings.FRAGMENT_CACHE_TIMEOUT)
    return html


def hrefs(data) -> set[str]:
    """Every `href` of nested plain data (the navigation's)."""
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "href" and isinstance(value, str):
                found.add(value)
            else:
                found |= hrefs(value)
    elif isinstance(data, list | tuple):
        for item in data:
            found |= hrefs(item)
    return found
