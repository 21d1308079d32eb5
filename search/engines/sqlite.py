"""The public search on SQLite: its FTS5 table, its reader and its writer.

`SearchDocument` rows (search/models.py) hold what a result shows; the FTS5 table
`search_fts`, whose rowid is the page id, holds the text analysed in Python
(search/french.py, as SQLite has no French stemmer), and is emptied by a trigger when
a document row is deleted (a page deletion cascades). search/migrations/0002 creates
both from the statements below.
"""

from django.db import connection

from search.engines.base import MAX_BODY_CHARS, DocumentEngine, SearchOutcome
from search.french import analysed, terms
from search.models import SearchDocument
from search.request import DATE, RELEVANCE

DOCUMENT_TABLE = SearchDocument._meta.db_table
FTS_TABLE = "search_fts"
DELETE_TRIGGER = "search_fts_delete"

# title, summary, body, facets: the bm25 weights below follow this order.
CREATE_FTS = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "title, summary, body, facets, tokenize = 'unicode61 remove_diacritics 2')"
)
CREATE_DELETE_TRIGGER = (
    f"CREATE TRIGGER {DELETE_TRIGGER} AFTER DELETE ON {DOCUMENT_TABLE} "  # noqa: S608  # nosec B608
    f"BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.page_id; END"
)
DROP_DELETE_TRIGGER = f"DROP TRIGGER IF EXISTS {DELETE_TRIGGER}"
DROP_FTS = f"DROP TABLE IF EXISTS {FTS_TABLE}"

ORDERINGS = {
    RELEVANCE: f"bm25({FTS_TABLE}, 10.0, 3.0, 1.0, 0.0), d.date DESC, d.page_id DESC",
    DATE: "d.date DESC, d.page_id DESC",
}
UPSERT_DOCUMENT = (
    f"INSERT INTO {DOCUMENT_TABLE} (page_id, content_type_id, path, title, summary, date) "  # noqa: S608  # nosec B608
    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (page_id) DO UPDATE SET "
    "content_type_id = excluded.content_type_id, path = excluded.path, title = excluded.title, "
    "summary = excluded.summary, date = excluded.date"
)
DELETE_TEXT = f"DELETE FROM {FTS_TABLE} WHERE rowid = %s"  # noqa: S608  # nosec B608
INSERT_TEXT = f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body, facets) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608  # nosec B608


def match_expression(query: str) -> str:
    """Every word required, each quoted: no FTS syntax can come from a visitor."""
    words = terms(query)
    return "{title summary body} : (" + " AND ".join(f'"{w}"' for w in words) + ")" if words else ""


class SQLiteEngine(DocumentEngine):
    """FTS5 with text analysed as the index was (search/french.py); bm25 weights
    title 10, summary 3, body 1."""

    def search(self, search, *, site_root_path, exclude_ids=()):
        match = match_expression(search.query) if search.query else None
        if search.query and not match:
            return SearchOutcome({})
        exclude = list(exclude_ids)
        exclude_sql = f"AND d.page_id NOT IN ({', '.join(['%s'] * len(exclude))})" if exclude else ""
        if match:
            source = f"{FTS_TABLE} JOIN {DOCUMENT_TABLE} d ON d.page_id = {FTS_TABLE}.rowid"
            where = f"{FTS_TABLE} MATCH %s AND d.path LIKE %s {exclude_sql}"
            where_args = [match, f"{site_root_path}%", *exclude]
            ordering = ORDERINGS[search.order]
        else:
            source = f"{DOCUMENT_TABLE} d"
            where = f"d.path LIKE %s {exclude_sql}"
            where_args = [f"{site_root_path}%", *exclude]
            ordering = ORDERINGS[DATE]
        # The SQL is assembled from this module's own constant fragments; everything that
        # comes from a visitor is a bound parameter.
        type_sql, type_args = "", []
        if search.content_type_id:
            type_sql, type_args = "AND d.content_type_id = %s", [search.content_type_id]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.content_type_id, count(*) FROM {source} WHERE {where} GROUP BY d.content_type_id",  # noqa: S608  # nosec B608
                where_args,
            )
            counts = dict(cursor.fetchall())
            cursor.execute(
                f"SELECT d.page_id FROM {source} WHERE {where} {type_sql} "  # noqa: S608  # nosec B608
                f"ORDER BY {ordering} LIMIT %s OFFSET %s",
                [*where_args, *type_args, search.per_page, search.offset],
            )
            page_ids = [row[0] for row in cursor.fetchall()]
        return SearchOutcome(counts, page_ids)

    def write(self, texts):
        if not texts:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                UPSERT_DOCUMENT,
                [(t.page_id, t.content_type_id, t.path, t.title[:255], t.summary, t.date) for t in texts],
            )
            cursor.executemany(DELETE_TEXT, [(t.page_id,) for t in texts])
            cursor.executemany(
                INSERT_TEXT,
                [
                    (
                        t.page_id,
                        analysed(t.title),
                        analysed(t.summary),
                        analysed(t.body[:MAX_BODY_CHARS]),
                        f"ct{t.content_type_id}",
                    )
                    for t in texts
                ],
            )
