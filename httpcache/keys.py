"""Surrogate keys: what a cacheable response shows, so that a change purges exactly the
responses that show it.

While a response renders, views, template tags and components say what they show with
`add_cache_keys(request, …)`; httpcache.policy sends the keys in one header (`xkey` for
Varnish, see settings.CACHE_KEYS_HEADER). When an editor publishes, httpcache.signal_handlers
asks Varnish to purge the keys of what changed (httpcache.purge).

The keys:

- `page-<id>`: the page itself, and every response that shows it: a card on the home page, in
  an index, in the search results or among related pages, or a breadcrumb link;
- `children-<id>`: every response that lists the children of page <id> (its own page: an index
  and its filters and pages, the news feed, a page's "Dans cette rubrique");
- `list-<model>`: lists of one page type across the site (the latest news on the home page);
- `theme-<id>`: responses that name the theme or list pages of that theme ("À lire aussi");
- `navigation`, `partners`, `settings`: the header and footer, the partners' logos, the
  site's SEO settings, on every HTML page;
- `sitemap`: /sitemap.xml and the "Plan du site"; `search`: every page of /recherche/.
"""

from collections.abc import Iterable
from functools import wraps

from django.db import models
from django.db.models import QuerySet
from wagtail.models import Page

NAVIGATION = "navigation"
PARTNERS = "partners"
SETTINGS = "settings"
SITEMAP = "sitemap"
SEARCH = "search"

# What every HTML page shows through base.html (the header, the footer, the head tags).
LAYOUT_KEYS = (NAVIGATION, PARTNERS, SETTINGS)


def page_key(page_id) -> str:
    return f"page-{page_id}"


def children_key(page_id) -> str:
    return f"children-{page_id}"


def list_key(model) -> str:
    return f"list-{model._meta.model_name}"


def instance_key(instance) -> str:
    if isinstance(instance, Page):
        return page_key(instance.pk)
    return f"{instance._meta.model_name}-{instance.pk}"


def keys_for(*items) -> set[str]:
    """The keys of `items`: a string is a key; a page gives `page-<id>`, another model instance
    `<model>-<id>` (`theme-3`); a queryset or a model class, the list of that type
    (`list-newspage`); any other iterable, the keys of what it holds."""
    keys = set()
    for item in items:
        if item is None or item == "":
            continue
        if isinstance(item, str):
            keys.add(item)
        elif isinstance(item, models.Model):
            keys.add(instance_key(item))
        elif isinstance(item, QuerySet):
            keys.add(list_key(item.model))
        elif isinstance(item, type) and issubclass(item, models.Model):
            keys.add(list_key(item))
        elif isinstance(item, Iterable):
            keys |= keys_for(*item)
        else:
            raise TypeError(f"No cache key for {item!r}")
    return keys


def add_cache_keys(request, *items) -> None:
    """Record on `request` that its response shows `items` (see keys_for)."""
    if request is None:
        return
    if not hasattr(request, "cache_keys"):
        request.cache_keys = set()
    request.cache_keys |= keys_for(*items)


def get_cache_keys(request) -> list[str]:
    return sorted(getattr(request, "cache_keys", ()))


def with_cache_keys(*keys):
    """A view decorator: every response of the view shows `keys`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            add_cache_keys(request, *keys)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
