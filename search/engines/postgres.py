"""The public search on PostgreSQL: its schema names, its reader and its writer.

Two tables, each shaped for one task (the columns and indexes Django cannot express
are added by search/migrations/0002, from the names below):
- `search_fulltext` (`SearchMatch`) finds and counts the matches: a narrow row (type,
  path, date) and the full vector (title A, summary B, body D), kept out of line by
  TOAST, so that counting a word found in nearly every page reads only small rows.
- `search_searchdocument` (`SearchDocument`) orders and shows: a `title_vector` and a
  `rank_vector` (title and summary), small and inline, which sort the matches into
  title, summary and body matches.
Text is analysed in SQL by the `occe_french` configuration (search/migrations/0001), and so
are the lexicon's words (search/lexicon.py), found by pg_trgm for the corrections.

Phrases and negations are found from the indexes alone, never by reading every candidate's
full vector (a GIN index knows which pages hold a word, not where):
- a phrase ("conseil de coopérative") is its words, all required, and its pairs of
  neighbouring words, required in `pair_vector` (search/migrations/0006): the words in this
  order, next to each other but for stop words;
- a query made of negations only (-coopération) is every page but those that hold the word:
  its counts are the whole site's less the word's, its pages the newest without it.
Any other shape (a phrase with "or", a negated phrase) is matched exactly, under the time limit.

A query of one word, of one negated word, and a browse are counted from the lexicon's counts per
type (search/lexicon.py) when every document is the site's: counting a word found in nearly
every page of 100,000 read that many rows of the narrow table (60 ms), the lexicon one row per type.
"""

import re
from collections import Counter
from dataclasses import asdict, astuple, dataclass
from itertools import pairwise

from django.db import connection, transaction
from wagtail.models import Page

from search.engines.base import (
    MAX_BODY_CHARS,
    START,
    STOP,
    DocumentEngine,
    SearchOutcome,
    document_row,
    fitted,
)
from search.lexicon import ALL_PAGES, STEM_TABLE, STEM_TYPE_TABLE, WORD_TABLE
from search.models import SearchDocument, SearchMatch
from search.request import DATE

CONFIG = "occe_french"
DOCUMENT_TABLE = SearchDocument._meta.db_table
MATCH_TABLE = SearchMatch._meta.db_table
PAGE_TABLE = Page._meta.db_table

