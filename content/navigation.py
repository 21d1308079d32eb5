"""The header menus, the footer and the site identity, as plain data cached per site.

Every page shows the same menus and footer, so they are built once per site into plain
dicts and lists (labels, addresses, image URLs: nothing that needs the database to render)
and kept in Django's cache. A page view then reads one cache key and runs no query for them.

On a cache miss, building costs a fixed number of queries whatever the menus hold: the
StreamFields load their pages, images and documents in bulk (one query per chooser in the
block schema), the renditions of all images are prefetched together, the partners come in
one query with their logos. content/signal_handlers.py deletes the key when an editor
saves a menu, the footer, a partner, the settings, an image or a document, or a page that the
navigation shows (see invalidate_navigation_for_page).
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from content.documents import document_label

logger = logging.getLogger(__name__)

# Bump when the shape of the cached data changes, so that a deploy never reads old data.
CACHE_VERSION = 1
CACHE_TIMEOUT = getattr(settings, "NAVIGATION_CACHE_TIMEOUT", 60 * 60 * 6)

# Rendition specs per slot: 1x and 2x, each also in WebP.
IMAGE_SLOTS = {
    "promo": ("max-320x200", "max-640x400"),
    "document": ("max-96x96", "max-192x192"),
    "partner": ("max-180x90", "max-360x180"),
}
SHARE_IMAGE_SPEC = "fill-1200x630"
LOGO_SPEC = "max-512x512|format-png"

DEFAULT_PARTNERS_HEADING = "Ils nous accompagnent"

SOCIAL_LABELS = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "linkedin": "LinkedIn",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "other": "Réseau social",
}


def cache_key(site_id):
    return f"navigation:v{CACHE_VERSION}:site:{site_id}"


# --- Reading ---------------------------------------------------------------------------------


def site_navigation(request):
    """The navigation of the request's site, from the cache or built once and cached."""
    site = Site.find_for_request(request)
    if site is None:
        return empty_navigation()
    key = cache_key(site.pk)
    data = cache.get(key)
    if data is None:
        data = build_navigation(site, request)
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


def preview_navigation(instance, request):
    """The navigation with an unsaved menu or footer in place of the live one (admin preview)."""
    from content.models import Footer, MainMenu

    site = instance.site if instance.site_id else Site.find_for_request(request)
    return build_navigation(
        site,
        request,
        menu=instance if isinstance(instance, MainMenu) else None,
        footer=instance if isinstance(instance, Footer) else None,
    )


def empty_navigation():
    return {
        "menu": {"utility": [], "entries": []},
        "partners": {"heading": DEFAULT_PARTNERS_HEADING, "items": []},
        "footer": None,
        "seo": {},
        "feed_url": "",
        "site_url": "/",
        "watch": {},
    }


# --- Building --------------------------------------------------------------------------------


def build_navigation(site, request, *, menu=None, footer=None):
    """The plain data of the header, footer and site identity of `site`.

    `menu` and `footer` replace the live ones (for the admin preview).
    """
    from content.models import Footer, MainMenu, Partner, SeoSettings

    if menu is None:
        menu = MainMenu.objects.filter(site=site, live=True).first()
    if footer is None:
        footer = Footer.objects.filter(site=site, live=True).first()
    partners = list(
        Partner.objects.filter(is_active=True).select_related("logo").order_by("sort_order", "pk")
    )
    seo = (
        SeoSettings.objects.filter(site=site)
        .select_related("default_share_image", "organization_logo")
        .first()
    ) or SeoSettings(site=site)

    images = _collect_images(menu, partners, seo)
    if images:
        prefetch_related_objects(images, Prefetch("renditions"))
    news_index = _news_index(site)
    linked_ids = referenced_page_ids(menu, footer)
    if news_index is not None:
        linked_ids.discard(news_index.pk)

    return {
        "menu": menu_data(menu, request) if menu else fallback_menu_data(site, request),
        "partners": {
            "heading": footer.partners_heading if footer else DEFAULT_PARTNERS_HEADING,
            "items": [partner_data(partner) for partner in partners],
        },
        "footer": footer_data(footer, request) if footer else None,
        "seo": seo_data(seo, request),
        "feed_url": news_feed_url(news_index, request),
        "site_url": site.root_url + "/",
        # What content/signal_handlers.py watches: publishing these pages changes the cache.
        "watch": {
            "root_path": site.root_page.path,
            "paths": [
                *(
                    Page.objects.filter(pk__in=linked_ids).values_list("path", flat=True)
                    if linked_ids
                    else []
                ),
                *([news_index.path] if news_index is not None else []),
            ],
        },
    }


def referenced_page_ids(*objects):
    """The ids of every page chosen anywhere in the StreamFields of `objects`, published or
    not (a draft page linked from a menu appears there once published)."""
    ids = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "page" and isinstance(value, int):
                    ids.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for obj in objects:
        if obj is None:
            continue
        for field in obj._meta.get_fields():
            if isinstance(field, StreamField):
                walk(list(getattr(obj, field.name).raw_data))
    return ids


def _collect_images(menu, partners, seo):
    images = []
    if menu:
        for entry in menu.entries:
            for feature in entry.value.get("features") or []:
                if feature.value.get("image"):
                    images.append(feature.value["image"])
    images += [partner.logo for partner in partners if partner.logo_id]
    images += [image for image in (seo.default_share_image, seo.organization_logo) if image]
    return images


