"""What every search engine offers, and the part the two document-table engines share.

An engine reads (`search()`, then `cards()` for the page of results) and writes (the
signal handlers and `rebuild_search_documents` call `update_page()`, `update_subtree()`,
`delete()` and `rebuild()`). The engine that reads is the engine that writes: see
`search.engines.engine()`. The document-table engines also keep the lexicon
(search/lexicon.py, `has_lexicon`): each runs its database's part of it, read by the
corrections and the suggestions as you type (`prefix_words()` … `close_words()`).
"""

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, PageViewRestriction, Site

from content.site_cache import all_sites
from search.documents import SEARCHABLE_MODELS, PageText, page_text
from search.lexicon import ALL_PAGES, STEM_TYPE_TABLE, Lexicon
from search.models import SearchDocument
from search.request import SearchRequest, search_types

MAX_BODY_CHARS = 200_000  # beyond this, more text adds nothing a visitor would search for
# The lexicon's counts per type (search/lexicon.py) of one stem, or of every page (ALL_PAGES).
STORED_COUNTS = f"SELECT content_type_id, doc_count FROM {STEM_TYPE_TABLE} WHERE stem = %s AND doc_count > 0"  # noqa: S608  # nosec B608


def document_row(text: PageText) -> tuple:
    """The document table's columns for one page, in the order of each engine's UPSERT_DOCUMENT."""
    return (
        text.page_id,
        text.content_type_id,
        text.path,
        text.title[:255],
        text.summary,
        text.body[:MAX_BODY_CHARS],
        text.date,
    )


# Excerpts: the engines wrap the matched words in these sentinels (characters no page text
# keeps: `marked()` and the SQL strip them from the text first); `excerpt_html()` escapes the
# whole text, then turns them into <mark> and </mark>.
START, STOP = "\x02", "\x03"
EXCERPT_MIN, EXCERPT_MAX = 160, 240
ELLIPSIS = "…"
_WORD = re.compile(r"\w+")


def without_sentinels(text: str) -> str:
    return text.replace(START, "").replace(STOP, "")


def excerpt_html(marked_text: str) -> SafeString:
    """The only way to markup from a text: escaped whole, then the sentinels made <mark>."""
    html = escape(marked_text).replace(START, "<mark>").replace(STOP, "</mark>")
    # Escaped above; the only markup added is <mark> and </mark>.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def marked(text: str, is_match: Callable[[str], bool]) -> str:
    """`text` with each word for which `is_match` is true between the sentinels."""
    text = without_sentinels(text)
    return _WORD.sub(lambda m: f"{START}{m.group()}{STOP}" if is_match(m.group()) else m.group(), text)


def cut(text: str, around: int = 0) -> str:
    """About EXCERPT_MIN to EXCERPT_MAX characters of `text` around position `around`, cut at
    word boundaries, with "…" where text was left out."""
    text = " ".join(text.split())  # line breaks of the body read as spaces
    if len(text) <= EXCERPT_MAX:
        return text
    start = max(0, min(around - 60, len(text) - EXCERPT_MAX))
    if start:  # forward to the next word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < around else start
    end = start + EXCERPT_MAX
    if end < len(text):  # back to the end of the last whole word
        space = text.rfind(" ", start + EXCERPT_MIN, end + 1)
        end = space if space > 0 else end
    return (ELLIPSIS if start else "") + text[start:end].strip() + (ELLIPSIS if end < len(text) else "")


def fitted(fragment: str, *, before: bool, after: bool) -> str:
    """A fragment (with sentinels) brought within the excerpt's length, with "…" where the
    text goes on `before` or `after` it."""
    fragment = " ".join(fragment.split())
    if len(without_sentinels(fragment)) > EXCERPT_MAX:
        fragment = cut(fragment, max(fragment.find(START), 0))
        before, after = before or fragment.startswith(ELLIPSIS), after or fragment.endswith(ELLIPSIS)
        fragment = fragment.strip(ELLIPSIS)
    return (ELLIPSIS if before else "") + fragment + (ELLIPSIS if after else "")