# The SQL below is assembled from these module constants only; everything that comes from
# a visitor is a bound parameter.
QUERY = f"websearch_to_tsquery('{CONFIG}', %(query)s) AS q(query)"
# A query with phrases: its words (each phrase's words all required) and its pairs.
# `others`: the words outside the phrases (a phrase's words are implied by its pairs).
PHRASE_QUERY = (
    "(SELECT %(words)s::tsquery AS query, %(pairs)s::tsquery AS pairs, %(others)s::tsquery AS others) AS q"
)
# A query of negations only, turned round: the pages it leaves out (any of its words).
LEFT_OUT_QUERY = "(SELECT %(left_out)s::tsquery AS query) AS q"
ANALYSED = f"SELECT q.query::text, querytree(q.query) FROM {QUERY}"  # noqa: S608  # nosec B608
PHRASE_OPERATOR = r"<(?:-|\d+)>"
LEXEME = r"'(?:[^']|'')*'"
# The query as PostgreSQL prints it: lexemes, phrase operators, "&", and anything else.
TOKEN = re.compile(rf"\s*(?:(?P<lexeme>{LEXEME})|(?P<phrase>{PHRASE_OPERATOR})|(?P<both>&)|(?P<other>\S))")
NEGATED_WORDS = re.compile(rf"!{LEXEME}(?: & !{LEXEME})*")
# The pairs of neighbouring words of a vector, in the order of their positions.
PAIRS_FUNCTION = "occe_word_pairs"
WORD_PAIRS = f"""
    CREATE OR REPLACE FUNCTION {PAIRS_FUNCTION}(vector tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair)), '')
        FROM (
            SELECT word || ' ' || lead(word) OVER (ORDER BY position) AS pair
            FROM unnest(vector) AS u (word, positions, weights), unnest(positions) AS position
        ) pairs
        WHERE pair IS NOT NULL
    $$
"""  # noqa: S608  # nosec B608 (a function of this module's own)
FILTERS = """
    {alias}.path LIKE %(site_path)s
    AND NOT ({alias}.page_id = ANY(%(exclude)s))
    AND (%(type)s::integer IS NULL OR {alias}.content_type_id = %(type)s::integer)
"""
COUNTS = f"""
    SELECT m.content_type_id, count(*) FROM {MATCH_TABLE} m {{from_query}}
    WHERE {{match}} m.path LIKE %(site_path)s AND NOT (m.page_id = ANY(%(exclude)s))
    GROUP BY m.content_type_id
"""  # noqa: S608  # nosec B608
# The promoted pages (left out of the list) among the matches: taken from the lexicon's counts.
EXCLUDED_COUNTS = f"""
    SELECT m.content_type_id, count(*) FROM {MATCH_TABLE} m {{from_query}}
    WHERE {{match}} m.page_id = ANY(%(exclude)s)
    GROUP BY m.content_type_id
"""  # noqa: S608  # nosec B608
# A query of one word: its stem, when it has no quote or backslash that PostgreSQL escapes.
ONE_STEM = re.compile(r"'([^'\\]+)'")
BY_DATE = f"""
    SELECT m.page_id FROM {MATCH_TABLE} m {{from_query}}
    WHERE {{match}} {{filters}}
    ORDER BY m.date DESC, m.page_id DESC LIMIT %(limit)s OFFSET %(offset)s
"""  # noqa: S608  # nosec B608
# The relevance tiers: (tables, condition), each ordered newest first. First the pages whose
# title is the query (the same stems, whatever the order and the stop words): a visitor who
# types a page's title finds it first, even among thousands of titles holding those words.
SAME_TITLE = f"strip(d.title_vector) = strip(to_tsvector('{CONFIG}', %(query)s))"
# Its index (search/migrations/0007): without it, a word found in thousands of titles compared
# each of them with the query.
SAME_TITLE_INDEX = f"CREATE INDEX search_doc_same_title ON {DOCUMENT_TABLE} (strip(title_vector))"
TIERS = [
    (f"{DOCUMENT_TABLE} d", f"d.title_vector @@ q.query AND {SAME_TITLE}"),
    (f"{DOCUMENT_TABLE} d", f"d.title_vector @@ q.query AND NOT {SAME_TITLE}"),
    (f"{DOCUMENT_TABLE} d", "d.rank_vector @@ q.query AND NOT d.title_vector @@ q.query"),
    (
        f"{MATCH_TABLE} m JOIN {DOCUMENT_TABLE} d ON d.page_id = m.page_id",
        "m.search_vector @@ q.query AND NOT d.rank_vector @@ q.query",
    ),
]
# With phrases, every tier also requires the phrases' pairs and the other words (`{match}`),
# and its words' conditions read the query's words (each phrase's all required).
PAIRS = f"{DOCUMENT_TABLE} d JOIN {MATCH_TABLE} m ON m.page_id = d.page_id"


def phrase_tiers(match: str) -> list[tuple[str, str]]:
    return [
        *((PAIRS, f"{condition} AND {match}") for _tables, condition in TIERS[:3]),
        (PAIRS, f"{match} AND NOT d.rank_vector @@ q.query"),
    ]


