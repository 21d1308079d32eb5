"""Writing the public search's documents: one page, a subtree, or everything.

`SearchIndex.for_connection()` picks the writer for the database: PostgreSQL
computes its vectors in SQL with the `occe_french` configuration; SQLite gets
text analysed in Python (search/french.py) in its FTS5 table.
"""

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection as default_connection
from django.db import transaction
from wagtail.models import Page, PageViewRestriction, Site

from search.documents import SEARCHABLE_MODELS, PageText, page_text
from search.french import analysed
from search.lexicon import Lexicon
from search.models import SearchDocument

MAX_BODY_CHARS = 200_000  # beyond this, more text adds nothing a visitor would search for


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


class SearchIndex:
    """What every writer does; subclasses store the text-search data."""

    def __init__(self, connection):
        self.connection = connection
        self.lexicon = Lexicon(connection)

    @staticmethod
    def for_connection(connection=None) -> "SearchIndex":
        connection = connection or default_connection
        writer = {"postgresql": PostgresSearchIndex, "sqlite": SQLiteSearchIndex}.get(connection.vendor)
        return (writer or SearchIndex)(connection)

    # --- which pages belong in the index ---------------------------------------------------

    @staticmethod
    def _site_root_paths() -> list[str]:
        return list(Site.objects.values_list("root_page__path", flat=True))

    @staticmethod
    def _restricted_paths() -> list[str]:
        return list(PageViewRestriction.objects.values_list("page__path", flat=True))

    @staticmethod
    def _belongs(page, site_paths, restricted_paths) -> bool:
        return (
            page.live
            and type(page) in SEARCHABLE_MODELS
            and any(page.path.startswith(root) for root in site_paths)
            and not any(page.path.startswith(path) for path in restricted_paths)
        )

    # --- public operations ---------------------------------------------------------------

    def update_page(self, page) -> None:
        """Add, refresh or drop one page, as its state requires."""
        self.update_pages([page.specific])

    def update_pages(self, pages: Iterable, site_paths=None, restricted=None) -> None:
        """Add, refresh or drop each page; the sites' and restrictions' paths are read once
        unless the caller already has them."""
        if site_paths is None:
            site_paths, restricted = self._site_root_paths(), self._restricted_paths()
        keep, drop = [], []
        for page in pages:
            (keep if self._belongs(page, site_paths, restricted) else drop).append(page)
        with transaction.atomic(using=self.connection.alias):
            if drop:
                self.delete([page.pk for page in drop])
            if keep:
                self.write([page_text(page) for page in keep])

    def update_subtree(self, root) -> None:
        """Re-examine a page and all its descendants (after a move or a change of restriction)."""
        site_paths, restricted = self._site_root_paths(), self._restricted_paths()
        pages = Page.objects.descendant_of(root, inclusive=True).specific().iterator(chunk_size=500)
        for chunk in _chunks(pages, 500):
            self.update_pages(chunk, site_paths, restricted)

    def rebuild(self, chunk_size: int = 500, progress=None) -> int:
        """Index every page that belongs, from scratch; returns the number of documents."""
        site_paths, restricted = self._site_root_paths(), self._restricted_paths()
        total = 0
        with transaction.atomic(using=self.connection.alias):
            self.clear()
        for model in SEARCHABLE_MODELS:
            queryset = (
                model.objects.live()
                .order_by("path")
                .prefetch_related("themes")
                .iterator(chunk_size=chunk_size)
            )
            for chunk in _chunks(queryset, chunk_size):
                texts = [page_text(page) for page in chunk if self._belongs(page, site_paths, restricted)]
                with transaction.atomic(using=self.connection.alias):
                    self.write(texts)
                total += len(texts)
                if progress:
                    progress(len(chunk))
        return total

    def delete(self, page_ids: list[int]) -> None:
        with self.lexicon.tracking(self, list(page_ids)):
            SearchDocument.objects.using(self.connection.alias).filter(page_id__in=page_ids).delete()

    def clear(self) -> None:
        SearchDocument.objects.using(self.connection.alias).all().delete()
        self.lexicon.clear()

    def write(self, texts: list[PageText]) -> None:
        """Store the documents; the lexicon (search/lexicon.py) follows."""
        page_ids = [text.page_id for text in texts]
        strings = (
            string for text in texts for string in (text.title, text.summary, text.body[:MAX_BODY_CHARS])
        )
        with self.lexicon.tracking(self, page_ids, strings):
            self.store(texts)

    def indexed_stems(self, page_ids: list[int]) -> dict[int, set[str]]:
        """The stems the index holds for each of `page_ids` (none without a text index)."""
        return {}

    def store(self, texts: list[PageText]) -> None:
        for text in texts:
            SearchDocument.objects.using(self.connection.alias).update_or_create(
                page_id=text.page_id,
                defaults={
                    "content_type_id": text.content_type_id,
                    "path": text.path,
                    "title": text.title[:255],
                    "summary": text.summary,
                    "date": text.date,
                },
            )


