from django.template.response import TemplateResponse
from wagtail.models import Page


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.live().public().search(query)[:20] if query else []
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "results": results}
    )
