"""The site's vocabulary: every indexed word, with the number of pages that hold it.

The lexicon serves the corrections ("Vouliez-vous dire … ?", search/corrections.py) and the
suggestions as you type (search/suggestions.py). It has two tables:

- `LexiconWord`: one row per word as a visitor would type it, without accents or case
  (`folded`, "cooperative"), with the form shown to the visitor (`word`, "coopérative": of the
  spellings met, the one with the most accents) and its stem as the index stores it (`stem`,
  "cooper"); on PostgreSQL `folded` has a trigram GIN index (pg_trgm), on SQLite each word's
  trigrams are rows of `LexiconTrigram`, indexed by trigram and length;
- `LexiconStem`: one row per stem of the index, with its document frequency (`doc_count`).

The frequencies follow the index exactly: each write or deletion of documents reads the stems
the index held for those pages before and after (`DocumentEngine.indexed_stems`,
search/engines/) and adds the difference. Words are added as they are met; a word whose stem
no page holds any more is never offered; `rebuild_search_documents` takes every count afresh
from the index it swaps in (PostgreSQL `ts_stat`, SQLite `fts5vocab`).
"""

import re
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import models

from search.french import STOP_WORDS, fold, stem

_WORD = re.compile(r"\w+")
MIN_LENGTH, MAX_LENGTH = 3, 40
CHUNK = 500


class LexiconStem(models.Model):
    stem = models.CharField(max_length=64, primary_key=True)
    doc_count = models.IntegerField(default=0)

    class Meta:
        verbose_name = "racine indexée"
        verbose_name_plural = "racines indexées"

    def __str__(self):
        return self.stem


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
    """Keeps the lexicon in step with one index writer (search/index.py)."""

    def __init__(self, connection):
        self.connection = connection
        self.vendor = connection.vendor

    @property
    def supported(self) -> bool:
        return self.vendor in ("postgresql", "sqlite")

    @contextmanager
    def tracking(self, index, page_ids: list[int], texts: Iterable[str] = (), count: bool = True):
        """Around a write or a deletion of `page_ids`: count the stems those pages gain and
        lose (unless not `count`), and record the words of `texts`."""
        if not self.supported or not page_ids:
            yield
            return
        if not count:
            yield
            self.add_words(words_of(texts))
            return
        before = index.indexed_stems(page_ids)
        yield
        after = index.indexed_stems(page_ids)
        delta: Counter = Counter()
        for page_id in page_ids:
            old, new = before.get(page_id, set()), after.get(page_id, set())
            delta.update(new - old)
            delta.subtract(old - new)
        self.add_words(words_of(texts))
        self.count(delta)

    def count(self, delta: Counter) -> None:
        changes = [(stem_, n) for stem_, n in delta.items() if n]
        if not changes:
            return
        with self.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_lexiconstem (stem, doc_count) VALUES (%s, %s) "
                "ON CONFLICT (stem) DO UPDATE SET "
                "doc_count = search_lexiconstem.doc_count + excluded.doc_count",
                changes,
            )
            lost = [stem_ for stem_, n in changes if n < 0]
            for chunk in _chunks(lost):
                cursor.execute(
                    "DELETE FROM search_lexiconstem WHERE doc_count <= 0 "  # noqa: S608
                    f"AND stem IN ({', '.join(['%s'] * len(chunk))})",  # nosec B608 (placeholders only)
                    chunk,
                )

    def add_words(self, words: dict[str, str]) -> None:
        if not words:
            return
        known: dict[str, str] = {}
        for chunk in _chunks(list(words)):
            known.update(
                LexiconWord.objects.using(self.connection.alias)
                .filter(folded__in=chunk)
                .values_list("folded", "word")
            )
        new = {folded: word for folded, word in words.items() if folded not in known}
        better = [
            (word, folded)
            for folded, word in words.items()
            if folded in known and accents(word) > accents(known[folded])
        ]
        with self.connection.cursor() as cursor:
            if better:
                cursor.executemany("UPDATE search_lexiconword SET word = %s WHERE folded = %s", better)
            if not new:
                return
            if self.vendor == "postgresql":
                # The stem as PostgreSQL's own configuration makes it, so that it meets the index.
                cursor.execute(
                    "INSERT INTO search_lexiconword (folded, word, stem, length) "
                    "SELECT f, w, coalesce((tsvector_to_array(to_tsvector('occe_french', f)))[1], f), "
                    "char_length(f) FROM unnest(%s::text[], %s::text[]) AS t (f, w) "
                    "ON CONFLICT (folded) DO NOTHING",
                    [list(new), list(new.values())],
                )
            else:
                cursor.executemany(
                    "INSERT INTO search_lexiconword (folded, word, stem, length) VALUES (%s, %s, %s, %s) "
                    "ON CONFLICT (folded) DO NOTHING",
                    [(folded, word, stem(folded), len(folded)) for folded, word in new.items()],
                )
                cursor.executemany(
                    "INSERT INTO search_lexicontrigram (trigram, length, folded) VALUES (%s, %s, %s)",
                    [(gram, len(folded), folded) for folded in new for gram in trigrams(folded)],
                )

    def recount(self) -> None:
        """Every stem's document frequency taken afresh from the live index (after a rebuild)."""
        if not self.supported:
            return
        with self.connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_lexiconstem")
            if self.vendor == "postgresql":
                cursor.execute(
                    "INSERT INTO search_lexiconstem (stem, doc_count) "
                    "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_fulltext')"
                )
            else:
                cursor.execute(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_terms "
                    "USING fts5vocab(main, search_fts, 'row')"
                )
                cursor.execute(
                    "INSERT INTO search_lexiconstem (stem, doc_count) "
                    "SELECT term, doc FROM temp.search_fts_terms"
                )
