"""Suggestions as you type (/recherche/suggestions/?q=coo): page titles first, then frequent words.

The last word of the query is a prefix, the words before it are complete. Both are folded
(case and accents), so "Coo", "coo" and "côo" suggest the same. The lexicon (search/lexicon.py)
gives the words that start with the prefix, most frequent first, and their stems; the titles
are those of the pages whose title holds one of these stems and every complete word, newest
first, read from the title index (PostgreSQL `title_vector`, SQLite FTS5 `title` column): five
titles at most, then words, then more titles if the words leave room.
"""

from dataclasses import dataclass

from django.db import connection
from wagtail.models import Page

from search.french import STOP_WORDS, fold, terms

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


def _prefix_words(cursor, prefix: str) -> list[tuple[str, str]]:
    """(shown word, stem) of the lexicon's words starting with `prefix`, most frequent first."""
    if connection.vendor == "postgresql":
        condition, args = (
            "w.folded LIKE %s",
            [prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
        )
    else:
        condition, args = "w.folded >= %s AND w.folded < %s", [prefix, prefix + "\U0010ffff"]
    cursor.execute(
        "SELECT w.word, w.stem FROM search_lexiconword w JOIN search_lexiconstem s ON s.stem = w.stem "  # noqa: S608
        f"WHERE {condition} AND s.doc_count > 0 "  # nosec B608 (constant fragments)
        "ORDER BY s.doc_count DESC, w.length, w.folded LIMIT %s",
        [*args, PREFIX_STEMS * 3],
    )
    return cursor.fetchall()


def _quoted(stem: str) -> str:
    return "'" + stem.replace("\\", "\\\\").replace("'", "''") + "'"


def _title_ids(cursor, stems: list[str], complete: str, site_root_path: str) -> list[int]:
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT d.page_id FROM search_searchdocument d "
            "WHERE d.title_vector @@ (%s::tsquery && plainto_tsquery('occe_french', %s)) AND d.path LIKE %s "
            "ORDER BY d.date DESC, d.page_id DESC LIMIT %s",
            [" | ".join(_quoted(stem) for stem in stems), complete, f"{site_root_path}%", LIMIT],
        )
    else:
        required = "".join(f' AND "{term}"' for term in terms(complete))
        match = "{title} : ((" + " OR ".join(f'"{stem}"' for stem in stems) + ")" + required + ")"
        cursor.execute(
            "SELECT d.page_id FROM search_fts JOIN search_searchdocument d ON d.page_id = search_fts.rowid "
            "WHERE search_fts MATCH %s AND d.path LIKE %s ORDER BY d.date DESC, d.page_id DESC LIMIT %s",
            [match, f"{site_root_path}%", LIMIT],
        )
    return [row[0] for row in cursor.fetchall()]


def suggestions(query: str, site_root_path: str, request=None) -> list[Suggestion]:
    folded = fold(query)
    if connection.vendor not in ("postgresql", "sqlite"):
        return []
    words = "".join(char if char.isalnum() else " " for char in folded).split()
    if not words or len(words[-1]) < MIN_PREFIX:
        return []
    prefix, complete = words[-1], " ".join(words[:-1])
    with connection.cursor() as cursor:
        found = _prefix_words(cursor, prefix)
        stems = list(dict.fromkeys(stem for _word, stem in found))[:PREFIX_STEMS]
        title_ids = _title_ids(cursor, stems, complete, site_root_path) if stems else []
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