# The newest pages a query of negations only leaves in.
LEFT_IN = f"""
    SELECT m.page_id FROM {MATCH_TABLE} m
    WHERE {{filters}} AND NOT EXISTS (
        SELECT FROM {MATCH_TABLE} o, {LEFT_OUT_QUERY}
        WHERE o.page_id = m.page_id AND o.search_vector @@ q.query
    )
    ORDER BY m.date DESC, m.page_id DESC LIMIT %(limit)s OFFSET %(offset)s
"""  # noqa: S608  # nosec B608
TIER_PAGE = """
    SELECT d.page_id FROM {tables}, {query} WHERE {condition} AND {filters}
    ORDER BY d.date DESC, d.page_id DESC LIMIT %(limit)s OFFSET %(offset)s
"""
TIER_COUNT = "SELECT count(*) FROM {tables}, {query} WHERE {condition} AND {filters}"
# Excerpts, for the page of results only: the title with every matched word marked, and one
# fragment of the summary when the words are found there (its weight B in the full vector),
# else of the body (weight D); the sentinels are taken out of the text first, and "<" and ">"
# stand in for themselves as ANGLES (ts_headline would drop what its parser takes for tags).
# Whether the fragment begins or ends the text tells where "…" goes. The headlines are made in
# a subquery that PostgreSQL may not fold into the outer one (OFFSET 0): folded, the four uses
# of `excerpt` made four headlines of each body (36 ms for 20 bodies, 11 once).
ANGLES = "\x04\x05"
HEADLINE_OPTIONS = f'StartSel="{START}", StopSel="{STOP}", MaxWords=35, MinWords=25, ShortWord=3'
HIGHLIGHTS = f"""
    SELECT page_id, title, excerpt, starts_with(source, plain), right(source, length(plain)) = plain
    FROM (
        SELECT page_id, title, source, excerpt, translate(excerpt, %(sentinels)s, '') AS plain
        FROM (
            SELECT d.page_id,
                ts_headline('{CONFIG}', translate(d.title, %(from)s, %(to)s), q.query,
                            %(options)s || ', HighlightAll=true') AS title,
                s.source,
                ts_headline('{CONFIG}', s.source, q.query, %(options)s) AS excerpt
            FROM {DOCUMENT_TABLE} d JOIN {MATCH_TABLE} m ON m.page_id = d.page_id, {QUERY},
            LATERAL (SELECT translate(
                CASE WHEN ts_filter(m.search_vector, '{{b}}') @@ q.query
                          OR NOT ts_filter(m.search_vector, '{{d}}') @@ q.query
                     THEN d.summary ELSE d.body END,
                %(from)s, %(to)s) AS source) s
            WHERE d.page_id = ANY(%(page_ids)s)
            OFFSET 0  -- computed once: flattened, each use of `excerpt` ran ts_headline again
        ) headlines
    ) excerpts
"""  # noqa: S608  # nosec B608
PLANNER = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0"

