"""What purges the shared cache: every change an editor can make to what visitors see.

Pages: published (scheduled publishing included: `publish_scheduled` publishes the revision
and sends the same signal), unpublished, deleted, moved, or given or relieved of an access
restriction. Snippets and settings: a menu or a footer published or unpublished, a partner,
a theme or the SEO settings saved or deleted. Each computes the keys concerned
(httpcache.purge) and enqueues one purge after the transaction commits.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from content.models import Footer, MainMenu, Partner, SeoSettings, Theme
from httpcache.keys import LAYOUT_KEYS, NAVIGATION, PARTNERS, SETTINGS, instance_key, list_key
from httpcache.policy import forget_kept_pages
from httpcache.purge import page_change_keys, page_urls, schedule_purge, subtree_change_keys

DISPATCH_UID = "httpcache.purge"


def register_signal_handlers():
    for signal in (user_logged_in, user_logged_out):
        name = "signed_in" if signal is user_logged_in else "signed_out"
        signal.connect(forget_kept_pages, dispatch_uid=f"httpcache.browser.{name}")
    page_published.connect(page_changed, dispatch_uid=f"{DISPATCH_UID}.published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{DISPATCH_UID}.unpublished")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid=f"{DISPATCH_UID}.deleted")
    post_page_move.connect(page_moved, dispatch_uid=f"{DISPATCH_UID}.moved")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{DISPATCH_UID}.restriction"
        )
    for model in (MainMenu, Footer):
        for signal in (published, unpublished, post_delete):
            signal.connect(
                navigation_changed, sender=model, dispatch_uid=f"{DISPATCH_UID}.{model._meta.label}"
            )
    # Images and documents: the header and footer show some (promotions, logos, file sizes),
    # as content/signal_handlers.py knows when it drops the cached navigation.
    layout = (Site, get_image_model(), get_document_model())
    for model, key in (
        (Partner, PARTNERS),
        (SeoSettings, SETTINGS),
        (Theme, None),
        *((m, None) for m in layout),
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                snippet_changed(key),
                sender=model,
                dispatch_uid=f"{DISPATCH_UID}.{model._meta.label}",
                weak=False,
            )


def page_changed(sender, instance, **kwargs):
    schedule_purge(page_change_keys(instance), page_urls(instance))


def page_deleted(sender, instance, **kwargs):
    if instance.live:
        schedule_purge(page_change_keys(instance))


def page_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    schedule_purge(subtree_change_keys(instance, parent_page_before, parent_page_after))


def restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        schedule_purge(subtree_change_keys(page, page.get_parent()))


def navigation_changed(sender, instance, **kwargs):
    schedule_purge({NAVIGATION})


def snippet_changed(key):
    def handler(sender, instance, **kwargs):
        if key is not None:
            schedule_purge({key})
        elif not isinstance(instance, Theme):
            schedule_purge(set(LAYOUT_KEYS))
        else:  # a theme: where its name shows, and the filters that list every theme
            schedule_purge({instance_key(instance), list_key(type(instance))})

    return handler
