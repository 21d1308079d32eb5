"""« Vouliez-vous dire … ? »: a query respelled with the site's own words (search/lexicon.py).

Each word of the query is looked at on its own. A word is replaced when the index holds its
stem in no page, or in far fewer pages than a close word (`RARER`): the close words are those
of the lexicon that share trigrams with it (pg_trgm on PostgreSQL, the trigram table on SQLite),
at an edit distance of 1 for a word of up to 4 letters, 2 beyond; the nearest wins, the most
frequent among equally near ones. Quotes, minus signs and the words kept stay as the visitor typed them.
"""

import re
from dataclasses import dataclass

from django.db import connection

from search.french import STOP_WORDS, fold, stem
from search.lexicon import MIN_LENGTH, trigrams

RARER = 20  # a close word found in 20 times more pages replaces a word found in few
CANDIDATES = 30
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Candidate:
    folded: str
    word: str
    stem: str
    doc_count: int


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, a swap of two neighbours counting as one edit."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def max_distance(folded: str) -> int:
    return 1 if len(folded) <= 4 else 2


def _stem_count(cursor, folded: str) -> int:
    """How many pages hold the word's stem, as the index would stem it."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT coalesce(max(s.doc_count), 0) FROM search_lexiconstem s "
            "WHERE s.stem = (tsvector_to_array(to_tsvector('occe_french', %s)))[1]",
            [folded],
        )
    else:
        cursor.execute(
            "SELECT coalesce(max(doc_count), 0) FROM search_lexiconstem WHERE stem = %s", [stem(folded)]
        )
    return cursor.fetchone()[0]


def _close_words(cursor, folded: str) -> list[Candidate]:
    """The lexicon's words most alike `folded` by trigrams, held by at least one page."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT w.folded, w.word, w.stem, s.doc_count FROM search_lexiconword w "
            "JOIN search_lexiconstem s ON s.stem = w.stem "
            "WHERE w.folded %% %s AND s.doc_count > 0 "
            "ORDER BY similarity(w.folded, %s) DESC, s.doc_count DESC LIMIT %s",
            [folded, folded, CANDIDATES],
        )
    else:
        grams = sorted(trigrams(folded))
        spread = max_distance(folded)
        cursor.execute(
            "SELECT w.folded, w.word, w.stem, s.doc_count FROM ("  # noqa: S608
            "  SELECT folded, count(*) AS shared FROM search_lexicontrigram"
            f"  WHERE trigram IN ({', '.join(['%s'] * len(grams))}) AND length BETWEEN %s AND %s"
            "  GROUP BY folded ORDER BY shared DESC LIMIT %s"
            ") t JOIN search_lexiconword w ON w.folded = t.folded "
            "JOIN search_lexiconstem s ON s.stem = w.stem WHERE s.doc_count > 0",  # nosec B608
            [*grams, len(folded) - spread, len(folded) + spread, CANDIDATES * 4],
        )
    return [Candidate(*row) for row in cursor.fetchall()]


def _largest_count(cursor) -> int:
    cursor.execute("SELECT coalesce(max(doc_count), 0) FROM search_lexiconstem")
    return cursor.fetchone()[0]


def correct_word(cursor, word: str, largest: int) -> str | None:
    """The word to offer instead of `word`, or None to keep it. `largest`: the most pages any
    stem is found in (a word found in more than `largest / RARER` pages is never replaced)."""
    folded = fold(word)
    if len(folded) < MIN_LENGTH or not folded.isalpha() or folded in STOP_WORDS:
        return None
    found_in = _stem_count(cursor, folded)
    if found_in * RARER > largest:
        return None
    limit = max_distance(folded)
    close = [
        (candidate, distance)
        for candidate in _close_words(cursor, folded)
        if candidate.folded != folded
        and (distance := edit_distance(folded, candidate.folded)) <= limit
        and candidate.doc_count >= max(1, RARER * found_in)
    ]
    if not close:
        return None
    best, _distance = min(close, key=lambda pair: (pair[1], -pair[0].doc_count, pair[0].folded))
    return best.word


def suggest_correction(query: str) -> str | None:
    """The query with its misspelled words replaced, or None when every word stands."""
    if connection.vendor not in ("postgresql", "sqlite") or not query:
        return None
    changed = False
    with connection.cursor() as cursor:
        largest = _largest_count(cursor)

        def replace(match):
            nonlocal changed
            correction = correct_word(cursor, match.group(0), largest)
            if correction is None:
                return match.group(0)
            changed = True
            return correction

        corrected = _WORD.sub(replace, query)
    return corrected if changed else None
