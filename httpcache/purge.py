"""Purging the shared cache when content changes: which keys, and the task that sends them.

An editor's action (publish, unpublish, move, delete, restrict a page; publish a menu or a
footer; save a partner, a theme or the settings) computes the surrogate keys of what changed
(httpcache.keys) and enqueues `purge` once the transaction commits. The task runs on the
"purge" task backend (settings.TASKS), a queue in production, so the editor never waits for
Varnish; it sends the keys, and the page's own addresses (a 404 cached before the page
existed), to every backend of settings.WAGTAILFRONTENDCACHE.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django_tasks import task
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, Site

from content.models import Footer, MainMenu
from content.navigation.building import referenced_page_ids
from httpcache.fragments import bump_versions
from httpcache.keys import NAVIGATION, SEARCH, SITEMAP, children_key, list_key, page_key

logger = logging.getLogger(__name__)


@task(backend="purge")
def purge(keys: list[str], urls: list[str]) -> int:
    """Purge `keys` and `urls` from every frontend cache; the number of caches reached."""
    backends = get_backends()
    for backend in backends.values():
        if keys and hasattr(backend, "purge_keys"):
            backend.purge_keys(keys)
    if urls and backends:
        purge_urls_from_cache_task.call(urls)
    return len(backends)


def schedule_purge(keys, urls=()) -> None:
    """Drop the fragments that showed `keys` (httpcache.fragments), now and once the current
    transaction commits; then enqueue the purge of the frontend caches."""
    keys, urls = sorted(keys), sorted(urls)
    # Now as well: a fragment rendered meanwhile from the old rows is dropped at commit.
    bump_versions(keys)

    def send():
        bump_versions(keys)
        if get_backends():
            purge.enqueue(keys, urls)

    transaction.on_commit(send)


def page_change_keys(page) -> set[str]:
    """What may change when `page` is published, unpublished or deleted: every response that
    shows it, that lists its parent's children or pages of its type, the "À lire aussi" of its
    themes, the sitemap and the search; the navigation if it shows the page."""
    keys = {page_key(page.pk), list_key(page.specific_class or Page), SITEMAP, SEARCH}
    parent_id = Page.objects.filter(path=page.path[: -Page.steplen]).values_list("pk", flat=True).first()
    if parent_id is not None:
        keys.add(children_key(parent_id))
    specific = page.specific_deferred
    if hasattr(specific, "themes"):
        keys |= {f"theme-{pk}" for pk in specific.themes.values_list("pk", flat=True)}
    if navigation_shows(page):
        keys.add(NAVIGATION)
    return keys


def subtree_change_keys(page, *parents) -> set[str]:
    """A move or a change of access restrictions: every page of the subtree changes address or
    visibility, and so does every response that shows or lists one of them."""
    keys = {SITEMAP, SEARCH, NAVIGATION}
    for pk, content_type_id in Page.objects.descendant_of(page, inclusive=True).values_list(
        "pk", "content_type_id"
    ):
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        keys |= {page_key(pk), children_key(pk), list_key(model)}
    keys |= {children_key(parent.pk) for parent in parents if parent is not None}
    return keys


def page_urls(page) -> list[str]:
    batch = PurgeBatch()
    batch.add_page(page)
    return sorted(batch.urls)


def navigation_shows(page) -> bool:
    """The header or the footer shows `page`: a site's home page or one of its children (the
    sections), or a page that a live menu or footer links to, or one of its ancestors (part of
    its address). The same pages as content/signal_handlers.py clears the navigation cache for."""
    for root in Site.get_site_root_paths():  # cached by Wagtail: no query
        if page.url_path and page.url_path.startswith(root.root_path):
            if page.url_path[len(root.root_path) :].count("/") <= 1:
                return True
    linked = referenced_page_ids(*MainMenu.objects.filter(live=True), *Footer.objects.filter(live=True))
    if not linked:
        return False
    linked_paths = Page.objects.filter(pk__in=linked).values_list("path", flat=True)
    return any(path.startswith(page.path) for path in linked_paths)
