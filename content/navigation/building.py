"""The navigation of a site (menus, footer, partners, identity) built as plain data.

Plain dicts and lists (labels, addresses, image URLs: nothing that needs the database to
render), so that cache.py can keep them. Building costs a fixed number of queries whatever the
menus hold: the StreamFields load their pages, images and documents in bulk (one query per
chooser in the block schema), the renditions of all images are prefetched together, the
partners come in one query with their logos.
"""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from content.models import (
    AccessibilityStatementPage,
    Footer,
    MainMenu,
    NewsIndexPage,
    Partner,
    SeoSettings,
)
from content.navigation.converters import (
    column_data,
    entry_data,
    group_data,
    link_data,
    links_data,
    partner_data,
    share_image_data,
    social_data,
)

LOGO_SPEC = "max-512x512|format-png"
# The heading above the partners of a site whose footer is not published yet.
DEFAULT_PARTNERS_HEADING = Footer._meta.get_field("partners_heading").get_default()


def preview_navigation(instance, request):
    """The navigation with an unsaved menu or footer in place of the live one (admin preview)."""
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
        "accessibility": None,
        "seo": {},
        "feed_url": "",
        "site_url": "/",
        "watch": {},
    }


def build_navigation(site, request, *, menu=None, footer=None):
    """The plain data of the header, footer and site identity of `site`.

    `menu` and `footer` replace the live ones (for the admin preview).
    """
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
        # A child of the home page: publishing it clears this cache (cache.py `_shows`).
        "accessibility": accessibility_data(site, request),
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
        "legal_links": links_data([block.value for block in footer.legal_links], request),
        "copyright_holder": footer.copyright_holder,
    }


def accessibility_data(site, request):
    """The footer's « Accessibilité : … » mention: the state the site's statement declares."""
    # A restriction on the statement itself, not public(): that costs a query of its own.
    statement = (
        AccessibilityStatementPage.objects.live()
        .child_of(site.root_page)
        .filter(view_restrictions__isnull=True)
        .first()
    )
    if statement is None:
        return None
    return {"state": statement.conformity_label, "href": statement.get_url(request)}


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
    return NewsIndexPage.objects.live().public().descendant_of(site.root_page).first()


def news_feed_url(index, request):
    if index is None:
        return ""
    base_url = index.get_url(request)
    if not base_url.endswith("/"):
        base_url += "/"
    return base_url + index.reverse_subpage("feed")
