"""« Vouliez-vous dire … ? »: a query respelled with the site's own words (search/lexicon.py).

Each word of the query is looked at on its own. A word is replaced when the index holds its
stem in no page, or in far fewer pages than a close word (`RARER`): the close words are those
of the lexicon that share trigrams with it (pg_trgm on PostgreSQL, the trigram table on SQLite),
at an edit distance of 1 for a word of up to 4 letters, 2 beyond; the nearest wins, the most
frequent among equally near ones. Quotes, minus signs and the words kept stay as the visitor typed them.
The engine reads the stems' counts and the close words (`stem_count()`, `close_words()`, with
their SQL in search/engines/); an engine without a lexicon (Wagtail's backends) corrects nothing.
"""

import re
from dataclasses import dataclass

from django.db import connection

from search.engines import engine
from search.french import STOP_WORDS, fold
from search.lexicon import MIN_LENGTH, STEM_TABLE

RARER = 20  # a close word found in 20 times more pages replaces a word found in few
CANDIDATES = 30
_WORD = re.compile(r"\w+")
LARGEST_COUNT = f"SELECT coalesce(max(doc_count), 0) FROM {STEM_TABLE}"  # noqa: S608  # nosec B608


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


def _largest_count(cursor) -> int:
    cursor.execute(LARGEST_COUNT)
    return cursor.fetchone()[0]


def correct_word(search_engine, cursor, word: str, largest: int) -> str | None:
    """The word to offer instead of `word`, or None to keep it. `largest`: the most pages any
    stem is found in (a word found in more than `largest / RARER` pages is never replaced)."""
    folded = fold(word)
    if len(folded) < MIN_LENGTH or not folded.isalpha() or folded in STOP_WORDS:
        return None
    found_in = search_engine.stem_count(cursor, folded)
    if found_in * RARER > largest:
        return None
    limit = max_distance(folded)
    candidates = [Candidate(*row) for row in search_engine.close_words(cursor, folded, CANDIDATES, limit)]
    close = [
        (candidate, distance)
        for candidate in candidates
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
    search_engine = engine()
    if not search_engine.has_lexicon or not query:
        return None
    changed = False
    with connection.cursor() as cursor:
        largest = _largest_count(cursor)

        def replace(match):
            nonlocal changed
            correction = correct_word(search_engine, cursor, match.group(0), largest)
            if correction is None:
                return match.group(0)
            changed = True
            return correction

        corrected = _WORD.sub(replace, query)
    return corrected if changed else None