# The writer's statements name their tables ({documents}, {matches}): the live ones, or
# while `rebuild_search_documents` runs, their staging copies.
UPSERT_DOCUMENT = f"""
    INSERT INTO {{documents}}
        (page_id, content_type_id, path, title, summary, body, date, title_vector, rank_vector)
    SELECT d.page_id, d.content_type_id, d.path, d.title, d.summary, d.body, d.date,
           to_tsvector('{CONFIG}', d.title),
           setweight(to_tsvector('{CONFIG}', d.title), 'A')
           || setweight(to_tsvector('{CONFIG}', d.summary), 'B')
    FROM (VALUES (%s::bigint, %s::integer, %s, %s, %s, %s, %s::date))
        AS d (page_id, content_type_id, path, title, summary, body, date)
    ON CONFLICT (page_id) DO UPDATE SET
        content_type_id = EXCLUDED.content_type_id, path = EXCLUDED.path, title = EXCLUDED.title,
        summary = EXCLUDED.summary, body = EXCLUDED.body, date = EXCLUDED.date,
        title_vector = EXCLUDED.title_vector, rank_vector = EXCLUDED.rank_vector
"""  # noqa: S608  # nosec B608
UPSERT_MATCH = f"""
    INSERT INTO {{matches}} (page_id, content_type_id, path, date, search_vector, pair_vector)
    SELECT v.page_id, v.content_type_id, v.path, v.date, v.vector, {PAIRS_FUNCTION}(v.vector)
    FROM (
        SELECT d.page_id, d.content_type_id, d.path, d.date,
               setweight(to_tsvector('{CONFIG}', d.title), 'A')
               || setweight(to_tsvector('{CONFIG}', d.summary), 'B')
               || setweight(to_tsvector('{CONFIG}', d.body), 'D') AS vector
        FROM (VALUES (%s::bigint, %s::integer, %s, %s::date, %s, %s, %s))
            AS d (page_id, content_type_id, path, date, title, summary, body)
    ) v
    ON CONFLICT (page_id) DO UPDATE SET
        content_type_id = EXCLUDED.content_type_id, path = EXCLUDED.path, date = EXCLUDED.date,
        search_vector = EXCLUDED.search_vector, pair_vector = EXCLUDED.pair_vector
"""  # noqa: S608  # nosec B608
DELETE_MATCHES = "DELETE FROM {matches} WHERE page_id = ANY(%s)"
DELETE_DOCUMENTS = "DELETE FROM {documents} WHERE page_id = ANY(%s)"
INDEXED_PATHS = "SELECT page_id, path FROM {documents}"
INDEXED_STEMS = (
    "SELECT page_id, content_type_id, tsvector_to_array(search_vector) FROM {matches} WHERE page_id = ANY(%s)"
)
# What Django cannot declare: detailed statistics for the planner (without them it misjudges
# rare words and walks the date index) and the full vectors kept out of line by TOAST.
# Run by migration 0002 and again on the tables a rebuild swaps in.
TUNING = [
    "ALTER TABLE {documents} ALTER COLUMN title_vector SET STATISTICS 1000",
    "ALTER TABLE {documents} ALTER COLUMN rank_vector SET STATISTICS 1000",
    "ALTER TABLE {matches} ALTER COLUMN search_vector SET STORAGE EXTERNAL",
    "ALTER TABLE {matches} SET (toast_tuple_target = 128)",
    "ALTER TABLE {matches} ALTER COLUMN search_vector SET STATISTICS 1000",
    "ALTER TABLE {matches} ALTER COLUMN path SET STORAGE PLAIN",
]
# The same for the pairs' column (search/migrations/0006).
PAIR_TUNING = [
    "ALTER TABLE {matches} ALTER COLUMN pair_vector SET STORAGE EXTERNAL",
    "ALTER TABLE {matches} ALTER COLUMN pair_vector SET STATISTICS 1000",
]
# Rebuilding: staging copies of the live tables (columns, defaults, storage, primary key and
# indexes), their foreign keys copied at the swap, and the names of their indexes given back.
CREATE_STAGING = "CREATE TABLE {staging} (LIKE {live} INCLUDING ALL)"
DROP_STAGING = "DROP TABLE IF EXISTS {matches}, {documents}"
# The page table first: copying the foreign keys takes this lock on it, and a publication
# changes a page before its document (taken in the other order, the two could deadlock).
LOCK_LIVE = f"LOCK TABLE {PAGE_TABLE}, {{documents}}, {{matches}} IN SHARE ROW EXCLUSIVE MODE"
FOREIGN_KEYS = """
    SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
    WHERE conrelid = %s::regclass AND contype = 'f'
"""
ADD_FOREIGN_KEY = "ALTER TABLE {table} ADD CONSTRAINT {name} {definition}"
# An index's definition without its name and table: what makes two copies the same index.
INDEXES = """
    SELECT i.relname, regexp_replace(pg_get_indexdef(i.oid), '^.* ON \\S+ ', '')
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass
"""
ANALYZE = "ANALYZE {documents}, {matches}"
# Foreign keys are checked at commit (Django's DEFERRABLE INITIALLY DEFERRED), and a table with
# checks pending cannot be dropped or renamed: the swap checks as it goes.
CHECK_NOW = "SET CONSTRAINTS ALL IMMEDIATE"
DROP_LIVE = "DROP TABLE {matches}, {documents}"
RENAME_TABLE = "ALTER TABLE {old} RENAME TO {new}"
RENAME_INDEX = "ALTER INDEX {old} RENAME TO {new}"

