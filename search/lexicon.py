"""The site's vocabulary: every indexed word, with the number of pages that hold it.

The lexicon serves the corrections ("Vouliez-vous dire … ?", search/corrections.py) and the
suggestions as you type (search/suggestions.py). It has two tables:

- `LexiconWord`: one row per word as a visitor would type it, without accents or case
  (`folded`, "cooperative"), with the form shown to the visitor (`word`, "coopérative": of the
  spellings met, the one with the most accents) and its stem as the index stores it (`stem`,
  "cooper"); on PostgreSQL `folded` has a trigram GIN index (pg_trgm), on SQLite each word's
  trigrams are rows of `LexiconTrigram`, indexed by trigram and length;
- `LexiconStem`: one row per stem of the index, with its document frequency (`doc_count`);
- `StemCountByType`: the same frequency for each content type, and the number of pages of each
  type (the stem `ALL_PAGES`). With them the search counts the pages of a one-word query, of
  its negation and of a browse per type without reading every page that holds the word
  (`DocumentEngine.stored_counts`, search/engines/base.py): at 100,000 pages, counting a
  word found nearly everywhere read some 100,000 rows of the index.

The frequencies follow the index exactly: each write or deletion of documents reads the stems
(and the type) the index held for those pages before and after
(`DocumentEngine.indexed_stems`, search/engines/) and adds the difference, in the same
transaction. Words are added as they are met; a word whose stem no page holds any more is
never offered; `rebuild_search_documents` takes every count afresh from the index it swaps in
(PostgreSQL `ts_stat`, SQLite `fts5vocab`).

This module keeps the statements every database runs alike; what depends on the engine (a new
word's stem and trigrams, the counts taken from the index, and the reading of the lexicon by the
suggestions and the corrections) is a method of each engine, beside its own SQL
(search/engines/postgres.py, search/engines/sqlite.py), written with the table names below.
"""

import re
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connection, models

from search.french import STOP_WORDS, fold

_WORD = re.compile(r"\w+")
MIN_LENGTH, MAX_LENGTH = 3, 40
CHUNK = 500


class LexiconStem(models.Model):
    stem = models.CharField(max_length=64, primary_key=True)
    doc_count = models.IntegerField(default=0)

    class Meta:
        verbose_name = "racine indexée"
        verbose_name_plural = "racines indexées"
        # The largest count, read by every correction, without reading every stem.
        indexes = [models.Index(fields=["-doc_count"], name="search_lexiconstem_count")]

    def __str__(self):
        return self.stem


class StemCountByType(models.Model):
    """How many pages of one content type hold one stem; for the stem ALL_PAGES, how many
    pages of that type the index holds."""

    stem = models.CharField(max_length=64)
    # The type's id, as in the index's own tables (no foreign key: a row goes with its pages).
    content_type_id = models.IntegerField()
    doc_count = models.IntegerField(default=0)

    class Meta:
        verbose_name = "racine indexée par type"
        verbose_name_plural = "racines indexées par type"
        constraints = [
            models.UniqueConstraint(fields=["stem", "content_type_id"], name="search_stemcount_stem_type")
        ]

    def __str__(self):
        return f"{self.stem} ({self.content_type_id})"


class LexiconWord(models.Model):
    folded = models.CharField(max_length=64, primary_key=True)
    word = models.CharField(max_length=64)
    stem = models.CharField(max_length=64, db_index=True)
    length = models.SmallIntegerField()

    class Meta:
        verbose_name = "mot indexé"
        verbose_name_plural = "mots indexés"

    def __str__(self):
        return self.word


class LexiconTrigram(models.Model):
    """SQLite only (empty on PostgreSQL, which has pg_trgm): the trigrams of each word."""

    trigram = models.CharField(max_length=3)
    length = models.SmallIntegerField()
    word = models.ForeignKey(LexiconWord, on_delete=models.CASCADE, related_name="+", db_column="folded")

    class Meta:
        indexes = [models.Index(fields=["trigram", "length"], name="search_lexicon_trigram_idx")]

    def __str__(self):
        return self.trigram


STEM_TABLE = LexiconStem._meta.db_table
STEM_TYPE_TABLE = StemCountByType._meta.db_table
ALL_PAGES = ""  # the stem of StemCountByType's rows that count every page of a type
WORD_TABLE = LexiconWord._meta.db_table
TRIGRAM_TABLE = LexiconTrigram._meta.db_table

