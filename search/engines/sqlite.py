"""The public search on SQLite: its FTS5 table, its reader and its writer.

`SearchDocument` rows (search/models.py) hold what a result shows; the FTS5 table
`search_fts`, whose rowid is the page id, holds the text analysed in Python
(search/french.py, as SQLite has no French stemmer), and is emptied by a trigger when
a document row is deleted (a page deletion cascades). search/migrations/0002 creates
both from the statements below. The lexicon's words (search/lexicon.py) are stemmed in
Python too, and found for the corrections by their trigrams, rows of `LexiconTrigram`.

A visitor's query is read as PostgreSQL's websearch_to_tsquery reads it (`parsed()`): "quoted
phrases", "-" before a word or a phrase, "or" between terms. It becomes FTS5 expressions made
of quoted stems and FTS5's operators only (`matching()`), so that no FTS syntax comes from a
visitor:
- a phrase is an FTS5 phrase of stems; the analysed text has no stop words, so it means, as on
  PostgreSQL, the words in this order, next to each other but for stop words;
- a negation is FTS5's NOT, which needs something on its left: a query of negations only is
  every page of the site but those that match the negated words, newest first, counted so.
The same reading decides which titles come first by relevance and which words an excerpt marks
(a phrase's words, never a negated word).
"""

import re
from collections import Counter
from dataclasses import asdict, dataclass

from django.db import connection, transaction

from search.engines.base import (
    MAX_BODY_CHARS,
    START,
    DocumentEngine,
    SearchOutcome,
    chunks,
    cut,
    document_row,
    marked,
)
from search.french import STOP_WORDS, analysed, fold, stem, terms
from search.lexicon import ALL_PAGES, STEM_TABLE, STEM_TYPE_TABLE, TRIGRAM_TABLE, WORD_TABLE, trigrams
from search.models import SearchDocument
from search.request import DATE, RELEVANCE

DOCUMENT_TABLE = SearchDocument._meta.db_table
FTS_TABLE = "search_fts"
DELETE_TRIGGER = "search_fts_delete"

# title, summary, body, facets: the bm25 weights below follow this order.
CREATE_FTS = (
    "CREATE VIRTUAL TABLE {fts} USING fts5("
    "title, summary, body, facets, tokenize = 'unicode61 remove_diacritics 2')"
)
CREATE_DELETE_TRIGGER = (
    f"CREATE TRIGGER {DELETE_TRIGGER} AFTER DELETE ON {DOCUMENT_TABLE} "  # noqa: S608  # nosec B608
    f"BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.page_id; END"
)
DROP_DELETE_TRIGGER = f"DROP TRIGGER IF EXISTS {DELETE_TRIGGER}"
DROP_FTS = f"DROP TABLE IF EXISTS {FTS_TABLE}"

