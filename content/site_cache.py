"""The Site of each request, from the shared cache: no query per page view.

Wagtail finds the Site of every request with one query (hostname, port, default site). The
sites are few and rarely change: CachedSiteMiddleware keeps them under one key (with their root
pages, in their specific form: routing starts there, content/routing.py) and picks the
request's one as Wagtail does (`wagtail.models.sites.get_site_for_hostname`), setting
`request._wagtail_site`, where `Site.find_for_request` looks first.
content/signal_handlers.py drops the key when a site is saved or deleted, and when a site's root
page or one of its children is saved, deleted or moved (the root page's own fields, its
`numchild` included, are kept with it).
"""

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.models import Site

CACHE_KEY = "sites:v1"
CACHE_TIMEOUT = 60 * 60


def all_sites() -> list:
    sites = cache.get(CACHE_KEY)
    if sites is None:
        sites = list(Site.objects.select_related("root_page").order_by("pk"))
        for site in sites:
            site.root_page = site.root_page.specific
        cache.set(CACHE_KEY, sites, CACHE_TIMEOUT)
    return sites


def forget_sites(**kwargs) -> None:
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def site_for(hostname, port, sites):
    """Wagtail's choice: hostname and port, then hostname on the default site, then the only
    other site with that hostname, then the default site; None when nothing matches."""
    ranked = []
    for site in sites:
        if site.hostname == hostname and site.port == port:
            rank = 0
        elif site.hostname == hostname and site.is_default_site:
            rank = 1
        elif site.is_default_site:
            rank = 2
        elif site.hostname == hostname:
            rank = 3
        else:
            continue
        ranked.append((rank, site))
    ranked.sort(key=lambda item: item[0])
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (0, 1):
        return ranked[0][1]
    if ranked[0][0] == 2:
        return ranked[1 if len(ranked) == 2 else 0][1]
    return None  # several sites with this hostname, none on this port, no default


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        request._wagtail_site = site_for(hostname, port, all_sites())
        return self.get_response(request)
