"""Keep the public search in step with the page tree.

Each handler writes inside the transaction of the change that triggered it
(a publication, a move…), so the search never shows a page that was not
really published, and shows one as soon as it is. The engine that writes is
the one the search view reads with (search/engines/__init__.py).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.engines import engine


def on_page_published(sender, instance, **kwargs):
    engine().update_page(instance)


def on_page_unpublished(sender, instance, **kwargs):
    engine().delete([instance.pk])


def on_page_moved(sender, instance, **kwargs):
    engine().update_subtree(instance)


def on_view_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:  # a fixture or a test database's rows, loaded in any order: see on_site_saved
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # None when the restriction goes with its page
        engine().update_subtree(page)


def on_site_saved(sender, instance, raw=False, **kwargs):
    # Rows loaded as they are (loaddata, a test database restored) may come before their root
    # page: the search of loaded data is built by `rebuild_search_documents`.
    if raw:
        return
    engine().update_subtree(instance.root_page)


def on_site_deleted(sender, instance, **kwargs):
    # Its pages leave the search (unless under another site); gone already with a deleted root.
    root = Page.objects.filter(pk=instance.root_page_id).first()
    if root is not None:
        engine().update_subtree(root)


def register_signal_handlers():
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    post_save.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_pvr_saved"
    )
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_pvr_deleted"
    )
    post_save.connect(on_site_saved, sender=Site, dispatch_uid="search_site_saved")
    post_delete.connect(on_site_deleted, sender=Site, dispatch_uid="search_site_deleted")