# The matches are joined to the documents through a covering index of their narrow columns
# (search/migrations/0009): reading each match's document row, its text included, took half
# of the time of counting a word found in every page of 10,000 (the planner prefers the rowid).
NARROW_INDEX = "search_doc_narrow"
CREATE_NARROW_INDEX = (
    f"CREATE INDEX {NARROW_INDEX} ON {DOCUMENT_TABLE} (page_id, content_type_id, path, date)"
)
MATCHED_DOCUMENTS = (
    f"{FTS_TABLE} JOIN {DOCUMENT_TABLE} d INDEXED BY {NARROW_INDEX} ON d.page_id = {FTS_TABLE}.rowid"
)
COUNTS = "SELECT d.content_type_id, count(*) FROM {source} WHERE {where} GROUP BY d.content_type_id"
# By relevance, the pages whose title is the query (the same stems in the same order, stop
# words aside, negated words left out) come first, newest first; then the others by bm25.
# Those titles are found among the titles that begin with the query (FTS5's ^), so that only
# those are read (reading every match's title read its whole row: 80 ms for a word found in
# every page of 10,000); MAX_SAME_TITLES of them at most.
ORDERINGS = {
    RELEVANCE: f"bm25({FTS_TABLE}, 10.0, 3.0, 1.0, 0.0), d.date DESC, d.page_id DESC",
    DATE: "d.date DESC, d.page_id DESC",
}
SAME_TITLE = "{match} AND {{title}} : ({starts})"
MAX_SAME_TITLES = 1000
# The pages that match an expression (the rowid is the page id): those a query's negations
# leave out and, when "or" joins them to words, those its words find.
MATCHING_IDS = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608  # nosec B608
# The writer's statements name their tables ({documents}, {fts}): the live ones, or while
# `rebuild_search_documents` runs, their staging copies.
UPSERT_DOCUMENT = (
    "INSERT INTO {documents} (page_id, content_type_id, path, title, summary, body, date) "  # noqa: S608  # nosec B608
    "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (page_id) DO UPDATE SET "
    "content_type_id = excluded.content_type_id, path = excluded.path, title = excluded.title, "
    "summary = excluded.summary, body = excluded.body, date = excluded.date"
)
DELETE_TEXT = "DELETE FROM {fts} WHERE rowid = %s"
DELETE_DOCUMENT = "DELETE FROM {documents} WHERE page_id = %s"
INSERT_TEXT = "INSERT INTO {fts} (rowid, title, summary, body, facets) VALUES (%s, %s, %s, %s, %s)"
INDEXED_PATHS = "SELECT page_id, path FROM {documents}"
INDEXED_STEMS = "SELECT rowid, title, summary, body, facets FROM {fts} WHERE rowid IN ({placeholders})"
# The facets column holds the page's type as one term: "ct" and the content type id.
FACET = re.compile(r"ct(\d+)")
# Rebuilding: a plain table of documents and a new FTS5 table, swapped in by copying the first
# into the live document table and renaming the second, in one transaction.
DOCUMENT_COLUMNS = "page_id, content_type_id, path, title, summary, body, date"
CREATE_STAGING_DOCUMENTS = (
    "CREATE TABLE {documents} (page_id integer PRIMARY KEY, "
    "content_type_id, path, title, summary, body, date)"
)
# Excerpts: FTS5's snippet() and highlight() would give back the stems the table holds, not
# the page's words; the excerpt is marked in Python on the stored text, with the same analysis.
HIGHLIGHT_TEXTS = (
    f"SELECT page_id, title, summary, body FROM {DOCUMENT_TABLE} WHERE page_id IN ({{placeholders}})"  # noqa: S608  # nosec B608
)
DROP_STAGING = ("DROP TABLE IF EXISTS {documents}", "DROP TABLE IF EXISTS {fts}")
COPY_DOCUMENTS = (
    f"DELETE FROM {DOCUMENT_TABLE}",  # noqa: S608  # nosec B608
    f"INSERT INTO {DOCUMENT_TABLE} ({DOCUMENT_COLUMNS}) SELECT {DOCUMENT_COLUMNS} FROM {{documents}}",  # noqa: S608  # nosec B608
)
RENAME_FTS = (f"DROP TABLE {FTS_TABLE}", f"ALTER TABLE {{fts}} RENAME TO {FTS_TABLE}")

# The lexicon (search/lexicon.py): a new word's stem as search/french.py makes it, and its
# trigrams (SQLite has no pg_trgm); the counts taken afresh from the live FTS table after a
# rebuild, through an fts5vocab table over it (one row per term, with its document count).
INSERT_WORD = (
    f"INSERT INTO {WORD_TABLE} (folded, word, stem, length) VALUES (%s, %s, %s, %s) "  # noqa: S608  # nosec B608
    "ON CONFLICT (folded) DO NOTHING"
)
INSERT_TRIGRAM = f"INSERT INTO {TRIGRAM_TABLE} (trigram, length, folded) VALUES (%s, %s, %s)"  # noqa: S608  # nosec B608
# With the 'instance' fts5vocab table (one row per occurrence of a term), each term's pages are
# joined to their type.
VOCABULARY_TABLE = f"temp.{FTS_TABLE}_instances"
CREATE_VOCABULARY = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY_TABLE} USING fts5vocab(main, {FTS_TABLE}, 'instance')"
)
RECOUNT_STEMS_BY_TYPE = (
    f"INSERT INTO {STEM_TYPE_TABLE} (stem, content_type_id, doc_count) "  # noqa: S608  # nosec B608
    f"SELECT t.term, d.content_type_id, count(*) FROM (SELECT DISTINCT term, doc FROM {VOCABULARY_TABLE}) t "
    f"JOIN {DOCUMENT_TABLE} d ON d.page_id = t.doc GROUP BY t.term, d.content_type_id"
)
COUNT_PAGES_BY_TYPE = (
    f"INSERT INTO {STEM_TYPE_TABLE} (stem, content_type_id, doc_count) "  # noqa: S608  # nosec B608
    f"SELECT %s, content_type_id, count(*) FROM {DOCUMENT_TABLE} GROUP BY content_type_id"
)