def menu_data(menu, request):
    utility = []
    for block in menu.utility_links:
        item = group_data(block.value, request) if block.block_type == "group" else None
        if block.block_type == "link":
            item = link_data(block.value, request)
            if item:
                item["type"] = "link"
        if item:
            utility.append(item)
    entries = [entry_data(block.value, request) for block in menu.entries]
    return {"utility": utility, "entries": [entry for entry in entries if entry]}


def fallback_menu_data(site, request):
    """Before an editor saves a menu: the home page's children shown in menus, as plain links."""
    pages = site.root_page.get_children().live().public().in_menu().order_by("path")
    return {
        "utility": [],
        "entries": [
            {"label": page.title, "href": page.get_url(request), "links": [], "features": []}
            for page in pages
        ],
    }


def footer_data(footer, request):
    return {
        "address": {
            "lines": footer.organization_lines,
            "street": footer.street_address,
            "postal_code": footer.postal_code,
            "city": footer.city,
        },
        "social_links": [social_data(block.value) for block in footer.social_links],
        "columns": [column_data(block.value, request) for block in footer.columns],
        "approval_statement": footer.approval_statement,
        "legal_links": _links([block.value for block in footer.legal_links], request),
        "copyright_holder": footer.copyright_holder,
    }


def seo_data(seo, request):
    return {
        "default_image": share_image_data(seo.default_share_image, request),
        "logo_url": (
            request.build_absolute_uri(seo.organization_logo.get_rendition(LOGO_SPEC).url)
            if seo.organization_logo
            else ""
        ),
    }


def _news_index(site):
    from content.models import NewsIndexPage

    return NewsIndexPage.objects.live().public().descendant_of(site.root_page).first()


def news_feed_url(index, request):
    if index is None:
        return ""
    base_url = index.get_url(request)
    if not base_url.endswith("/"):
        base_url += "/"
    return base_url + index.reverse_subpage("feed")


# --- Block values to data (also used by the blocks' own preview templates) ---------------------


def link_data(value, request=None):
    """{"label", "href", "external"} of a NavLinkBlock value; None for an unpublished page."""
    page = value.get("page")
    if page is not None:
        if not page.live:
            return None
        href = page.get_url(request)
    else:
        href = value.get("url") or ""
    if not href:
        return None
    return {
        "label": value["label"],
        "href": href,
        "external": href.startswith(("http://", "https://")),
    }


def _links(values, request):
    return [link for link in (link_data(value, request) for value in values) if link]


def group_data(value, request=None):
    links = _links(value.get("links") or [], request)
    if not links:
        return None
    return {"type": "group", "label": value["label"], "links": links}


def entry_data(value, request=None):
    page = value.get("page")
    return {
        "label": value["label"],
        "href": page.get_url(request) if page is not None and page.live else "",
        "links": _links(value.get("links") or [], request),
        "features": [
            data
            for data in (
                promo_data(block.value, request)
                if block.block_type == "promo"
                else document_data(block.value, request)
                for block in value.get("features") or []
            )
            if data
        ],
    }


def promo_data(value, request=None):
    return {
        "type": "promo",
        "image": image_data(value.get("image"), "promo"),
        "kicker": value.get("kicker", ""),
        "title": value["title"],
        "text": value.get("text", ""),
        "links": _links(value.get("links") or [], request),
    }


def document_data(value, request=None):
    document = value.get("document")
    if document is None:
        return None
    return {
        "type": "document",
        "image": image_data(value.get("image"), "document"),
        "title": value["title"],
        "text": value.get("text", ""),
        "href": document.url,
        "link_label": value.get("link_label") or "Télécharger",
        "file_label": document_label(document),
    }


def column_data(value, request=None):
    return {"heading": value["heading"], "links": _links(value.get("links") or [], request)}


def social_data(value):
    network = value["network"]
    return {
        "network": network,
        "href": value["url"],
        "label": value.get("label") or SOCIAL_LABELS.get(network, network),
    }


def partner_data(partner):
    return {
        "name": partner.name,
        "href": partner.url,
        "logo": image_data(partner.logo, "partner", alt=partner.name),
    }


def image_data(image, slot, alt=None):
    """An image's renditions for a slot, 1x and 2x, in WebP and in its own format."""
    if image is None:
        return None
    small, large = IMAGE_SLOTS[slot]
    specs = [small, large, f"{small}|format-webp", f"{large}|format-webp"]
    try:
        renditions = image.get_renditions(*specs)
    except Exception:  # a missing or broken file must not take the menu down
        logger.exception("Rendition impossible pour l’image %s", image.pk)
        return None
    base, double = renditions[small], renditions[large]
    webp, webp_double = renditions[specs[2]], renditions[specs[3]]
    if alt is None:
        alt = getattr(image, "contextual_alt_text", None)
        alt = image.default_alt_text if alt is None else alt
    return {
        "src": base.url,
        "width": base.width,
        "height": base.height,
        "srcset": f"{base.url} 1x, {double.url} 2x",
        "webp_srcset": f"{webp.url} 1x, {webp_double.url} 2x",
        "alt": alt,
    }


def share_image_data(image, request, alt=""):
    """The image shown when a page is shared (OpenGraph), as an absolute URL."""
    if image is None:
        return None
    rendition = image.get_rendition(SHARE_IMAGE_SPEC)
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt or image.default_alt_text or image.title,
    }
