"""The tags base.html uses for the menus, the footer and the head tags."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from content import seo
from content.navigation.building import empty_navigation, preview_navigation
from content.navigation.cache import site_navigation as cached_site_navigation
from httpcache.keys import LAYOUT_KEYS, add_cache_keys

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The cached menus, footer and site identity; in an admin preview, the previewed ones.

    Usage: ``{% site_navigation as navigation %}``.
    """
    request = context.get("request")
    previewed = context.get("navigation_preview")  # a menu or a footer (its admin preview)
    if previewed is not None:
        return preview_navigation(previewed, request)
    if request is None:
        return empty_navigation()
    add_cache_keys(request, LAYOUT_KEYS)
    return cached_site_navigation(request)


@register.simple_tag(takes_context=True)
def page_meta(context, navigation=None):
    """Title, description, canonical address and share image of the page or view.

    A view without a page passes ``seo_title`` (and ``seo_description``) in its context.
    Usage: ``{% page_meta navigation as meta %}``.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return seo.page_meta(None, None, navigation)
    return seo.page_meta(
        request,
        page,
        navigation,
        title=context.get("seo_title", ""),
        description=context.get("seo_description", ""),
    )


@register.simple_tag(takes_context=True)
def structured_data(context, meta, navigation=None):
    """The page's JSON-LD in a <script type="application/ld+json">, or nothing."""
    request = context.get("request")
    data = seo.structured_data(context.get("page"), request, meta, navigation)
    if data is None:
        return ""
    # json_ld() escapes <, > and &, so the JSON cannot close the script element.
    payload = mark_safe(seo.json_ld(data))  # noqa: S308  # nosec B308 B703
    return format_html('<script type="application/ld+json">{}</script>', payload)


@register.simple_tag(takes_context=True)
def current(context, href):
    """' aria-current="page"' when `href` is the address being shown."""
    request = context.get("request")
    if request is not None and href == request.path:
        return format_html(' aria-current="{}"', "page")
    return ""