# The suggestions as you type (search/suggestions.py): the words that start with a prefix, a
# range of the primary key's b-tree (SQLite's LIKE ignores case and would not use it), and the
# titles that hold one of their stems and every complete word (the FTS table's title column).
PREFIX_WORDS = (
    f"SELECT w.word, w.stem FROM {WORD_TABLE} w JOIN {STEM_TABLE} s ON s.stem = w.stem "  # noqa: S608  # nosec B608
    "WHERE w.folded >= %s AND w.folded < %s AND s.doc_count > 0 "
    "ORDER BY s.doc_count DESC, w.length, w.folded LIMIT %s"
)
TITLE_IDS = (
    f"SELECT d.page_id FROM {MATCHED_DOCUMENTS} "  # noqa: S608  # nosec B608
    f"WHERE {FTS_TABLE} MATCH %s AND d.path LIKE %s ORDER BY d.date DESC, d.page_id DESC LIMIT %s"
)

# The corrections (search/corrections.py): how many pages hold a stem (made in Python), and the
# words sharing the most trigrams with a word, among those of a close length (the trigram table's
# index on trigram and length).
STEM_COUNT = f"SELECT coalesce(max(doc_count), 0) FROM {STEM_TABLE} WHERE stem = %s"  # noqa: S608  # nosec B608
CLOSE_WORDS = (
    f"SELECT w.folded, w.word, w.stem, s.doc_count FROM ("  # noqa: S608  # nosec B608
    f"  SELECT folded, count(*) AS shared FROM {TRIGRAM_TABLE}"
    "  WHERE trigram IN ({placeholders}) AND length BETWEEN %s AND %s"
    "  GROUP BY folded ORDER BY shared DESC LIMIT %s"
    f") t JOIN {WORD_TABLE} w ON w.folded = t.folded "
    f"JOIN {STEM_TABLE} s ON s.stem = w.stem WHERE s.doc_count > 0"
)


@dataclass(frozen=True)
class Tables:
    documents: str
    fts: str


LIVE = Tables(DOCUMENT_TABLE, FTS_TABLE)
STAGING = Tables(f"{DOCUMENT_TABLE}_new", f"{FTS_TABLE}_new")


# The columns a visitor's words are looked for in (facets hold the page's type only).
COLUMNS = "{title summary body} : "
# A word: what lies between spaces and quotes (the word "or" joins the terms either side).
CHUNK = re.compile(r'[^\s"]+')
OR = "or"


@dataclass(frozen=True)
class Term:
    """A word or a quoted phrase of a query, as its stems (several: a phrase), maybe negated."""

    stems: tuple[str, ...]
    negated: bool = False

    @property
    def fts(self) -> str:
        """The stems as one FTS5 string: a phrase, its stems next to each other in the analysed
        text, where stop words are left out, so "next to each other but for stop words"."""
        return '"' + " ".join(self.stems).replace('"', '""') + '"'


def parsed(query: str) -> list[list[Term]]:
    """A visitor's query read as websearch_to_tsquery reads it: "quoted phrases" (a quote left
    open runs to the end), a "-" before a word or a phrase to leave it out, "or" between terms;
    anything else a plain word (a word the analysis cuts in several stems, "l'école-maternelle",
    being a phrase, as on PostgreSQL). The result is a choice ("or") between conjunctions of
    terms; the terms made of stop words only are left out, and so are the empty conjunctions."""
    alternatives, current = [], []
    position, negated = 0, False
    while position < len(query):
        char = query[position]
        if char.isspace():
            position += 1
            negated = False
            continue
        if char == "-":
            position += 1
            negated = not negated
            continue
        if char == '"':
            end = query.find('"', position + 1)
            end = len(query) if end < 0 else end
            text, position = query[position + 1 : end], end + 1
        else:
            text = CHUNK.match(query, position).group()
            position += len(text)
            if text.casefold() == OR and not negated:
                alternatives.append(current)
                current = []
                continue
        stems = tuple(terms(text))
        if stems:
            current.append(Term(stems, negated))
        negated = False
    alternatives.append(current)
    return [conjunction for conjunction in alternatives if conjunction]