# The lexicon (search/lexicon.py): a new word's stem as this configuration makes it, so that it
# meets the index; the counts taken afresh from the live full vectors after a rebuild.
INSERT_WORDS = f"""
    INSERT INTO {WORD_TABLE} (folded, word, stem, length)
    SELECT f, w, coalesce((tsvector_to_array(to_tsvector('{CONFIG}', f)))[1], f), char_length(f)
    FROM unnest(%s::text[], %s::text[]) AS t (f, w)
    ON CONFLICT (folded) DO NOTHING
"""  # noqa: S608  # nosec B608
INDEXED_TYPES = f"SELECT DISTINCT content_type_id FROM {MATCH_TABLE}"  # noqa: S608  # nosec B608
RECOUNT_STEMS_OF_TYPE = f"""
    INSERT INTO {STEM_TYPE_TABLE} (stem, content_type_id, doc_count)
    SELECT word, %s, ndoc FROM ts_stat(%s)
"""  # noqa: S608  # nosec B608
VECTORS_OF_TYPE = f"SELECT search_vector FROM {MATCH_TABLE} WHERE content_type_id = {{type_id:d}}"  # noqa: S608  # nosec B608
COUNT_PAGES_BY_TYPE = f"""
    INSERT INTO {STEM_TYPE_TABLE} (stem, content_type_id, doc_count)
    SELECT %s, content_type_id, count(*) FROM {MATCH_TABLE} GROUP BY content_type_id
"""  # noqa: S608  # nosec B608
# The suggestions as you type (search/suggestions.py): the words that start with a prefix,
# found by the pattern b-tree on the folded words (search/migrations/0004), and the titles that
# hold one of their stems and every complete word.
PREFIX_WORDS = f"""
    SELECT w.word, w.stem FROM {WORD_TABLE} w JOIN {STEM_TABLE} s ON s.stem = w.stem
    WHERE w.folded LIKE %s AND s.doc_count > 0
    ORDER BY s.doc_count DESC, w.length, w.folded LIMIT %s
"""  # noqa: S608  # nosec B608
TITLE_IDS = f"""
    SELECT d.page_id FROM {DOCUMENT_TABLE} d
    WHERE d.title_vector @@ (%s::tsquery && plainto_tsquery('{CONFIG}', %s)) AND d.path LIKE %s
    ORDER BY d.date DESC, d.page_id DESC LIMIT %s
"""  # noqa: S608  # nosec B608

# The corrections (search/corrections.py): how many pages hold a word's stem as this
# configuration makes it, and the words alike by pg_trgm's similarity (its `%` operator, with
# the trigram GIN index on the folded words of search/migrations/0004).
STEM_COUNT = f"""
    SELECT coalesce(max(s.doc_count), 0) FROM {STEM_TABLE} s
    WHERE s.stem = (tsvector_to_array(to_tsvector('{CONFIG}', %s)))[1]
"""  # noqa: S608  # nosec B608
CLOSE_WORDS = f"""
    SELECT w.folded, w.word, w.stem, s.doc_count FROM {WORD_TABLE} w
    JOIN {STEM_TABLE} s ON s.stem = w.stem
    WHERE w.folded %% %s AND s.doc_count > 0
    ORDER BY similarity(w.folded, %s) DESC, s.doc_count DESC LIMIT %s
"""  # noqa: S608  # nosec B608


@dataclass(frozen=True)
class Tables:
    documents: str
    matches: str


LIVE = Tables(DOCUMENT_TABLE, MATCH_TABLE)
STAGING = Tables(f"{DOCUMENT_TABLE}_new", f"{MATCH_TABLE}_new")


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern for the strings that start with `prefix`, its wildcards escaped."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _quoted(stem: str) -> str:
    """A stem as a tsquery term."""
    return "'" + stem.replace("\\", "\\\\").replace("'", "''") + "'"


