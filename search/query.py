"""The public search: counts per type and one page of results, in a fixed number of queries.

`run_search()` is the one entry point. It picks an engine:
- on PostgreSQL and SQLite with Wagtail's database backend, the document table
  of this app (search/models.py), built for speed at 100,000 pages;
- with any other Wagtail backend (Elasticsearch, OpenSearch), Wagtail's own
  search API, so that a site that outgrows one database changes only settings.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count
from wagtail.models import Page

from content.models import CONTENT_PAGE_TYPES, PAGE_TYPE_BY_SLUG
from search.french import terms

RELEVANCE = "pertinence"
DATE = "date"


@dataclass(frozen=True)
class SearchParams:
    query: str
    site_root_path: str
    type_slug: str = ""
    order: str = RELEVANCE
    offset: int = 0
    limit: int = 20
    exclude_ids: Sequence[int] = ()

    @property
    def content_type_id(self):
        model = PAGE_TYPE_BY_SLUG.get(self.type_slug)
        return ContentType.objects.get_for_model(model).pk if model else None


@dataclass
class SearchOutcome:
    counts: dict[int, int]  # content type id → number of matching pages
    page_ids: list[int] = field(default_factory=list)


def content_type_ids() -> list[int]:
    return [ct.pk for ct in ContentType.objects.get_for_models(*CONTENT_PAGE_TYPES).values()]


class PostgresDocumentSearch:
    """Counts from the narrow match table; results ordered by where they match.

    - Counts per type: one grouped count over `search_fulltext`, whose rows are small
      (the full vectors live out of line), so that a word found in nearly every page
      costs a few thousand small reads.
    - Relevance: pages whose title holds every word first, then those whose summary
      does, then those that match only in their body; newest first within each. Each
      tier walks the date index or a small GIN bitmap, so no search ranks every match
      (which, for a word in most pages, is what made the stock search slow).
    - Date order and browsing: the (date, id) index, stopped after one page.
    The planner is told to prefer the text indexes to reading whole tables, not to spend
    time compiling (`jit`), and not to start parallel workers (which on a busy server slow
    every other request down more than they speed this one up), for one search only.
    """

    QUERY = "websearch_to_tsquery('occe_french', %(query)s) AS q(query)"
    FILTERS = """
        {alias}.path LIKE %(site_path)s
        AND NOT ({alias}.page_id = ANY(%(exclude)s))
        AND (%(type)s::integer IS NULL OR {alias}.content_type_id = %(type)s::integer)
    """
    COUNTS = """
        SELECT m.content_type_id, count(*) FROM search_fulltext m {from_query}
        WHERE {match} m.path LIKE %(site_path)s AND NOT (m.page_id = ANY(%(exclude)s))
        GROUP BY m.content_type_id
    """
    BY_DATE = """
        SELECT m.page_id FROM search_fulltext m {from_query}
        WHERE {match} {filters}
        ORDER BY m.date DESC, m.page_id DESC LIMIT %(limit)s OFFSET %(offset)s
    """
    # The relevance tiers: (tables, condition), each ordered newest first.
    TIERS = [
        ("search_searchdocument d", "d.title_vector @@ q.query"),
        ("search_searchdocument d", "d.rank_vector @@ q.query AND NOT d.title_vector @@ q.query"),
        (
            "search_fulltext m JOIN search_searchdocument d ON d.page_id = m.page_id",
            "m.search_vector @@ q.query AND NOT d.rank_vector @@ q.query",
        ),
    ]
    TIER_PAGE = """
        SELECT d.page_id FROM {tables}, {query} WHERE {condition} AND {filters}
        ORDER BY d.date DESC, d.page_id DESC LIMIT %(limit)s OFFSET %(offset)s
    """
    TIER_COUNT = "SELECT count(*) FROM {tables}, {query} WHERE {condition} AND {filters}"

    def _sql(self, template, alias="m", with_query=True, **parts):
        return template.format(
            query=self.QUERY,
            from_query=f", {self.QUERY}" if with_query else "",
            match="m.search_vector @@ q.query AND" if with_query else "",
            filters=self.FILTERS.format(alias=alias),
            **parts,
        )

    def run(self, params: SearchParams) -> SearchOutcome:
        values = {
            "query": params.query,
            "site_path": f"{params.site_root_path}%",
            "exclude": list(params.exclude_ids),
            "type": params.content_type_id,
            "limit": params.limit,
            "offset": params.offset,
        }
        searching = bool(params.query)
        with transaction.atomic(), connection.cursor() as cursor:
            if searching:
                cursor.execute(
                    "SET LOCAL enable_seqscan = off; SET LOCAL jit = off; "
                    "SET LOCAL max_parallel_workers_per_gather = 0"
                )
            cursor.execute(self._sql(self.COUNTS, with_query=searching), values)
            counts = dict(cursor.fetchall())
            if not searching or params.order == DATE:
                cursor.execute(self._sql(self.BY_DATE, with_query=searching), values)
                page_ids = [row[0] for row in cursor.fetchall()]
            else:
                page_ids = self._by_relevance(cursor, values)
        return SearchOutcome({int(ct): n for ct, n in counts.items()}, page_ids)

    def _by_relevance(self, cursor, values):
        """One page across the tiers: skip `offset` results, then take `limit`."""
        page_ids, offset = [], values["offset"]
        for tables, condition in self.TIERS:
            wanted = values["limit"] - len(page_ids)
            if not wanted:
                break
            cursor.execute(
                self._sql(self.TIER_PAGE, alias="d", tables=tables, condition=condition),
                {**values, "limit": wanted, "offset": offset},
            )
            found = [row[0] for row in cursor.fetchall()]
            page_ids += found
            if len(found) == wanted:
                break
            if found or offset == 0:
                tier_total = offset + len(found)
            else:  # the page starts past this tier: how long was it?
                cursor.execute(
                    self._sql(self.TIER_COUNT, alias="d", tables=tables, condition=condition), values
                )
                tier_total = cursor.fetchone()[0]
            offset = max(offset - tier_total, 0)
        return page_ids


class SQLiteDocumentSearch:
    """FTS5 with text analysed as the index was (search/french.py); bm25 weights
    title 10, summary 3, body 1."""

    ORDERINGS = {
        RELEVANCE: "bm25(search_fts, 10.0, 3.0, 1.0, 0.0), d.date DESC, d.page_id DESC",
        DATE: "d.date DESC, d.page_id DESC",
    }

    @staticmethod
    def match_expression(query: str) -> str:
        """Every word required, each quoted: no FTS syntax can come from a visitor."""
        words = terms(query)
        return "{title summary body} : (" + " AND ".join(f'"{w}"' for w in words) + ")" if words else ""

    def run(self, params: SearchParams) -> SearchOutcome:
        match = self.match_expression(params.query) if params.query else None
        if params.query and not match:
            return SearchOutcome({})
        exclude = list(params.exclude_ids)
        exclude_sql = f"AND d.page_id NOT IN ({', '.join(['%s'] * len(exclude))})" if exclude else ""
        if match:
            source = "search_fts JOIN search_searchdocument d ON d.page_id = search_fts.rowid"
            where = f"search_fts MATCH %s AND d.path LIKE %s {exclude_sql}"
            where_args = [match, f"{params.site_root_path}%", *exclude]
            ordering = self.ORDERINGS[params.order]
        else:
            source = "search_searchdocument d"
            where = f"d.path LIKE %s {exclude_sql}"
            where_args = [f"{params.site_root_path}%", *exclude]
            ordering = self.ORDERINGS[DATE]
        # The SQL is assembled from this method's own constant fragments; everything that
        # comes from a visitor is a bound parameter.
        type_sql, type_args = "", []
        if params.content_type_id:
            type_sql, type_args = "AND d.content_type_id = %s", [params.content_type_id]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.content_type_id, count(*) FROM {source} WHERE {where} GROUP BY d.content_type_id",  # noqa: S608  # nosec B608
                where_args,
            )
            counts = dict(cursor.fetchall())
            cursor.execute(
                f"SELECT d.page_id FROM {source} WHERE {where} {type_sql} "  # noqa: S608  # nosec B608
                f"ORDER BY {ordering} LIMIT %s OFFSET %s",
                [*where_args, *type_args, params.limit, params.offset],
            )
            page_ids = [row[0] for row in cursor.fetchall()]
        return SearchOutcome(counts, page_ids)


class WagtailBackendSearch:
    """Wagtail's configured search backend, for Elasticsearch or OpenSearch."""

    def run(self, params: SearchParams) -> SearchOutcome:
        pages = (
            Page.objects.live()
            .public()
            .filter(content_type_id__in=content_type_ids(), path__startswith=params.site_root_path)
            .exclude(pk__in=list(params.exclude_ids))
        )
        selected = pages.filter(content_type_id=params.content_type_id) if params.content_type_id else pages
        window = slice(params.offset, params.offset + params.limit)
        if params.query:
            by_relevance = params.order == RELEVANCE
            counts = dict(pages.search(params.query).facet("content_type_id"))
            ordered = selected if by_relevance else selected.order_by("-first_published_at")
            results = ordered.search(params.query, order_by_relevance=by_relevance)[window]
            page_ids = [page.pk for page in results]
        else:
            counts = dict(pages.values_list("content_type_id").annotate(n=Count("pk")).order_by())
            page_ids = list(
                selected.order_by("-first_published_at", "-pk").values_list("pk", flat=True)[window]
            )
        return SearchOutcome({int(ct): n for ct, n in counts.items() if ct is not None}, page_ids)


def engine():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    uses_database = backend.endswith("backends.database")
    if uses_database and connection.vendor == "postgresql":
        return PostgresDocumentSearch()
    if uses_database and connection.vendor == "sqlite":
        return SQLiteDocumentSearch()
    return WagtailBackendSearch()


def run_search(params: SearchParams) -> SearchOutcome:
    return engine().run(params)