@dataclass(frozen=True)
class Matching:
    """What a query finds: the pages that match `match` and those that do not match
    `left_out` (FTS5 expressions of quoted stems and operators only, "" when there is none:
    FTS5's NOT needs something on its left, so a conjunction of negations only is turned round),
    the analysed titles that come first by relevance, and the stems an excerpt marks."""

    match: str = ""
    left_out: str = ""
    titles: tuple[str, ...] = ()
    stems: frozenset[str] = frozenset()

    def __bool__(self):
        return bool(self.match or self.left_out)


def _any(some: list[Term]) -> str:
    return " OR ".join(term.fts for term in some)


def matching(query: str) -> Matching:
    """The FTS5 expressions of a query: nothing from the visitor but quoted stems, so that no
    FTS syntax can come from a visitor. Each conjunction with a term required is its terms ANDed,
    NOT its negated ones; those of negations only are what `left_out` gathers (not a or not b
    is not both)."""
    found, left_out, titles, stems = [], [], [], set()
    for conjunction in parsed(query):
        required = [term for term in conjunction if not term.negated]
        excluded = [term for term in conjunction if term.negated]
        if not required:
            left_out.append(_any(excluded))
            continue
        expression = " AND ".join(term.fts for term in required)
        if excluded:
            expression = f"({expression}) NOT ({_any(excluded)})"
        found.append(expression)
        titles.append(" ".join(stem for term in required for stem in term.stems))
        stems.update(stem for term in required for stem in term.stems)
    return Matching(
        match=_within_columns(found, " OR "),
        left_out=_within_columns(left_out, " AND "),
        titles=tuple(dict.fromkeys(titles)),
        stems=frozenset(stems),
    )


def _within_columns(expressions: list[str], operator: str) -> str:
    if len(expressions) > 1:
        expressions = [f"({expression})" for expression in expressions]
    return COLUMNS + "(" + operator.join(expressions) + ")" if expressions else ""


def stored_terms(query: str) -> list[tuple[str, int]] | None:
    """How to count a query from the lexicon's counts per type: (stem, sign) to add up, for
    no query (every page), one word, or one negated word (every page less the word's); None
    for any other query."""
    if not query:
        return [(ALL_PAGES, 1)]
    conjunctions = parsed(query)
    if len(conjunctions) != 1 or len(conjunctions[0]) != 1:
        return None
    term = conjunctions[0][0]
    if len(term.stems) != 1 or FACET.fullmatch(term.stems[0]):  # a type's term only in facets
        return None
    return [(ALL_PAGES, 1), (term.stems[0], -1)] if term.negated else [(term.stems[0], 1)]


def title_match_expression(stems: list[str], complete: str) -> str:
    """Titles holding one of `stems` and every word of `complete`, each quoted."""
    required = "".join(f' AND "{term}"' for term in terms(complete))
    return "{title} : ((" + " OR ".join(f'"{stem}"' for stem in stems) + ")" + required + ")"