@dataclass(frozen=True)
class Matching:
    """How the pages of a query are found: the query, a FROM item named `q`; the condition on
    the match table `m`; the relevance tiers."""

    query: str
    match: str
    tiers: list = ()


WORDS = Matching(QUERY, "m.search_vector @@ q.query", TIERS)
PHRASES_ONLY = "m.pair_vector @@ q.pairs"
PHRASES_AND_WORDS = "m.pair_vector @@ q.pairs AND m.search_vector @@ q.others"
PHRASES = Matching(PHRASE_QUERY, PHRASES_ONLY, phrase_tiers(PHRASES_ONLY))
PHRASES_WITH_WORDS = Matching(PHRASE_QUERY, PHRASES_AND_WORDS, phrase_tiers(PHRASES_AND_WORDS))
LEFT_OUT = Matching(LEFT_OUT_QUERY, "m.search_vector @@ q.query")


def matching(tsquery: str, indexable: str) -> tuple[Matching, dict]:
    """The way to find a query's pages, from the query as PostgreSQL analysed it (its text
    and `querytree()`), and the parameters that way needs besides the query."""
    if indexable == "T" and NEGATED_WORDS.fullmatch(tsquery):  # negated words only
        return LEFT_OUT, {"left_out": " | ".join(re.findall(LEXEME, tsquery))}
    chains, chain = [], []  # each word alone or each phrase: its lexemes
    for token in TOKEN.finditer(tsquery):
        if token["other"]:  # or, not, parentheses: matched as PostgreSQL reads them
            return WORDS, {}
        if token["lexeme"]:
            chain.append(token["lexeme"])
        elif token["both"]:
            chains.append(chain)
            chain = []
    chains.append(chain)
    pairs = [f"{first[:-1]} {second[1:]}" for each in chains for first, second in pairwise(each)]
    if not pairs:
        return WORDS, {}
    others = [each[0] for each in chains if len(each) == 1]
    more = {
        "words": " & ".join(lexeme for each in chains for lexeme in each),
        "pairs": " & ".join(pairs),
        "others": " & ".join(others),
    }
    return (PHRASES_WITH_WORDS if others else PHRASES), more


def one_stem(tsquery: str) -> str | None:
    """The stem of a query made of one word, as PostgreSQL prints the query; else None."""
    found = ONE_STEM.fullmatch(tsquery)
    return found[1] if found else None


def _sql(template, matching: Matching | None = None, alias="m", **parts):
    """A statement for `matching`, or without a query (browsing) for None."""
    return template.format(
        query=matching.query if matching else "",
        from_query=f", {matching.query}" if matching else "",
        match=f"{matching.match} AND" if matching else "",
        filters=FILTERS.format(alias=alias),
        **parts,
    )


