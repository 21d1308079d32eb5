"""Findability views: the "Plan du site" page, robots.txt and the sitemap's pages."""

from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from content.models import SECTION_INDEX_TYPES
from content.sites import site_for_request


def items_listed_by_indexes():
    """The page types a section index lists and pages through (news, resources…)."""
    return [index.child_model for index in SECTION_INDEX_TYPES]


def site_map_tree(site, request=None):
    """The live, public pages of `site` as a tree, in the editors' order (one query).

    The items of a section (each news, resource…) are left to their section's index, which
    lists them all with pagination; the plan shows the structure: the home page, the
    sections and the static pages at any depth.
    """
    pages = (
        site.root_page.get_descendants(inclusive=True)
        .live()
        .public()
        .not_type(*items_listed_by_indexes())
        .order_by("path")
        .only("id", "title", "path", "depth", "url_path")
    )
    roots, stack = [], []
    for page in pages:
        node = {"title": page.title, "href": page.get_url(request), "children": []}
        while stack and stack[-1][0] >= page.depth:
            stack.pop()
        if stack:
            parent_depth, parent = stack[-1]
            if page.depth == parent_depth + 1:
                parent["children"].append(node)
            else:  # below a page that is not shown (private or a draft): not reachable
                continue
        elif roots:
            continue
        else:
            roots.append(node)
        stack.append((page.depth, node))
    return roots


@require_safe
def site_map(request):
    site = site_for_request(request)
    return TemplateResponse(
        request,
        "navigation/site_map.html",
        {
            "tree": site_map_tree(site, request),
            "breadcrumb": [site.root_page],
            "seo_title": "Plan du site",
            "seo_description": "Toutes les rubriques et les pages du site de l’OCCE.",
        },
    )


@require_safe
def robots_txt(request):
    return TemplateResponse(
        request,
        "robots.txt",
        # The site's own address (its Site record), never the request's Host header.
        {"sitemap_url": site_for_request(request).root_url + reverse("sitemap")},
        content_type="text/plain; charset=utf-8",
    )


class PageSitemap(Sitemap):
    """Wagtail's sitemap of live, public pages with their last publication date, in files
    of 10,000 addresses listed by /sitemap.xml."""

    limit = 10_000

    def get_latest_lastmod(self):
        # One aggregate rather than Django's default walk through every page.
        site = self.get_wagtail_site()
        return (
            Page.objects.descendant_of(site.root_page, inclusive=True)
            .live()
            .public()
            .aggregate(latest=Max("last_published_at"))["latest"]
        )
