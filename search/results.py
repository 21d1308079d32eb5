"""A page of search results: facets, promotions, results and pagination, ready to render."""

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from content.models import CONTENT_PAGE_TYPES
from content.pagination import page_window
from search.engines import SearchParams, engine

PER_PAGE = 20
MAX_PAGE_NUMBER = 100_000  # far past any real listing; keeps SQL offsets in range


@dataclass(frozen=True)
class Facet:
    slug: str  # "" for "Tous"
    label: str
    count: int
    selected: bool


class ResultWindow:
    """The one page of results fetched, standing for the whole list in a Paginator."""

    def __init__(self, total, offset, items):
        self.total, self.offset, self.items = total, offset, items

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        if isinstance(key, slice) and (key.start or 0) == self.offset:
            return self.items
        raise IndexError("Only the fetched page of results is available.")


@dataclass
class SearchResultsPage:
    query: str
    type_slug: str
    order: str
    facets: list[Facet]
    total: int  # every type
    selected_total: int  # the selected type, or every type
    page_obj: object
    results: list
    promotions: list


def _facets(counts_by_ct, selected_slug):
    content_types = ContentType.objects.get_for_models(*CONTENT_PAGE_TYPES)
    facets = [
        Facet(
            model.facet_slug,
            model.facet_label,
            counts_by_ct.get(content_types[model].pk, 0),
            model.facet_slug == selected_slug,
        )
        for model in CONTENT_PAGE_TYPES
    ]
    total = sum(facet.count for facet in facets)
    return [Facet("", "Tous", total, not selected_slug), *facets], total


def promotions_for(query, site_root_path):
    """The editor's picks for this query: live, public pages of the site, in the editor's order."""
    if not query:
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query)).select_related(
            "page"
        )
    )
    if not picks:
        return []
    public_ids = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[pick.page_id for pick in picks if pick.page_id], path__startswith=site_root_path)
        .values_list("pk", flat=True)
    )
    return [
        pick for pick in picks if pick.page_id in public_ids or (not pick.page_id and pick.external_link_url)
    ]


_PERSONAL_DATA = re.compile(r"@|\d[\d .-]{7,}\d")


def log_query(query):
    """Count the query for the promotions report, unless it may hold an address or a phone number."""
    if query and not _PERSONAL_DATA.search(query):
        Query.get(query[:200]).add_hit()


def search_results(*, query, type_slug, order, page_number, site_root_path) -> SearchResultsPage:
    promotions = promotions_for(query, site_root_path)
    number = min(page_number, MAX_PAGE_NUMBER)
    search_engine = engine()

    def fetch(number):
        return search_engine.search(
            SearchParams(
                query=query,
                site_root_path=site_root_path,
                type_slug=type_slug,
                order=order,
                offset=(number - 1) * PER_PAGE,
                limit=PER_PAGE,
                exclude_ids=[pick.page_id for pick in promotions if pick.page_id],
            )
        )

    outcome = fetch(number)
    facets, total = _facets(outcome.counts, type_slug)
    selected_total = next(facet.count for facet in facets if facet.selected)
    last = max(1, -(-selected_total // PER_PAGE))
    if number > last:  # past the end: show the last page (asked again, once)
        number = last
        outcome = fetch(number)
    paginator = Paginator(ResultWindow(selected_total, (number - 1) * PER_PAGE, outcome.page_ids), PER_PAGE)
    page_obj = paginator.page(number)
    page_obj.window = page_window(page_obj)
    return SearchResultsPage(
        query=query,
        type_slug=type_slug,
        order=order,
        facets=facets,
        total=total,
        selected_total=selected_total,
        page_obj=page_obj,
        results=search_engine.cards(outcome.page_ids),
        promotions=promotions,
    )
