"""The search's parameters, validated: every bad value gets a sensible default, never an error page."""

from django import forms

from content.models import CONTENT_PAGE_TYPES
from content.pagination import parse_page_number
from search.engines import DATE, RELEVANCE

MAX_QUERY_LENGTH = 200


class QueryField(forms.CharField):
    """Free text: NUL bytes and other control characters removed, spaces folded, cut to 200."""

    def to_python(self, value):
        value = super().to_python(value)
        cleaned = "".join(char if char.isprintable() else " " for char in value)
        return " ".join(cleaned.split())


class SearchForm(forms.Form):
    q = QueryField(label="Rechercher", required=False, strip=True)
    type = QueryField(required=False)
    tri = QueryField(required=False)
    page = QueryField(required=False)

    TYPE_SLUGS = {model.facet_slug for model in CONTENT_PAGE_TYPES}

    def clean_q(self):
        query = self.cleaned_data["q"]
        self.query_was_truncated = len(query) > MAX_QUERY_LENGTH
        return query[:MAX_QUERY_LENGTH].strip()

    def clean_type(self):
        value = self.cleaned_data["type"]
        return value if value in self.TYPE_SLUGS else ""

    def clean_tri(self):
        return DATE if self.cleaned_data["tri"] == DATE else RELEVANCE

    def clean_page(self):
        return parse_page_number(self.cleaned_data["page"] or 1)

    DEFAULTS = {"q": "", "type": "", "tri": RELEVANCE, "page": 1}

    def search_parameters(self) -> dict:
        """The cleaned parameters, each field that could not be read replaced by its default."""
        self.is_valid()
        self.query_was_truncated = getattr(self, "query_was_truncated", False)
        return {name: self.cleaned_data.get(name, default) for name, default in self.DEFAULTS.items()}
