"""Clear the cached navigation whenever something it shows may have changed.

The menus and the footer are cached per site (content/navigation/cache.py). Saving or deleting a
menu, the footer, a partner, the SEO settings, a site, an image or a document drops the cache
of every site, and so does a page made private or public again (a PageViewRestriction added or
removed, on the page or an ancestor: menus link to public pages only). For pages, only those
the navigation shows count: a page linked from a menu or the footer (or one of its ancestors,
whose slug is part of its address), the news index, the home page and its children;
publishing a news item leaves the cache alone.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from content.models import Footer, MainMenu, Partner, SeoSettings
from content.navigation.cache import invalidate_navigation, invalidate_navigation_for_page
from content.privacy import forget_restricted_paths
from content.site_cache import forget_sites

DISPATCH_UID = "content.navigation.invalidate"


def register_signal_handlers():
    """Connect the handlers (from ContentConfig.ready(), once the models are loaded)."""
    models = (
        MainMenu,
        Footer,
        Partner,
        SeoSettings,
        Site,
        PageViewRestriction,
        get_image_model(),
        get_document_model(),
    )
    for model in models:
        uid = f"{DISPATCH_UID}.{model._meta.label}"
        post_save.connect(invalidate_navigation, sender=model, dispatch_uid=uid)
        post_delete.connect(invalidate_navigation, sender=model, dispatch_uid=uid)
    # Pages: only those the navigation shows (invalidate_navigation_for_page).
    # post_save, not only page_published: a page added live with add_child() (a management
    # command) or unpublished is saved too. Its sender is the specific page class.
    post_save.connect(invalidate_for_page, dispatch_uid=f"{DISPATCH_UID}.page")
    post_delete.connect(invalidate_for_page, sender=Page, dispatch_uid=f"{DISPATCH_UID}.page")
    # A move changes the address of a whole branch: rare enough to start afresh.
    post_page_move.connect(invalidate_navigation, dispatch_uid=DISPATCH_UID)
    # The restricted pages' paths (content/privacy.py): a restriction added or removed, a page
    # moved (paths change), an alias saved.
    for signal in (post_save, post_delete):
        signal.connect(
            forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="content.privacy.restriction"
        )
    post_page_move.connect(forget_restricted_paths, dispatch_uid="content.privacy.move")
    post_page_move.connect(forget_sites, dispatch_uid="content.site_cache.move")
    # The sites and their root pages (content/site_cache.py).
    for signal in (post_save, post_delete):
        signal.connect(forget_sites, sender=Site, dispatch_uid="content.site_cache.site")


def invalidate_for_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_navigation_for_page(instance)
        if instance.alias_of_id:
            forget_restricted_paths()
        # A site's root page, or one of its children (its numchild). A fixture's raw save of a
        # subclass row carries no tree fields (depth is None): forget the sites to be safe.
        if instance.depth is None or instance.depth <= 3:
            forget_sites()
