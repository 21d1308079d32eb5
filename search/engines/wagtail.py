"""The public search through Wagtail's configured backend (Elasticsearch, OpenSearch…).

Wagtail keeps that index itself (its own signal handlers, `update_index`), so this
engine writes nothing: the document table of this app stays empty.
"""

from django.db.models import Count
from wagtail.models import Page

from search.engines.base import Engine, SearchOutcome
from search.request import RELEVANCE, search_types


class WagtailEngine(Engine):
    def search(self, search, *, site_root_path, exclude_ids=(), counts=True):
        content_type_ids = [each.content_type_id for each in search_types()]
        pages = (
            Page.objects.live()
            .public()
            .filter(content_type_id__in=content_type_ids, path__startswith=site_root_path)
            .exclude(pk__in=list(exclude_ids))
        )
        selected = pages.filter(content_type_id=search.content_type_id) if search.type else pages
        window = slice(search.offset, search.offset + search.per_page)
        if search.query:
            by_relevance = search.order == RELEVANCE
            found = dict(pages.search(search.query).facet("content_type_id")) if counts else {}
            ordered = selected if by_relevance else selected.order_by("-first_published_at")
            results = ordered.search(search.query, order_by_relevance=by_relevance)[window]
            page_ids = [page.pk for page in results]
        else:
            found = (
                dict(pages.values_list("content_type_id").annotate(n=Count("pk")).order_by())
                if counts
                else {}
            )
            page_ids = list(
                selected.order_by("-first_published_at", "-pk").values_list("pk", flat=True)[window]
            )
        return SearchOutcome({int(ct): n for ct, n in found.items() if ct is not None}, page_ids)

    def cards(self, page_ids, query=""):
        """The specific pages (one query per type among the results): each content page
        has its own `summary`, `listing_date` and `type_label`; no excerpt, the summary shows."""
        pages = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
        return [pages[pk] for pk in page_ids if pk in pages]