class PostgresSearchIndex(SearchIndex):
    """Rows of `search_searchdocument` (shown, ordered by where they match) and of
    `search_fulltext` (matched and counted on everything): see search/migrations/0002."""

    # The configuration name is written out (not formatted in) so the statements are constants.
    UPSERT_DOCUMENT = """
        INSERT INTO search_searchdocument
            (page_id, content_type_id, path, title, summary, date, title_vector, rank_vector)
        SELECT d.page_id, d.content_type_id, d.path, d.title, d.summary, d.date,
               to_tsvector('occe_french', d.title),
               setweight(to_tsvector('occe_french', d.title), 'A')
               || setweight(to_tsvector('occe_french', d.summary), 'B')
        FROM (VALUES (%s::bigint, %s::integer, %s, %s, %s, %s::date))
            AS d (page_id, content_type_id, path, title, summary, date)
        ON CONFLICT (page_id) DO UPDATE SET
            content_type_id = EXCLUDED.content_type_id, path = EXCLUDED.path, title = EXCLUDED.title,
            summary = EXCLUDED.summary, date = EXCLUDED.date,
            title_vector = EXCLUDED.title_vector, rank_vector = EXCLUDED.rank_vector
    """
    UPSERT_FULLTEXT = """
        INSERT INTO search_fulltext (page_id, content_type_id, path, date, search_vector)
        SELECT d.page_id, d.content_type_id, d.path, d.date,
               setweight(to_tsvector('occe_french', d.title), 'A')
               || setweight(to_tsvector('occe_french', d.summary), 'B')
               || setweight(to_tsvector('occe_french', d.body), 'D')
        FROM (VALUES (%s::bigint, %s::integer, %s, %s::date, %s, %s, %s))
            AS d (page_id, content_type_id, path, date, title, summary, body)
        ON CONFLICT (page_id) DO UPDATE SET
            content_type_id = EXCLUDED.content_type_id, path = EXCLUDED.path, date = EXCLUDED.date,
            search_vector = EXCLUDED.search_vector
    """

    def indexed_stems(self, page_ids: list[int]) -> dict[int, set[str]]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id, tsvector_to_array(search_vector) FROM search_fulltext "
                "WHERE page_id = ANY(%s)",
                [list(page_ids)],
            )
            return {page_id: set(stems) for page_id, stems in cursor.fetchall()}

    def store(self, texts: list[PageText]) -> None:
        if not texts:
            return
        with self.connection.cursor() as cursor:
            cursor.executemany(
                self.UPSERT_DOCUMENT,
                [(t.page_id, t.content_type_id, t.path, t.title[:255], t.summary, t.date) for t in texts],
            )
            cursor.executemany(
                self.UPSERT_FULLTEXT,
                [
                    (
                        t.page_id,
                        t.content_type_id,
                        t.path,
                        t.date,
                        t.title,
                        t.summary,
                        t.body[:MAX_BODY_CHARS],
                    )
                    for t in texts
                ],
            )


class SQLiteSearchIndex(SearchIndex):
    def indexed_stems(self, page_ids: list[int]) -> dict[int, set[str]]:
        found = {}
        with self.connection.cursor() as cursor:
            for start in range(0, len(page_ids), 500):
                chunk = page_ids[start : start + 500]
                cursor.execute(
                    "SELECT rowid, title, summary, body FROM search_fts "  # noqa: S608
                    f"WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",  # nosec B608 (placeholders only)
                    chunk,
                )
                for rowid, *columns in cursor.fetchall():
                    found[rowid] = {term for column in columns for term in (column or "").split()}
        return found

    def store(self, texts: list[PageText]) -> None:
        if not texts:
            return
        with self.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_searchdocument (page_id, content_type_id, path, title, summary, date) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (page_id) DO UPDATE SET "
                "content_type_id = excluded.content_type_id, path = excluded.path, title = excluded.title, "
                "summary = excluded.summary, date = excluded.date",
                [(t.page_id, t.content_type_id, t.path, t.title[:255], t.summary, t.date) for t in texts],
            )
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(t.page_id,) for t in texts])
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, summary, body, facets) VALUES (%s, %s, %s, %s, %s)",
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
