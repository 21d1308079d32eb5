from django.http import JsonResponse
from django.template.response import TemplateResponse

from content.models import SECTION_INDEX_TYPES
from content.sites import site_for_request
from search.corrections import suggest_correction
from search.forms import SearchForm
from search.log import log_query
from search.results import search_results
from search.suggestions import suggestions


def sections(home):
    """The section indexes, offered when a search finds nothing."""
    return home.get_children().live().public().type(*SECTION_INDEX_TYPES).order_by("path")


def search(request):
    """/recherche/: the form reads the query string into one `SearchRequest`, which
    `search_results()` answers (search/results.py)."""
    home = site_for_request(request).root_page
    results = search_results(SearchForm(request.GET).search_request(), site_root_path=home.path)
    log_query(request, results)
    query = results.search.query
    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "search": results.search,
            "search_query": query,  # for the header's search box (base.html)
            "results": results,
            "correction": suggest_correction(query) if query and not results.timed_out else None,
            "breadcrumb": [home],
            "sections": sections(home) if not results.total else [],
        },
    )
    if results.timed_out:  # a passing overload: not to be kept by a cache
        response["Cache-Control"] = "private, no-store"
    return response


def search_suggestions(request):
    """/recherche/suggestions/?q=…: {"q": …, "suggestions": [{"label", "url"}, {"label"}, …]}
    for the search boxes' combobox (static/js/search-suggest.js)."""
    query = SearchForm(request.GET).search_request().query
    home = site_for_request(request).root_page
    found = suggestions(query, home.path, request) if query else []
    return JsonResponse({"q": query, "suggestions": [suggestion.as_json() for suggestion in found]})
