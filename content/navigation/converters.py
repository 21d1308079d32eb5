"""Block values of the menus and the footer to plain data (labels, addresses, image URLs).

Used to build the cached navigation and by the blocks' own preview templates; nothing here
imports a model, so that content/blocks.py can import it.
"""

import logging
from urllib.parse import urljoin

from content.documents import document_label

logger = logging.getLogger(__name__)

# Rendition specs per slot: 1x and 2x, each also in WebP.
IMAGE_SLOTS = {
    "promo": ("max-320x200", "max-640x400"),
    "document": ("max-96x96", "max-192x192"),
    "partner": ("max-180x90", "max-360x180"),
}
SHARE_IMAGE_SPEC = "fill-1200x630"

# The networks an editor may choose for a social link (SocialLinkBlock); the label is also the
# link's accessible name when the editor gives none.
SOCIAL_NETWORKS = [
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("youtube", "YouTube"),
    ("linkedin", "LinkedIn"),
    ("bluesky", "Bluesky"),
    ("mastodon", "Mastodon"),
    ("other", "Autre"),
]
# The accessible name of an account on a network the list does not name.
OTHER_NETWORK_LABEL = "Réseau social"


def is_shown(page, private=None) -> bool:
    """A menu may link to `page`: it is live and public (no view restriction on it or on an
    ancestor). `private`: the paths of every restricted page, read once for a whole menu
    (building.private_paths); without it, the page's own restrictions are read."""
    if page is None or not page.live:
        return False
    if private is None:
        return not page.get_view_restrictions().exists()
    return not any(page.path.startswith(path) for path in private)


def link_data(value, request=None, private=None):
    """{"label", "href", "external"} of a NavLinkBlock value; None for a page that is not
    published or not public (is_shown)."""
    page = value.get("page")
    if page is not None:
        if not is_shown(page, private):
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


def links_data(values, request=None, private=None):
    return [link for link in (link_data(value, request, private) for value in values) if link]


def group_data(value, request=None, private=None):
    links = links_data(value.get("links") or [], request, private)
    if not links:
        return None
    return {"type": "group", "label": value["label"], "links": links}


def entry_data(value, request=None, private=None):
    page = value.get("page")
    return {
        "label": value["label"],
        "href": page.get_url(request) if is_shown(page, private) else "",
        "links": links_data(value.get("links") or [], request, private),
        "features": [
            data
            for data in (
                promo_data(block.value, request, private)
                if block.block_type == "promo"
                else document_data(block.value)
                for block in value.get("features") or []
            )
            if data
        ],
    }


def promo_data(value, request=None, private=None):
    return {
        "type": "promo",
        "image": image_data(value.get("image"), "promo"),
        "kicker": value.get("kicker", ""),
        "title": value["title"],
        "text": value.get("text", ""),
        "links": links_data(value.get("links") or [], request, private),
    }


def document_data(value):
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


def column_data(value, request=None, private=None):
    return {"heading": value["heading"], "links": links_data(value.get("links") or [], request, private)}


def social_data(value):
    network = value["network"]
    names = dict(SOCIAL_NETWORKS)
    default_label = OTHER_NETWORK_LABEL if network == "other" else names.get(network, network)
    return {
        "network": network,
        "href": value["url"],
        "label": value.get("label") or default_label,
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


def share_image_data(image, base_url, alt=""):
    """The image shown when a page is shared (OpenGraph), as an absolute URL on `base_url`
    (the site's own address, building.site_base_url)."""
    if image is None:
        return None
    rendition = image.get_rendition(SHARE_IMAGE_SPEC)
    return {
        "url": urljoin(base_url, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt or image.default_alt_text or image.title,
    }
