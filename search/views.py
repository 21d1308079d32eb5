from django.http import JsonResponse
from django.template.response import TemplateResponse

from content.models import SECTION_INDEX_TYPES
from content.sites import site_for_request
from search.corrections import suggest_correction
from search.forms import SearchForm
from search.results import log_query, search_results
from search.suggestions import suggestions


def sections(home):
    """The section indexes, offered when a search finds nothing."""
    return home.get_children().live().public().type(*SECTION_INDEX_TYPES).order_by("path")


def search(request):
    form = SearchForm(request.GET)
    params = form.search_parameters()
    site = site_for_request(request)
    home = site.root_page
    results = search_results(
        query=params["q"],
        type_slug=params["type"],
        order=params["tri"],
        page_number=params["page"],
        site_root_path=home.path,
    )
    if params["q"] and results.page_obj.number == 1:
        log_query(params["q"])
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": params["q"],
            "query_was_truncated": form.query_was_truncated,
            "results": results,
            "correction": suggest_correction(params["q"]) if params["q"] else None,
            "breadcrumb": [home],
            "sections": sections(home) if not results.total else [],
        },
    )


def search_suggestions(request):
    """JSON for the search box: {"q": …, "suggestions": [{"label": …, "url": …}, {"label": …}]}."""
    query = SearchForm(request.GET).search_parameters()["q"]
    home = site_for_request(request).root_page
    found = suggestions(query, home.path, request) if query else []
    return JsonResponse({"q": query, "suggestions": [suggestion.as_json() for suggestion in found]})
