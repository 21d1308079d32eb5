"""The search's parameters, validated: every bad value gets a sensible default, never an error page."""

from django import forms

from content.pagination import parse_page_number
from search.request import DATE, MAX_PAGE, MAX_QUERY_LENGTH, RELEVANCE, SearchRequest, search_type


class QueryField(forms.CharField):
    """Free text from the query string: NUL bytes and other control characters removed,
    spaces folded. (Cutting to a length is the form's business: it tells the visitor.)"""

    def to_python(self, value):
        value = super().to_python(value)
        cleaned = "".join(char if char.isprintable() else " " for char in value)
        return " ".join(cleaned.split())


class SearchForm(forms.Form):
    """`?q=…&type=…&tri=…&page=…`: the names a visitor sees in the address bar."""

    q = QueryField(label="Rechercher", required=False, strip=True)
    type = QueryField(required=False)
    tri = QueryField(required=False)
    page = QueryField(required=False)

    def search_request(self) -> SearchRequest:
        """The one value the view hands on; a field that cannot be read keeps its default."""
        self.is_valid()
        data = self.cleaned_data
        query = data.get("q", "")
        return SearchRequest(
            query=query[:MAX_QUERY_LENGTH].strip(),
            query_was_cut=len(query) > MAX_QUERY_LENGTH,
            type=search_type(data.get("type", "")),
            order=DATE if data.get("tri") == DATE else RELEVANCE,
            page=min(parse_page_number(data.get("page") or 1), MAX_PAGE),
        )