ADD_COUNTS = (
    f"INSERT INTO {STEM_TABLE} (stem, doc_count) VALUES (%s, %s) "  # noqa: S608  # nosec B608
    f"ON CONFLICT (stem) DO UPDATE SET doc_count = {STEM_TABLE}.doc_count + excluded.doc_count"
)
DROP_UNUSED_STEMS = f"DELETE FROM {STEM_TABLE} WHERE doc_count <= 0 AND stem IN ({{placeholders}})"  # noqa: S608  # nosec B608
ADD_TYPE_COUNTS = (
    f"INSERT INTO {STEM_TYPE_TABLE} (stem, content_type_id, doc_count) VALUES (%s, %s, %s) "  # noqa: S608  # nosec B608
    "ON CONFLICT (stem, content_type_id) "
    f"DO UPDATE SET doc_count = {STEM_TYPE_TABLE}.doc_count + excluded.doc_count"
)
DROP_UNUSED_TYPE_COUNT = (
    f"DELETE FROM {STEM_TYPE_TABLE} WHERE doc_count <= 0 AND stem = %s AND content_type_id = %s"  # noqa: S608  # nosec B608
)
BETTER_SPELLING = f"UPDATE {WORD_TABLE} SET word = %s WHERE folded = %s"  # noqa: S608  # nosec B608
CLEAR_COUNTS = (f"DELETE FROM {STEM_TABLE}", f"DELETE FROM {STEM_TYPE_TABLE}")  # noqa: S608  # nosec B608
# After a rebuild each stem's count is the sum of its counts per type, taken from the index.
SUM_TYPE_COUNTS = (
    f"INSERT INTO {STEM_TABLE} (stem, doc_count) SELECT stem, sum(doc_count) "  # noqa: S608  # nosec B608
    f"FROM {STEM_TYPE_TABLE} WHERE stem <> %s GROUP BY stem"
)


def trigrams(folded: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {folded} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def accents(word: str) -> int:
    return sum(1 for char in word if not char.isascii())


def words_of(texts: Iterable[str]) -> dict[str, str]:
    """folded → shown form, for the words worth offering (no stop word, no number, 3 to 40
    letters); of several spellings of one word, the one with the most accents."""
    found: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(text):
            word = word.casefold()
            folded = fold(word)
            if not (MIN_LENGTH <= len(folded) <= MAX_LENGTH) or not folded.isalpha() or folded in STOP_WORDS:
                continue
            if folded not in found or accents(word) > accents(found[folded]):
                found[folded] = word
    return found


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Lexicon:
    """Keeps the lexicon in step with one index writer: `engine`, a `DocumentEngine`
    (search/engines/base.py), which also writes what depends on its database."""

    def __init__(self, engine):
        self.engine = engine

    @contextmanager
    def tracking(self, page_ids: list[int], texts: Iterable[str] = (), count: bool = True):
        """Around a write or a deletion of `page_ids`: count the stems those pages gain and
        lose (unless not `count`), and record the words of `texts`."""
        if not page_ids:
            yield
            return
        if not count:
            yield
            self.add_words(words_of(texts))
            return
        before = self.engine.indexed_stems(page_ids)
        yield
        after = self.engine.indexed_stems(page_ids)
        delta: Counter = Counter()  # stem → change
        by_type: Counter = Counter()  # (stem, content type id) → change
        for page_id in page_ids:
            old_type, old = before.get(page_id, (None, set()))
            new_type, new = after.get(page_id, (None, set()))
            delta.update(new - old)
            delta.subtract(old - new)
            if old_type == new_type:
                by_type.update((stem_, new_type) for stem_ in new - old)
                by_type.subtract((stem_, old_type) for stem_ in old - new)
                continue
            if old_type is not None:  # the page was indexed: it leaves its type
                by_type.subtract((stem_, old_type) for stem_ in old | {ALL_PAGES})
            if new_type is not None:
                by_type.update((stem_, new_type) for stem_ in new | {ALL_PAGES})
        self.add_words(words_of(texts))
        self.count(delta, by_type)

    def count(self, delta: Counter, by_type: Counter) -> None:
        changes = [(stem_, n) for stem_, n in delta.items() if n]
        type_changes = [(stem_, type_id, n) for (stem_, type_id), n in by_type.items() if n]
        with connection.cursor() as cursor:
            if changes:
                cursor.executemany(ADD_COUNTS, changes)
                lost = [stem_ for stem_, n in changes if n < 0]
                for chunk in _chunks(lost):
                    placeholders = ", ".join(["%s"] * len(chunk))
                    cursor.execute(DROP_UNUSED_STEMS.format(placeholders=placeholders), chunk)
            if type_changes:
                cursor.executemany(ADD_TYPE_COUNTS, type_changes)
                lost = [(stem_, type_id) for stem_, type_id, n in type_changes if n < 0]
                if lost:
                    cursor.executemany(DROP_UNUSED_TYPE_COUNT, lost)

    def add_words(self, words: dict[str, str]) -> None:
        if not words:
            return
        known: dict[str, str] = {}
        for chunk in _chunks(list(words)):
            known.update(LexiconWord.objects.filter(folded__in=chunk).values_list("folded", "word"))
        new = {folded: word for folded, word in words.items() if folded not in known}
        better = [
            (word, folded)
            for folded, word in words.items()
            if folded in known and accents(word) > accents(known[folded])
        ]
        with connection.cursor() as cursor:
            if better:
                cursor.executemany(BETTER_SPELLING, better)
            if new:
                self.engine.insert_words(cursor, new)

    def recount(self) -> None:
        """Every stem's document frequency, per type and in all, taken afresh from the live
        index (after a rebuild, and once by the migration that added the counts per type)."""
        with connection.cursor() as cursor:
            for statement in CLEAR_COUNTS:
                cursor.execute(statement)
            self.engine.recount_stems_by_type(cursor)
            cursor.execute(SUM_TYPE_COUNTS, [ALL_PAGES])
