"""Suggestions as you type (/recherche/suggestions/?q=coo): page titles first, then frequent words.

The last word of the query is a prefix, the words before it are complete. Both are folded
(case and accents), so "Coo", "coo" and "côo" suggest the same. The lexicon (search/lexicon.py)
gives the words that start with the prefix, most frequent first, and their stems; the titles
are those of the pages whose title holds one of these stems and every complete word, newest
first, read from the title index (PostgreSQL `title_vector`, SQLite FTS5 `title` column): five
titles at most, then words, then more titles if the words leave room. Both are read by the
engine (`prefix_words()`, `title_ids()`, with their SQL in search/engines/); an engine without
a lexicon (Wagtail's backends) suggests nothing.
"""

from dataclasses import dataclass

from django.db import connection
from wagtail.models import Page

from search.engines import engine
from search.french import STOP_WORDS, fold

LIMIT = 8
MAX_TITLES = 5
MIN_PREFIX = 2
PREFIX_STEMS = 30  # the prefix's most frequent stems looked for in titles


@dataclass(frozen=True)
class Suggestion:
    label: str
    url: str = ""  # a page's address; empty for a word

    def as_json(self) -> dict:
        return {"label": self.label, "url": self.url} if self.url else {"label": self.label}


def suggestions(query: str, site_root_path: str, request=None) -> list[Suggestion]:
    folded = fold(query)
    search_engine = engine()
    if not search_engine.has_lexicon:
        return []
    words = "".join(char if char.isalnum() else " " for char in folded).split()
    if not words or len(words[-1]) < MIN_PREFIX:
        return []
    prefix, complete = words[-1], " ".join(words[:-1])
    with connection.cursor() as cursor:
        found = search_engine.prefix_words(cursor, prefix, PREFIX_STEMS * 3)
        stems = list(dict.fromkeys(stem for _word, stem in found))[:PREFIX_STEMS]
        title_ids = search_engine.title_ids(cursor, stems, complete, site_root_path, LIMIT) if stems else []
    pages = Page.objects.filter(pk__in=title_ids).only("id", "title", "url_path", "path", "depth").in_bulk()
    titles = [Suggestion(pages[pk].title, pages[pk].get_url(request)) for pk in title_ids if pk in pages]
    result = titles[:MAX_TITLES]
    lead = query[: len(query) - len(query.split()[-1])] if complete else ""
    seen = {suggestion.label.casefold() for suggestion in result}
    for word, _stem in found:
        if len(result) >= LIMIT:
            break
        if word in STOP_WORDS:
            continue
        label = lead + word
        if label.casefold() not in seen:
            seen.add(label.casefold())
            result.append(Suggestion(label))
    # Titles first; more of them when the words do not fill the list.
    more = titles[MAX_TITLES : MAX_TITLES + LIMIT - len(result)]
    return (result[:MAX_TITLES] + more + result[MAX_TITLES:])[:LIMIT]
