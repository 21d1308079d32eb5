"""Clear the cached navigation whenever something it shows may have changed.

The menus and the footer are cached per site (content/navigation.py). They show the live
menu and footer, the active partners and their logos, links to pages (whose address or
state can change) and documents (whose size is shown); saving or deleting any of them
drops the cache, and the next page view rebuilds it.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.navigation import invalidate_navigation

DISPATCH_UID = "content.navigation.invalidate"


def register_signal_handlers():
    from content.models import Footer, MainMenu, Partner, SeoSettings

    models = (MainMenu, Footer, Partner, SeoSettings, Site, get_image_model(), get_document_model())
    for model in models:
        uid = f"{DISPATCH_UID}.{model._meta.label}"
        post_save.connect(invalidate_navigation, sender=model, dispatch_uid=uid)
        post_delete.connect(invalidate_navigation, sender=model, dispatch_uid=uid)
    # Pages: publishing (a new slug or title), unpublishing, moving, deleting.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_navigation, dispatch_uid=DISPATCH_UID)
    post_delete.connect(invalidate_navigation, sender=Page, dispatch_uid=DISPATCH_UID)
