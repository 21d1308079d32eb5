"""A page of search results: facets, sort links, promotions, results and pagination, ready to render."""

from collections import Counter
from dataclasses import dataclass, replace

from django.core.paginator import Paginator
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from content.pagination import page_window
from search.engines import engine
from search.models import SearchDocument
from search.request import DATE, RELEVANCE, SearchRequest, search_types
from search.timeout import SearchTimeout, time_limit


@dataclass(frozen=True)
class Facet:
    slug: str  # "" for "Tous"
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SortLink:
    label: str
    tri: str | None  # the `tri` parameter of its link; None for the default order
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
    search: SearchRequest  # as shown: past the last page, the last page
    facets: list[Facet]
    sort_links: list[SortLink]  # empty when there is nothing to sort
    total: int  # every type
    selected_total: int  # the selected type, or every type
    page_obj: object
    results: list
    promotions: list
    timed_out: bool = False  # the search ran past settings.SEARCH_STATEMENT_TIMEOUT


def _facets(counts_by_ct, search):
    facets = [
        Facet(each.slug, each.label, counts_by_ct.get(each.content_type_id, 0), each == search.type)
        for each in search_types()
    ]
    total = sum(facet.count for facet in facets)
    return [Facet("", "Tous", total, search.type is None), *facets], total


def _sort_links(search, selected_total):
    """Relevance or date, for a query with more than one result."""
    if not search.query or selected_total < 2:
        return []
    return [
        SortLink("pertinence", None, search.order == RELEVANCE),
        SortLink("date", DATE, search.order == DATE),
    ]


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


def _timed_out(search, promotions) -> SearchResultsPage:
    """What the page shows when the search ran out of time: no count, no result."""
    search = replace(search, page=1)
    facets, _total = _facets({}, search)
    paginator = Paginator(ResultWindow(0, 0, []), search.per_page)
    page_obj = paginator.page(1)
    page_obj.window = page_window(page_obj)
    return SearchResultsPage(
        search=search,
        facets=facets,
        sort_links=[],
        total=0,
        selected_total=0,
        page_obj=page_obj,
        results=[],
        promotions=promotions,
        timed_out=True,
    )


def search_results(search: SearchRequest, *, site_root_path: str) -> SearchResultsPage:
    promotions = promotions_for(search.query, site_root_path)
    promoted_ids = [pick.page_id for pick in promotions if pick.page_id]
    search_engine = engine()

    def fetch(search, counts=True):
        return search_engine.search(
            search, site_root_path=site_root_path, exclude_ids=promoted_ids, counts=counts
        )

    # The promoted pages are shown once, above the list, and counted with it: "Tous (N)" and the
    # type counts are the pages the visitor is shown.
    promoted_counts = Counter(
        SearchDocument.objects.filter(page_id__in=promoted_ids).values_list("content_type_id", flat=True)
        if promoted_ids
        else ()
    )
    try:
        with time_limit():
            outcome = fetch(search)
            facets, total = _facets(Counter(outcome.counts) + promoted_counts, search)
            selected_total = next(facet.count for facet in facets if facet.selected)
            promoted_shown = (
                promoted_counts.get(search.content_type_id, 0) if search.type else promoted_counts.total()
            )
            list_total = selected_total - promoted_shown
            last = max(1, -(-list_total // search.per_page))
            if search.page > last:  # past the end: the last page, counted once
                search = replace(search, page=last)
                outcome = fetch(search, counts=False)
    except SearchTimeout:
        return _timed_out(search, promotions)
    paginator = Paginator(ResultWindow(list_total, search.offset, outcome.page_ids), search.per_page)
    page_obj = paginator.page(search.page)
    page_obj.window = page_window(page_obj)
    return SearchResultsPage(
        search=search,
        facets=facets,
        sort_links=_sort_links(search, selected_total),
        total=total,
        selected_total=selected_total,
        page_obj=page_obj,
        results=search_engine.cards(outcome.page_ids, search.query),
        promotions=promotions,
    )
