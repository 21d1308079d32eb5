"""The search a visitor asked for, as one value, and the page types it can be narrowed to.

`SearchForm.search_request()` (search/forms.py) makes a `SearchRequest` from the query
string; the view hands it whole to `search_results()` (search/results.py), which hands it
whole to the engine (search/engines/). Each part keeps its name from end to end.
"""

from dataclasses import dataclass
from typing import ClassVar

from django.contrib.contenttypes.models import ContentType

from content.models import CONTENT_PAGE_TYPES

RELEVANCE = "pertinence"
DATE = "date"
MAX_QUERY_LENGTH = 200  # characters; a longer query is cut, and the visitor told
PER_PAGE = 20
MAX_PAGE = 100_000  # far past any real listing; keeps SQL offsets in range


@dataclass(frozen=True)
class SearchType:
    """A page type the search can be narrowed to (a facet), with its content type."""

    model: type
    content_type_id: int

    @property
    def slug(self) -> str:
        return self.model.facet_slug

    @property
    def label(self) -> str:
        return self.model.facet_label

    @property
    def card_label(self) -> str:
        return self.model.type_label


def search_types() -> tuple[SearchType, ...]:
    """Every searchable type, in the order of the facets. The one place that resolves their
    content types (from Django's cache after the first request)."""
    content_types = ContentType.objects.get_for_models(*CONTENT_PAGE_TYPES)
    return tuple(SearchType(model, content_types[model].pk) for model in CONTENT_PAGE_TYPES)


def search_type(slug: str) -> SearchType | None:
    return next((each for each in search_types() if each.slug == slug), None)


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    type: SearchType | None = None  # None: every type
    order: str = RELEVANCE
    page: int = 1
    query_was_cut: bool = False  # the visitor typed more than MAX_QUERY_LENGTH characters
    per_page: int = PER_PAGE
    max_query_length: ClassVar[int] = MAX_QUERY_LENGTH  # for the template

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def content_type_id(self) -> int | None:
        return self.type.content_type_id if self.type else None