class PostgresEngine(DocumentEngine):
    """Counts from the narrow match table; results ordered by where they match.

    - Counts per type: one grouped count over `search_fulltext`, whose rows are small
      (the full vectors live out of line), so that a word found in nearly every page
      costs a few thousand small reads.
    - Relevance: pages whose title is the query first (its words, in any order), then those
      whose title holds every word, then those whose summary
      does, then those that match only in their body; newest first within each. Each
      tier walks the date index or a small GIN bitmap, so no search ranks every match
      (which, for a word in most pages, is what made the stock search slow).
    - Date order and browsing: the (date, id) index, stopped after one page.
    The planner is told to prefer the text indexes to reading whole tables, not to spend
    time compiling (`jit`), and not to start parallel workers (which on a busy server slow
    every other request down more than they speed this one up), for one search only.
    """

    def search(self, search, *, site_root_path, exclude_ids=(), counts=True):
        values = {
            "query": search.query,
            "site_path": f"{site_root_path}%",
            "exclude": list(exclude_ids),
            "type": search.content_type_id,
            "limit": search.per_page,
            "offset": search.offset,
        }
        found = {}
        # Counted from the lexicon when every document is the site's (see `_count`).
        stored = counts and self.holds_only(site_root_path)
        with transaction.atomic(), connection.cursor() as cursor:
            if not search.query:
                if counts:
                    found = self._count(cursor, None, values, ALL_PAGES if stored else None)
                cursor.execute(_sql(BY_DATE), values)
                return self._outcome(found, cursor)
            cursor.execute(PLANNER)
            cursor.execute(ANALYSED, values)
            tsquery, indexable = cursor.fetchone()
            way, more = matching(tsquery, indexable)
            values.update(more)
            if way is LEFT_OUT:  # the whole site less the pages the query leaves out, newest first
                if counts:
                    found = Counter(self._count(cursor, None, values, ALL_PAGES if stored else None))
                    left_out = one_stem(values["left_out"]) if stored else None
                    found.subtract(self._count(cursor, LEFT_OUT, values, left_out))
                    found = +found
                    shown = found[search.content_type_id] if search.type else found.total()
                    if shown <= search.offset:
                        return SearchOutcome(dict(found), [])
                cursor.execute(_sql(LEFT_IN), values)
                return self._outcome(found, cursor)
            if counts:
                word = one_stem(tsquery) if stored and way is WORDS else None
                found = self._count(cursor, way, values, word)
            if search.order == DATE:
                cursor.execute(_sql(BY_DATE, way), values)
                return self._outcome(found, cursor)
            return SearchOutcome(found, self._by_relevance(cursor, way, values))

    def _count(self, cursor, way, values, stem):
        """Counts per type of the pages `way` finds (None: every page of the site), less the
        promoted ones. With `stem` (the query's only stem, or ALL_PAGES for every page), from
        the lexicon's counts per type, less the promoted pages that match; else counted in
        the index."""
        if stem is None:
            return self._counts(cursor, way, values)
        found = Counter(self.stored_counts(cursor, stem))
        if values["exclude"]:
            found.subtract(self._counts(cursor, way, values, EXCLUDED_COUNTS))
        return dict(+found)

    @staticmethod
    def _counts(cursor, way, values, template=COUNTS):
        cursor.execute(_sql(template, way), values)
        return {int(ct): n for ct, n in cursor.fetchall()}

    @staticmethod
    def _outcome(counts, cursor):
        return SearchOutcome(dict(counts), [row[0] for row in cursor.fetchall()])

    @staticmethod
    def _by_relevance(cursor, way, values):
        """One page across the tiers: skip `offset` results, then take `limit`."""
        page_ids, offset = [], values["offset"]
        for tables, condition in way.tiers:
            wanted = values["limit"] - len(page_ids)
            if not wanted:
                break
            cursor.execute(
                _sql(TIER_PAGE, way, alias="d", tables=tables, condition=condition),
                {**values, "limit": wanted, "offset": offset},
            )
            found = [row[0] for row in cursor.fetchall()]
            page_ids += found
            if len(found) == wanted:
                break
            if found or offset == 0:
                tier_total = offset + len(found)
            else:  # the page starts past this tier: how long was it?
                cursor.execute(_sql(TIER_COUNT, way, alias="d", tables=tables, condition=condition), values)
                tier_total = cursor.fetchone()[0]
            offset = max(offset - tier_total, 0)
        return page_ids

    def highlights(self, query, page_ids):
        if not page_ids:
            return {}
        params = {
            "query": query,
            "page_ids": list(page_ids),
            "sentinels": START + STOP,
            "from": "<>" + START + STOP,
            "to": ANGLES,
            "options": HEADLINE_OPTIONS,
        }
        with connection.cursor() as cursor:
            cursor.execute(HIGHLIGHTS, params)
            rows = cursor.fetchall()
        angles = str.maketrans(ANGLES, "<>")
        return {
            pk: (
                title.translate(angles),
                fitted(excerpt, before=not starts, after=not ends).translate(angles),
            )
            for pk, title, excerpt, starts, ends in rows
        }

    def prefix_words(self, cursor, prefix, limit):
        cursor.execute(PREFIX_WORDS, [_like_prefix(prefix), limit])
        return cursor.fetchall()

    def title_ids(self, cursor, stems, complete, site_root_path, limit):
        cursor.execute(
            TITLE_IDS, [" | ".join(_quoted(stem) for stem in stems), complete, f"{site_root_path}%", limit]
        )
        return [row[0] for row in cursor.fetchall()]

    def stem_count(self, cursor, folded):
        cursor.execute(STEM_COUNT, [folded])
        return cursor.fetchone()[0]

    def close_words(self, cursor, folded, limit, spread):
        """The `limit` most similar words; pg_trgm's similarity threshold, not `spread`, bounds them."""
        cursor.execute(CLOSE_WORDS, [folded, folded, limit])
        return cursor.fetchall()

    def __init__(self, tables: Tables = LIVE):
        self.tables = tables

    def _run(self, statement, params=None, **names):
        with connection.cursor() as cursor:
            cursor.execute(statement.format(**asdict(self.tables), **names), params)
            return cursor.fetchall() if cursor.description else None

    @property
    def is_live(self):
        return self.tables == LIVE

    def indexed_stems(self, page_ids):
        rows = self._run(INDEXED_STEMS, [list(page_ids)])
        return {page_id: (type_id, set(stems)) for page_id, type_id, stems in rows}

    def store(self, texts):
        if not texts:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                UPSERT_DOCUMENT.format(documents=self.tables.documents),
                [document_row(t) for t in texts],
            )
            cursor.executemany(
                UPSERT_MATCH.format(matches=self.tables.matches),
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

    def insert_words(self, cursor, new_words):
        cursor.execute(INSERT_WORDS, [list(new_words), list(new_words.values())])

    def recount_stems_by_type(self, cursor):
        cursor.execute(INDEXED_TYPES)
        for (type_id,) in cursor.fetchall():
            cursor.execute(RECOUNT_STEMS_OF_TYPE, [type_id, VECTORS_OF_TYPE.format(type_id=type_id)])
        cursor.execute(COUNT_PAGES_BY_TYPE, [ALL_PAGES])

    def remove(self, page_ids):
        with transaction.atomic():
            self._run(DELETE_MATCHES, [list(page_ids)])
            self._run(DELETE_DOCUMENTS, [list(page_ids)])

    def indexed_paths(self):
        return dict(self._run(INDEXED_PATHS))

    def staging(self):
        staging = PostgresEngine(STAGING)
        staging.drop()  # what a rebuild killed midway left
        for live, copy in zip(astuple(LIVE), astuple(STAGING), strict=True):
            self._run(CREATE_STAGING, live=live, staging=copy)
        for statement in TUNING + PAIR_TUNING:
            staging._run(statement)
        return staging

    def finish(self):
        self._run(ANALYZE)  # before the swap, so that the new tables come with their statistics

    def drop(self):
        self._run(DROP_STAGING)

    def lock(self):
        self._run(LOCK_LIVE)

    def swap(self, staging):
        """Foreign keys copied, the live tables dropped, the staging ones renamed, and their
        indexes given the live indexes' names."""
        self._run(CHECK_NOW)
        renames = []
        for live, copy in zip(astuple(LIVE), astuple(staging.tables), strict=True):
            for name, definition in self._run(FOREIGN_KEYS, [live]):
                definition = definition.replace(
                    f"REFERENCES {LIVE.documents}(", f"REFERENCES {staging.tables.documents}("
                )
                self._run(ADD_FOREIGN_KEY, table=copy, name=name, definition=definition)
            live_names = {definition: name for name, definition in self._run(INDEXES, [live])}
            renames += [
                (RENAME_INDEX, name, live_names[definition])
                for name, definition in self._run(INDEXES, [copy])
            ]
            renames.append((RENAME_TABLE, copy, live))
        self._run(DROP_LIVE)
        for statement, old, new in renames:
            self._run(statement, old=old, new=new)