class SQLiteEngine(DocumentEngine):
    """FTS5 with text analysed as the index was (search/french.py); bm25 weights
    title 10, summary 3, body 1."""

    def search(self, search, *, site_root_path, exclude_ids=(), counts=True):
        match = matching(search.query) if search.query else None
        if search.query and not match:
            return SearchOutcome({})
        exclude = list(exclude_ids)
        exclude_sql = f" AND d.page_id NOT IN ({', '.join(['%s'] * len(exclude))})" if exclude else ""
        same_title = None  # (FTS5 expression, analysed titles) of the pages that come first
        if match and not match.left_out:
            source = MATCHED_DOCUMENTS
            where = f"{FTS_TABLE} MATCH %s AND d.path LIKE %s"
            where_args = [match.match, f"{site_root_path}%"]
            ordering = ORDERINGS[search.order]
            if search.order == RELEVANCE and match.titles:
                same_title = (
                    SAME_TITLE.format(
                        match=f"({match.match})",
                        starts=" OR ".join('^"' + title.replace('"', '""') + '"' for title in match.titles),
                    ),
                    list(match.titles),
                )
        elif match:  # every page but those left out (and those found, with "or"), newest first
            source = f"{DOCUMENT_TABLE} d"
            found_sql, found_args = ("", [])
            if match.match:
                found_sql, found_args = f"OR d.page_id IN ({MATCHING_IDS})", [match.match]
            where = f"(d.page_id NOT IN ({MATCHING_IDS}) {found_sql}) AND d.path LIKE %s"
            where_args = [match.left_out, *found_args, f"{site_root_path}%"]
            ordering = ORDERINGS[DATE]
        else:
            source = f"{DOCUMENT_TABLE} d"
            where = "d.path LIKE %s"
            where_args = [f"{site_root_path}%"]
            ordering = ORDERINGS[DATE]
        # Counted from the lexicon's counts per type, less the promoted pages that match, when
        # every document is the site's and the query is one word, one negated word or none.
        stored = counts and self.holds_only(site_root_path) and stored_terms(search.query)
        in_excluded = f" AND d.page_id IN ({', '.join(['%s'] * len(exclude))})"
        excluded = (where + in_excluded, [*where_args, *exclude])
        where, where_args = where + exclude_sql, [*where_args, *exclude]
        # The SQL is assembled from this module's own constant fragments; everything that
        # comes from a visitor is a bound parameter.
        type_sql, type_args = "", []
        if search.content_type_id:
            type_sql, type_args = "AND d.content_type_id = %s", [search.content_type_id]
        found = {}
        with connection.cursor() as cursor:
            if stored:
                found = Counter()
                for stem_, sign in stored:
                    for type_id, n in self.stored_counts(cursor, stem_).items():
                        found[type_id] += sign * n
                if exclude:
                    cursor.execute(COUNTS.format(source=source, where=excluded[0]), excluded[1])
                    found.subtract(dict(cursor.fetchall()))
                found = dict(+found)
            elif counts:
                cursor.execute(COUNTS.format(source=source, where=where), where_args)
                found = dict(cursor.fetchall())
            first, offset, limit = [], search.offset, search.per_page
            if same_title:
                expression, titles = same_title
                cursor.execute(
                    f"SELECT d.page_id FROM {source} WHERE {where} {type_sql} "  # noqa: S608  # nosec B608
                    f"AND {FTS_TABLE}.title IN ({', '.join(['%s'] * len(titles))}) "
                    f"ORDER BY d.date DESC, d.page_id DESC LIMIT {MAX_SAME_TITLES}",
                    [expression, *where_args[1:], *type_args, *titles],
                )
                first = [row[0] for row in cursor.fetchall()]
                page_ids = first[offset : offset + limit]
                offset, limit = max(0, offset - len(first)), limit - len(page_ids)
                if first:
                    where += f" AND d.page_id NOT IN ({', '.join(['%s'] * len(first))})"
                    where_args = [*where_args, *first]
            else:
                page_ids = []
            if limit:
                cursor.execute(
                    f"SELECT d.page_id FROM {source} WHERE {where} {type_sql} "  # noqa: S608  # nosec B608
                    f"ORDER BY {ordering} LIMIT %s OFFSET %s",
                    [*where_args, *type_args, limit, offset],
                )
                page_ids += [row[0] for row in cursor.fetchall()]
        return SearchOutcome(found, page_ids)

    def highlights(self, query, page_ids):
        stems = matching(query).stems  # phrases' words marked, negated words not
        if not stems or not page_ids:
            return {}

        def is_match(word):
            folded = fold(word)
            return folded not in STOP_WORDS and stem(folded) in stems

        with connection.cursor() as cursor:
            cursor.execute(HIGHLIGHT_TEXTS.format(placeholders=", ".join(["%s"] * len(page_ids))), page_ids)
            rows = cursor.fetchall()
        found = {}
        for pk, title, summary, body in rows:
            text = marked(summary or "", is_match)
            if START not in text:
                text = marked(body or "", is_match)
                if START not in text:
                    text = marked(summary or "", is_match)
            flat = " ".join(text.split())
            found[pk] = (marked(title, is_match), cut(flat, max(flat.find(START), 0)))
        return found

    def prefix_words(self, cursor, prefix, limit):
        cursor.execute(PREFIX_WORDS, [prefix, prefix + "\U0010ffff", limit])
        return cursor.fetchall()

    def title_ids(self, cursor, stems, complete, site_root_path, limit):
        cursor.execute(TITLE_IDS, [title_match_expression(stems, complete), f"{site_root_path}%", limit])
        return [row[0] for row in cursor.fetchall()]

    def stem_count(self, cursor, folded):
        cursor.execute(STEM_COUNT, [stem(folded)])
        return cursor.fetchone()[0]

    def close_words(self, cursor, folded, limit, spread):
        """Among the words of a length within `spread` of the word's, the `limit * 4` sharing
        the most trigrams with it, then those whose stem some page holds."""
        grams = sorted(trigrams(folded))
        cursor.execute(
            CLOSE_WORDS.format(placeholders=", ".join(["%s"] * len(grams))),
            [*grams, len(folded) - spread, len(folded) + spread, limit * 4],
        )
        return cursor.fetchall()

    def __init__(self, tables: Tables = LIVE):
        self.tables = tables

    def _run(self, statements):
        """One statement or a tuple of them, with this engine's table names."""
        with connection.cursor() as cursor:
            for statement in (statements,) if isinstance(statements, str) else statements:
                cursor.execute(statement.format(**asdict(self.tables)))
            return cursor.fetchall() if cursor.description else None

    @property
    def is_live(self):
        return self.tables == LIVE

    def indexed_stems(self, page_ids):
        found = {}
        for chunk in chunks(list(page_ids), 500):
            placeholders = ", ".join(["%s"] * len(chunk))
            with connection.cursor() as cursor:
                cursor.execute(INDEXED_STEMS.format(fts=self.tables.fts, placeholders=placeholders), chunk)
                for rowid, *columns, facets in cursor.fetchall():
                    stems = {term for column in (*columns, facets) for term in (column or "").split()}
                    found[rowid] = (int(FACET.fullmatch(facets)[1]), stems)
        return found

    def store(self, texts):
        if not texts:
            return
        names = asdict(self.tables)
        with connection.cursor() as cursor:
            cursor.executemany(
                UPSERT_DOCUMENT.format(**names),
                [document_row(t) for t in texts],
            )
            cursor.executemany(DELETE_TEXT.format(**names), [(t.page_id,) for t in texts])
            cursor.executemany(
                INSERT_TEXT.format(**names),
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

    def insert_words(self, cursor, new_words):
        cursor.executemany(
            INSERT_WORD, [(folded, word, stem(folded), len(folded)) for folded, word in new_words.items()]
        )
        cursor.executemany(
            INSERT_TRIGRAM, [(gram, len(folded), folded) for folded in new_words for gram in trigrams(folded)]
        )

    def recount_stems_by_type(self, cursor):
        cursor.execute(CREATE_VOCABULARY)
        cursor.execute(RECOUNT_STEMS_BY_TYPE)
        cursor.execute(COUNT_PAGES_BY_TYPE, [ALL_PAGES])

    def remove(self, page_ids):
        names = asdict(self.tables)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(DELETE_TEXT.format(**names), [(pk,) for pk in page_ids])
            cursor.executemany(DELETE_DOCUMENT.format(**names), [(pk,) for pk in page_ids])

    def indexed_paths(self):
        return dict(self._run(INDEXED_PATHS))

    def staging(self):
        staging = SQLiteEngine(STAGING)
        staging.drop()  # what a rebuild killed midway left
        staging._run(CREATE_STAGING_DOCUMENTS)
        staging._run(CREATE_FTS)
        return staging

    def drop(self):
        self._run(DROP_STAGING)

    def swap(self, staging):
        """The trigger is set aside while the live documents are replaced (the FTS table it
        would empty row by row is replaced whole)."""
        self._run(DROP_DELETE_TRIGGER)
        staging._run(COPY_DOCUMENTS)
        staging._run(RENAME_FTS)
        staging.drop()
        self._run(CREATE_DELETE_TRIGGER)