@dataclass
class SearchOutcome:
    counts: dict[int, int]  # content type id → number of matching pages
    page_ids: list[int] = field(default_factory=list)


def card_labels() -> dict[int, str]:
    """Content type id → the label a result card shows."""
    return {each.content_type_id: each.card_label for each in search_types()}


def chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Engine:
    """The interface. Writing does nothing by default: a backend that keeps its own index
    (Wagtail's, see search/engines/wagtail.py) needs nothing from this app."""

    # Whether the engine keeps the lexicon (search/lexicon.py) that the corrections and the
    # suggestions as you type read: without it, there are none.
    has_lexicon = False

    def search(
        self,
        search: SearchRequest,
        *,
        site_root_path: str,
        exclude_ids: Sequence[int] = (),
        counts: bool = True,
    ) -> SearchOutcome:
        """Counts per type (every type) and the ids of the requested page of results, among
        the pages under `site_root_path`, without `exclude_ids` (the promoted pages). Without
        `counts`, the page of results only (its counts left empty): the last page, asked
        again when the visitor's page number was past it."""
        raise NotImplementedError

    def cards(self, page_ids: list[int], query: str = "") -> list[Page]:
        """The result pages, in result order, each carrying `summary`, `listing_date` and
        `type_label` for its card; for a query, also `title_html` and `excerpt` (safe HTML:
        the title and an excerpt of the text where the words were found, the matched words
        in <mark>), when the engine makes them."""
        raise NotImplementedError

    def update_page(self, page) -> None:
        """Add, refresh or drop one page, as its state requires."""

    def update_subtree(self, root) -> None:
        """Re-examine a page and all its descendants (after a move or a change of restriction)."""

    def delete(self, page_ids: list[int]) -> None:
        """Drop these pages from the search."""

    def write(self, texts: list[PageText]) -> None:
        """Store these pages' texts (pages already known to belong in the search)."""

    def rebuild(self, chunk_size: int = 500, progress=None) -> int | None:
        """Index every page that belongs, from scratch; the number of documents, or None
        when the engine keeps no index of its own."""
        return None


