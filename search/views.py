from django.template.response import TemplateResponse

from content.models import SECTION_INDEX_TYPES
from content.sites import site_for_request
from search.forms import SearchForm
from search.log import log_query
from search.results import search_results


def sections(home):
    """The section indexes, offered when a search finds nothing."""
    return home.get_children().live().public().type(*SECTION_INDEX_TYPES).order_by("path")


def search(request):
    """/recherche/: the form reads the query string into one `SearchRequest`, which
    `search_results()` answers (search/results.py)."""
    home = site_for_request(request).root_page
    results = search_results(SearchForm(request.GET).search_request(), site_root_path=home.path)
    log_query(request, results)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search": results.search,
            "search_query": results.search.query,  # for the header's search box (base.html)
            "results": results,
            "breadcrumb": [home],
            "sections": sections(home) if not results.total else [],
        },
    )
