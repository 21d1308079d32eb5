"""What a page tells search engines and social networks: title, description, canonical address,
OpenGraph tags and JSON-LD structured data (schema.org)."""

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.utils import timezone

from content.models import BasePage, EventPage, HomePage, NewsPage
from content.navigation.converters import share_image_data

SITE_NAME = "OCCE"
SITE_FULL_NAME = "OCCE – Office Central de la Coopération à l’École"
ORGANIZATION_NAME = "Office Central de la Coopération à l’École"

# The fields that may hold a page's image, in order of preference.
SHARE_IMAGE_FIELDS = ("listing_image", "cover_image", "hero_image")


def page_title(page):
    """ "Notre mission | OCCE": the SEO title or the title, then the site name.

    The home page is the site itself: its SEO title, or the site's full name.
    """
    if page is None:
        return SITE_FULL_NAME
    if isinstance(page, HomePage):
        return page.seo_title or SITE_FULL_NAME
    return f"{page.seo_title or page.title} | {SITE_NAME}"


def page_description(page):
    describe = getattr(page, "get_meta_description", None)
    return (describe() if describe else page.search_description) or ""


def page_share_image(page):
    for field in SHARE_IMAGE_FIELDS:
        image = getattr(page, field, None)
        if image is not None:
            return image
    return None


def site_url(navigation):
    """The site's own address ("https://www.occe.coop/"), from its Site record through the
    navigation, or WAGTAILADMIN_BASE_URL: absolute URLs never come from the Host header."""
    return (navigation or {}).get("site_url") or settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


def page_meta(request, page=None, navigation=None, *, title="", description=""):
    """The head tags of a page, or of a view that passes its own `title` and `description`."""
    navigation = navigation or {}
    base_url = site_url(navigation)
    default_image = (navigation.get("seo") or {}).get("default_image")
    if page is not None:
        image = page_share_image(page)
        is_home = isinstance(page, HomePage)
        return {
            "title": page_title(page),
            "og_title": page_title(page) if is_home else page.seo_title or page.title,
            "description": page_description(page),
            "canonical": page.get_full_url(request),
            "og_type": "article" if isinstance(page, BasePage) else "website",
            "image": share_image_data(image, base_url) if image else default_image,
        }
    return {
        "title": f"{title} | {SITE_NAME}" if title else SITE_FULL_NAME,
        "og_title": title or SITE_FULL_NAME,
        "description": description,
        "canonical": urljoin(base_url, request.path) if request else "",
        "og_type": "website",
        "image": default_image,
    }


# --- JSON-LD -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageContext:
    """What the structured data of a page is built from."""

    page: Any
    request: Any
    meta: dict
    navigation: dict

    @property
    def site_url(self):
        return site_url(self.navigation)


def organization_data(context):
    """schema.org Organization: name, address, logo and social profiles, from the footer."""
    footer = context.navigation.get("footer") or {}
    seo = context.navigation.get("seo") or {}
    data = {
        "@type": "Organization",
        "name": ORGANIZATION_NAME,
        "alternateName": SITE_NAME,
        "url": context.site_url,
    }
    if seo.get("logo_url"):
        data["logo"] = seo["logo_url"]
    address = footer.get("address")
    if address and address.get("street"):
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": address["street"],
            "postalCode": address["postal_code"],
            "addressLocality": address["city"],
            "addressCountry": "FR",
        }
    same_as = [link["href"] for link in footer.get("social_links", [])]
    if same_as:
        data["sameAs"] = same_as
    return data


def _publisher(navigation):
    publisher = {"@type": "Organization", "name": ORGANIZATION_NAME}
    logo_url = (navigation.get("seo") or {}).get("logo_url")
    if logo_url:
        publisher["logo"] = {"@type": "ImageObject", "url": logo_url}
    return publisher


def news_structured_data(context):
    page, meta = context.page, context.meta
    data = {
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": meta["description"],
        "datePublished": page.publication_date.isoformat(),
        "mainEntityOfPage": meta["canonical"],
        "url": meta["canonical"],
        "inLanguage": "fr-FR",
        "author": {"@type": "Organization", "name": ORGANIZATION_NAME},
        "publisher": _publisher(context.navigation),
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if meta.get("image"):
        data["image"] = [meta["image"]["url"]]
    return data


def event_structured_data(context):
    page, meta = context.page, context.meta
    online = page.place.strip().lower() in {"en ligne", "en ligne.", "visioconférence"}
    location = (
        {"@type": "VirtualLocation", "url": page.registration_url or meta["canonical"]}
        if online
        else {"@type": "Place", "name": page.place, "address": page.place}
    )
    data = {
        "@type": "Event",
        "name": page.title,
        "description": meta["description"],
        "startDate": timezone.localtime(page.start).isoformat(),
        "endDate": timezone.localtime(page.end).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/"
        + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
        "location": location,
        "organizer": {"@type": "Organization", "name": ORGANIZATION_NAME, "url": context.site_url},
        "url": meta["canonical"],
    }
    if meta.get("image"):
        data["image"] = [meta["image"]["url"]]
    return data


STRUCTURED_DATA_BUILDERS = {
    HomePage: organization_data,
    NewsPage: news_structured_data,
    EventPage: event_structured_data,
}


def structured_data(page, request, meta, navigation):
    """The JSON-LD of the page, for the types that have one; None for the others."""
    build = STRUCTURED_DATA_BUILDERS.get(type(page)) if page is not None else None
    if build is None:
        return None
    context = PageContext(page, request, meta, navigation or {})
    return {"@context": "https://schema.org", **build(context)}


# The characters that could close the <script> element or open a comment, escaped as JSON allows.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