class DocumentEngine(Engine):
    """The engines that keep one row per searchable page in `SearchDocument` (search/models.py)
    plus their own text-search data, written by `write()`."""

    # --- which pages belong in the search ----------------------------------------------

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

    # --- reading -------------------------------------------------------------------------

    def cards(self, page_ids, query=""):
        """In one query: each result is a plain `Page` (enough for its URL) carrying what its
        card shows, read from its search document. Loading the specific pages would cost one
        more query per type among the results. For a query, one more: the excerpts."""
        labels = card_labels()
        documents = (
            SearchDocument.objects.filter(page_id__in=page_ids).defer("body").select_related("page").in_bulk()
        )
        highlights = self.highlights(query, [pk for pk in page_ids if pk in documents]) if query else {}
        results = []
        for pk in page_ids:
            if pk in documents:
                document = documents[pk]
                page = document.page
                page.summary, page.listing_date = document.summary, document.date
                page.type_label = labels.get(document.content_type_id, "Page")
                if pk in highlights:
                    title, excerpt = highlights[pk]
                    page.title_html, page.excerpt = excerpt_html(title), excerpt_html(excerpt)
                results.append(page)
        return results

    def highlights(self, query: str, page_ids: list[int]) -> dict[int, tuple[str, str]]:
        """Page id → (title, excerpt), the matched words between the sentinels START and STOP:
        the excerpt from the summary when the words are found there, else from the body."""
        raise NotImplementedError

    # --- writing -------------------------------------------------------------------------
    # `write()` and `delete()` keep the lexicon (search/lexicon.py) in step with what the
    # engine's `store()` and `remove()` change; a staging engine (a rebuild) adds words only,
    # and the counts are taken afresh from the index swapped in.

    is_live = True
    has_lexicon = True

    @property
    def lexicon(self) -> Lexicon:
        return Lexicon(self)

    def write(self, texts):
        page_ids = [text.page_id for text in texts]
        strings = (part for text in texts for part in (text.title, text.summary, text.body[:MAX_BODY_CHARS]))
        with self.lexicon.tracking(page_ids, strings, count=self.is_live):
            self.store(texts)

    def delete(self, page_ids):
        with self.lexicon.tracking(list(page_ids), count=self.is_live):
            self.remove(page_ids)

    def store(self, texts: list[PageText]) -> None:
        raise NotImplementedError

    def remove(self, page_ids: list[int]) -> None:
        raise NotImplementedError

    def indexed_stems(self, page_ids: list[int]) -> dict[int, tuple[int, set[str]]]:
        """Each of `page_ids` the index holds: its content type id and its stems."""
        raise NotImplementedError

    # --- counting from the lexicon ---------------------------------------------------------
    # A one-word query, a query of one negated word and a browse are counted from the lexicon's
    # counts per type (search/lexicon.py), kept with the index, rather than by reading every
    # page that holds the word: when every document is the site's (no other site outside its
    # root), less the promoted pages (`exclude_ids`) that match.

    @staticmethod
    def holds_only(site_root_path: str) -> bool:
        """Whether every document lies under `site_root_path`: documents exist only under a
        site's root, and every site's root lies under this one."""
        return all(site.root_page.path.startswith(site_root_path) for site in all_sites())

    @staticmethod
    def stored_counts(cursor, stem: str = ALL_PAGES) -> dict[int, int]:
        """Content type id → the number of documents that hold `stem` (ALL_PAGES: every one)."""
        cursor.execute(STORED_COUNTS, [stem])
        return dict(cursor.fetchall())

    # --- the lexicon: what depends on the database -----------------------------------------
    # The lexicon's tables (search/lexicon.py) are read and written with the connection's
    # cursor given; words are folded (no case, no accents), as `search.french.fold` makes them.

    def insert_words(self, cursor, new_words: dict[str, str]) -> None:
        """Add words not yet in the lexicon (folded → shown form), each with its stem as the
        index makes it."""
        raise NotImplementedError

    def recount_stems_by_type(self, cursor) -> None:
        """Fill the emptied table of counts per type with every stem of the live index and,
        for each type, the number of documents that hold it; and with the number of documents
        of each type (the stem ALL_PAGES)."""
        raise NotImplementedError

    def prefix_words(self, cursor, prefix: str, limit: int) -> list[tuple[str, str]]:
        """(shown word, stem) of at most `limit` words starting with `prefix` whose stem some
        page holds: the most frequent stems first, then the shortest words, then alphabetical."""
        raise NotImplementedError

    def title_ids(
        self, cursor, stems: list[str], complete: str, site_root_path: str, limit: int
    ) -> list[int]:
        """The ids of at most `limit` pages under `site_root_path`, newest first, whose title
        holds one of `stems` and every word of `complete` (a text, analysed by the engine)."""
        raise NotImplementedError

    def stem_count(self, cursor, folded: str) -> int:
        """How many pages hold the stem of the word `folded`, as the index would stem it."""
        raise NotImplementedError

    def close_words(self, cursor, folded: str, limit: int, spread: int) -> list[tuple[str, str, str, int]]:
        """(folded, shown word, stem, document count) of the words most alike `folded` by
        trigrams, whose stem some page holds. `limit` bounds how many are looked at; `spread`,
        the largest edit distance the caller accepts, may narrow them by length."""
        raise NotImplementedError

    def update_page(self, page):
        self.update_pages([page.specific])

    def update_pages(self, pages: Iterable, site_paths=None, restricted=None) -> None:
        """Add, refresh or drop each page; the sites' and restrictions' paths are read once
        unless the caller already has them."""
        if site_paths is None:
            site_paths, restricted = self._site_root_paths(), self._restricted_paths()
        keep, drop = [], []
        for page in pages:
            (keep if self._belongs(page, site_paths, restricted) else drop).append(page)
        with transaction.atomic():
            if drop:
                self.delete([page.pk for page in drop])
            if keep:
                self.write([page_text(page) for page in keep])

    def update_subtree(self, root):
        site_paths, restricted = self._site_root_paths(), self._restricted_paths()
        pages = Page.objects.descendant_of(root, inclusive=True).specific().iterator(chunk_size=500)
        for chunk in chunks(pages, 500):
            self.update_pages(chunk, site_paths, restricted)

    # --- rebuilding ------------------------------------------------------------------------
    # Into staging tables (`staging()` gives an engine that writes there), then swapped in by
    # `swap()` in one transaction: searches see the full old index until the new one replaces it.

    def staging(self) -> "DocumentEngine":
        raise NotImplementedError

    def indexed_paths(self) -> dict[int, str]:
        """Page id → path, for every document of this engine's tables."""
        raise NotImplementedError

    def lock(self) -> None:
        """Hold back writers of the live tables (not readers) until the transaction ends, so
        that a change made while the swap is prepared waits for it and lands in the new tables."""

    def swap(self, staging: "DocumentEngine") -> None:
        """Replace the live tables by the staging ones (inside the caller's transaction)."""
        raise NotImplementedError

    def drop(self) -> None:
        """Drop a staging engine's tables (a rebuild that failed)."""
        raise NotImplementedError

    def finish(self) -> None:
        """What a staging engine does once filled, before the swap."""

    def fill(self, chunk_size=500, progress=None) -> int:
        """Write every page that belongs; the number of documents written."""
        site_paths, restricted = self._site_root_paths(), self._restricted_paths()
        total = 0
        for model in SEARCHABLE_MODELS:
            queryset = (
                model.objects.live()
                .order_by("path")
                .prefetch_related("themes")
                .iterator(chunk_size=chunk_size)
            )
            for chunk in chunks(queryset, chunk_size):
                texts = [page_text(page) for page in chunk if self._belongs(page, site_paths, restricted)]
                with transaction.atomic():
                    self.write(texts)
                total += len(texts)
                if progress:
                    progress(len(chunk))
        return total

    def recheck(self, since) -> int:
        """Bring the documents up to what the page tree says now, for what may have changed
        while they were written: a page made private, unpublished, deleted or moved is
        dropped or re-read; a page published since `since` is (re)written. The number of
        documents afterwards."""
        site_paths, restricted = self._site_root_paths(), self._restricted_paths()
        indexed = self.indexed_paths()
        drop, reread = set(indexed), []
        pages = Page.objects.values_list("pk", "path", "live", "last_published_at").iterator(chunk_size=2000)
        for pk, path, live, published in pages:
            recent = published is not None and published >= since
            if pk not in indexed:
                if recent and live:
                    reread.append(pk)
                continue
            belongs = (
                live
                and any(path.startswith(root) for root in site_paths)
                and not any(path.startswith(private) for private in restricted)
            )
            if belongs:
                drop.discard(pk)
                if recent or path != indexed[pk]:
                    reread.append(pk)
        if drop:
            self.delete(list(drop))
        for chunk in chunks(reread, 500):
            self.update_pages(Page.objects.filter(pk__in=chunk).specific(), site_paths, restricted)
        return len(self.indexed_paths())

    def rebuild(self, chunk_size=500, progress=None):
        """Build a whole new index beside the live one, then swap it in, in one transaction
        that first re-checks privacy: searches keep full results during the build, and a
        page made private meanwhile does not come back."""
        started = timezone.now()
        staging = self.staging()
        try:
            staging.fill(chunk_size, progress)
            staging.finish()
            with transaction.atomic():
                self.lock()
                total = staging.recheck(since=started)
                self.swap(staging)
                self.lexicon.recount()
        except BaseException:
            staging.drop()
            raise
        return total
